"""Build the labelled story set: its article list, and the synthetic reprints.

    python scripts/build_story_set.py --out story_set.jsonl   # articles + labels
    python scripts/build_story_set.py --stats                      # counts only

The articles are never copied into the repository: they are read from the shared
data folder beside it (`cnews`, the Chinese pages of `daniel`, `magic_html` and
`cwced`, and the two seeds), from `examples/`, and from the articles written for
this set (`data/stories/authored.jsonl`).  The labels are committed in
`data/stories/labels.tsv`, made by hand under `data/stories/GUIDE.md`.

The synthetic reprints (guide section 5) are made here, deterministically (a fixed
seed), from labelled articles: each base gets copies that are retitled, trimmed at
the end, converted to traditional characters, given editor and source lines, or
several of these at once.  A copy is in its base's reprint group and story.

Every record: `key, source, site, title, body (paragraphs), published (ISO or null),
story, reprint (group id or null), split (dev/test), synthetic (variant name or null)`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "examples"
STORY_DATA = REPO / "data" / "stories"
LABELS = STORY_DATA / "labels.tsv"
AUTHORED = STORY_DATA / "authored.jsonl"

# Seed of the synthetic reprints: fixed, so every run builds the same set.
SYNTHETIC_SEED = 20250604
# A base must have this much body text to be copied: a two-line brief "reprinted"
# with its ending trimmed is hardly a text any more, so it would test nothing.
MIN_BASE_CHARS = 200
# How many bases get synthetic copies, and how many copies each (guide section 5).
SYNTHETIC_BASES = 120
COPIES_PER_BASE = (1, 3)

_DATE_IN_URL = re.compile(r"(?<!\d)(20\d{2})[-/]?(0[1-9]|1[0-2])[-/]?(0[1-9]|[12]\d|3[01])(?!\d)")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


@dataclass(slots=True)
class Item:
    """One article of the set, as the benchmark feeds it to newsdesk."""

    key: str
    source: str
    title: str | None
    body: list[str]
    site: str | None = None
    published: str | None = None
    story: str | None = None
    reprint: str | None = None
    split: str | None = None
    synthetic: str | None = None
    base: str | None = None


# --- the natural articles ----------------------------------------------------------


def load_natural(data: Path = DATA) -> list[Item]:
    """Every article the set can label, in a fixed order."""
    items = [*_cnews(data), *_gold_pages(data), *_seeds(), *_examples(), *_authored()]
    seen = Counter(i.key for i in items)
    dup = [k for k, n in seen.items() if n > 1]
    if dup:
        raise SystemExit(f"duplicate keys: {dup[:5]}")
    return items


def _cnews(data: Path) -> Iterator[Item]:
    """cnews: `label<TAB>text`; the headline runs into the body with no separator."""
    path = data / "cnews" / "articles.txt"
    for n, line in enumerate(path.read_text("utf-8").splitlines()):
        label, _, text = line.partition("\t")
        paragraphs = [p.strip() for p in re.split(r"[\u3000 ]{2,}|\n", text) if p.strip()]
        yield Item(f"cnews:{n}", "cnews", None, paragraphs, site=f"cnews/{label}")


def _gold_pages(data: Path) -> Iterator[Item]:
    """The Chinese pages of the extraction sets, read as their gold bodies."""
    for folder in ("daniel", "magic_html", "cwced"):
        for line in (data / folder / "gold.jsonl").read_text("utf-8").splitlines():
            d = json.loads(line)
            if d["lang"] != "zh" or not d.get("body") or d["id"].startswith("forum_"):
                continue
            yield _gold_item(folder, d)


def _gold_item(folder: str, d: dict[str, Any]) -> Item:
    lines = [ln.strip() for ln in d["body"].split("\n")]
    if folder == "cwced":  # hard-wrapped: paragraphs are separated by blank lines
        lines = [p.replace("\n", "") for p in re.split(r"\n\s*\n", d["body"])]
    lines = [ln.strip() for ln in lines if ln.strip()]
    title = d.get("title")
    if folder == "daniel" and lines:  # its first line is the headline
        title, lines = lines[0], lines[1:]
    published = None
    if folder == "daniel":
        day = d["id"][:8]
        published = f"{day[:4]}-{day[4:6]}-{day[6:]}T00:00:00+08:00"
    elif folder == "cwced":
        published = _parse_full_date(d.get("date"))
    elif d.get("url"):
        m = _DATE_IN_URL.search(d["url"])
        if m:
            published = f"{m.group(1)}-{m.group(2)}-{m.group(3)}T00:00:00+08:00"
    site = d.get("site")
    if site is None and d.get("url"):
        site = re.sub(r"^https?://", "", d["url"]).split("/")[0]
    return Item(f"{folder}:{d['id']}", folder, title, lines, site=site, published=published)


def _parse_full_date(value: str | None) -> str | None:
    m = _FULL_DATE.match((value or "").strip())
    if not m:
        return None
    y, mo, d, h, mi, s = (int(x) if x else 0 for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}+08:00"


def _seeds() -> Iterator[Item]:
    for path in sorted(SEEDS.glob("*.gold.json")):
        d = json.loads(path.read_text("utf-8"))
        published = f"{d['published']}+08:00" if d.get("published") else None
        yield Item(
            f"seed:{path.name[:3]}",
            "seed",
            d["title"],
            list(d["body"]),
            site=d.get("site"),
            published=published,
        )


def _examples() -> Iterator[Item]:
    for path in sorted(EXAMPLES.glob("*.expected.json")):
        d = json.loads(path.read_text("utf-8"))
        if d.get("language") not in (None, "zh"):
            continue
        published = d.get("published")
        if published and "+" not in published[10:]:
            published += "+08:00"
        name = path.name.removesuffix(".expected.json")
        yield Item(
            f"example:{name}",
            "example",
            d.get("title"),
            list(d.get("body", [])),
            site=d.get("site") or name,
            published=published,
        )


def _authored() -> Iterator[Item]:
    if not AUTHORED.exists():
        return
    for line in AUTHORED.read_text("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            yield Item(
                d["key"],
                "authored",
                d["title"],
                d["body"],
                site=d["site"],
                published=d["published"],
            )


# --- labels ------------------------------------------------------------------------


def read_labels(path: Path = LABELS) -> dict[str, tuple[str, str | None, str]]:
    """key -> (story, reprint group or None, split) from the committed labels."""
    out: dict[str, tuple[str, str | None, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, story, reprint, split, *_ = line.split("\t")
        out[key] = (story, None if reprint == "-" else reprint, split)
    return out


def labelled(data: Path = DATA, labels: Path = LABELS) -> list[Item]:
    """The labelled natural articles (those the labels file lists), labels attached."""
    table = read_labels(labels)
    items = []
    for item in load_natural(data):
        if item.key in table:
            item.story, item.reprint, item.split = table[item.key]
            items.append(item)
    missing = set(table) - {i.key for i in items}
    if missing:
        raise SystemExit(f"labelled keys not found in the data: {sorted(missing)[:5]}")
    return items


# --- synthetic reprints --------------------------------------------------------------

EDITOR_LINES = ("责任编辑：王宁", "责任编辑:李想 SN225", "（编辑：陈晨）", "编辑 张敏")
SOURCE_LINES = ("来源：新华社", "来源:中国新闻网", "本文来源：人民网", "【来源：央视新闻客户端】")
RETITLE_PREFIXES = ("重磅！", "刚刚，", "突发：", "关注｜", "最新消息！")
VARIANTS = ("retitled", "trimmed", "traditional", "editor", "combined")


def synthetic_reprints(items: list[Item], seed: int = SYNTHETIC_SEED) -> list[Item]:
    """Copies of labelled articles, each in its base's reprint group and story."""
    rng = random.Random(seed)
    bases = [i for i in items if not i.synthetic and len("".join(i.body)) >= MIN_BASE_CHARS]
    rng.shuffle(bases)
    copies: list[Item] = []
    for base in sorted(bases[:SYNTHETIC_BASES], key=lambda i: i.key):
        group = base.reprint or f"r:{base.key}"
        base.reprint = group
        for variant in rng.sample(VARIANTS, rng.randint(*COPIES_PER_BASE)):
            copy = _variant(base, variant, rng)
            copy.reprint = group
            copies.append(copy)
    return copies


def _variant(base: Item, variant: str, rng: random.Random) -> Item:
    body, title = list(base.body), base.title
    if variant in ("retitled", "combined"):
        title = _retitle(base, rng)
    if variant in ("trimmed", "combined"):
        body = _trim(body, rng)
    if variant in ("editor", "combined"):
        body = [rng.choice(SOURCE_LINES), *body, rng.choice(EDITOR_LINES)]
    if variant in ("traditional", "combined"):
        body = [_to_traditional(p) for p in body]
        title = _to_traditional(title) if title else title
    key = f"syn:{variant}:{base.key}"
    site = f"copy-{hashlib.sha1(key.encode()).hexdigest()[:6]}.example"
    return replace(
        base,
        key=key,
        source="synthetic",
        title=title,
        body=body,
        site=site,
        published=_later(base.published, rng),
        synthetic=variant,
        base=base.key,
    )


def _retitle(base: Item, rng: random.Random) -> str:
    """A new headline: a hook prefix on the old one, or the lead's first clause."""
    if base.title and rng.random() < 0.5:
        return rng.choice(RETITLE_PREFIXES) + base.title
    lead = re.split(r"[，。！？,!?]", "".join(base.body))[0]
    return rng.choice(RETITLE_PREFIXES) + lead[:24]


def _trim(body: list[str], rng: random.Random) -> list[str]:
    """Cut the ending: keep 60-85% of the characters, cut at a sentence end if any."""
    text = "\n".join(body)
    keep = int(len(text) * rng.uniform(0.60, 0.85))
    cut = max(text.rfind("。", 0, keep), text.rfind("\n", 0, keep))
    cut = cut + 1 if cut > len(text) * 0.4 else keep
    return [p for p in text[:cut].split("\n") if p.strip()]


def _later(published: str | None, rng: random.Random) -> str | None:
    """A copy appears after its original: between 1 and 30 hours later."""
    if published is None:
        return None
    from datetime import datetime, timedelta

    when = datetime.fromisoformat(published) + timedelta(minutes=rng.randint(60, 1800))
    return when.isoformat()


def _to_traditional(text: str) -> str:
    return str(_converter().convert(text))


_CONVERTER: Any = None


def _converter() -> Any:
    global _CONVERTER
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("s2t")
    return _CONVERTER


def build(data: Path = DATA, labels: Path = LABELS) -> list[Item]:
    """The whole evaluation set: labelled natural articles, then synthetic copies."""
    items = labelled(data, labels)
    return [*items, *synthetic_reprints(items)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="write the set as JSON lines")
    ap.add_argument("--all", action="store_true", help="every loadable article, unlabelled")
    ap.add_argument("--stats", action="store_true", help="print counts")
    args = ap.parse_args(argv)
    items = load_natural() if args.all else build()
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for item in items:
                fh.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
    if args.stats or not args.out:
        print(f"articles: {len(items)}", file=sys.stderr)
        print(dict(Counter(i.source for i in items)), file=sys.stderr)
        stories = Counter(i.story for i in items if i.story)
        sizes = Counter(stories.values())
        print(f"stories: {len(stories)}; sizes: {dict(sorted(sizes.items()))}", file=sys.stderr)
        groups = Counter(i.reprint for i in items if i.reprint)
        print(
            f"reprint groups: {len(groups)} over {sum(groups.values())} articles", file=sys.stderr
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
