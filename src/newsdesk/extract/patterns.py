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

The vocabulary only: measuring lines is `measure`'s job and parsing names and credits
`credits`'s.  Long because it is one table of every portal's words, kept in one place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.extract.measure import (
    _NOT_CJK,
    CAPTION_MAX_WEIGHT,
    CRUMB_MAX_WEIGHT,
    FOOTER_MAX_WEIGHT,
    META_MAX_WEIGHT,
    NOTICE_MIN_WEIGHT,
    WIDGET_MAX_WEIGHT,
    ends_full_stop,
    ends_sentence,
    has_digit,
    lower_pattern,
    over,
    too_long,
    weight,
)

# --- labelled metadata ----------------------------------------------------------------

_LABELS: dict[str, str] = {
    "original_title": r"原标题|原題|Original title",
    "editor": r"责任编辑|責任編輯|值班编辑|责编|编辑|編集|Edited by|Editor",
    "source": r"本文来源|文章来源|新闻来源|来源|來源|稿源|出处|转载自|转自|Source",
    "author": r"作者|撰文|撰稿|文字|本报记者|记者|記者|通讯员|通訊員|实习生|實習生|筆者|"
    r"发文机关|發文機關|Written by|Author|By",
}
_LABEL_FIELD = {alt.lower(): name for name, alts in _LABELS.items() for alt in alts.split("|")}
_ANY_LABEL = "|".join(_LABELS.values())
# `来源:新华网`, `责任编辑：张三`, `By Jane Doe` (By needs no colon), `文/张三`, `文|张三`,
# `本报记者 张三` (a reporter's credit at the start of a line needs no colon either).
_LABEL_AT = re.compile(
    rf"(?:^|(?<=[\s|｜丨·•/【\[(（]))(?P<label>{_ANY_LABEL})\s*[:：]\s*"
    r"|^(?P<by>By|Written by)\s+(?=[A-Z])"
    r"|^(?P<wen>文|图文|文字)\s*[/|｜丨]\s*"
    r"|^(?P<reporter>本报记者|特约记者|记者|通讯员|本报实习生|实习生)\s+(?=\S)",
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
    text = strip_brackets(line)
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
        value = _trim_value(
            strip_brackets(raw.strip().strip("|｜丨·•,，;；")).strip("|｜丨·•,，;；")
        )
        if value:
            fields.append((_field_of(m), value))
    return fields, [p for chunk in outside for p in _pieces(chunk)]


_OPENERS = {"】": "【", "]": "[", ")": "(", "）": "（", ">": "<", "》": "《"}


def strip_brackets(text: str) -> str:
    """`【来源：新华社】` -> `来源：新华社`: brackets round a line or value taken off, but
    not a closing bracket whose opener is inside (`周思博 (Joel Spolsky)`)."""
    text = text.strip()
    while text and text[-1] in _OPENERS and _OPENERS[text[-1]] not in text[:-1]:
        text = text[:-1].rstrip()
    while text and text[0] in "【[(（<《" and not any(c in text for c in _closers(text[0])):
        text = text[1:].lstrip()
    return text


def _closers(opener: str) -> str:
    return "".join(close for close, open_ in _OPENERS.items() if open_ == opener)


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
        part = strip_brackets(part)
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
    "comments": r"评论|跟帖|留言|回复|回帖|comments?|replies|コメント",
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


# Rows of prev/next, share and print links start like this (the rest of the row is a
# headline or more buttons), in any length.
_WIDGET_START = re.compile(
    r"^(?:分享到|分享至|上一篇|下一篇|上一页|下一页|上一頁|下一頁|上一篇文章|下一篇文章|"
    r"【字号|\[\s*字号|字号[:：]|返回顶部|返回首页|关闭窗口|關閉窗口|手机看|查看原文|阅读原文|"
    r"阅读全文|展开全文|点击进入|Share (?:this|on)\b|Advertisement\b|Skip Ad\b)",
    re.IGNORECASE,
)


def starts_as_widget(line: str) -> bool:
    """A share button, print link or prev/next link, by its first words."""
    return _WIDGET_START.match(line) is not None


# Cookie and consent notices.  (Matched against the lower-cased line.)
_CONSENT = re.compile(
    r"\bcookies?\b.{0,80}\b(?:use|uses|accept|consent|policy|settings|preferences|experience)\b|"
    r"\b(?:we|this site) uses? cookies?\b"
)
# A consent banner is a few sentences; a longer text about cookies is an article,
# unless it asks for the reader's consent (a cookie policy's paragraph).
CONSENT_MAX_CHARS = 240
CONSENT_POLICY_MAX_CHARS = 600
_CONSENT_ASK = re.compile(
    r"\b(?:by (?:continuing|clicking|using|browsing)|you (?:agree|consent)|accept all|"
    r"manage (?:your )?(?:cookie )?(?:settings|preferences)|cookie (?:settings|preferences))\b"
)


def is_consent_notice(line: str) -> bool:
    """A cookie or consent banner (`We use cookies to improve your experience…`)."""
    if len(line) > CONSENT_POLICY_MAX_CHARS or ("ookie" not in line and "OOKIE" not in line):
        return False
    low = line.lower()
    if "cookie" not in low or _CONSENT.search(low) is None:
        return False
    return len(line) <= CONSENT_MAX_CHARS or _CONSENT_ASK.search(low) is not None


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
    r"information storage services|無断転載|"
    # reprint terms: `转载并不代表本网赞同其观点`, `凡注明“来源：…”的作品`, `轉載請注明`
    r"不代表本(?:网|網|站|平台|报|報)|凡注明|(?:转载|轉載)(?:请|請)?注明|"
    # anti-infringement notices: `若涉及侵权请联系删除`, `侵删`, `if … infringes … contact us`
    r"(?:如|若|如果)(?:有|涉及|存在|发现|發現)?.{0,6}(?:侵权|侵權|版权问题|版權問題).{0,12}"
    r"(?:联系|聯繫|删除|刪除)|侵删|侵刪"
)  # matched against the lower-cased line
# A cheap first look: every phrase above holds one of these (most lines hold none, and
# a failed search of the phrases costs a step per character).
_DISCLAIMER_HINT = re.compile(
    r"服务|代表|投资建议|侵|未经|转载|轉載|凡注明|無断|版权问题|版權問題|views|storage"
)
# `if … infringes … contact us` (apart: a pattern opening with `\b` makes `re` try
# every branch at every character).
_INFRINGEMENT = re.compile(
    r"\bif\b.{0,80}\binfring\w*.{0,100}\b(?:contact|notify|remove|removed|delete|take down)\b"
)


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
    return _disclaimer_phrase(low) and _FOOTER_MARK.search(low) is None


def _disclaimer_phrase(low: str) -> bool:
    """A notice's phrase in the lower-cased line (each pattern is searched only when the
    line holds a word it needs: a failed search costs a step per character)."""
    if _DISCLAIMER_HINT.search(low) and _DISCLAIMER_PHRASE.search(low):
        return True
    return "infring" in low and _INFRINGEMENT.search(low) is not None


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
# ...and is closed by one of these (the patterns' `[)）]$` and `摄\s*$` on a stripped line).
_CAPTION_LAST = (")", "）", "摄")


def is_caption(line: str) -> bool:
    """A line that names or credits an image: `…(资料图)`, `图为…`, `Photo: …`."""
    text = line.strip()
    if over(text, CAPTION_MAX_WEIGHT):
        return False
    if _CAPTION_START.match(text) is not None:
        return True
    # (The credit closes the line: a bracket or 摄 last, or no search is needed.)
    return (
        text.endswith(_CAPTION_LAST)
        and _CAPTION_END.search(text[-_CAPTION_TAIL_CHARS:]) is not None
    )


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


# Marks that only a footer carries.
_FOOTER_MARK = re.compile(
    r"版权所有|版權所有|copyright|©|icp(?:备|证)|公网安备|all rights reserved|著作権"
)
# Marks of a legal notice whatever its length: the © sign, "all rights reserved" in the
# languages we read, trademark notices.  (Matched against the lower-cased line.)
_RIGHTS = re.compile(
    r"©|all rights reserved|все права|wszelkie prawa|όλα τα δικαιώματα|todos os direitos|"
    r"todos los derechos|tous droits|alle rechte|tutti i diritti|registered trademarks?|"
    r"trademarks? of"
)
# A cheap first look for the words above (one pass for a few literals, not twelve).
_RIGHTS_HINT = re.compile(
    r"©|reserved|прав|prawa|δικαιώματα|direitos|derechos|droits|rechte|diritti|trademark"
)
# Footer links: only a footer when the line is short and not a sentence.
_FOOTER_LINK = re.compile(
    r"网站地图|关于我们|联系我们|广告服务|隐私政策|用户协议|服务条款|privacy policy|"
    r"terms of (?:use|service)|无障碍|关怀版|违法和不良信息|举报电话|举报邮箱|加入我们|"
    r"意见反馈|客服热线|cookie|contact us|about us|プライバシー",
)  # both footer patterns are matched against the lower-cased line
# A line of footer links is a few words each.
FOOTER_LINKS_MAX_WEIGHT = 40


def is_footer(line: str) -> bool:
    """A footer line: copyright, licences, site links.

    The © sign and "all rights reserved" in the languages we read mark a legal notice
    at any length (a footer's paragraph of terms); the other marks only a short line.
    """
    text = line.strip()
    low = text.lower()
    if _RIGHTS_HINT.search(low) and _RIGHTS.search(low):
        return True
    if too_long(text, FOOTER_MAX_WEIGHT):
        return False
    mark = _FOOTER_MARK.search(low) is not None
    if not mark and _FOOTER_LINK.search(low) is None:
        return False  # (before weighing the line, which costs more)
    if over(text, FOOTER_MAX_WEIGHT):
        return False
    if mark:
        return True
    if ends_sentence(text):
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
