"""The simplified-Chinese normal form used for indexing and matching.

Readers see the article as written; the index and every comparison see one form, so a
query typed in traditional characters (`馬克龍`) finds an article written in simplified
ones (`马克龙`) and the reverse.  The normal form is: Unicode NFKC (full-width letters
and digits folded to ASCII), traditional characters mapped to simplified by OpenCC's
`t2s` tables, and case folded.  The original text is never replaced, only shadowed.

The search index must call `normal_form` on documents and `query_form` on queries:
they are the same function, kept under two names so the intent reads at the call site.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Protocol


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _t2s() -> _Converter | None:
    """OpenCC's traditional-to-simplified converter, or None when opencc is missing."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - the install names opencc; say so once
        import logging

        logging.getLogger(__name__).warning(
            "opencc is not installed: traditional characters are not folded "
            "(pip install 'opencc>=1.1')"
        )
        return None
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """`text` with traditional characters mapped to simplified; nothing else changes."""
    converter = _t2s()
    if converter is None or not text:
        return text
    return converter.convert(text)


# Languages whose Han characters are not Chinese: folding their kanji/hanja to
# simplified Chinese would change the words, so their normal form skips that step.
_NOT_CHINESE = ("ja", "ko")


def normal_form(text: str, *, language: str | None = None) -> str:
    """The form to index and compare: NFKC, simplified characters, case folded."""
    if not text:
        return text
    folded = unicodedata.normalize("NFKC", text)
    if not (language or "").startswith(_NOT_CHINESE):
        folded = to_simplified(folded)
    return folded.casefold()


def query_form(query: str) -> str:
    """The form a search query is matched in: the same as `normal_form`, by design."""
    return normal_form(query)
