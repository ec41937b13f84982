"""Rules applied to the tagger's spans: what a few thousand training sentences cannot teach.

The model learned 1998 newspaper and 2014 Weibo conventions; news about today's world
needs names it never saw and a few writing habits of Chinese news:

* one-character country abbreviations in pairs and before titles (中俄, 美欧, 俄乌, 俄外长);
* transliterated foreign names after a title or joined by `·` (团长乌梅罗夫, 安德烈·鲁登科);
* organisation names in quotes (“志愿者联盟”, “和平之友”小组);
* a place followed by an organisation is one organisation (俄罗斯外交部, 美国1945军事网站);
* the source in "据X报道" is an organisation (据海峡网报道).

Every rule only adds a span where nothing overlaps it, or replaces a span it contains,
so the model's own reading wins wherever it had one.  Each rule was kept only if it did
not lower F1 on the held-out sets (`benchmarks/enrich_ner.py`).

Longer than most modules: the rules are one ordered cascade, and the order is the
logic; spread over files it could no longer be read top to bottom.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate

from newsdesk.enrich.gazetteer import abbreviations, default_gazetteer, read_chars, words
from newsdesk.enrich.ner.checks import check_spans
from newsdesk.enrich.ner.corpus import Span
from newsdesk.enrich.ner.features import (
    char_class,
    dictionary_frequency,
    function_words,
    gazetteer_matches,
)

# Longest run of abbreviations read as one token (美俄乌).
MAX_ABBREVIATION_RUN = 4
# Words after a group of abbreviations that make them countries: 中葡双方, 中韩建交.
RELATION_WORDS = (
    "关系",
    "双方",
    "两国",
    "三国",
    "四国",
    "两军",
    "建交",
    "边界",
    "边境",
    "合作",
    "会谈",
    "会晤",
    "友好",
    "贸易",
    "经贸",
    "之间",
    "联合",
    "峰会",
    "冲突",
    "战争",
    "谈判",
    "和谈",
    "对话",
    "首脑",
    "元首",
    "外长",
    "领导人",
    "战略",
    "军演",
    "协议",
    "争端",
    "交往",
    "往来",
    "贸易战",
)
# Verbs and prepositions that make the abbreviation after them a place: 访华, 驻美, 援乌.
VISIT_PREFIXES = frozenset("访驻反侵来援对赴旅抵离亲排涉在")
# Pairs of abbreviations that jieba knows as frequent words are mostly other words
# (美德 "virtue", 加以 "to apply", 沙土 "sand"); above this dictionary frequency a pair is
# only read as two places when it is in KNOWN_PAIRS.
PAIR_WORD_FREQUENCY = 20
KNOWN_PAIRS = frozenset({"中日", "欧美", "英美", "中欧", "中加", "美英", "韩日", "英德", "中巴"})
# One-character abbreviations that are rarely anything else, even as a lone token.
SAFE_SINGLE = frozenset("俄美乌英德日韩朝欧越菲澳叙")
# Abbreviations that a side word or a title makes a place (中方, 以军, 法外长); 西方, 比方
# and 土方 are other words.
SIDE_HEADS = SAFE_SINGLE | frozenset("中法印巴以伊加泰")
# Abbreviations after a verb of visiting that are places (访华, 驻美); 在意 is no place.
VISITED = SAFE_SINGLE | frozenset("华")
# Titles of a country's officials: 俄总统, 美国务卿, 乌外长.
LEADER_TITLES = frozenset(
    {
        "总统",
        "副总统",
        "总理",
        "副总理",
        "首相",
        "外长",
        "副外长",
        "防长",
        "外交部长",
        "国防部长",
        "国务卿",
        "大使",
        "特使",
        "驻华大使",
    }
)
# Words after an abbreviation that make it a place: 俄方, 美军, 中方.
SIDE_WORDS = frozenset("方军籍")
# A quoted name longer than this is a slogan or a title, not an organisation.
MAX_QUOTED_ORG = 15
# How far an organisation may run after its place name (美国1945军事网站: 3 words).
MAX_ORG_TAIL_WORDS = 3
MAX_ORG_TAIL_CHARS = 10
# Source names in 据X报道 are short; longer runs are clauses.
MAX_SOURCE_CHARS = 8
# Characters of a Chinese given name after the surname.
MAX_GIVEN_NAME = 2
# A `·`-joined name shorter than this is an initial or a list, not a name.
MIN_DOTTED_NAME = 4
# Generic nouns after an organisation that name its people or meetings, not itself.
GENERIC_TAILS = frozenset(
    {
        "部队",
        "军队",
        "军",
        "成员国",
        "国家",
        "官员",
        "士兵",
        "军人",
        "盟国",
        "盟友",
        "领导人",
        "峰会",
        "总部",
        "代表",
    }
)
# Nouns after a quoted name that make it an organisation: “和平之友”小组.
ORG_HEADS = frozenset(
    {"小组", "组织", "联盟", "集团", "机构", "协会", "基金会", "公司", "党", "组合", "乐队", "团体"}
)
# Suffixes that close an organisation name for the quote and tail rules; the single
# characters 部/局/社/网/报/台 are allowed only as the last word of a tail.
STRONG_ORG_SUFFIXES = (
    "联盟",
    "同盟",
    "组织",
    "协会",
    "学会",
    "联合会",
    "基金会",
    "委员会",
    "理事会",
    "集团",
    "公司",
    "银行",
    "大学",
    "学院",
    "研究所",
    "研究院",
    "研究中心",
    "通讯社",
    "网站",
    "电视台",
    "日报",
    "晚报",
    "时报",
    "周刊",
    "杂志",
    "俱乐部",
    "议会",
    "法院",
)
SOURCE_SUFFIXES = ("网", "报", "社", "台", "新闻", "电视", "通讯社", "网站", "杂志", "周刊")
# Characters that end a run of name-like words (function words, verbs of reporting).
STOP_CHARS = frozenset("的了在是和与同跟及或对向将被把等也都就还又称说表示于从到为以而该")
QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"'}
REPORTED_BY = re.compile(
    r"据([^\s，。、；：,;:！？!?“”\"《》（）()]{2,"
    + str(MAX_SOURCE_CHARS)
    + r"}?)(?:报道|消息|援引|称|电)"
)
QUOTED_NAMES = [
    re.compile(re.escape(a) + r"([^\s\W]{2," + str(MAX_QUOTED_ORG) + "})" + re.escape(b))
    for a, b in QUOTES.items()
]
DOT = "·•‧・"
TRAILING_DATE = re.compile(r"\d+[日月年号时]?$")
# A character written three times running is a Weibo interjection or stammer (超超超,
# 唐唐唐唐, 阿门门门), not a name.
STAMMER = re.compile(r"(.)\1\1")


def _free(spans: list[Span], start: int, end: int) -> bool:
    return all(e <= start or s >= end for s, e, _ in spans)


def _put(spans: list[Span], new: Span) -> list[Span]:
    """Add `new`, dropping the spans it contains; refuse it if it crosses one."""
    start, end, _ = new
    inside = [s for s in spans if s[0] >= start and s[1] <= end]
    crossing = [s for s in spans if s[0] < end and s[1] > start and s not in inside]
    if crossing:
        return spans
    return sorted([s for s in spans if s not in inside] + [new])


def token_offsets(tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each token in the text they were cut from."""
    ends = list(accumulate(map(len, tokens)))
    return list(zip([0, *ends[:-1]], ends, strict=True))


def clean_model_spans(text: str, spans: list[Span]) -> list[Span]:
    """Trim what a span should not hold; split names run together.

    The tagger sometimes runs a person into a date (托马斯·皮克林2日) or tags several
    places written together as one (美俄沙特); Weibo posts repeat a name (魏晨魏晨魏晨)
    and stammer (唐唐唐唐, 超超超), which is no name at all.
    """
    out: list[Span] = []
    for start, end, kind in spans:
        while end > start and not text[end - 1].isalpha():
            end -= 1
        while start < end and not text[start].isalpha():
            start += 1
        if end - start < 1:
            continue
        if kind == "PER" and (date := TRAILING_DATE.search(text, start, end)):
            end = date.start()
        surface = text[start:end]
        if end <= start:
            continue
        if kind == "PER":
            start, surface = _han_part(start, surface)
            if STAMMER.search(surface):
                continue
            out.extend(_split_repeats(start, surface))
        elif kind == "LOC" and len(surface) > 1:
            out.extend(_split_places(start, surface) or [(start, end, kind)])
        else:
            out.append((start, end, kind))
    return out


def _han_part(start: int, surface: str) -> tuple[int, str]:
    """何辛ESPN → 何辛: a Chinese name does not run on into Latin letters (or back)."""
    kinds = [char_class(c) for c in surface]
    if "H" not in kinds or "L" not in kinds:
        return start, surface
    first = kinds.index("H")
    end = first
    while end < len(surface) and kinds[end] in "HP":
        end += 1
    return start + first, surface[first:end]


def _split_repeats(start: int, surface: str) -> list[Span]:
    for size in range(1, len(surface) // 2 + 1):
        unit = surface[:size]
        if len(surface) % size == 0 and unit * (len(surface) // size) == surface and size >= 2:
            return [(start + k, start + k + size, "PER") for k in range(0, len(surface), size)]
    return [(start, start + len(surface), "PER")]


def _split_places(start: int, surface: str) -> list[Span]:
    """美俄沙特 → 美, 俄, 沙特 when the span is only abbreviations and known countries."""
    gazetteer, abbrev = default_gazetteer(), abbreviations()
    if gazetteer.get(surface) is not None:
        return []
    parts, i = [], 0
    while i < len(surface):
        found = next(
            (
                j
                for j in range(len(surface), i + 1, -1)
                if (entry := gazetteer.get(surface[i:j])) is not None and entry.kind == "LOC"
            ),
            None,
        )
        if found is not None:
            parts.append((start + i, start + found, "LOC"))
            i = found
        elif surface[i] in abbrev:
            parts.append((start + i, start + i + 1, "LOC"))
            i += 1
        else:
            return []
    return parts if len(parts) > 1 else []


def trim_known_organisations(text: str, spans: list[Span]) -> list[Span]:
    """北约部队 → 北约: a listed organisation followed by a generic noun for its people."""
    gazetteer = default_gazetteer()
    out = []
    for start, end, kind in spans:
        if kind == "ORG":
            for cut in range(end - 1, start + 1, -1):
                entry = gazetteer.get(text[start:cut])
                if entry is not None and entry.kind == "ORG" and text[cut:end] in GENERIC_TAILS:
                    end = cut
                    break
        out.append((start, end, kind))
    return out


def add_gazetteer(text: str, tokens: list[str], spans: list[Span]) -> list[Span]:
    """Known names where the model found nothing, or found less (巴拿马 in 巴拿马运河).

    A known name inside a longer model span stays inside it (美国 in 美国财政部); a model
    span of the exact same text takes the list's type (南斯拉夫 is a place, not a person).
    A name whose both ends fall inside words is no name there (踏上/海上 holds no 上海).
    """
    offsets = token_offsets(tokens)
    starts, ends = {s for s, _ in offsets}, {e for _, e in offsets}
    for start, end, entry in gazetteer_matches(text):
        if start not in starts and end not in ends:
            continue
        same = [s for s in spans if s[0] == start and s[1] == end]
        if same:
            spans = sorted([s for s in spans if s not in same] + [(start, end, entry.kind)])
        elif not any(s[0] <= start and s[1] >= end for s in spans):
            spans = _put(spans, (start, end, entry.kind))
    return spans


def add_abbreviations(text: str, tokens: list[str], spans: list[Span]) -> list[Span]:
    """中俄, 美欧, 俄乌, 美俄沙特 → one place per abbreviation; 俄外长, 中方, 访华 → the place.

    jieba keeps a pair it knows as one word (中俄) and splits the rest into single
    characters (俄/乌).  A group is consecutive tokens made of abbreviations or of places
    already found; it is read as places when two of its members are unambiguous (俄, 美,
    a known pair, a place) or when a word of relation follows (中葡双方, 中韩建交): 以 and 加
    are prepositions and verbs far more often than countries.
    """
    offsets = token_offsets(tokens)
    group: list[int] = []
    relevant = _abbreviation_heads()
    for k, token in enumerate([*tokens, ""]):
        if not group and token[:1] not in relevant:
            continue  # neither opens a group nor is a place by its neighbour
        if k < len(tokens) and (
            _is_abbreviation_token(token) or (group and _is_place(offsets[k], spans))
        ):
            group.append(k)
            continue
        if group and _group_is_places(tokens, offsets, group, spans, following=token):
            for j in group:
                if not _is_place(offsets[j], spans):
                    spans = _add_each_char(spans, *offsets[j])
        group = []
        if k < len(tokens):
            spans = _add_before_title_or_side(tokens, offsets, k, spans)
    return spans


@cache
def _abbreviation_heads() -> frozenset[str]:
    """Every first character of a token `add_abbreviations` can act on."""
    return frozenset(abbreviations()) | SIDE_HEADS | VISIT_PREFIXES | VISITED


def _is_place(offset: tuple[int, int], spans: list[Span]) -> bool:
    return (*offset, "LOC") in spans


def _is_abbreviation_token(token: str) -> bool:
    abbrev = abbreviations()
    if not token or len(token) > MAX_ABBREVIATION_RUN or not all(c in abbrev for c in token):
        return False
    if len(set(token)) < len(token):
        return False
    return (
        len(token) != 2 or dictionary_frequency(token) < PAIR_WORD_FREQUENCY or token in KNOWN_PAIRS
    )


def _group_is_places(
    tokens: list[str],
    offsets: list[tuple[int, int]],
    group: list[int],
    spans: list[Span],
    *,
    following: str,
) -> bool:
    strong = units = 0
    for k in group:
        token = tokens[k]
        if _is_place(offsets[k], spans):
            strong, units = strong + 1, units + 1
        elif len(token) > 1 and dictionary_frequency(token) > 0:
            strong, units = strong + len(token), units + len(token)
        else:
            strong += sum(c in SAFE_SINGLE for c in token)
            units += len(token)
    abbreviated = any(not _is_place(offsets[k], spans) for k in group)
    if units < 2 or not abbreviated:
        return False
    return strong >= 2 or following.startswith(RELATION_WORDS)


def _add_before_title_or_side(
    tokens: list[str], offsets: list[tuple[int, int]], k: int, spans: list[Span]
) -> list[Span]:
    """俄外长 / 俄/总统 / 中方 / 访华: one abbreviation made a place by its neighbour."""
    token, (start, end) = tokens[k], offsets[k]
    head, rest = token[:1], token[1:]
    if head in SIDE_HEADS and (rest in LEADER_TITLES or rest in SIDE_WORDS):
        return _add_free(spans, start, start + 1)
    if len(token) == 2 and token[0] in VISIT_PREFIXES and token[1] in VISITED:
        return _add_free(spans, start + 1, end)
    if token in SAFE_SINGLE and k + 1 < len(tokens) and tokens[k + 1] in LEADER_TITLES:
        return _add_free(spans, start, end)
    return spans


def _add_each_char(spans: list[Span], start: int, end: int) -> list[Span]:
    for i in range(start, end):
        spans = _add_free(spans, i, i + 1)
    return spans


def _add_free(spans: list[Span], start: int, end: int) -> list[Span]:
    return sorted([*spans, (start, end, "LOC")]) if _free(spans, start, end) else spans


def add_foreign_names(text: str, tokens: list[str], spans: list[Span]) -> list[Span]:
    """Transliterated names after a title (首相斯塔默) and `·`-joined names (安德烈·鲁登科)."""
    translit = read_chars("translit_chars.txt")
    titles = words("titles.txt")
    offsets = token_offsets(tokens)
    for k, token in enumerate(tokens[:-1]):
        if token not in titles:
            continue
        start = end = offsets[k][1]
        for j in range(k + 1, len(tokens)):
            if all(c in translit or c in DOT for c in tokens[j]):
                end = offsets[j][1]
            else:
                break
        if end - start >= 2 and text[end - 1] not in DOT:
            spans = _put_person(spans, start, end)
    spans = _add_chinese_names_after_titles(text, tokens, offsets, titles, spans)
    for match in _dotted_name().finditer(text):
        start, end = match.span()
        if end - start >= MIN_DOTTED_NAME:
            spans = _put_person(spans, start, end)
    return spans


@cache
def _dotted_name() -> re.Pattern[str]:
    chars = re.escape("".join(sorted(read_chars("translit_chars.txt"))))
    return re.compile(rf"[{chars}]+(?:[{DOT}][{chars}]+)+")


def _add_chinese_names_after_titles(
    text: str,
    tokens: list[str],
    offsets: list[tuple[int, int]],
    titles: frozenset[str],
    spans: list[Span],
) -> list[Span]:
    """副代表耿爽在 → 耿爽: right after a title, a surname with one or two characters
    that jieba's dictionary does not hold as a word (its HMM joined them, or left them
    single)."""
    surnames = words("surnames.txt")
    for k, token in enumerate(tokens[:-1]):
        if token not in titles:
            continue
        start, end = offsets[k + 1]
        name = tokens[k + 1]
        if len(name) == 1 and name in surnames:
            for j in range(k + 2, min(k + 2 + MAX_GIVEN_NAME, len(tokens))):
                nxt = tokens[j]
                if len(nxt) != 1 or nxt in STOP_CHARS or char_class(nxt) != "H":
                    break
                end = offsets[j][1]
        elif not (
            2 <= len(name) <= 1 + MAX_GIVEN_NAME
            and name[0] in surnames
            and dictionary_frequency(name) == 0
        ):
            continue
        if end - start >= 2 and not any(c in STOP_CHARS for c in text[start + 1 : end]):
            spans = _put_person(spans, start, end)
    return spans


def _put_person(spans: list[Span], start: int, end: int) -> list[Span]:
    if _free(spans, start, end):
        return sorted([*spans, (start, end, "PER")])
    if all(s[2] == "PER" for s in spans if s[0] < end and s[1] > start):
        return _put(spans, (start, end, "PER"))
    return spans


def add_quoted_orgs(text: str, tokens: list[str], spans: list[Span]) -> list[Span]:
    """“志愿者联盟” (ends like an organisation) and “和平之友”小组 (followed by one)."""
    for pattern in QUOTED_NAMES:
        for match in pattern.finditer(text):
            start, end = match.span(1)
            name = match.group(1)
            after = text[end + 1 : end + 4]
            if name.endswith(STRONG_ORG_SUFFIXES) or any(after.startswith(h) for h in ORG_HEADS):
                spans = _put(spans, (start, end, "ORG"))
    return spans


def add_reported_sources(text: str, spans: list[Span]) -> list[Span]:
    """据海峡网报道 → 海峡网: the source of a report is an organisation."""
    for match in REPORTED_BY.finditer(text):
        start, end = match.span(1)
        if match.group(1).endswith(SOURCE_SUFFIXES):
            spans = _put(spans, (start, end, "ORG"))
    return spans


def merge_place_organisation(text: str, tokens: list[str], spans: list[Span]) -> list[Span]:
    """俄罗斯 + 外交部 → 俄罗斯外交部; 美国 + 1945 + 军事 + 网站 → one organisation.

    People's Daily annotates a place written before its organisation as part of it
    (印度外交部, 中国队); the tail rule extends a place over a few name-like words when
    the last one ends like an organisation.
    """
    merged: list[Span] = []
    for span in spans:
        place = merged[-1] if merged else None
        # A one-character place before an organisation is an abbreviation used as a
        # verb's object (访华新华社…), not the organisation's own place.
        if (
            place
            and span[2] == "ORG"
            and place[2] == "LOC"
            and place[1] == span[0]
            and place[1] - place[0] > 1
        ):
            merged[-1] = (merged[-1][0], span[1], "ORG")
        else:
            merged.append(span)
    spans = merged
    offsets = token_offsets(tokens)
    ends = {s: k for k, (s, _) in enumerate(offsets)}
    function = function_words()
    span_starts = {s[0] for s in spans}
    for start, end, kind in list(spans):
        if kind != "LOC" or end not in ends:
            continue
        k = ends[end]
        for j in range(k, min(k + MAX_ORG_TAIL_WORDS, len(tokens))):
            word = tokens[j]
            if any(c in STOP_CHARS for c in word) or not word.strip() or not word[0].isalnum():
                break
            if word in function or offsets[j][0] in span_starts:
                break
            if offsets[j][1] - end > MAX_ORG_TAIL_CHARS:
                break
            if word.endswith(STRONG_ORG_SUFFIXES):
                spans = _put(spans, (start, offsets[j][1], "ORG"))
                break
    return spans


def apply_rules(text: str, tokens: list[str], spans: list[Span]) -> list[Span]:
    """Every rule, in the order that lets later ones build on earlier ones."""
    spans = clean_model_spans(text, sorted(spans))
    spans = trim_known_organisations(text, spans)
    spans = add_gazetteer(text, tokens, spans)
    spans = add_abbreviations(text, tokens, spans)
    spans = add_foreign_names(text, tokens, spans)
    spans = add_quoted_orgs(text, tokens, spans)
    spans = add_reported_sources(text, spans)
    spans = merge_place_organisation(text, tokens, spans)
    return check_spans(text, spans)
