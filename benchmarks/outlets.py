"""Outlets as sources: how many Chinese articles name their site, and how many values are junk.

A reader of a story page sees which outlets carried it, so an article without a `site`
is an outlet missing from the page, and a `site` or `source` that is markup
(`size="20"`), a web address or a sentence is noise on it.  Every Chinese page
(`lang == "zh"`) of the folders is read by the HTML reader (with the page's URL where
the gold gives one) and, rendered as its `innerText` dump (`render_text.py`), by the
text-dump reader; the table counts pages with a site, with a source, and values that
look junk by this script's own test (below), which is independent of the reader's.

    python benchmarks/outlets.py                      # every folder
    python benchmarks/outlets.py --folders cwced --show 20
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from render_text import render_text  # noqa: E402

from newsdesk.article import Article  # noqa: E402
from newsdesk.extract.html import read_html  # noqa: E402
from newsdesk.extract.textdump import read_dump  # noqa: E402

FOLDERS = ("cwced", "magic_html", "scrapinghub", "daniel", "wcxb")
# Junk, as a reader would call it: markup, an address, a sentence, a navigation label,
# mojibake, or far too long; or the headline (past a short name's length).
_JUNK = re.compile(
    r"[<>=\"{}\ufffd]|https?:|www\.|[。！？?]|位置|[:：\-]$|^(?:首页|首頁|第\d+页)$", re.I
)
NAME_MAX_CHARS = 30
SHORT_NAME_CHARS = 8


def looks_junk(value: str, headline: str | None) -> bool:
    """A value no outlet's name would be."""
    if _JUNK.search(value) or len(value) > NAME_MAX_CHARS:
        return True
    same = bool(headline) and value.strip() == (headline or "").strip()
    return same and len(value) > SHORT_NAME_CHARS


@dataclass(slots=True)
class Counts:
    pages: int = 0
    site: int = 0
    site_junk: int = 0
    source: int = 0
    source_junk: int = 0
    names: Counter[str] = field(default_factory=Counter)
    junk: list[str] = field(default_factory=list)

    def add(self, article: Article) -> None:
        self.pages += 1
        if article.site:
            self.site += 1
            self.names[article.site] += 1
            if looks_junk(article.site, article.title):
                self.site_junk += 1
                self.junk.append(f"site {article.site!r} ({article.id})")
        if article.source:
            self.source += 1
            if looks_junk(article.source, article.title):
                self.source_junk += 1
                self.junk.append(f"source {article.source!r} ({article.id})")


def measure(folders: list[str]) -> dict[str, dict[str, Counts]]:
    """Counts per reader (`html`, `text`) and folder."""
    out: dict[str, dict[str, Counts]] = {"html": {}, "text": {}}
    for folder in folders:
        gold = DATA / folder / "gold.jsonl"
        for line in gold.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("lang") != "zh":
                continue
            html = (DATA / folder / "html" / f"{row['id']}.html").read_text(encoding="utf-8")
            url = row.get("url")
            page = read_html(html, id=row["id"], origin=row["id"], url=url)
            out["html"].setdefault(folder, Counts()).add(page)
            dump = read_dump(render_text(html), id=row["id"], origin=row["id"], url=url)
            out["text"].setdefault(folder, Counts()).add(dump)
    return out


def table(results: dict[str, dict[str, Counts]]) -> str:
    rows = ["| reader | folder | pages | with site | junk site | with source | junk source |"]
    rows.append("|---|---|---:|---:|---:|---:|---:|")
    for reader, by_folder in results.items():
        total = Counts()
        for folder, c in by_folder.items():
            rows.append(_row(reader, folder, c))
            for name in ("pages", "site", "site_junk", "source", "source_junk"):
                setattr(total, name, getattr(total, name) + getattr(c, name))
        rows.append(_row(reader, "**all**", total))
    return "\n".join(rows)


def _row(reader: str, folder: str, c: Counts) -> str:
    cells = (c.pages, c.site, c.site_junk, c.source, c.source_junk)
    return f"| {reader} | {folder} | " + " | ".join(str(n) for n in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folders", default=",".join(FOLDERS))
    parser.add_argument("--show", type=int, default=0, help="list junk and common names")
    args = parser.parse_args()
    results = measure([f for f in args.folders.split(",") if f])
    print(table(results))
    if args.show:
        for reader, by_folder in results.items():
            names: Counter[str] = Counter()
            for c in by_folder.values():
                names.update(c.names)
                for junk in c.junk[: args.show]:
                    print(f"{reader} junk: {junk}")
            print(f"{reader} sites: {names.most_common(args.show)}")


if __name__ == "__main__":
    main()
