"""The CJK character classes, written once.

Each is a regex character-class body (use it inside `[...]`), named for what it holds,
so a module that needs Han only, or Han with kana, composes the names instead of
writing code points again.
"""

from __future__ import annotations

HAN_BASIC_FIRST, HAN_BASIC_LAST = 0x4E00, 0x9FFF
HAN_BASIC = "\u4e00-\u9fff"  # CJK Unified Ideographs: nearly every Chinese character in use
HAN_EXT_A = "\u3400-\u4dbf"
HAN_COMPATIBILITY = "\uf900-\ufaff"
HAN_SUPPLEMENTARY = "\U00020000-\U0003134f"  # extensions B–H: rare names and places
HAN = HAN_EXT_A + HAN_BASIC + HAN_COMPATIBILITY
ITERATION_MARKS = "\u3005\u3007"  # 々 and 〇
KANA = "\u3040-\u30ff"  # hiragana and katakana
KANA_PHONETIC = "\u31f0-\u31ff"
HANGUL = "\uac00-\ud7af"  # hangul syllables
# Every script written without spaces between words.
CJK = ITERATION_MARKS + KANA + KANA_PHONETIC + HAN + HANGUL + HAN_SUPPLEMENTARY


def is_han_basic(char: str) -> bool:
    """`char` is a CJK Unified Ideograph (the block Chinese text is written in)."""
    return HAN_BASIC_FIRST <= ord(char) <= HAN_BASIC_LAST
