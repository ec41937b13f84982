"""Readers and span scoring for the character-tagged NER sets.

The training script and the benchmark read the same files the same way, so the
held-out split and the metric live here once.  Two layouts are read:

* People's Daily (`char TAG`, space-separated, BIO with PER/LOC/ORG);
* Weibo NER (`char<digit>\\tTAG`, tags like `B-PER.NAM`): the position digit is
  stripped, only named mentions (`.NAM`) are kept and `GPE` counts as `LOC`, since
  newsdesk has no separate geopolitical type.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

TYPES = ("PER", "LOC", "ORG")

# The last part of People's Daily dev is never trained on: it is the held-out set.
PD_HELDOUT_FRACTION = 0.3

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and its gold spans (start, end exclusive, type)."""

    text: str
    spans: tuple[Span, ...]

    def tags(self) -> list[str]:
        """BIO tags, one per character."""
        tags = ["O"] * len(self.text)
        for start, end, kind in self.spans:
            tags[start] = f"B-{kind}"
            for i in range(start + 1, end):
                tags[i] = f"I-{kind}"
        return tags


def spans_from_bio(tags: list[str]) -> list[Span]:
    """Turn BIO tags into spans; a stray `I-` opens a span, as conlleval does."""
    spans: list[Span] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start >= 0 and (prefix != "I" or label != kind):
            spans.append((start, i, kind))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0 and label):
            start, kind = i, label
    return spans


def _blocks(path: Path) -> Iterator[list[list[str]]]:
    block: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if block:
                yield block
            block = []
            continue
        block.append(parts if len(parts) == 2 else [" ", parts[-1]])
    if block:
        yield block


def read_peoples_daily(path: Path) -> list[Sentence]:
    """Read the People's Daily BIO file."""
    out = []
    for block in _blocks(path):
        text = "".join(char for char, _ in block)
        out.append(Sentence(text, tuple(spans_from_bio([tag for _, tag in block]))))
    return out


def _weibo_tag(tag: str) -> str:
    prefix, _, label = tag.partition("-")
    if not label.endswith(".NAM"):
        return "O"
    kind = label.removesuffix(".NAM")
    return f"{prefix}-{'LOC' if kind == 'GPE' else kind}"


def read_weibo(path: Path) -> list[Sentence]:
    """Read a Weibo NER file: named mentions only, GPE as LOC, position digits stripped."""
    out = []
    for block in _blocks(path):
        text = "".join(token[0] if token else " " for token, _ in block)
        tags = [_weibo_tag(tag) for _, tag in block]
        out.append(Sentence(text, tuple(spans_from_bio(tags))))
    return out


def split_peoples_daily(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(train, held-out): the held-out part is the last `PD_HELDOUT_FRACTION`."""
    cut = round(len(sentences) * (1 - PD_HELDOUT_FRACTION))
    return sentences[:cut], sentences[cut:]


@dataclass
class Counts:
    """True positives, predicted and gold counts for one type."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[Iterable[Span]], pred: Iterable[Iterable[Span]]) -> dict[str, Counts]:
    """Exact-span counts per type and for `all`."""
    counts = {kind: Counts() for kind in (*TYPES, "all")}
    for gold_spans, pred_spans in zip(gold, pred, strict=True):
        g, p = set(gold_spans), set(pred_spans)
        for kind in TYPES:
            gk = {s for s in g if s[2] == kind}
            pk = {s for s in p if s[2] == kind}
            counts[kind].tp += len(gk & pk)
            counts[kind].pred += len(pk)
            counts[kind].gold += len(gk)
        counts["all"].tp += len(g & p)
        counts["all"].pred += len([s for s in p if s[2] in TYPES])
        counts["all"].gold += len(g)
    return counts
