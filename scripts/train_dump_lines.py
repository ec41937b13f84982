"""Train the text-dump line model that newsdesk ships (`src/newsdesk/extract/textdump/data/`).

    python scripts/train_dump_lines.py [--data DIR] [--out DIR] [--iterations N] [--no-cv]

1. Every page of the evaluation folders whose site is not held out (`benchmarks/
   layouts.py`, the one definition of the split) is rendered to innerText dumps with
   `benchmarks/render_text.py`: as it is, and in one more layout drawn with a fixed
   seed (without navigation, header, footer and aside blocks; without link lists;
   without figure captions; with single line breaks between paragraphs).
2. The rules read each dump (`read_lines`) and the lines the model reads get their
   features (`features.line_features`).  Labels come from the gold: the title line is
   the line equal to the gold title (else the page's `<h1>`, when `<title>` or
   `og:title` holds it); the author line holds every gold name (else the JSON-LD
   author's or `<meta name=author>`'s); the time line shows the gold day (else the day
   of JSON-LD `datePublished` or `article:published_time`).  A field is trained only on
   pages where its line was found or the gold says the page has none.
3. One linear-chain CRF per field (python-crfsuite, L-BFGS, fixed L1/L2 weights).
4. Each field's threshold (the headline's and time's: a margin over the rules' line) is
   chosen by group k-fold cross-validation over the training sites: models trained
   without a fold's sites read that fold's pages at every candidate threshold, and the
   highest threshold within one standard error of the best score is kept
   (`lines-thresholds.json`).  The held-out sites play no part.
5. The held-out sites' pages are read with the new models and the rules alone, and the
   script prints title accuracy (all, and over pages whose gold title is a line of the
   dump: a title can only be right if it is there), author and date accuracy (all,
   Chinese) and body F1 (all, Chinese) for both.

Deterministic: pages in file order, variants drawn from `random.Random(SEED)`, folds
from a hash of the site, L-BFGS.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
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


def _linked_data(tree: LexborHTMLParser) -> dict[str, str]:
    """The first `datePublished` and author name of the page's JSON-LD blocks."""
    found: dict[str, str] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except ValueError:
            continue
        _walk_linked(data, found)
    return found


def _walk_linked(data: Any, found: dict[str, str]) -> None:
    if isinstance(data, list):
        for item in data:
            _walk_linked(item, found)
    elif isinstance(data, dict):
        stamp = data.get("datePublished")
        if isinstance(stamp, str) and stamp:
            found.setdefault("datePublished", stamp)
        name = _linked_name(data.get("author"))
        if name:
            found.setdefault("author", name)
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            _walk_linked(data.get(key), found)


def _linked_name(author: Any) -> str | None:
    if isinstance(author, list):
        author = author[0] if len(author) == 1 else None
    if isinstance(author, dict):
        author = author.get("name")
    return norm(author) if isinstance(author, str) and author.strip() else None


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
    linked = _linked_data(tree)
    if row.get("author"):
        author = [n.strip() for n in _NAME_SPLIT.split(row["author"]) if n.strip()]
    elif folder in FULL_GOLD:
        author = []
    else:
        meta_author = linked.get("author") or _meta(tree, "author", "article:author")
        if meta_author and not meta_author.startswith("http"):
            author = [meta_author]
    day = scoring.gold_day(row.get("date"))
    if day is None and folder not in FULL_GOLD:
        stamp = linked.get("datePublished") or _meta(
            tree, "article:published_time", "pubdate", "publishdate"
        )
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

Seqs = list[tuple[list[list[str]], list[str]]]


@dataclass
class Sample:
    """One gold page: its site, its plain dump (for scoring) and each field's sequences."""

    folder: str
    row: dict[str, Any]
    site: str
    dump: str
    seqs: dict[str, Seqs]


def pages(data: Path, *, heldout: bool) -> Iterator[tuple[str, dict[str, Any], str, str]]:
    for folder in FOLDERS:
        for raw in (data / folder / "gold.jsonl").read_text("utf-8").splitlines():
            if not raw.strip():
                continue
            row = json.loads(raw)
            path = data / folder / "html" / f"{row['id']}.html"
            site = site_of(folder, row, path)
            if held_out(site) == heldout:
                yield folder, row, site, path.read_bytes().decode("utf-8", errors="replace")


def samples(data: Path) -> list[Sample]:
    rng = random.Random(SEED)
    out: list[Sample] = []
    for folder, row, site, html in pages(data, heldout=False):
        target = gold_targets(folder, row, html)
        variant = rng.choice(sorted(VARIANTS))
        dump = render_text(html)
        seqs: dict[str, Seqs] = {name: [] for name in linemodel.FIELDS}
        for text in (dump, VARIANTS[variant](html)):
            try:
                r, title_at, span = read_lines(text)
            except EmptyInput:
                continue
            at, rows = line_features(r, title_at, span)
            found = labels([r.lines[i].text for i in at], target)
            for name, ys in found.items():
                if ys is not None and rows:
                    seqs[name].append((rows, ys))
        out.append(Sample(folder, row, site, dump, seqs))
    return out


def train(seqs: Seqs, path: Path, iterations: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for rows, ys in seqs:
        trainer.append(pycrfsuite.ItemSequence(rows), ys)
    trainer.set_params(
        {"c1": C1, "c2": C2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(path))


def train_all(chosen: list[Sample], out: Path, iterations: int) -> None:
    for name in linemodel.FIELDS:
        train(
            [s for x in chosen for s in x.seqs[name]], out / linemodel.model_file(name), iterations
        )


# --- scoring ---------------------------------------------------------------------------


def marks(folder: str, row: dict[str, Any], dump: str) -> dict[str, float]:
    """The page's title, author, date correctness and body F1, where gold has the field."""
    try:
        article = read_dump(dump, id=row["id"], origin=row["id"])
    except EmptyInput:
        article = None
    f1 = scoring.body_score("\n".join(article.body) if article else "", row.get("body") or "").f1
    out = {"body": f1}
    if row.get("lang") == "zh":
        out["body zh"] = f1
    if row.get("title"):
        out["title"] = scoring.title_correct(article and article.title, row["title"])
        if norm(row["title"]) in {norm(line) for line in dump.splitlines()}:
            out["title in dump"] = out["title"]
    if row.get("author"):
        rule = scoring.author_contained if folder == "readability" else scoring.author_correct
        out["author"] = rule(article and article.author, row["author"])
    if scoring.gold_day(row.get("date")) is not None:
        published = article.published.isoformat() if article and article.published else None
        out["date"] = scoring.date_correct(published, row["date"])
        if row.get("lang") == "zh":
            out["date zh"] = out["date"]
    return out


@contextmanager
def models(folder: Path | None, sure: dict[str, float] | None = None) -> Iterator[None]:
    """Read with the models in `folder` (None: the rules alone) and these thresholds."""
    linemodel._tagger.cache_clear()
    linemodel.thresholds.cache_clear()
    linemodel.MODEL_OVERRIDE = folder
    original = linemodel.thresholds
    if sure is not None:
        linemodel.thresholds = lambda _folder=None: sure  # type: ignore[assignment]
    try:
        yield
    finally:
        linemodel.thresholds = original  # type: ignore[assignment]
        linemodel.MODEL_OVERRIDE = None
        linemodel._tagger.cache_clear()
        linemodel.thresholds.cache_clear()


def average(rows: list[dict[str, float]]) -> dict[str, tuple[float, int]]:
    keys = sorted({k for row in rows for k in row})
    return {k: (mean(r[k] for r in rows if k in r), sum(k in r for r in rows)) for k in keys}


def heldout_figures(data: Path, folder: Path | None) -> dict[str, tuple[float, int]]:
    """Title (all, and where the gold title is a line of the dump), author, date and body
    F1 (all, Chinese) on the held-out sites."""
    with models(folder):
        return average(
            [marks(f, row, render_text(html)) for f, row, _, html in pages(data, heldout=True)]
        )


# --- thresholds by cross-validation over training sites --------------------------------

FOLDS = 4
CANDIDATES = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
SCORED = {"title": "title", "author": "author", "time": "date"}


def fold_of(site: str) -> int:
    return int.from_bytes(hashlib.sha1(b"fold:" + site.encode()).digest()[:4], "big") % FOLDS


def choose_thresholds(chosen: list[Sample], work: Path, iterations: int) -> dict[str, float]:
    """Each field's threshold, scored on pages of sites its fold's models never saw (group
    k-fold by site) and picked by `one_standard_error`."""
    outcomes: dict[str, dict[float, list[float]]] = {
        f: {c: [] for c in CANDIDATES} for f in linemodel.FIELDS
    }
    for fold in range(FOLDS):
        train_all([x for x in chosen if fold_of(x.site) != fold], work, iterations)
        tested = [x for x in chosen if fold_of(x.site) == fold]
        for c in CANDIDATES:
            with models(work, dict.fromkeys(linemodel.FIELDS, c)):
                scored = [marks(x.folder, x.row, x.dump) for x in tested]
            for name, key in SCORED.items():
                outcomes[name][c].extend(m[key] for m in scored if key in m)
    best: dict[str, float] = {}
    for name, by in outcomes.items():
        best[name] = one_standard_error(by)
        print(name, " ".join(f"{c}:{mean(by[c] or [0.0]):.3f}" for c in CANDIDATES))
    return best


def one_standard_error(by: dict[float, list[float]]) -> float:
    """The highest threshold (the one nearest the rules alone) whose score is within one
    standard error of the best score: a difference of a page or two among a hundred is
    noise, and the rules are the better-known reader."""
    scores = {c: mean(v) if v else 0.0 for c, v in by.items()}
    top = max(scores, key=lambda c: (scores[c], c))
    n = max(len(by[top]), 1)
    error = (scores[top] * (1 - scores[top]) / n) ** 0.5
    return max(c for c in CANDIDATES if scores[c] >= scores[top] - error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    args = parser.parse_args(argv)
    parser.add_argument("--no-cv", action="store_true", help="keep the default thresholds")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    chosen = samples(args.data)
    print(f"features: {len(chosen)} pages, {time.perf_counter() - started:.0f} s", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        sure = {} if args.no_cv else choose_thresholds(chosen, Path(work), args.iterations)
        print(f"thresholds {sure}: {time.perf_counter() - started:.0f} s", flush=True)
        train_all(chosen, args.out, args.iterations)
        (args.out / linemodel.THRESHOLDS_FILE).write_text(json.dumps(sure, indent=1) + "\n")
        print(f"trained: {time.perf_counter() - started:.0f} s", flush=True)
        rules_only = Path(work) / "rules-only"
        rules_only.mkdir()
        for label, folder in (("rules", rules_only), ("model", args.out)):
            figures = heldout_figures(args.data, folder)
            print(
                label, "held-out:", ", ".join(f"{k} {v:.3f} ({n})" for k, (v, n) in figures.items())
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
