"""Train the text-dump line model that newsdesk ships (`src/newsdesk/extract/textdump/data/`).

    python scripts/train_dump_lines.py [--data DIR] [--out DIR] [--iterations N]

1. Every page of the evaluation folders whose site is not held out (`benchmarks/
   layouts.py`, the one definition of the split) is rendered to innerText dumps with
   `benchmarks/render_text.py`: as it is, and in one more layout drawn with a fixed
   seed (without navigation, header, footer and aside blocks; without link lists;
   without figure captions; with single line breaks between paragraphs).
2. The rules read each dump (`read_lines`) and each non-blank line gets its features
   (`features.line_features`).  Labels come from the gold: the title line is the line
   equal to the gold title (else the page's `<h1>`, when `<title>` or `og:title` holds
   it); the author line holds every gold name (else `<meta name=author>`'s); the time
   line shows the gold day (else the day of `article:published_time`).  A field is
   trained only on pages where its line was found or the gold says the page has none.
3. One linear-chain CRF per field (python-crfsuite, L-BFGS, fixed L1/L2 weights).
4. The held-out sites' pages are read with the new models and the rules alone, and the
   script prints title, author and date accuracy and body F1 for both.

Deterministic: pages in file order, variants drawn from `random.Random(SEED)`, L-BFGS.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pycrfsuite
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import scoring  # noqa: E402
from layouts import held_out, site_of  # noqa: E402
from render_text import render_text  # noqa: E402

from newsdesk.errors import EmptyInput  # noqa: E402
from newsdesk.extract.dates import find_times  # noqa: E402
from newsdesk.extract.textdump import linemodel, read_dump, read_lines  # noqa: E402
from newsdesk.extract.textdump.features import line_features  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "newsdesk" / "extract" / "textdump" / "data"
FOLDERS = ("daniel", "magic_html", "cwced", "scrapinghub", "wcxb", "readability")
# Folders whose gold says a page has no author or date when it gives none.
FULL_GOLD = frozenset({"wcxb", "readability", "cwced"})
SEED = 0
C1, C2 = 0.05, 0.01
ITERATIONS = 150
# An author or time line is short; a longer line holding the name is prose about them.
META_LINE_MAX_CHARS = 160
_SPACE = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"[、,，]+|\s+and\s+|\s*&\s*")


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


# --- rendering variants ------------------------------------------------------------------


def _drop(html: str, selector: str) -> str:
    tree = LexborHTMLParser(html)
    for node in tree.css(selector):
        node.decompose()
    return tree.html or html


def _drop_link_lists(html: str) -> str:
    tree = LexborHTMLParser(html)
    for node in tree.css("ul, ol"):
        items = node.css("li")
        if items and all(li.css_first("a") is not None for li in items):
            node.decompose()
    return tree.html or html


VARIANTS: dict[str, Callable[[str], str]] = {
    "chrome-less": lambda h: render_text(_drop(h, "nav, header, footer, aside")),
    "no-link-lists": lambda h: render_text(_drop_link_lists(h)),
    "no-captions": lambda h: render_text(_drop(h, "figcaption, figure")),
    "tight": lambda h: re.sub(r"\n{2,}", "\n", render_text(h)),
}


# --- labels ----------------------------------------------------------------------------


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[name="{name}"], meta[property="{name}"]')
        if node is not None and node.attributes.get("content"):
            return norm(node.attributes["content"] or "")
    return None


def gold_targets(folder: str, row: dict[str, Any], html: str) -> dict[str, Any]:
    """What each field's line must hold: a title text, author names, a day; None where
    unknown, and an empty value where the gold says the page has none."""
    tree = LexborHTMLParser(html)
    titles = [norm(row["title"])] if row.get("title") else []
    head = norm((tree.css_first("title").text() if tree.css_first("title") else "") or "")
    og = _meta(tree, "og:title") or ""
    titles += [
        norm(h.text())
        for h in tree.css("h1")
        if len(norm(h.text())) >= 4 and (norm(h.text()) in head or norm(h.text()) in og)
    ]
    author: list[str] | None = None
    if row.get("author"):
        author = [n.strip() for n in _NAME_SPLIT.split(row["author"]) if n.strip()]
    elif folder in FULL_GOLD:
        author = []
    else:
        meta_author = _meta(tree, "author", "article:author")
        if meta_author and not meta_author.startswith("http"):
            author = [meta_author]
    day = scoring.gold_day(row.get("date"))
    if day is None and folder not in FULL_GOLD:
        stamp = _meta(tree, "article:published_time", "pubdate", "publishdate")
        day = scoring.gold_day(stamp[:10]) if stamp else None
    no_day = day is None and folder in FULL_GOLD and not row.get("date")
    return {"title": titles, "author": author, "day": day, "no_day": no_day}


def labels(texts: list[str], target: dict[str, Any]) -> dict[str, list[str] | None]:
    out: dict[str, list[str] | None] = {}
    normed = [norm(t) for t in texts]
    title = next((t for t in target["title"] if t in normed), None)
    out["title"] = ["title" if t == title else "O" for t in normed] if title else None
    names = target["author"]
    if names is None:
        out["author"] = None
    else:
        out["author"] = [
            "author"
            if names and len(t) <= META_LINE_MAX_CHARS and all(n in t for n in names)
            else "O"
            for t in normed
        ]
    if target["day"] is None and not target["no_day"]:
        out["time"] = None
    else:
        out["time"] = ["time" if _shows_day(t, target["day"]) else "O" for t in normed]
    return out


def _shows_day(text: str, day: Any) -> bool:
    if day is None or len(text) > META_LINE_MAX_CHARS:
        return False
    return any(found.value.date() == day for found in find_times(text))


# --- the corpus ------------------------------------------------------------------------


def pages(data: Path, *, heldout: bool) -> Iterator[tuple[str, dict[str, Any], str]]:
    for folder in FOLDERS:
        for raw in (data / folder / "gold.jsonl").read_text("utf-8").splitlines():
            if not raw.strip():
                continue
            row = json.loads(raw)
            path = data / folder / "html" / f"{row['id']}.html"
            if held_out(site_of(folder, row, path)) == heldout:
                yield folder, row, path.read_bytes().decode("utf-8", errors="replace")


def sequences(data: Path) -> dict[str, list[tuple[list[list[str]], list[str]]]]:
    rng = random.Random(SEED)
    out: dict[str, list[tuple[list[list[str]], list[str]]]] = {n: [] for n in linemodel.FIELDS}
    for folder, row, html in pages(data, heldout=False):
        target = gold_targets(folder, row, html)
        variant = rng.choice(sorted(VARIANTS))
        for text in (render_text(html), VARIANTS[variant](html)):
            try:
                r, title_at, span = read_lines(text)
            except EmptyInput:
                continue
            at, rows = line_features(r, title_at, span)
            found = labels([r.lines[i].text for i in at], target)
            for name, ys in found.items():
                if ys is not None and rows:
                    out[name].append((rows, ys))
    return out


def train(seqs: list[tuple[list[list[str]], list[str]]], path: Path, iterations: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for rows, ys in seqs:
        trainer.append(pycrfsuite.ItemSequence(rows), ys)
    trainer.set_params(
        {"c1": C1, "c2": C2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(path))


# --- held-out figures ------------------------------------------------------------------


def evaluate(data: Path, folder_of_models: Path | None) -> dict[str, tuple[float, int]]:
    """Title, author, date accuracy and body F1 (all, Chinese) on the held-out sites."""
    marks: dict[str, list[float]] = {k: [] for k in ("title", "author", "date", "body", "body zh")}
    linemodel._tagger.cache_clear()
    if folder_of_models is not None:
        linemodel.MODEL_OVERRIDE = folder_of_models
    for folder, row, html in pages(data, heldout=True):
        try:
            article = read_dump(render_text(html), id=row["id"], origin=row["id"])
        except EmptyInput:
            article = None
        body = "\n".join(article.body) if article else ""
        f1 = scoring.body_score(body, row.get("body") or "").f1
        marks["body"].append(f1)
        if row.get("lang") == "zh":
            marks["body zh"].append(f1)
        if row.get("title"):
            marks["title"].append(scoring.title_correct(article and article.title, row["title"]))
        if row.get("author"):
            rule = scoring.author_contained if folder == "readability" else scoring.author_correct
            marks["author"].append(rule(article and article.author, row["author"]))
        if scoring.gold_day(row.get("date")) is not None:
            published = article.published.isoformat() if article and article.published else None
            marks["date"].append(scoring.date_correct(published, row["date"]))
    linemodel.MODEL_OVERRIDE = None
    linemodel._tagger.cache_clear()
    return {k: (sum(v) / len(v), len(v)) for k, v in marks.items() if v}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    seqs = sequences(args.data)
    print(f"features: {time.perf_counter() - started:.0f} s", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in seqs.items():
        lines = sum(len(ys) for _, ys in rows)
        train(rows, args.out / linemodel.model_file(name), args.iterations)
        print(f"{name}: {len(rows)} dumps, {lines} lines, {time.perf_counter() - started:.0f} s")
    empty = args.out / "rules-only"
    empty.mkdir(exist_ok=True)
    for label, folder in (("rules", empty), ("model", args.out)):
        figures = evaluate(args.data, folder)
        print(label, "held-out:", ", ".join(f"{k} {v:.3f} ({n})" for k, (v, n) in figures.items()))
    empty.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
