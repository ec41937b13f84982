"""The language of a page: scripts first, then Compact Language Detector 2 for alphabets.

Readers need the language early (to assume the site's zone for unmarked times, and to
record it).  Scripts decide most cases cheaply: kana means Japanese (Japanese text is
full of it, Chinese has almost none), hangul Korean, han Chinese, Greek Greek.
Traditional Chinese is reported as `zh` too (enrichment tells `zh-Hant` apart).
Latin and Cyrillic text is named by CLD2 (`pycld2`: its model is compiled into the
wheel, nothing loads at run time), imported on the first such page.

Chosen by measurement (`benchmarks/language.py`, 1,185 pages of the evaluation data,
the reader's own body sample): share named right, and cost per page / start-up (a
fresh interpreter naming one text; about 0.1 s with the stopwords, varying ±30%):

    tool                 all    daniel  daniel:pl  magic_html  ms/page  start-up
    stopwords (before)   0.914  0.861   0.000      0.958       0.11     baseline
    scripts + pycld2     0.982  1.000   1.000      0.962       0.13     +0 s
    scripts + whatlang   0.981  1.000   1.000      0.958       0.19     +0 s
    scripts + py3langid  0.982  1.000   1.000      0.962       0.50     +1 to 3 s
    scripts + langdetect 0.981  1.000   1.000      0.954       6.5      +0.5 to 1 s
    scripts + lingua     0.982  1.000   1.000      0.962       8.4      +10 to 20 s

The old rule counted the stopwords of seven western languages and so named Polish
Portuguese (64 of daniel's 80 Polish pages) or English; every identifier fixes that,
CLD2 at the least cost; where CLD2 abstains the stopwords still answer, and so they
do without pycld2 installed.  (Most pages still missed are gold errors: Persian and
Hindi pages labelled `latin`, an Indonesian one labelled `en`.)
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from newsdesk.text import cjk

# Enough text to decide; reading more only costs time.
SAMPLE_CHARS = 3000
# Share of the letters a script must reach to name the language; below it the page
# is mostly another script with a few borrowed words.
SCRIPT_SHARE = 0.3
# Share of kana among kana + han: Chinese pages carry a stray の in a brand name, real
# Japanese prose is a third or more kana.
KANA_SHARE = 0.1

# Runs of each script's letters: their total length is the script's letter count, found
# with one match per run rather than one per letter.
_KANA = re.compile(f"[{cjk.KANA}]+")
_HAN = re.compile(f"[{cjk.HAN}]+")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_GREEK = re.compile(r"[\u0370-\u03ff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
# Below this code point a text holds no letter of the scripts above but Latin (Greek is
# the first), so none needs counting.
_FIRST_NON_LATIN = "\u0370"
_WORD = re.compile(r"[a-zà-ɏ]+")

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for was with on as are by this it from at be have",
        "fr": "le la les et des est une dans que pour pas sur du au avec qui par",
        "de": "der die und das ist nicht mit den ein eine auf dem sich des von zu",
        "es": "el la los las y de que en un una es por con para del se",
        "it": "il di che la e per non una sono del della con gli le nel",
        "pt": "o a os as e de que em um uma para com não do da no se",
        "nl": "de het een en van is dat op te zijn met voor niet aan",
    }.items()
}


# What CLD2 refuses as "invalid UTF-8": control characters and lone surrogates.
_NOT_FOR_CLD2 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def detect_language(text: str) -> str:
    """`zh`, `ja`, `ko`, `el`, the code of a Latin or Cyrillic-script language (`en`,
    `pl`, `ru`, `uk`…), or `und`."""
    script = detect_script(text)
    if script not in ("latin", "cyrillic"):
        return script
    identify = _identifier()
    found = identify(text[:SAMPLE_CHARS]) if identify else None
    return found or detect_by_stopwords(text)


@cache
def _identifier() -> Callable[[str], str | None] | None:
    """CLD2's guess as a language code (None when it has none), or None without pycld2."""
    try:
        import pycld2
    except ImportError:  # pragma: no cover - the install names pycld2; say so once
        logging.getLogger(__name__).warning(
            "pycld2 is not installed: languages are told apart by stopwords (pip install pycld2)"
        )
        return None

    def identify(sample: str) -> str | None:
        try:
            code = pycld2.detect(_NOT_FOR_CLD2.sub(" ", sample), isPlainText=True)[2][0][1]
        except pycld2.error:
            return None
        return None if code == "un" else code.split("-")[0]

    return identify


def detect_by_stopwords(text: str) -> str:
    """The script, and for Latin text the language whose stopwords are most frequent."""
    script = detect_script(text)
    if script == "latin":
        return _latin_language(text[:SAMPLE_CHARS])
    return "ru" if script == "cyrillic" else script


def detect_script(text: str) -> str:
    """`zh`, `ja`, `ko` or `el` (a script that names its language), `cyrillic`, `latin`
    or `und` (no letters)."""
    sample = text[:SAMPLE_CHARS]
    if not sample or max(sample) < _FIRST_NON_LATIN:
        return "latin" if _LATIN.search(sample) else "und"
    kana, han = _letters(_KANA, sample), _letters(_HAN, sample)
    hangul, latin = _letters(_HANGUL, sample), _letters(_LATIN, sample)
    cyrillic, greek = _letters(_CYRILLIC, sample), _letters(_GREEK, sample)
    letters = kana + han + hangul + latin + cyrillic + greek
    if not letters:
        return "und"
    if kana + han >= SCRIPT_SHARE * letters and kana > KANA_SHARE * (kana + han):
        return "ja"
    if hangul >= SCRIPT_SHARE * letters:
        return "ko"
    if han >= SCRIPT_SHARE * letters:
        return "zh"
    if cyrillic >= SCRIPT_SHARE * letters:
        return "cyrillic"
    if greek >= SCRIPT_SHARE * letters:
        return "el"
    return "latin"


def _letters(script: re.Pattern[str], sample: str) -> int:
    """How many of `sample`'s characters the script's runs pattern covers."""
    return sum(map(len, script.findall(sample)))


def _latin_language(sample: str) -> str:
    counts = Counter(_WORD.findall(sample.lower()))
    scores = {lang: sum(counts[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] else "und"
