"""The shared text rules: CJK classes and sentences."""

from __future__ import annotations

import re

from newsdesk.text import cjk
from newsdesk.text.sentences import sentences


def test_cjk_classes_hold_what_their_names_say() -> None:
    spaceless = re.compile(f"[{cjk.CJK}]")
    for char in "中國々〇のカ한𠀋":
        assert spaceless.match(char), char
    for char in "aЖ1 ，":
        assert not spaceless.match(char), char
    assert re.fullmatch(f"[{cjk.HAN}]+", "普京澤連斯基")
    assert not re.search(f"[{cjk.HAN}]", "ひらがなカタカナ한국어")
    assert cjk.is_han_basic("中") and not cjk.is_han_basic("の")


def test_sentences_end_at_marks_quotes_and_lines() -> None:
    text = "他说：“会谈取得进展。”随后离开！第二段没有句号\n“真的吗？”他问；"
    got = [text[s:e] for s, e in sentences(text)]
    assert got == [
        "他说：“会谈取得进展。”",
        "随后离开！",
        "第二段没有句号\n",
        "“真的吗？”",
        "他问；",
    ]
    assert sentences("   \n ") == []
