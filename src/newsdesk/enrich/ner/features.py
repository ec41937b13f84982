"""Character features for the entity tagger.

One feature list per character, built the same way at training and at run time.
A conditional random field over characters needs context (neighbouring characters and
bigrams), word boundaries (jieba, whose HMM joins the characters of names it does not
know), what jieba's dictionary says the word is (person, place, organisation name, or
no word it knows), clusters of characters and words learned from unlabelled news, and
the shipped name lists.  The lists matter most for names the
training sentences never show; the rest carries the conventions of the annotated data.

Features are plain strings: python-crfsuite hashes them in C, which keeps tagging fast.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import jieba

from newsdesk.enrich.gazetteer import (
    Gazetteer,
    abbreviations,
    default_gazetteer,
    read_chars,
    words,
)
from newsdesk.text.normal import to_simplified

# jieba dictionary tags worth a feature: names of people, places, organisations, other
# proper nouns and abbreviations.  Everything else is one "other word" value.
NAME_TAGS = {"nr": "nr", "nrt": "nr", "nrfg": "nr", "ns": "ns", "nt": "nt", "nz": "nz", "j": "j"}
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# jieba's HMM costs a third of segmentation speed; it finds most unknown names.
SEGMENT_HMM = True
# How many words ahead a suffix that ends a name is looked for.
LOOKAHEAD = 4
CLUSTER_FILE = "char_clusters.txt"
WORD_CLUSTER_FILE = "word_clusters.txt"
NO_CLUSTER = ("_", "_")
# First letters of jieba tags that never start or continue a name: verbs, adverbs,
# adjectives, numerals, measure words, pronouns, prepositions, conjunctions, particles,
# locality and time words, interjections.
FUNCTION_TAGS = frozenset("vdamqrpcuftye")
QUOTES_OPEN = "“「『《〈\"'‘"
QUOTES_CLOSE = "”」』》〉\"'’"


@cache
def _tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer: other modules may add user words to the global one."""
    jieba.setLogLevel(logging.WARNING)  # its loading notes are not the run's business
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _word_tags() -> dict[str, str]:
    return _dictionary_classes()[0]


def function_words() -> frozenset[str]:
    """Words jieba's dictionary tags as verbs, adverbs, adjectives, numbers, pronouns,
    prepositions, conjunctions or particles: none of them is part of a name."""
    return _dictionary_classes()[1]


@cache
def _dictionary_classes() -> tuple[dict[str, str], frozenset[str]]:
    tags = {}
    function = set()
    with jieba.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) < 3:
                continue
            if parts[2] in NAME_TAGS:
                tags[parts[0]] = NAME_TAGS[parts[2]]
            elif parts[2][0] in FUNCTION_TAGS:
                function.add(parts[0])
    return tags, frozenset(function)


@cache
def char_clusters() -> dict[str, tuple[str, str]]:
    """Character → (coarse, fine) cluster ids, learned from unlabelled news text.

    Characters that keep the same company (the ones that end place names, the ones of
    transliterated names) fall in the same cluster, so a character the annotated
    sentences never show still gets the features of its kind.  Written by the training
    script; an absent file only removes these features.
    """
    return _read_clusters(CLUSTER_FILE)


@cache
def word_clusters() -> dict[str, tuple[str, str]]:
    """jieba word → (coarse, fine) cluster ids: 表示/指出/强调 after a name, 厂/公司 after
    an organisation's, whether or not the annotated sentences hold that word."""
    return _read_clusters(WORD_CLUSTER_FILE)


def _read_clusters(name: str) -> dict[str, tuple[str, str]]:
    path = resources.files("newsdesk.enrich").joinpath("data").joinpath(name)
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        parts = line.split("\t")
        if len(parts) == 3 and parts[0]:
            out[parts[0]] = (parts[1], parts[2])
    return out


# Distinct characters whose class is remembered: the cache must not grow with every
# rare character a long-running ingest meets.
CHAR_CLASS_CACHE = 1 << 16


@lru_cache(maxsize=CHAR_CLASS_CACHE)
def char_class(char: str) -> str:
    """H(an), D(igit), L(atin), P(unctuation), S(pace), O(ther)."""
    if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
        return "H"
    category = unicodedata.category(char)
    if category == "Nd":
        return "D"
    if category.startswith("L"):
        return "L"
    if category.startswith("P") or category.startswith("S"):
        return "P"
    if category.startswith("Z") or char in "\t\n\r":
        return "S"
    return "O"


def fold(text: str) -> str:
    """The text the tagger reads: traditional characters as simplified (陳冠希 → 陈冠希),
    lone surrogates as U+FFFD; never a change of length, so offsets still hold."""
    text = LONE_SURROGATE.sub("\ufffd", text)
    simplified = to_simplified(text)
    return simplified if len(simplified) == len(text) else text


def dictionary_frequency(word: str) -> int:
    """How often jieba's dictionary says `word` occurs as a word (0 if it is no word)."""
    return int(_tokenizer().FREQ.get(word) or 0)


def segment(text: str) -> list[str]:
    """jieba words; its HMM joins the characters of unknown names (耿爽, 乌梅罗夫)."""
    return list(_tokenizer().cut(text, HMM=SEGMENT_HMM))


def _word_features(tokens: list[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """Per character: position in its word with the word's name tag, context flags, and
    the word with its neighbours (the verb after a name, the title before it).

    The flags look up to `LOOKAHEAD` words ahead for a word that ends an organisation
    or a place (…猪鬃/厂, …运河): where a long name starts is the hard part.
    """
    tags = _word_tags()
    frequency = _tokenizer().FREQ
    titles = words("titles.txt")
    kinds = [_suffix_kind(token) for token in tokens]
    ahead = _distance_to_suffix(tokens, kinds)
    position: list[str] = []
    context: list[str] = []
    lexical: list[str] = []
    cluster_ids: list[str] = []
    padded = ["^", *tokens, "$"]
    for k, token in enumerate(tokens):
        previous, following = padded[k], padded[k + 2]
        size = len(token)
        tag = tags.get(token) or ("w" if token in frequency else "h") if size > 1 else "1"
        if size == 1:
            position.append("S" + tag)
        else:
            position.append("B" + tag)
            position.extend(["M" + tag] * (size - 2))
            position.append("E" + tag)
        flag = ("t" if previous in titles else "-") + kinds[k] + ahead[k]
        context.append(flag)
        context.extend([flag[1:] + "+"] * (size - 1))
        lexical.extend([previous + "|" + token + "|" + following] * size)
        cluster_ids.extend(
            [_word_cluster(previous) + "|" + _word_cluster(token) + "|" + _word_cluster(following)]
            * size
        )
    return position, context, lexical, cluster_ids


def _word_cluster(token: str) -> str:
    return word_clusters().get(token, NO_CLUSTER)[1]


def _suffix_kind(token: str) -> str:
    if token in _org_suffixes() or (len(token) > 2 and token.endswith(_long_org_suffixes())):
        return "o"
    if token in words("loc_suffixes.txt"):
        return "l"
    return "-"


@cache
def _org_suffixes() -> frozenset[str]:
    return words("org_suffixes.txt")


@cache
def _long_org_suffixes() -> tuple[str, ...]:
    return tuple(sorted(s for s in _org_suffixes() if len(s) >= 2))


def _distance_to_suffix(tokens: list[str], kinds: list[str]) -> list[str]:
    """For each word: `o2` if an organisation suffix is two words ahead, and so on."""
    out = ["-"] * len(tokens)
    for k, kind in enumerate(kinds):
        if kind == "-":
            continue
        for d in range(1, LOOKAHEAD + 1):
            j = k - d
            if j < 0 or char_class(tokens[j][0]) in "PS":
                break
            if out[j] == "-":
                out[j] = kind + str(d)
    return out


def _gazetteer_tags(text: str, gazetteer: Gazetteer) -> list[str]:
    tags = ["-"] * len(text)
    for start, end, entry in gazetteer.scan(text):
        tags[start] = "B" + entry.kind
        for i in range(start + 1, end):
            tags[i] = "I" + entry.kind
    return tags


def _quote_flags(text: str) -> list[str]:
    flags = []
    depth = 0
    for char in text:
        if char in QUOTES_CLOSE and depth:
            depth -= 1
        flags.append("q" if depth else "-")
        if char in QUOTES_OPEN and not (char in QUOTES_CLOSE and depth):
            depth += 1
    return flags


def features(text: str, tokens: list[str] | None = None) -> list[tuple[str, ...]]:
    """The feature strings of every character of `text` (one sentence or chunk).

    Built column by column with comprehensions, then zipped: several times faster
    than assembling each character's list in a loop.
    """
    if not text:
        return []
    if tokens is None:
        tokens = segment(text)
    position, context, lexical, cluster_ids = _word_features(tokens)
    gaz = _gazetteer_tags(text, default_gazetteer())
    abbrev = abbreviations()
    surnames = words("surnames.txt")
    translit = read_chars("translit_chars.txt")
    n = len(text)
    padded = "^^" + text + "$$"
    prev1, next1 = padded[1 : n + 1], padded[3 : n + 3]
    prev2, next2 = padded[:n], padded[4 : n + 4]
    classes = "".join([char_class(c) for c in padded])
    kinds = [
        ("a" if c in abbrev else "-")
        + ("s" if c in surnames else "-")
        + ("t" if c in translit else "-")
        for c in padded
    ]
    word = [p + x for p, x in zip(position, context, strict=True)]
    gaz_prev = ["^", *gaz[:-1]]
    here, before, after = kinds[2 : n + 2], kinds[1 : n + 1], kinds[3 : n + 3]
    clusters = char_clusters()
    cl = [clusters.get(c, NO_CLUSTER) for c in padded]
    return list(
        zip(
            ["c=" + c for c in text],
            ["p=" + c for c in prev1],
            ["n=" + c for c in next1],
            ["pp=" + c for c in prev2],
            ["nn=" + c for c in next2],
            ["pc=" + a + b for a, b in zip(prev1, text, strict=True)],
            ["cn=" + a + b for a, b in zip(text, next1, strict=True)],
            ["pn=" + a + b for a, b in zip(prev1, next1, strict=True)],
            ["k=" + classes[i : i + 3] for i in range(1, n + 1)],
            ["w=" + p for p in position],
            ["t3=" + a + b + c for a, b, c in zip(prev1, text, next1, strict=True)],
            ["W=" + w.split("|")[1] for w in lexical],
            ["Wp=" + w.rsplit("|", 1)[0] for w in lexical],
            ["Wn=" + w.split("|", 1)[1] for w in lexical],
            ["wc=" + w for w in word],
            ["g=" + g for g in gaz],
            ["gp=" + a + b for a, b in zip(gaz_prev, gaz, strict=True)],
            ["q=" + q for q in _quote_flags(text)],
            ["x=" + k for k in here],
            ["xx=" + a + b + c for a, b, c in zip(before, here, after, strict=True)],
            ["V=" + w.split("|")[1] for w in cluster_ids],
            ["Vp=" + w.split("|")[0] for w in cluster_ids],
            ["Vn=" + w.split("|")[2] for w in cluster_ids],
            ["u=" + c[1] for c in cl[2 : n + 2]],
            ["up=" + c[1] for c in cl[1 : n + 1]],
            ["un=" + c[1] for c in cl[3 : n + 3]],
            [
                "uu=" + a[0] + "_" + b[0] + "_" + c[0]
                for a, b, c in zip(cl[1 : n + 1], cl[2 : n + 2], cl[3 : n + 3], strict=True)
            ],
            strict=True,
        )
    )
