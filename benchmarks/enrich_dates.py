"""Date resolution, clickbait AUC and the speed of the Chinese enrichment steps.

    python benchmarks/enrich_dates.py [--markdown OUT]

* Seeds: every gold event of `../shared/seeds/*.gold.json` found with its gold date or
  span (from the gold body, publish time and page time), and the past-tense events
  dated after the reference (must be 0).
* Annotated expressions: `data/time_expressions.tsv`, sentences from the shared
  extraction sets with their page's date as reference; an expected value counts when
  the resolver returns it; values it returns that are not expected are counted too.
* Clickbait: ROC AUC on `data/clickbait_labels.tsv`, tuning half and held-out half
  (split by a hash of the headline, as `docs/clickbait.md` says).
* Speed: characters per second of CPU time of each step on the cnews articles; the
  entity recogniser (a separate step) is left out: its entities are passed in empty.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
sys.path.insert(0, str(REPO / "src"))

from newsdesk.article import Article  # noqa: E402
from newsdesk.enrich import channel, clickbait, keywords, language, summary  # noqa: E402
from newsdesk.enrich.events import find_events, reference_date, resolve_times  # noqa: E402
from newsdesk.enrich.timex import find_expressions  # noqa: E402
from newsdesk.text import normal  # noqa: E402


def seed_events() -> dict[str, object]:
    found = total = violations = 0
    for path in sorted((SHARED / "seeds").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = Article(
            id=path.stem,
            origin=path.name,
            title=gold["title"],
            body=gold["body"],
            published=datetime.fromisoformat(gold["published"]) if gold["published"] else None,
            page_time=datetime.fromisoformat(gold["page_time"]) if gold["page_time"] else None,
        )
        events = find_events(article)
        dates = {e.value for e in events}
        ref = reference_date(article).day
        total += len(gold["events"])
        found += sum(e["date"] in dates for e in gold["events"])
        violations += sum(
            1
            for e in events
            if e.tense == "past" and e.end and ref and date.fromisoformat(e.end) > ref
        )
    return {"found": found, "total": total, "past_after_reference": violations}


def annotated() -> dict[str, object]:
    expected = hits = extra = 0
    misses: list[str] = []
    for line in (REPO / "data" / "time_expressions.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        ref, text, values, _ = line.split("\t")
        want = [v.strip() for v in values.split("|")]
        got = [e.value for e in find_expressions(text, date.fromisoformat(ref), near_future=True)]
        expected += len(want)
        hits += sum(w in got for w in want)
        extra += sum(g not in want for g in got)
        misses += [f"{w} in {text[:30]}… got {got}" for w in want if w not in got]
    return {"hits": hits, "expected": expected, "extra": extra, "misses": misses}


def clickbait_auc() -> dict[str, float]:
    from sklearn.metrics import roc_auc_score

    rows = [
        line.rsplit("\t", 1)
        for line in (REPO / "data" / "clickbait_labels.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    halves: dict[str, list[tuple[str, int]]] = {"tuning": [], "heldout": []}
    for headline, label in rows:
        half = "heldout" if hashlib.sha1(headline.encode()).digest()[0] % 2 else "tuning"
        halves[half].append((headline, int(label)))
    return {
        name: roc_auc_score([y for _, y in r], [clickbait.score(h) for h, _ in r])
        for name, r in halves.items()
    }


def speed() -> dict[str, float]:
    """Characters per second of each step over the cnews articles (after warm-up)."""
    lines = (DATA / "cnews" / "articles.txt").read_text(encoding="utf-8").splitlines()
    texts = [line.partition("\t")[2] for line in lines]
    articles = [Article(id=str(i), origin=str(i), body=[t]) for i, t in enumerate(texts)]
    chars = sum(map(len, texts))
    steps: dict[str, Callable[[int], object]] = {
        "language": lambda i: language.detect(texts[i]),
        "normalize": lambda i: normal.normal_form(texts[i]),
        "timex": lambda i: resolve_times(texts[i], reference_date(articles[i])),
        "events": lambda i: find_events(articles[i], entities=[]),
        "keywords": lambda i: keywords.keywords(texts[i], entities=[]),
        "summary": lambda i: summary.summarize(texts[i], entities=[]),
        "channel": lambda i: channel.classify(texts[i][:40], texts[i]),
        "clickbait (title)": lambda i: clickbait.score(texts[i][:40]),
    }
    for step in steps.values():  # load models, dictionaries, caches
        step(0)
    out: dict[str, float] = {}
    for name, step in steps.items():
        keywords.segment.cache_clear()
        started = time.process_time()
        for i in range(len(texts)):
            step(i)
        out[name] = chars / (time.process_time() - started)
    keywords.segment.cache_clear()
    started = time.process_time()
    for i in range(len(texts)):
        for name, step in steps.items():
            if name != "timex":  # events include it
                step(i)
    out["all steps together (one segmentation shared)"] = chars / (time.process_time() - started)
    return out


def markdown(seeds: dict, notes: dict, auc: dict, rates: dict) -> str:
    lines = [
        "| measure | value |",
        "|---|---|",
        f"| seed gold events found with gold date/span | {seeds['found']}/{seeds['total']} |",
        f"| past-tense seed events after the reference | {seeds['past_after_reference']} |",
        f"| annotated expressions resolved | {notes['hits']}/{notes['expected']} "
        f"({notes['hits'] / notes['expected']:.3f}); {notes['extra']} unexpected values |",
        f"| clickbait ROC AUC, tuning half | {auc['tuning']:.3f} |",
        f"| clickbait ROC AUC, held-out half | {auc['heldout']:.3f} |",
        "",
        "| step (cnews articles, one core) | characters/s (CPU time) |",
        "|---|---|",
    ]
    lines += [f"| {name} | {rate:,.0f} |" for name, rate in rates.items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args()
    notes = annotated()
    table = markdown(seed_events(), notes, clickbait_auc(), speed())
    print(table)
    for miss in notes["misses"]:
        print("missed:", miss, file=sys.stderr)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
