"""Corpus-aware keywords: jieba words weighted by tf-idf against a news corpus.

Why not jieba's own `extract_tags`: its idf table is a general corpus, and its
segmenter splits unseen names differently in different sentences (`马克龙` becomes
`马克`+`龙` in one and `马克`+`龙称` in the next), so a "keyword" like `马克` is a
fragment of a name.  Here:

* entity names from the entity recogniser (when installed) are kept whole: the text is
  cut at their boundaries and only the gaps are segmented;
* a word that is nearly always followed (or preceded) by the same character in this
  text is grown into the longer unit (`马克` → `马克龙`, `斯塔` → `斯塔默`), and a word
  found inside a chosen longer keyword is dropped;
* the idf table (`models/idf.tsv.gz`) is built from the shared news sets by
  `python -m newsdesk.enrich.keywords --build-idf DATA_DIR`, so what is common in news
  (`表示`, `记者`) scores low.

`segment` is shared with `summary` and cached, so one article is segmented once.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path

from newsdesk.article import Keyword, Mention
from newsdesk.enrich.entities import mentions
from newsdesk.text import cjk

IDF_PATH = Path(__file__).with_name("models") / "idf.tsv.gz"

# A word must occur in at least this many corpus documents to enter the idf table:
# rarer ones are mostly segmentation noise and cost space.
IDF_MIN_DF = 2
# Share of a word's occurrences that must continue with the same character before the
# word counts as a fragment of a longer unit (`马克` followed by `龙` 6 times of 6).
FRAGMENT_SHARE = 0.8
# A fragment is grown by at most this many characters each way (`泽连` → `泽连斯基`).
MAX_GROWTH = 4
DEFAULT_KEYWORDS = 10
# How many leading candidates per keyword asked for are checked for being fragments.
GROW_FACTOR = 3

_CANDIDATE = re.compile(r"^(?:[\u4e00-\u9fff·]{2,}|[A-Za-z][A-Za-z0-9.+\-]*[A-Za-z0-9]+)$")
_HAN = re.compile(f"[{cjk.HAN_BASIC}]")
# Characters that never end or start a name: growth stops at them.
_FUNCTION_CHARS = frozenset(
    "的了在和与及是也都就还而被将把对向从于为以等称说或但并又再很更最之其这那"
)
_STOPWORDS_TEXT = """
    表示 认为 指出 称 说 据 报道 记者 消息 获悉 介绍 透露 强调 发言 声明 回应
    我们 他们 她们 你们 自己 大家 这个 那个 这些 那些 这样 那样 这种 那种 一个 一种
    一些 一直 一定 已经 可以 可能 没有 不是 不会 就是 还是 但是 因为 所以 如果 虽然
    而且 并且 以及 或者 然而 不过 其中 同时 此前 之后 之前 以来 目前 当前 现在 今年
    去年 明年 今天 昨天 日前 近日 方面 问题 情况 进行 通过 对于 关于 由于 其他 很多
    更多 非常 什么 怎么 如何 为什么 这是 那是 所有 任何 每个 各种 相关 有关 之间 以上
    以下 其实 确实 真的 只是 只有 只要 还有 并不 不能 不要 需要 应该 必须 能够 开始
    继续 再次 正在 成为 作为 随着 根据 按照 这次 此次 当时 后来 最后 最终 然后 之一
    也是 都是 还会 将会 已于 本报 新华社 中新网 资料图 图片 来源 责任编辑 编辑 原标题
"""
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def cut(text: str) -> list[str]:
    """jieba's precise-mode words; through rjieba (same dictionary, Rust) when installed.

    rjieba segments about fifteen times faster than jieba and agrees with it on the
    dictionary and the HMM for unseen words; jieba is the fallback.
    """
    return _cutter()(text)


@cache
def _cutter() -> Callable[[str], list[str]]:
    try:
        import rjieba
    except ImportError:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        return jieba.lcut
    return rjieba.cut  # type: ignore[no-any-return]


@lru_cache(maxsize=8)
def segment(text: str, spans: tuple[tuple[int, int], ...] = ()) -> tuple[str, ...]:
    """The words of `text`; the (start, end) `spans` (entity names) are kept whole."""
    if not spans:
        return tuple(cut(text))
    words: list[str] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            continue
        words.extend(cut(text[pos:start]))
        words.append(text[start:end])
        pos = end
    words.extend(cut(text[pos:]))
    return tuple(w for w in words if w)


def keywords(
    text: str,
    *,
    title: str | None = None,
    top: int = DEFAULT_KEYWORDS,
    entities: Sequence[Mention] | None = None,
) -> list[tuple[str, float]]:
    """The `top` keywords of `text` with their weights (tf-idf, title words doubled).

    `entities` are the text's entity mentions if the caller has them; by default the
    entity recogniser reads the text.
    """
    if not text:
        return []
    words = [w for w in segment(text, entity_spans(text, entities)) if is_candidate(w)]
    if title:
        words += [w for w in segment(title) if is_candidate(w)] * 2
    counts = Counter(words)
    # Only the leading candidates are checked for being fragments: the check scans
    # the text, and words far down the list never become keywords anyway.
    leading = dict(sorted(_score(counts).items(), key=lambda kv: -kv[1])[: GROW_FACTOR * top])
    grown = _grow_fragments(
        f"{title}\n{text}" if title else text, Counter({w: counts[w] for w in leading})
    )
    scored = _score(grown)
    chosen: list[tuple[str, float]] = []
    for word, weight in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
        if any(word in longer for longer, _ in chosen):
            continue  # a fragment of a keyword already chosen
        chosen = [(w, s) for w, s in chosen if w not in word]  # a longer one wins
        chosen.append((word, round(weight, 3)))
        if len(chosen) >= top:
            break
    return chosen


def _score(counts: Counter[str]) -> dict[str, float]:
    """Sublinear tf times idf; unknown words seen twice get the top idf, once the median."""
    idf = idf_table()
    fallback, ceiling = _median_idf(), _max_idf()
    out: dict[str, float] = {}
    for word, n in counts.items():
        weight = idf.get(word, ceiling if n >= 2 else fallback)
        out[word] = (1 + math.log(n)) * weight
    return out


def is_candidate(word: str) -> bool:
    """A word worth ranking: two or more characters, not a function word or number."""
    return bool(_CANDIDATE.match(word)) and word not in _STOPWORDS


def enrich(
    text: str, *, title: str | None = None, entities: Sequence[Mention] | None = None
) -> list[Keyword]:
    """The article's keywords as the enrichment stores them."""
    return [Keyword(w, s) for w, s in keywords(text, title=title, entities=entities)]


# --- fragments ---------------------------------------------------------------------


def _grow_fragments(text: str, counts: Counter[str]) -> Counter[str]:
    """Replace words that are nearly always part of the same longer unit by that unit."""
    grown: Counter[str] = Counter()
    for word, n in counts.items():
        unit = _grow(text, word) if _HAN.search(word) else word
        grown[unit] += n
    return grown


def _grow(text: str, word: str) -> str:
    unit = word
    for _ in range(MAX_GROWTH):
        longer = _extend(text, unit, right=True) or _extend(text, unit, right=False)
        if longer is None:
            break
        unit = longer
    return unit


def _extend(text: str, unit: str, *, right: bool) -> str | None:
    neighbours: Counter[str] = Counter()
    total = 0
    start = text.find(unit)
    while start >= 0:
        total += 1
        at = start + len(unit) if right else start - 1
        if 0 <= at < len(text):
            neighbours[text[at]] += 1
        start = text.find(unit, start + 1)
    if total < 2 or not neighbours:
        return None
    char, n = neighbours.most_common(1)[0]
    if n < FRAGMENT_SHARE * total or not _HAN.match(char) or char in _FUNCTION_CHARS:
        return None
    return unit + char if right else char + unit


# --- entities and dictionaries -----------------------------------------------------


def entity_spans(
    text: str, entities: Sequence[Mention] | None = None
) -> tuple[tuple[int, int], ...]:
    """Non-overlapping (start, end) of entity names: given, or from the recogniser."""
    if entities is None:
        entities = mentions(text)
    spans = sorted((e.start, e.end) for e in entities if e.end > e.start >= 0)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return tuple(merged)


@cache
def idf_table() -> dict[str, float]:
    """word → idf, from the shipped table (empty when it is missing)."""
    if not IDF_PATH.exists():
        return {}
    table: dict[str, float] = {}
    with gzip.open(IDF_PATH, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, value = line.rstrip("\n").partition("\t")
            table[word] = float(value)
    return table


@cache
def _median_idf() -> float:
    values = sorted(idf_table().values())
    return values[len(values) // 2] if values else 1.0


@cache
def _max_idf() -> float:
    values = idf_table().values()
    return max(values) if values else 1.0


def build_idf(documents: Iterable[str], out: Path = IDF_PATH) -> int:
    """Write the idf table of `documents` (one string each); returns its size in words."""
    df: Counter[str] = Counter()
    n_docs = 0
    for doc in documents:
        n_docs += 1
        df.update({w for w in cut(doc) if is_candidate(w)})
    rows = sorted(
        (w, math.log((n_docs + 1) / (n + 1)) + 1) for w, n in df.items() if n >= IDF_MIN_DF
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines(f"{w}\t{v:.3f}\n" for w, v in rows)
    return len(rows)


def corpus_documents(data: Path) -> Iterable[str]:
    """The shared sets' Chinese text, one document per title or article."""
    import json

    for line in (data / "thucnews_titles" / "train.txt").read_text(encoding="utf-8").splitlines():
        yield line.rpartition("\t")[0]
    for name in ("train_few_all.json", "dev_few_all.json", "unlabeled.json"):
        for line in (data / "tnews" / name).read_text(encoding="utf-8").splitlines():
            yield json.loads(line)["sentence"]
    for line in (data / "cnews" / "articles.txt").read_text(encoding="utf-8").splitlines():
        yield line.partition("\t")[2]
    for folder in ("daniel", "cwced", "magic_html"):
        gold = data / folder / "gold.jsonl"
        if gold.exists():
            for line in gold.read_text(encoding="utf-8").splitlines():
                item = json.loads(line)
                if item.get("lang") == "zh" and item.get("body"):
                    yield item["body"]


def _main(argv: Sequence[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Build the keyword idf table.")
    parser.add_argument("--build-idf", type=Path, metavar="DATA_DIR", required=True)
    parser.add_argument("--out", type=Path, default=IDF_PATH)
    args = parser.parse_args(argv)
    size = build_idf(corpus_documents(args.build_idf), args.out)
    print(f"{size} words -> {args.out} ({args.out.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    _main()
