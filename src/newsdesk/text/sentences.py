"""Sentences with their offsets, for every module that splits text into sentences.

A sentence ends at Chinese or Western end punctuation (。！？!?；;…, repeated), with the
closing quotes and brackets that follow it, or at a line break: news paragraphs are
one per line, and a line without end punctuation is a headline or a caption.
"""

from __future__ import annotations

import re

TERMINALS = "。！？!?；;…"
CLOSERS = "”’」』\"')）"
_SENTENCE_END = re.compile(f"[{TERMINALS}]+[{CLOSERS}]*|\\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of `text`, end exclusive, blanks left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
