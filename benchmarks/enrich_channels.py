"""Channel accuracy per held-out set: the shipped model against a TF-IDF + LinearSVC baseline.

    python benchmarks/enrich_channels.py [--markdown OUT]

The baseline is trained in this run on the same labelled training rows as the shipped
model (`scripts/train_channel.py`: THUCNews titles less the held-out 10%, the TNEWS
train split, cnews less the held-out 30%), with scikit-learn's character 1-3-gram and
word tf-idf and a LinearSVC.  Every set is scored on its own labels mapped into the
taxonomy: "open" lets any of the 18 channels be the answer, "within set" limits the
answer to the channels the set has (a portal whose channel list is known).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "src"))

import train_channel as tc  # noqa: E402

from newsdesk.enrich.channel import MODEL_PATH, ChannelModel  # noqa: E402
from newsdesk.enrich.keywords import cut  # noqa: E402

# Only the start of an article is read, by both systems alike.
ARTICLE_CHARS = 600


def _text(title: str, body: str | None) -> str:
    return f"{title}\n{(body or '')[:ARTICLE_CHARS]}".strip()


def baseline(rows: list[tc.Row]):  # type: ignore[no-untyped-def]
    """TF-IDF (characters 1-3 + words) + LinearSVC on the labelled training rows."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    features = make_union(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2),
        TfidfVectorizer(tokenizer=cut, token_pattern=None, sublinear_tf=True, min_df=2),
    )
    model = make_pipeline(features, LinearSVC(C=0.5))
    model.fit([_text(t, b) for t, b, _ in rows], [c for _, _, c in rows])
    return model


def _restricted(model, texts: list[str], allowed: set[str]) -> list[str]:  # type: ignore[no-untyped-def]
    scores = model.decision_function(texts)
    classes = list(model.classes_)
    mask = np.array([c in allowed for c in classes])
    return [classes[int(i)] for i in np.where(mask, scores, -np.inf).argmax(axis=1)]


def _accuracy(predicted: list[str], gold: list[str]) -> float:
    return float(np.mean([p == g for p, g in zip(predicted, gold, strict=True)]))


def run() -> list[dict[str, object]]:
    sets = tc.heldout_sets()
    started = time.perf_counter()
    base = baseline(tc.training_rows())
    print(f"baseline trained in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    shipped = ChannelModel.load(MODEL_PATH)
    results: list[dict[str, object]] = []
    for name, rows in sets.items():
        gold = [c for _, _, c in rows]
        own = set(gold)
        texts = [_text(t, b) for t, b, _ in rows]
        b_open = base.predict(texts)
        b_within = _restricted(base, texts, own)
        started = time.perf_counter()
        m_open = [shipped.predict(t, b)[0] for t, b, _ in rows]
        ms_per_text = (time.perf_counter() - started) * 1000 / len(rows)
        m_within = [shipped.predict(t, b, channels=own)[0] for t, b, _ in rows]

        results.append(
            {
                "set": name,
                "n": len(rows),
                "model_open": _accuracy(m_open, gold),
                "model_within": _accuracy(m_within, gold),
                "baseline_open": _accuracy(b_open, gold),
                "baseline_within": _accuracy(b_within, gold),
                "ms": ms_per_text,
            }
        )
    return results


def markdown(results: list[dict[str, object]]) -> str:
    lines = [
        "| set (held out) | n | newsdesk open | newsdesk within set | TF-IDF+SVM open | TF-IDF+SVM within set | newsdesk ms/text |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['set']} | {r['n']} | {r['model_open']:.3f} | {r['model_within']:.3f} "
            f"| {r['baseline_open']:.3f} | {r['baseline_within']:.3f} | {r['ms']:.2f} |"
        )
    size = MODEL_PATH.stat().st_size / 1e6
    lines.append("")
    lines.append(
        f"Model file: {size:.1f} MB. Baseline trained in the same run on the same labelled rows. "
        "ms/text: one `predict` call per title or article (first 600 characters of the body "
        "read), one core, model loaded."
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    table = markdown(run())
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
