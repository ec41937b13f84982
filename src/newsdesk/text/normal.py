"""The simplified-Chinese normal form used for indexing and matching.

Readers see the article as written; the index and every comparison see one form, so a
query typed in traditional characters (`馬克龍`) finds an article written in simplified
ones (`马克龙`) and the reverse.  The normal form is: Unicode NFKC (full-width letters
and digits folded to ASCII), traditional characters mapped to simplified by OpenCC's
`t2s` tables, and case folded.  The original text is never replaced, only shadowed.

`fold` is that form for every comparison (the search index, stories, hot lists);
`normal_form` is the same, except that Japanese and Korean keep their kanji and hanja;
`query_form` is what a search query is matched in, kept under its own name so the
intent reads at the call site; `entity_name` is the name an entity is stored and looked
up under (the same folding, case kept, because the name is shown).  Lone surrogates (from undecodable crawls) are not text,
and OpenCC refuses them: they become U+FFFD first.
"""

from __future__ import annotations

import re
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def _nfkc(text: str) -> str:
    # Most text is already NFKC; checking first is ~50x cheaper than normalizing.
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _SURROGATE.sub("\ufffd", text)


def fold(text: str) -> str:
    """The form every comparison sees: NFKC, simplified characters, case folded."""
    return to_simplified(_nfkc(text)).casefold()


def normal_form(text: str, *, language: str | None = None) -> str:
    """The form to index a text of `language` in: `fold`, except that Japanese and
    Korean Han characters stay as written."""
    if (language or "").startswith(_NOT_CHINESE):
        return _nfkc(text).casefold()
    return fold(text)


def entity_name(name: str) -> str:
    """The name an entity is keyed on: NFKC and simplified (中國 and 中国 are one
    entity, whichever spelling a page or a lookup uses); case is kept, as names are
    shown as they are keyed."""
    return to_simplified(_nfkc(name))


def query_form(query: str) -> str:
    """The form a search query is matched in: the same as `normal_form`, by design."""
    return normal_form(query)
