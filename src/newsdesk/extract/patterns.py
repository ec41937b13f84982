"""The shapes of metadata lines that every reader meets, kept in one place.

A news page says the same few things around its article whatever its markup: who
wrote it (作者:, 文/, By), where it came from (来源:), who edited it (责任编辑:), the
headline it first ran under (原标题:), the platform's 原创 badge, counters (阅读 1.2万),
share widgets (分享至), an author's statement (声明:…), platform disclaimers
(特别声明…, Notice:…), image captions (…(资料图), 图为…, Photo:) and footers.  The
text-dump reader and the HTML reader both classify lines (or element texts) with these
functions, so a new portal's vocabulary is added here once.

Word lists hold portal vocabulary only (labels, buttons, footer links), never phrases
of particular pages; everything else is decided by shape: length, punctuation, digits.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- sizes ------------------------------------------------------------------------
# Lengths are measured as a "weight": one per CJK character, two per Latin word, so
# a Chinese and an English line that say about as much weigh about the same.

# A labelled metadata line (来源:… 作者:… 2025-06-04) is short; a longer line that
# happens to start with 来源 is a sentence of the article.
META_MAX_WEIGHT = 60
# Captions are one or two sentences; a longer line is a paragraph that mentions a photo.
CAPTION_MAX_WEIGHT = 150
# Share bars and counters are a handful of buttons; past this they are prose.
WIDGET_MAX_WEIGHT = 30
# Footers are one line of links or a copyright notice, not a paragraph.
FOOTER_MAX_WEIGHT = 90
# Each crumb of a breadcrumb is a section name, never a sentence.
CRUMB_MAX_WEIGHT = 14
# A disclaimer or statement says at least a few words after its label.
NOTICE_MIN_WEIGHT = 4

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_NOT_CJK = re.compile(f"[^{_CJK}]+")
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+")

# Sentence-final punctuation, optionally closed by a quote or bracket.
_TERMINAL = re.compile(r"(?:[。！？!?；;]|(?<!\.)\.)[”’\"'」』）)]*$")
# A full stop only (no ! or ?): headlines end in ! and ? often, in 。 almost never.
_FULL_STOP = re.compile(r"(?:[。；;]|(?<!\.)\.)[”’\"'」』）)]*$")
# Cut-off teasers of lists end with an ellipsis; article paragraphs do not.
_TRUNCATED = re.compile(r"(?:\.{2,}|…+)[”’\"'」』）)]*$")


_DIGIT = re.compile(r"\d")
# Latin text weighs about a third of its length, CJK its length: a line longer than this
# many characters per unit of weight is over any limit, without counting.
_CHARS_PER_WEIGHT = 4


def lower_pattern(pattern: str) -> str:
    """A regex source lower-cased outside its escapes (`\\S` stays `\\S`).

    Matching a lower-cased line against a lower-cased pattern is several times faster
    than `re.IGNORECASE`.
    """
    return _ESCAPE_OR_UPPER.sub(
        lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(), pattern
    )


_ESCAPE_OR_UPPER = re.compile(r"\\.|[A-Z]")


def has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def over(text: str, max_weight: int) -> bool:
    """Whether `text` weighs more than `max_weight` (cheap for long lines)."""
    return len(text) > _CHARS_PER_WEIGHT * max_weight or weight(text) > max_weight


@lru_cache(maxsize=8192)
def weight(text: str) -> int:
    """How much a line says: CJK characters count one, Latin words two.

    (Cached: every classifier asks it of the same line, and chrome recurs across pages.)
    """
    cjk = len(_NOT_CJK.sub("", text))
    if cjk == len(text):
        return cjk
    return cjk + 2 * len(_LATIN_WORD.findall(text))


# Line endings are decided by the last few characters (searching the whole line for
# a `$`-anchored pattern costs time on long paragraphs).
_TAIL = 12


def ends_sentence(text: str) -> bool:
    """The line ends as a sentence does (。 ! ? . ;), perhaps inside closing quotes."""
    return _TERMINAL.search(text[-_TAIL:]) is not None


def ends_full_stop(text: str) -> bool:
    """The line ends with a full stop, the mark of prose rather than of a headline."""
    return _FULL_STOP.search(text[-_TAIL:]) is not None


def is_truncated(text: str) -> bool:
    """The line was cut off with an ellipsis, as list teasers are."""
    return _TRUNCATED.search(text[-_TAIL:]) is not None


# --- labelled metadata ----------------------------------------------------------------

_LABELS: dict[str, str] = {
    "original_title": r"原标题|原題|Original title",
    "editor": r"责任编辑|責任編輯|值班编辑|责编|编辑|編集|Edited by|Editor",
    "source": r"本文来源|文章来源|新闻来源|来源|來源|稿源|出处|转载自|转自|Source",
    "author": r"作者|撰文|撰稿|文字|本报记者|记者|記者|通讯员|筆者|Written by|Author|By",
}
_LABEL_FIELD = {alt.lower(): name for name, alts in _LABELS.items() for alt in alts.split("|")}
_ANY_LABEL = "|".join(_LABELS.values())
# `来源:新华网`, `责任编辑：张三`, `By Jane Doe` (By needs no colon), `文/张三`, `文|张三`,
# `本报记者 张三` (a reporter's credit at the start of a line needs no colon either).
_LABEL_AT = re.compile(
    rf"(?:^|(?<=[\s|｜丨·•/【\[(（]))(?P<label>{_ANY_LABEL})\s*[:：]\s*"
    r"|^(?P<by>By|Written by)\s+(?=[A-Z])"
    r"|^(?P<wen>文|图文|文字)\s*[/|｜丨]\s*"
    r"|^(?P<reporter>本报记者|特约记者|记者|通讯员)\s+(?=\S)",
)
# A value runs to the next strong separator (a single space may sit inside a name).
_VALUE_END = re.compile(r"\s*(?:[|｜丨·•]|\s{2,}|\t)\s*")
_STRONG_SPLIT = re.compile(r"\s*(?:[|｜丨·•]|\s{2,}|\t)\s*")
_BRACKETS = "【】[]()（）<>《》"


def split_meta(line: str) -> tuple[list[tuple[str, str]], list[str]]:
    """A metadata line's labelled fields and its unlabelled pieces.

    Fields are (`author` | `source` | `editor` | `original_title`, value) in order:
    `来源:新华网 作者:张三` gives two.  The pieces are what no label claims (an account
    name or a place beside the time), split at separators.
    """
    text = line.strip().strip(_BRACKETS).strip()
    hits = list(_LABEL_AT.finditer(text))
    fields: list[tuple[str, str]] = []
    outside: list[str] = [text[: hits[0].start()] if hits else text]
    for i, m in enumerate(hits):
        stop = hits[i + 1].start() if i + 1 < len(hits) else len(text)
        raw = text[m.end() : stop]
        cut = _VALUE_END.search(raw)
        if cut is not None and cut.start() > 0:
            outside.append(raw[cut.end() :])
            raw = raw[: cut.start()]
        value = _trim_value(raw.strip().strip(_BRACKETS + "|｜丨·•,，;；").strip())
        if value:
            fields.append((_field_of(m), value))
    return fields, [p for chunk in outside for p in _pieces(chunk)]


def _trim_value(value: str) -> str:
    """Cut a value where buttons or counters start (`张三 阅读(1660) 评论(5)` -> `张三`)."""
    words = value.split()
    for k, word in enumerate(words[1:], 1):
        if is_widget(word) or has_digit(word) or word.endswith(("于", ":", "：")):
            return " ".join(words[:k])
    return value


def _field_of(m: re.Match[str]) -> str:
    if m.group("wen") or m.group("reporter"):
        return "author"
    label = m.group("label") or m.group("by")
    return _LABEL_FIELD.get(label.lower(), "author")


def _pieces(text: str) -> list[str]:
    out: list[str] = []
    for part in _STRONG_SPLIT.split(text):
        part = part.strip().strip(_BRACKETS).strip()
        if not part:
            continue
        # CJK pieces are separated by single spaces too; Latin names contain them.
        out.extend(part.split() if weight(part) == len(_NOT_CJK.sub("", part)) else [part])
    return out


def meta_fields(line: str) -> list[tuple[str, str]]:
    """The labelled fields of a metadata line (see `split_meta`)."""
    return split_meta(line)[0]


def is_meta_line(line: str) -> bool:
    """A short line that starts with (or holds) a metadata label such as 来源: or 作者:."""
    if over(line, META_MAX_WEIGHT) or ends_full_stop(line):
        return False
    return _LABEL_AT.search(line.strip().strip(_BRACKETS)) is not None


# --- badges, counters, widgets -----------------------------------------------------------

ORIGINAL_BADGE = "原创"
_BADGE_PREFIX = re.compile(rf"^{ORIGINAL_BADGE}(?:\s+|\s*[|｜丨]\s*)(?=\S)")


# Bullets and arrows some portals draw before a headline (`》标题`, `◇ 标题`).
_HEADLINE_DECOR = "》>»◇◆■□●○▌▍▶►|｜·• "
_SPACES = re.compile(r"[ \t\xa0]+")


def clean_headline(text: str) -> str:
    """A headline without leading bullets, its runs of spaces made one."""
    return _SPACES.sub(" ", text.lstrip(_HEADLINE_DECOR)).strip()


def strip_badge(title: str) -> tuple[str, bool]:
    """`原创 标题` -> (`标题`, True): the platform badge rendered before a headline."""
    m = _BADGE_PREFIX.match(title)
    if m is None:
        return title, False
    return title[m.end() :].strip(), True


_NUMBER = r"\d+(?:[.,]\d+)*\s*(?:万|千|亿|[kKmMwW])?\+?"
_COUNTER_LABELS = {
    "reads": r"阅读量?|浏览量?|播放量?|views?|reads?|閲覧",
    "comments": r"评论|跟帖|留言|comments?|コメント",
    "likes": r"点赞|获赞|赞|likes?|いいね",
    "shares": r"分享|转发|shares?",
    "favorites": r"收藏",
    "participants": r"人参与|参与",
}
_COUNTER_NAME = tuple(
    (name, re.compile(alts, re.IGNORECASE)) for name, alts in _COUNTER_LABELS.items()
)
_ANY_COUNTER = "|".join(_COUNTER_LABELS.values())
_COUNTER_PAIR = re.compile(
    rf"(?P<l1>{_ANY_COUNTER})\s*[:：]?\s*[(（]?(?P<n1>{_NUMBER})[)）]?"
    rf"|(?P<n2>{_NUMBER})\s*[人条次个]?\s*(?P<l2>{_ANY_COUNTER})",
    re.IGNORECASE,
)
# Digits, units and separators only (a character class: no nested repetition).
# A cheap first look for any counter word (case-insensitive matching is slow).
_COUNTER_HINT = re.compile(lower_pattern(_ANY_COUNTER))
_BARE_NUMBER = re.compile(r"^[\d.,\s|｜·•/万千亿kKmMwW+]+$")
_SEPARATORS = re.compile(r"[\s|｜丨·•/,，]+")


def counters(line: str) -> dict[str, int] | None:
    """The counters a counter line shows (`阅读 1.2万 评论 34`), or None if it is not one.

    A line of bare numbers (a share count rendered beside its button) is a counter
    line with nothing named in it: `{}`.
    """
    text = line.strip()
    if not text or not has_digit(text) or over(text, WIDGET_MAX_WEIGHT):
        return None
    if _BARE_NUMBER.match(text):
        return {}
    if not _COUNTER_HINT.search(text.lower()):
        return None
    found: dict[str, int] = {}
    rest = _COUNTER_PAIR.sub(lambda m: _take_counter(m, found), text)
    if not found or _SEPARATORS.sub("", rest):
        return None
    return found


def _take_counter(m: re.Match[str], found: dict[str, int]) -> str:
    label = (m.group("l1") or m.group("l2")).lower()
    number = m.group("n1") or m.group("n2")
    name = next((n for n, pattern in _COUNTER_NAME if pattern.fullmatch(label)), label)
    found.setdefault(name, parse_count(number))
    return " "


def parse_count(text: str) -> int:
    """`1.2万` -> 12000, `3,456` -> 3456, `2k` -> 2000."""
    text = text.strip().rstrip("+").strip()
    scale = {"万": 10_000, "w": 10_000, "W": 10_000, "千": 1_000, "k": 1_000, "K": 1_000}
    scale.update({"亿": 100_000_000, "m": 1_000_000, "M": 1_000_000})
    factor = scale.get(text[-1:], 1)
    digits = text[:-1] if factor != 1 else text
    try:
        return round(float(digits.replace(",", "").strip()) * factor)
    except ValueError:
        return 0


_CARD_LABELS = {
    "articles": r"文章数|文章|作品数|作品|篇文章|内容|articles?|posts?",
    "followers": r"粉丝数|粉丝|关注度|关注者|订阅者|订阅数|followers?|subscribers?|フォロワー",
    "following": r"关注|following",
    "likes": r"获赞|总获赞|likes?",
}
_CARD_NAME = {alt.lower(): name for name, alts in _CARD_LABELS.items() for alt in alts.split("|")}
_ANY_CARD = "|".join(_CARD_LABELS.values())
_CARD_PAIR = re.compile(
    rf"(?P<n1>{_NUMBER})\s*(?P<l1>{_ANY_CARD})|(?P<l2>{_ANY_CARD})\s*[:：]?\s*(?P<n2>{_NUMBER})",
    re.IGNORECASE,
)


_CARD_HINT = re.compile(lower_pattern(_ANY_CARD))


def card_counts(line: str) -> dict[str, int] | None:
    """The counts of an author card (`914文章数 1542关注度`), or None.

    Needs an article or follower count: a lone `12关注` is a button, not a card.
    """
    text = line.strip()
    if not text or not has_digit(text) or over(text, WIDGET_MAX_WEIGHT):
        return None
    if not _CARD_HINT.search(text.lower()):
        return None
    found: dict[str, int] = {}

    def take(m: re.Match[str]) -> str:
        label = (m.group("l1") or m.group("l2")).lower()
        found.setdefault(_CARD_NAME.get(label, label), parse_count(m.group("n1") or m.group("n2")))
        return " "

    rest = _CARD_PAIR.sub(take, text)
    if _SEPARATORS.sub("", rest) or not ({"articles", "followers"} & found.keys()):
        return None
    return found


# Buttons and widget words a page renders around an article, as whole tokens.
_WIDGET_TOKEN = re.compile(
    r"(?:分享(?:至|到)?|微信(?:好友)?|朋友圈|(?:新浪)?微博|QQ空间|QQ好友|QQ|复制链接|链接|"
    r"收藏|已收藏|举报|投诉|反馈|\+?关注|已关注|订阅|打印|关闭(?:窗口)?|字号|字体|字體|[大中小]字?号?|"
    r"A[+-]|返回顶部|回到顶部|返回|顶部|(?:打开|下载)(?:APP|App|客户端)|APP内打开|"
    r"(?:展开|阅读|查看)全文|点击展开|扫一扫|扫码|二维码|手机(?:看|阅读)|纠错|我要纠错|"
    r"(?:写|我要|发表|查看)?评论|登录|注册|退出|申请入驻|点赞|在看|转发|投稿|听新闻|朗读|"
    r"share|tweet|email|print|copy link|follow|subscribe|sign in|log in|save|listen|"
    r"comments?|advertisement|ad|广告|シェア|ツイート|印刷)"
    r"\s*(?:[:：]|[(（]\d*[)）]|\d+)?",
    re.IGNORECASE,
)
_TOKENS = re.compile(r"[\s|｜丨·•/．:：]+")
# Brackets drawn around buttons (`【分享】`); round ones hold counts (`评论(12)`) and stay.
_BUTTON_BRACKETS = "【】[]<>《》"
# The longest button label (`Advertisement`, `复制链接(12)`); longer words are text.
_WIDGET_TOKEN_MAX_CHARS = 14


@lru_cache(maxsize=4096)
def is_widget(line: str) -> bool:
    """A line of buttons and counts (`分享至`, `字号 大 中 小`, `Share | Tweet`)."""
    text = line.strip().strip(_BUTTON_BRACKETS)
    if not text or over(text, WIDGET_MAX_WEIGHT):
        return False
    tokens = _TOKENS.split(text)
    if any(len(token) > _WIDGET_TOKEN_MAX_CHARS for token in tokens):
        return False
    named = False
    for token in tokens:
        token = token.strip(_BUTTON_BRACKETS + ":：")
        if not token or token.isdigit():
            continue
        if not _WIDGET_TOKEN.fullmatch(token):
            return False
        named = True
    return named


# --- end of article ------------------------------------------------------------------------

# `(完)`, `【完】`, `-END-`, `— 完 —`: the article's own closing mark.
_END_MARK = re.compile(r"^[\s(（【\[<—\-–=~]*(?:完|全文完|END|End|终)[\s)）】\]>—\-–=~]*$")


def is_end_mark(line: str) -> bool:
    return _END_MARK.match(line.strip()) is not None


# --- statements and disclaimers ------------------------------------------------------------

# The author's own words about the piece (`声明:个人原创,仅供参考`).
_STATEMENT = re.compile(r"^[(（【\[]?(?:作者|原创|本文|文章)?声明\s*[:：]")
# The platform's or publisher's words about everything it hosts.
_DISCLAIMER_LABEL = re.compile(
    r"^[(（【\[]?(?:特别声明|免责声明|版权声明|郑重声明|风险提示|法律声明|平台声明|"
    r"Notice|Disclaimer|Copyright notice|免責事項)\s*[:：]",
    re.IGNORECASE,
)
_DISCLAIMER_PHRASE = re.compile(
    r"仅提供信息存储(?:空间)?服务|不代表本(?:站|网|平台|号)的?(?:观点|立场)|仅代表作者(?:本人|个人)?(?:观点|立场)|"
    r"不构成(?:任何)?投资建议|如有侵权|未经(?:授权|许可).{0,8}(?:转载|使用)|(?:严禁|禁止|谢绝)转载|"
    r"转载请注明|does not (?:necessarily )?(?:represent|reflect) the views|"
    r"information storage services|無断転載",
)  # matched against the lower-cased line


def is_statement(line: str) -> bool:
    text = line.strip()
    m = _STATEMENT.match(text)
    return m is not None and weight(text[m.end() :]) >= NOTICE_MIN_WEIGHT


def is_disclaimer(line: str) -> bool:
    """A platform or publisher notice (`特别声明:…`, `Notice:…`, `…仅提供信息存储服务`).

    A footer's copyright line often says 禁止转载 too; without a notice label, a line
    carrying a footer mark is the footer's.
    """
    text = line.strip()
    m = _DISCLAIMER_LABEL.match(text)
    if m is not None:
        return weight(text[m.end() :]) >= NOTICE_MIN_WEIGHT
    low = text.lower()
    return _DISCLAIMER_PHRASE.search(low) is not None and _FOOTER_MARK.search(low) is None


# --- captions -----------------------------------------------------------------------------

_CAPTION_END = re.compile(
    r"[(（](?:资料图片?|资料照片|图片?来源[^)）]*|图源[^)）]*|来源[:：]?\s*网络|网络图片|"
    r"视频截图|截图|示意图|配图|效果图|[^()（）]{0,30}(?:摄|供图|摄影|/图|写真|Photo|photo)[^()（）]{0,30})[)）]$"
    r"|\s摄\s*$|记者\S{0,12}\s*摄$",
)
_CAPTION_START = re.compile(
    r"^(?:图为|图片为|图\s*[:：]|图片\s*[:：]|[上下左右]图\s*[:：为]|图\d+\s*[:：]?|[▲△↑]|"
    r"[(（]?图片?来源|[(（]?图源|(?:Photo|Image|Picture|Pictured|Caption|Credit)s?\s*[:：]|"
    r"[(（](?:Photo|Image)\b|写真\s*[:：]|[(（]写真)",
    re.IGNORECASE,
)


# The credit at the end of a caption is found in its last characters.
_CAPTION_TAIL_CHARS = 80


def is_caption(line: str) -> bool:
    """A line that names or credits an image: `…(资料图)`, `图为…`, `Photo: …`."""
    text = line.strip()
    if over(text, CAPTION_MAX_WEIGHT):
        return False
    if _CAPTION_START.match(text) is not None:
        return True
    return _CAPTION_END.search(text[-_CAPTION_TAIL_CHARS:]) is not None


# --- breadcrumbs, nav and footers ------------------------------------------------------------

_CRUMB_MARKS = (">", "»", "›", "＞", "→")
_CRUMB_SEP = re.compile(r"\s*(?:>>|»|›|＞|>|→|/)\s*")
_CRUMB_LABEL = re.compile(r"^(?:当前位置|您的位置|你的位置|位置|You are here)\s*[:：]\s*", re.I)
# The crumb naming the page itself, not a section above it.
_THIS_PAGE = re.compile(r"^(?:正文|正文页|文章|详情|内容|本文|Article|Story|記事)$", re.IGNORECASE)
_HOME = re.compile(r"(?:首页|主页|Home|トップ|ホーム)$", re.IGNORECASE)
# A crumb that names a site or platform rather than a section: 人民网, 网易号, 新华社.
_SITE_NAME = re.compile(r"(?:网|號|号|报|社|台|客户端|\.com|\.cn|\.net)$", re.IGNORECASE)


def breadcrumb(line: str) -> list[str] | None:
    """The crumbs of a breadcrumb line (`网易首页 > 网易号 > 正文`), or None."""
    text = _CRUMB_LABEL.sub("", line.strip())
    if not any(mark in text for mark in _CRUMB_MARKS):
        return None
    crumbs = [c.strip() for c in _CRUMB_SEP.split(text) if c.strip()]
    if len(crumbs) < 2 or any(weight(c) > CRUMB_MAX_WEIGHT for c in crumbs):
        return None
    return crumbs


def site_from_crumbs(crumbs: list[str]) -> str | None:
    """The site a breadcrumb names: the first crumb that is a site or platform name."""
    names = [c.split()[0] for c in crumbs if c.split()]
    names = [n for n in names if not _THIS_PAGE.match(n)]
    for name in names:
        if not _HOME.search(name) and _SITE_NAME.search(name):
            return name
    if names and _HOME.search(names[0]):
        rest = _HOME.sub("", names[0]).strip()
        return rest or None
    return names[0] if names else None


# Marks that only a footer carries, whatever its length.
_FOOTER_MARK = re.compile(r"版权所有|copyright|©|icp(?:备|证)|公网安备|all rights reserved|著作権")
# Footer links: only a footer when the line is short and not a sentence.
_FOOTER_LINK = re.compile(
    r"网站地图|关于我们|联系我们|广告服务|隐私政策|用户协议|服务条款|privacy policy|"
    r"terms of (?:use|service)|无障碍|关怀版|违法和不良信息|举报电话|举报邮箱|加入我们|"
    r"意见反馈|客服热线|cookie|contact us|about us|プライバシー",
)  # both footer patterns are matched against the lower-cased line
# A line of footer links is a few words each.
FOOTER_LINKS_MAX_WEIGHT = 40


def is_footer(line: str) -> bool:
    """A footer line: copyright, licences, site links."""
    text = line.strip()
    if over(text, FOOTER_MAX_WEIGHT):
        return False
    low = text.lower()
    if _FOOTER_MARK.search(low):
        return True
    if _FOOTER_LINK.search(low) is None or ends_sentence(text):
        return False
    return not over(text, FOOTER_LINKS_MAX_WEIGHT) or _link_row(text)


def _link_row(text: str) -> bool:
    """`关于我们 | 联系我们 | 广告服务 | …`: a row of short links, however many."""
    parts = _LINK_SEP.split(text)
    return len(parts) >= NAV_MIN_TOKENS and all(weight(p) <= CRUMB_MAX_WEIGHT for p in parts)


_LINK_SEP = re.compile(r"\s*[|｜丨·•]\s*|\s{2,}")


# An inline menu: three or more words of a few characters each (`首页 新闻 体育 财经`).
NAV_MIN_TOKENS = 3
NAV_TOKEN_MAX_WEIGHT = 4
_NAV_SPLIT_CJK = re.compile(r"[\s|｜丨·•/]+")
_NAV_SPLIT_LATIN = re.compile(r"\s*(?:[|｜丨·•]|\s{2,})\s*")


# Menus longer than this are site maps, which footers and nav blocks deal with.
_MENU_MAX_CHARS = 200
_MENU_SEP = re.compile(r"[\s|｜丨·•/]")


def is_menu_line(line: str) -> bool:
    """A line that is a menu of short links rather than a sentence or headline."""
    text = line.strip()
    if len(text) > _MENU_MAX_CHARS or not _MENU_SEP.search(text):
        return False
    cjk = len(_NOT_CJK.sub("", text))
    splitter = _NAV_SPLIT_CJK if cjk * 2 >= len(text.replace(" ", "")) else _NAV_SPLIT_LATIN
    tokens = [t for t in splitter.split(text) if t]
    if len(tokens) < NAV_MIN_TOKENS:
        return False
    weights = [weight(t) for t in tokens]
    if max(weights) > NAV_TOKEN_MAX_WEIGHT or any(ends_sentence(t) for t in tokens):
        return False
    # Menu entries are words; a line of single characters is spaced-out prose.
    return sum(w >= 2 for w in weights) * 2 >= len(weights)


# --- names -----------------------------------------------------------------------------------

# Names of outlets rather than of people or accounts: 新华网, 新京报, 中新社, Reuters.
_OUTLET = re.compile(
    r"(?:网|報|报|社|台|新闻|新聞|日报|晚报|早报|周刊|杂志|客户端|通信|News|Times|Post|Press|"
    r"Journal|Reuters|AFP|AP|Xinhua|Agency)$",
    re.IGNORECASE,
)
# Pieces of a metadata line that only say where the poster was (`发布于北京`, `IP属地:上海`).
_PLACE_NOTE = re.compile(r"^(?:发布于|发表于|来自|IP属地|IP\s*[:：]|ip属地)", re.IGNORECASE)


def looks_like_outlet(name: str) -> bool:
    """`新华网`, `新京报`, `Reuters`: a publication, credited as source rather than author."""
    return _OUTLET.search(name.strip()) is not None


def is_place_note(piece: str) -> bool:
    return _PLACE_NOTE.match(piece.strip()) is not None


# `本报记者 张三`, `新京报记者 彭冲 山东冠县报道`, `光明日报记者 王建宏 张文攀`: a reporter's
# credit on a line of its own, with the outlet before and `报道` or `摄` after.
_NAME = r"[\u4e00-\u9fff·]{2,5}"
_BYLINE = re.compile(
    r"^[□■●◆▲·•\s【\[]*(?:\S{0,12}?(?:记者|記者|通讯员|通訊員)|作者|撰文|文)\s*[:：/|｜╱／]?\s*"
    rf"(?P<names>{_NAME}(?:[\s、,，]+{_NAME}){{0,5}}?)"
    r"(?:\s*[╱／/]\s*\S{0,10}|\s+\S{0,10}(?:报道|報導|采写|摄影?)|\s*(?:报道|報導|摄影?))?"
    r"[\s】\]]*$"
)
# `（记者 张三 李四）` inside a paragraph, as wire copy credits its reporters.
_PAREN_BYLINE = re.compile(
    r"[(（]\s*(?:\S{0,8}?记者\s*(?P<names>[^()（）]{2,30}?)"
    rf"|(?P<reporter>{_NAME}(?:[\s、,，]+{_NAME}){{0,3}})\s+\S{{0,6}}报道)\s*[)）]"
)
# What follows 记者 in a sentence rather than in a credit (`记者从…获悉`, `记者近日了解到`).
_NOT_NAMES = re.compile(r"^(?:从|在|对|近日|日前|今天|昨天)|获悉|表示|了解|看到|发现|注意到|采访")
_BYLINE_WORDS = ("记者", "記者", "文", "作者", "通讯员", "通訊員")
# A byline is a few names; a longer line is a sentence about a reporter.
BYLINE_MAX_WEIGHT = 30


def byline(line: str) -> str | None:
    """The names a reporter's credit line gives (`本报记者 张三` -> `张三`), or None."""
    text = line.strip()
    if over(text, BYLINE_MAX_WEIGHT) or not any(word in text for word in _BYLINE_WORDS):
        return None
    m = _BYLINE.match(text)
    if m is None or _NOT_NAMES.search(m.group("names")):
        return None
    return m.group("names").strip()


def paren_byline(text: str) -> str | None:
    """The reporters named in a `（记者 张三 李四）` credit inside a paragraph."""
    m = _PAREN_BYLINE.search(text)
    if m is None:
        return None
    names = re.sub(r"\s*(?:报道|摄影?)$", "", m.group("names") or m.group("reporter")).strip()
    return names or None


_DOMAIN = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")


def is_address(piece: str) -> bool:
    """`BUSINESS.SOHU.COM`, `http://www.sina.net`: a web address, never a name."""
    return _DOMAIN.match(piece.strip()) is not None
