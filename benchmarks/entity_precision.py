"""Entity pages as a reader sees them: precision of the listed names on a labelled sample.

    python benchmarks/entity_precision.py [--split tune|held-out|both] [--unlabelled OUT]

The Chinese pages of `../shared/data` are read as the pipeline reads them (HTML pages
through `extract_page`, the seeds as text dumps), and each article's entities are found
and counted as the enrichment step stores them (`mentions`, `tally`), keyed as the store
keys them (`entity_name`, type).  The entity list ranks names by how many articles name
them, as `/api/entities` does.

Two splits, so that the figure is honest: `tune` (cwced, magic_html and the seeds: the
pages the recogniser's rules were tuned on) and `held-out` (daniel's Chinese pages, only
labelled, never used to choose a rule).  Of each split's entity list the sample is the
`TOP` most named entities plus every other entity whose hash of name and type falls in
a fixed fraction (`SAMPLE_PER_MILLE`): a name listed both before and after a change is
sampled in both, so runs of two versions compare on the same names.

Labels (`labels/entities.tsv`) are keyed by name and type and were made by reading the
articles that mention each name: `correct` (a named entity of that type), `wrong-type`
(a named entity of another type, given in `right`) or `junk` (no named entity: a
fragment, a common noun, a word cut in two).  `right` may also hold `=NAME`, the name
the entity should have been counted under (北大 → =北京大学).

Printed per split: sampled names, labelled ones, precision (correct name and type),
junk rate, wrong-type rate, precision of the top `TOP`, and unmerged aliases (sampled
names whose label points at another listed name).  `--unlabelled OUT` writes the
sampled names that have no label yet, with a few contexts each, for labelling.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
DATA = BENCHMARKS.parents[0].parent / "shared" / "data"
SEEDS = DATA.parent / "seeds"
LABELS = BENCHMARKS / "labels" / "entities.tsv"
SPLITS = {"tune": ("cwced", "magic_html", "seeds"), "held-out": ("daniel",)}
TOP = 50
SAMPLE_PER_MILLE = 60
CONTEXT = 18
VERDICTS = ("correct", "wrong-type", "junk")


@dataclass(slots=True)
class Listed:
    """One entity as the entity list shows it, with where it was found."""

    articles: int = 0
    mentions: int = 0
    contexts: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Label:
    verdict: str
    right: str


def pages(folder: str) -> Iterator[tuple[str, str, bytes | str, str | None]]:
    """(id, kind, content, url) of a folder's Chinese pages."""
    if folder == "seeds":
        for path in sorted(SEEDS.glob("*.txt")):
            yield path.stem, "text", path.read_text(encoding="utf-8"), None
        return
    with (DATA / folder / "gold.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            gold = json.loads(line)
            if gold["lang"] == "zh":
                data = (DATA / folder / "html" / f"{gold['id']}.html").read_bytes()
                yield gold["id"], "html", data, gold.get("url")


def article_texts(split: str) -> Iterator[str]:
    """The text each Chinese page of a split gives the enrichment step (title + body)."""
    from newsdesk.article import Page
    from newsdesk.enrich.step import bounded
    from newsdesk.extract import extract_page

    for folder in SPLITS[split]:
        for page_id, kind, content, url in pages(folder):
            if kind == "text":
                page = Page(origin=page_id, kind="text", text=str(content), url=url)
            else:
                page = Page(origin=page_id, kind="html", data=bytes(content), url=url)
            yield bounded(extract_page(page)).text


def entity_list(split: str) -> dict[tuple[str, str], Listed]:
    """(name, type) → how the split's articles name it, keyed as the store keys it."""
    from newsdesk.enrich.entities import mentions
    from newsdesk.enrich.step import tally
    from newsdesk.text.normal import entity_name

    listed: dict[tuple[str, str], Listed] = defaultdict(Listed)
    for text in article_texts(split):
        found = mentions(text)
        counts: Counter[tuple[str, str]] = Counter()
        for entity in tally(found):
            counts[(entity_name(entity.name), entity.type)] += entity.count
        for key, n in counts.items():
            listed[key].articles += 1
            listed[key].mentions += n
        for m in found:
            entry = listed[(entity_name(m.name), m.type)]
            if len(entry.contexts) < 3:
                before = text[max(0, m.start - CONTEXT) : m.start].replace("\n", " ")
                after = text[m.end : m.end + CONTEXT].replace("\n", " ")
                entry.contexts.append(f"{before}[{m.text}]{after}")
    return dict(listed)


def ranked(listed: dict[tuple[str, str], Listed]) -> list[tuple[str, str]]:
    """Most named first, as the entity list orders them."""
    return sorted(listed, key=lambda k: (-listed[k].articles, -listed[k].mentions, k))


def in_sample(key: tuple[str, str]) -> bool:
    digest = hashlib.sha1(f"{key[0]}\t{key[1]}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 1000 < SAMPLE_PER_MILLE


def sample(order: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(top, rest): the `TOP` most named, and the hashed sample of the others."""
    return order[:TOP], [k for k in order[TOP:] if in_sample(k)]


def read_labels(path: Path = LABELS) -> dict[tuple[str, str], Label]:
    labels: dict[tuple[str, str], Label] = {}
    if not path.exists():
        return labels
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, verdict, right, *_ = [*line.split("\t"), "", ""]
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r} for {name}")
        labels[(name, kind)] = Label(verdict, right)
    return labels


def measure(
    listed: dict[tuple[str, str], Listed], labels: dict[tuple[str, str], Label]
) -> dict[str, float | int]:
    top, rest = sample(ranked(listed))
    chosen = top + rest
    judged = [labels[k] for k in chosen if k in labels]
    top_judged = [labels[k] for k in top if k in labels]

    def share(found: list[Label], verdict: str) -> float:
        return sum(label.verdict == verdict for label in found) / len(found) if found else 0.0

    unmerged = sum(
        1
        for k in chosen
        if k in labels and labels[k].right.startswith("=") and (labels[k].right[1:], k[1]) in listed
    )
    return {
        "entities": len(listed),
        "sampled": len(chosen),
        "labelled": len(judged),
        "precision": share(judged, "correct"),
        "junk": share(judged, "junk"),
        "wrong type": share(judged, "wrong-type"),
        f"top {TOP} precision": share(top_judged, "correct"),
        "unmerged aliases": unmerged,
    }


def write_unlabelled(
    out: Path,
    lists: dict[str, dict[tuple[str, str], Listed]],
    labels: dict[tuple[str, str], Label],
) -> int:
    rows = []
    for split, listed in lists.items():
        top, rest = sample(ranked(listed))
        for key in top + rest:
            if key not in labels:
                entry = listed[key]
                contexts = " | ".join(entry.contexts)
                rows.append(f"{key[0]}\t{key[1]}\t{split}\t{entry.articles}\t{contexts}")
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "both"], default="both")
    parser.add_argument("--unlabelled", type=Path, help="write unlabelled sampled names here")
    args = parser.parse_args()
    splits = list(SPLITS) if args.split == "both" else [args.split]
    labels = read_labels()
    lists = {split: entity_list(split) for split in splits}
    results = {split: measure(listed, labels) for split, listed in lists.items()}
    metrics = list(next(iter(results.values())))
    print("| measure | " + " | ".join(results) + " |")
    print("|---|" + "---:|" * len(results))
    for metric in metrics:
        cells = [
            f"{v:.3f}" if isinstance(v := results[s][metric], float) else str(v) for s in results
        ]
        print(f"| {metric} | " + " | ".join(cells) + " |")
    if args.unlabelled:
        n = write_unlabelled(args.unlabelled, lists, labels)
        print(f"{n} sampled names without a label written to {args.unlabelled}", file=sys.stderr)


if __name__ == "__main__":
    main()
