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
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple

import jieba

from newsdesk.enrich.gazetteer import (
    Entry,
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


def warm_up() -> None:
    """Load the word frequencies now: the first unknown word would, in each worker."""
    _tokenizer()


def _word_tags() -> dict[str, str]:
    return _dictionary_classes()[0]


def dictionary_tag(word: str) -> str | None:
    """The name tag (nr, ns, nt, nz, j) jieba's dictionary gives `word`, if any."""
    return _word_tags().get(word)


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
    """jieba words; its HMM joins the characters of unknown names (耿爽, 乌梅罗夫).

    Cut by rjieba (jieba's dictionary and HMM in Rust, several times faster) when it is
    installed, with the two places it differs from jieba mended (`_rust_segment`).
    """
    rust = _rust_tokenizer()
    if rust is None or JIEBA_ONLY.search(text):
        return jieba_segment(text)
    return _rust_segment(rust, text)


def jieba_segment(text: str) -> list[str]:
    """The words as jieba itself cuts them: what the model was trained on."""
    return list(_tokenizer().cut(text, HMM=SEGMENT_HMM))


# rjieba counts these characters as Han, jieba does not: text holding them is cut by
# jieba so that words never differ from the ones the model was trained on.
JIEBA_ONLY = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# jieba cuts a run of Latin letters and digits it does not know at punctuation
# (it7t.com → it7t . com, keeping 3.0 and 35%); rjieba keeps the run whole.
ALNUM_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
NOT_ALNUM = re.compile(r"[^a-zA-Z0-9]")
# The only non-alphanumeric characters rjieba takes into such a run.
JOINERS = re.compile(r"[+#&._%\-]")


@cache
def _rust_tokenizer() -> Any:
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba.Jieba()  # its own instance: no one else's user words


def _rust_segment(rust: Any, text: str) -> list[str]:
    """rjieba's words, a Latin run jieba would cut cut the same way.

    On 6 million characters of news (cnews, TNEWS, THUCNews, the extraction sets) the
    result differs from jieba's in 2 of 108,847 sentences, both ties in the HMM.
    """
    words: list[str] = rust.cut(text, SEGMENT_HMM)
    if not JOINERS.search(text):
        return words
    frequency = _tokenizer().FREQ
    out: list[str] = []
    for word in words:
        if len(word) > 1 and word.isascii() and NOT_ALNUM.search(word) and not frequency.get(word):
            out.extend(part for part in ALNUM_RUN.split(word) if part)
        else:
            out.append(word)
    return out


class WordColumns(NamedTuple):
    """Per-character word features; `before`/`after` (`Wp`, `Wn`) hold None where the
    model has no weight for the string, and `rare` lists the characters where they do."""

    position: Sequence[str]
    context: Sequence[str]
    word: Sequence[str]
    before: Sequence[str | None]
    after: Sequence[str | None]
    clusters: Sequence[str]
    clusters_before: Sequence[str]
    clusters_after: Sequence[str]
    rare: list[int]


def _word_features(tokens: list[str], known: Known | None = None) -> WordColumns:
    """Per character: position in its word with the word's name tag, context flags, and
    the word with its neighbours (the verb after a name, the title before it).

    The flags look up to `LOOKAHEAD` words ahead for a word that ends an organisation
    or a place (…猪鬃/厂, …运河): where a long name starts is the hard part.  Each
    column is built once per word, then spread over the characters in C (`itemgetter`).
    """
    titles = words("titles.txt")
    kinds = [_suffix_kind(token) for token in tokens]
    ahead = _distance_to_suffix(tokens, kinds)
    cluster_of = word_clusters()
    padded = ["^", *tokens, "$"]
    tags = [_word_tag(token) for token in tokens]
    flags = [
        ("t" if previous in titles else "-") + kind + distance
        for previous, kind, distance in zip(padded, kinds, ahead, strict=False)
    ]
    position = list(chain.from_iterable(map(_positions, tags)))
    context = list(chain.from_iterable(map(_contexts, tags, flags)))
    if any("|" in token for token in tokens):
        # The split keeps what the joined form always gave for a word holding "|".
        lexical = [
            a + "|" + b + "|" + c for a, b, c in zip(padded, tokens, padded[2:], strict=False)
        ]
        word = [w.split("|")[1] for w in lexical]
        befores = [w.rsplit("|", 1)[0] for w in lexical]
        afters = [w.split("|", 1)[1] for w in lexical]
    else:
        word = tokens
        befores = [a + "|" + b for a, b in zip(padded, tokens, strict=False)]
        afters = [b + "|" + c for b, c in zip(tokens, padded[2:], strict=False)]
    before: list[str | None]
    after: list[str | None]
    if known is None:
        before, after = ["Wp=" + w for w in befores], ["Wn=" + w for w in afters]
    else:
        before = ["Wp=" + w if w in known.before else None for w in befores]
        after = ["Wn=" + w if w in known.after else None for w in afters]
    clusters = ["V=" + cluster_of.get(t, NO_CLUSTER)[1] for t in padded]
    spread = _spreader(tokens)
    rare: list[int] = []
    if known is not None:
        at = 0
        for token, b, a in zip(tokens, before, after, strict=True):
            if b is not None or a is not None:
                rare.extend(range(at, at + len(token)))
            at += len(token)
    return WordColumns(
        position,
        context,
        spread(["W=" + w for w in word]),
        spread(before),
        spread(after),
        spread(clusters[1:-1]),
        spread(["Vp" + c[1:] for c in clusters[:-2]]),
        spread(["Vn" + c[1:] for c in clusters[2:]]),
        rare,
    )


def _spreader(tokens: list[str]) -> Callable[[list[Any]], Sequence[Any]]:
    """A function from one value per word to one per character."""
    index = [k for k, token in enumerate(tokens) for _ in token]
    if len(index) == 1:
        return lambda values: (values[0],)
    return itemgetter(*index)


# Words and tags whose feature strings are remembered: bounded like the class cache.
WORD_CACHE = 1 << 16


@lru_cache(maxsize=WORD_CACHE)
def _word_tag(token: str) -> tuple[str, int]:
    """The word's name tag (nr, ns…, w: other word, h: unknown, 1: one character) and
    its length."""
    if len(token) == 1:
        return "1", 1
    tag = _word_tags().get(token) or ("w" if token in _tokenizer().FREQ else "h")
    return tag, len(token)


@lru_cache(maxsize=WORD_CACHE)
def _positions(tag: tuple[str, int]) -> tuple[str, ...]:
    name, size = tag
    if size == 1:
        return ("w=S" + name,)
    return ("w=B" + name, *["w=M" + name] * (size - 2), "w=E" + name)


@lru_cache(maxsize=WORD_CACHE)
def _contexts(tag: tuple[str, int], flag: str) -> tuple[str, ...]:
    name, size = tag
    if size == 1:
        return ("wc=S" + name + flag,)
    inner = flag[1:] + "+"
    return ("wc=B" + name + flag, *["wc=M" + name + inner] * (size - 2), "wc=E" + name + inner)


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


# Chunks whose gazetteer matches are remembered: the features and then the rules of
# the same chunk ask for them.
RECENT_SCANS = 8


@lru_cache(maxsize=RECENT_SCANS)
def gazetteer_matches(text: str) -> tuple[tuple[int, int, Entry], ...]:
    """The shipped gazetteer's matches in `text` (`Gazetteer.scan`), shared by the
    features and the rules of one chunk."""
    return tuple(default_gazetteer().scan(text))


def _gazetteer_tags(text: str) -> list[str]:
    tags = ["-"] * len(text)
    for start, end, entry in gazetteer_matches(text):
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


class Known(NamedTuple):
    """Values of the rare templates (character pairs and triples, a word with its
    neighbour) that the model holds a weight for.

    Most such strings occur in no training sentence, and the tagger ignores a string it
    has no weight for; building only the known ones gives the same labels for a third
    fewer strings to make, convert and look up.
    """

    pairs_before: frozenset[str]  # pc=
    pairs_after: frozenset[str]  # cn=
    around: frozenset[str]  # pn=
    triples: frozenset[str]  # t3=
    before: frozenset[str]  # Wp=
    after: frozenset[str]  # Wn=

    @classmethod
    def of(cls, attributes: Iterable[str]) -> Known:
        """The known values among a model's attribute names."""
        by_template: dict[str, set[str]] = {}
        for attribute in attributes:
            template, _, value = attribute.partition("=")
            by_template.setdefault(template, set()).add(value)
        return cls(
            *(frozenset(by_template.get(t, ())) for t in ("pc", "cn", "pn", "t3", "Wp", "Wn"))
        )


def features(
    text: str, tokens: list[str] | None = None, known: Known | None = None
) -> list[tuple[str, ...]]:
    """The feature strings of every character of `text` (one sentence or chunk).

    Built column by column with comprehensions, then zipped: several times faster
    than assembling each character's list in a loop.  With `known`, the rare templates
    give only the strings the model has weights for, in the same order (for tagging;
    training needs them all).
    """
    if not text:
        return []
    if tokens is None:
        tokens = segment(text)
    word = _word_features(tokens, known)
    gaz = _gazetteer_tags(text)
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
    gaz_prev = ["^", *gaz[:-1]]
    here, before, after = kinds[2 : n + 2], kinds[1 : n + 1], kinds[3 : n + 3]
    clusters = char_clusters()
    cl = [clusters.get(c, NO_CLUSTER) for c in padded]
    head = (
        ["c=" + c for c in text],
        ["p=" + c for c in prev1],
        ["n=" + c for c in next1],
        ["pp=" + c for c in prev2],
        ["nn=" + c for c in next2],
    )
    middle = (["k=" + classes[i : i + 3] for i in range(1, n + 1)], word.position)
    tail = (
        word.context,
        ["g=" + g for g in gaz],
        ["gp=" + a + b for a, b in zip(gaz_prev, gaz, strict=True)],
        ["q=" + q for q in _quote_flags(text)],
        ["x=" + k for k in here],
        ["xx=" + a + b + c for a, b, c in zip(before, here, after, strict=True)],
        word.clusters,
        word.clusters_before,
        word.clusters_after,
        ["u=" + c[1] for c in cl[2 : n + 2]],
        ["up=" + c[1] for c in cl[1 : n + 1]],
        ["un=" + c[1] for c in cl[3 : n + 3]],
        [
            "uu=" + a[0] + "_" + b[0] + "_" + c[0]
            for a, b, c in zip(cl[1 : n + 1], cl[2 : n + 2], cl[3 : n + 3], strict=True)
        ],
    )
    if known is None:
        return list(
            zip(
                *head,
                ["pc=" + a + b for a, b in zip(prev1, text, strict=True)],
                ["cn=" + a + b for a, b in zip(text, next1, strict=True)],
                ["pn=" + a + b for a, b in zip(prev1, next1, strict=True)],
                *middle,
                ["t3=" + a + b + c for a, b, c in zip(prev1, text, next1, strict=True)],
                word.word,
                word.before,  # type: ignore[arg-type]  # all set without `known`
                word.after,  # type: ignore[arg-type]
                *tail,
                strict=True,
            )
        )
    items = list(zip(*head, *middle, word.word, *tail, strict=True))
    rare = _rare_characters(padded, n, known)
    for i in word.rare:
        rare.setdefault(i, [None] * 4)
    for i, (pc, cn, pn, t3) in rare.items():
        item = items[i]
        items[i] = (
            *item[:5], *(f for f in (pc, cn, pn) if f is not None),
            *item[5:7], *((t3,) if t3 is not None else ()),
            item[7], *(f for f in (word.before[i], word.after[i]) if f is not None),
            *item[8:],
        )  # fmt: skip
    return items


def _rare_characters(padded: str, n: int, known: Known) -> dict[int, list[str | None]]:
    """Position → its known `pc`, `cn`, `pn` and `t3` strings (None where unknown).

    Found by set intersection and `str.find`, not a test at every character: few
    positions hold any.
    """
    out: dict[int, list[str | None]] = {}
    pairs = {padded[j : j + 2] for j in range(1, n + 2)}
    for slot, found, lowest, shift in (
        (0, pairs & known.pairs_before, 1, 1),
        (1, pairs & known.pairs_after, 2, 2),
    ):
        prefix = ("pc=", "cn=")[slot]
        for pair in found:
            j = padded.find(pair, lowest)
            while 0 <= j <= n + shift - 1:
                out.setdefault(j - shift, [None] * 4)[slot] = prefix + pair
                j = padded.find(pair, j + 1)
    around = {padded[i + 1] + padded[i + 3] for i in range(n)} & known.around
    for pair in around:
        i = padded.find(pair[0], 1) - 1
        while 0 <= i < n:
            if padded[i + 3] == pair[1]:
                out.setdefault(i, [None] * 4)[2] = "pn=" + pair
            i = padded.find(pair[0], i + 2) - 1
    triples = {padded[j : j + 3] for j in range(1, n + 1)} & known.triples
    for triple in triples:
        j = padded.find(triple, 1)
        while 1 <= j <= n:
            out.setdefault(j - 1, [None] * 4)[3] = "t3=" + triple
            j = padded.find(triple, j + 1)
    return out
