"""A small script-and-stopword language guess, enough to pick a page's time zone.

Readers need the language early (to assume the site's zone for unmarked times, and to
record it); a proper identifier is a later enrichment step.  Scripts decide most
cases: kana means Japanese (Japanese text is full of it, Chinese has almost none),
hangul Korean, han Chinese.  Latin text is told apart by counting common stopwords.
Traditional Chinese is reported as `zh` too: telling it apart reliably takes more than
a character count.
"""

from __future__ import annotations

import re
from collections import Counter

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


def detect_language(text: str) -> str:
    """`zh`, `ja`, `ko`, `ru`, `el`, a Latin-script language code, or `und`."""
    sample = text[:SAMPLE_CHARS]
    if not sample or max(sample) < _FIRST_NON_LATIN:
        return _latin_language(sample) if _LATIN.search(sample) else "und"
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
        return "ru"
    if greek >= SCRIPT_SHARE * letters:
        return "el"
    return _latin_language(sample)


def _letters(script: re.Pattern[str], sample: str) -> int:
    """How many of `sample`'s characters the script's runs pattern covers."""
    return sum(map(len, script.findall(sample)))


def _latin_language(sample: str) -> str:
    counts = Counter(_WORD.findall(sample.lower()))
    scores = {lang: sum(counts[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] else "und"
