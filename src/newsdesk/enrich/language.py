"""Which language an article is written in, telling simplified from traditional Chinese.

The reader's guess (`newsdesk.extract.language.detect_language`) decides the script
and, for Latin and Cyrillic text, the language (by CLD2); it reports Chinese as plain
`zh`.
Here Chinese is split into `zh-Hans` and `zh-Hant`, because search folds the two
together (see `normalize`) and a reader wants to know which one the page used.

Why counting characters works: most frequent characters are the same in both scripts,
but a sizeable minority exist only in one (`国`/`國`, `马`/`馬`).  Characters that
OpenCC's `t2s` table changes are traditional-only; characters its `s2t` table changes
and `t2s` leaves alone are simplified-only.  Whichever group is larger names the script.
"""

from __future__ import annotations

from functools import cache

from newsdesk.extract.language import detect_language
from newsdesk.text import cjk

# Enough text to decide: a few hundred characters carry dozens of script-specific ones.
SAMPLE_CHARS = 2000
# Traditional text quotes simplified names now and then (and the reverse), so one
# group must clearly outnumber the other before the script is called traditional.
HANT_RATIO = 1.5

# The CJK Unified Ideographs block: where every character the two tables map lives.
_CJK_FIRST, _CJK_LAST = cjk.HAN_BASIC_FIRST, cjk.HAN_BASIC_LAST


@cache
def _script_specific() -> tuple[frozenset[str], frozenset[str]]:
    """(traditional-only, simplified-only) characters, from OpenCC's own tables."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - without opencc every Chinese text is zh-Hans
        return frozenset(), frozenset()
    chars = [chr(c) for c in range(_CJK_FIRST, _CJK_LAST + 1)]
    joined = "\n".join(chars)  # one character per line: no phrase rules apply
    to_simp = opencc.OpenCC("t2s").convert(joined).split("\n")
    to_trad = opencc.OpenCC("s2t").convert(joined).split("\n")
    trad_only = {c for c, s in zip(chars, to_simp, strict=True) if s != c}
    simp_only = {c for c, s, t in zip(chars, to_simp, to_trad, strict=True) if t != c and s == c}
    return frozenset(trad_only), frozenset(simp_only)


def chinese_script(text: str) -> str:
    """`zh-Hant` when traditional-only characters clearly dominate, else `zh-Hans`."""
    trad_only, simp_only = _script_specific()
    sample = text[:SAMPLE_CHARS]
    trad = sum(c in trad_only for c in sample)
    simp = sum(c in simp_only for c in sample)
    return "zh-Hant" if trad > HANT_RATIO * simp else "zh-Hans"


def detect(text: str) -> str:
    """`zh-Hans`, `zh-Hant`, `ja`, `ko`, `en`, `fr`, … or `und` when nothing decides."""
    lang = detect_language(text)
    return chinese_script(text) if lang == "zh" else lang
