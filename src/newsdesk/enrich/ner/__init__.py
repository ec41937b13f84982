"""The entity recogniser's parts (`newsdesk.enrich.entities` is its public entry):

- `corpus`: reading the labelled corpora (BIO spans) the model is trained and scored on;
- `features`: segmentation, character classes, gazetteer and cluster features per char;
- `model`: the CRF tagger shipped in `enrich/data/` (trained by `scripts/train_ner.py`);
- `rules`: the rules that add, fix and drop spans around the model.
"""
