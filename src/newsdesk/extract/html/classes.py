"""What an element's class and id say about it: boilerplate, caption or article body.

Every class/id vocabulary the HTML reader relies on lives here, so a reader of the code
can see in one place which words move an element in or out of the article.  Names are
split into words (`relatedNews` → `related news`, `art_share-box` → `art share box`)
before matching, so `shareholder` or `header` never look like `share` or `ad`.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Whole words that mark a block around the article rather than the article itself.
# Pinyin abbreviations are the ones Chinese portals use in class names
# (xgyd = 相关阅读, tj = 推荐, pl = 评论, fx = 分享).
# Words of comment sections: furniture on a news page, the content on a forum's.
COMMENT_WORDS = frozenset(
    ["comment", "comments", "commentlist", "reply", "replies", "respond", "disqus", "pinglun"]
)
# ...and the same word in the other languages class names are written in (`komentarze`,
# `kommentare`, `commentaires`, `comentarios`).
COMMENT_PREFIXES = ("comment", "pinglun", "koment", "komment", "comentari")
STRONG_WORDS = COMMENT_WORDS | frozenset(
    [
        "share",
        "shares",
        "sharing",
        "sharebar",
        "sharebox",
        "social",
        "socials",
        "sns",
        "bshare",
        "jiathis",
        "related",
        "relate",
        "recommend",
        "recommended",
        "recommendation",
        "recommends",
        "recom",
        "recirc",
        "hot",
        "hotnews",
        "hotlist",
        "popular",
        "trending",
        "most",
        "rank",
        "ranking",
        "top10",
        "toplist",
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menus",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "topbar",
        "sidebar",
        "aside",
        "footer",
        "copyright",
        "login",
        "signin",
        "signup",
        "subscribe",
        "subscription",
        "newsletter",
        "popup",
        "modal",
        "pager",
        "pagination",
        "paging",
        "prevnext",
        "tags",
        "tagcloud",
        "keywords",
        "xgyd",
        "xgxw",
        "xgwz",
        "tuijian",
        "xiangguan",
        "pinglun",
        "fenxiang",
        "remen",
        "paihang",
        "rmtj",
        "jctj",
        "qrcode",
        "erweima",
        "cta",
        # a wiki's message boxes (maintenance notices) and navigation boxes
        "ambox",
        "mbox",
        "tmbox",
        "ombox",
        "imbox",
        "cmbox",
        "fmbox",
        "hatnote",
        "navbox",
    ]
)
# Words of cookie and consent banners: furniture that no article is ever wrapped in, so
# never excused however much text it holds (a consent dialog's policy text can outweigh
# a short post or a forum question).
CONSENT_WORDS = frozenset(["cookie", "cookies", "consent", "gdpr", "cookiebanner"])
STRONG_WORDS |= CONSENT_WORDS
# Words that usually mark furniture but are also found on article wrappers
# (`article-advert-body`, `main-side`): they give way when the element holds prose.
WEAK_WORDS = frozenset(
    [
        "ad",
        "ads",
        "adv",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "adsbygoogle",
        "banner",
        "sponsor",
        "sponsored",
        "promo",
        "promotion",
        "side",
        "rail",
        "foot",
        "overlay",
    ]
)
# Word beginnings with a strong meaning (`commentList`, `recommendations`, `sharebox`).
STRONG_PREFIXES = (
    "recommend",
    "related",
    "sidebar",
    "breadcrumb",
    "social",
    "subscri",
    "newsletter",
    "copyright",
    "footer",
    "navbar",
    "tuijian",
    "xiangguan",
    "fenxiang",
)
WEAK_PREFIXES = ("advert", "sponsor")

# Words that mark an image caption.
CAPTION_WORDS = frozenset(
    [
        "caption",
        "captions",
        "figcaption",
        "imgcaption",
        "imgtxt",
        "imgtext",
        "pictext",
        "imgdesc",
        "tuzhu",
        "tushuo",
    ]
)
CAPTION_PREFIXES = ("caption", "figcaption", "imgcaption", "imgdesc", "imgtxt", "pictext")

# Words that mark the article's own container; a small bonus when choosing it.
CONTENT_WORDS = frozenset(
    [
        "article",
        "articles",
        "content",
        "contents",
        "post",
        "entry",
        "body",
        "text",
        "story",
        "main",
        "detail",
        "details",
        "zhengwen",
        "artibody",
        "newscontent",
        "contentmain",
    ]
)

# First words of class names that configure a block (`enableBodyAds`, `no-sidebar`).
_SWITCHES = frozenset(
    [
        "disable",
        "disabled",
        "enable",
        "enabled",
        "has",
        "no",
        "with",
        "without",
        "hide",
        "show",
        "is",
        "allow",
        "can",
        "use",
    ]
)
_SPLIT = re.compile(r"[^a-zA-Z0-9]+|(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=4096)
def words(hint: str) -> tuple[str, ...]:
    """The words of a class/id string, lower-cased; switches such as `disableAsideSection`
    or `has-comments` say what a block is configured with, not what it is, and are left out."""
    out: list[str] = []
    for token in hint.split():
        parts = [w.lower() for w in _SPLIT.split(token) if w]
        if parts and parts[0] not in _SWITCHES:
            out.extend(parts)
    return tuple(out)


NONE, WEAK, STRONG = 0, 1, 2


@lru_cache(maxsize=4096)
def furniture(hint: str) -> int:
    """How surely a class/id string names page furniture: NONE, WEAK or STRONG."""
    return describe(hint) & 3


CAPTION = 4  # bit set by `describe` for caption names
COMMENTS = 8  # bit set by `describe` when comment words alone make it furniture


@lru_cache(maxsize=8192)
def describe(hint: str) -> int:
    """Furniture level (NONE, WEAK, STRONG) in the low bits, with the `CAPTION` and
    `COMMENTS` bits."""
    level = NONE
    comments = False
    for w in words(hint):
        if w in COMMENT_WORDS or w.startswith(COMMENT_PREFIXES):
            comments = True
        elif w in STRONG_WORDS or w.startswith(STRONG_PREFIXES):
            level = STRONG
        elif level == NONE and (w in WEAK_WORDS or w.startswith(WEAK_PREFIXES)):
            level = WEAK
    if comments and level != STRONG:
        level = STRONG | COMMENTS
    elif level == STRONG and _named_content_first(hint):
        # `spTopicPostSection … spRank-member`: the first class says what the block is,
        # the later ones describe it (its author's rank, a `hot` flag); a furniture
        # word among them only weakly marks the block.
        level = WEAK
    return level | (CAPTION if is_caption(hint) else 0)


def _named_content_first(hint: str) -> bool:
    """The first class (or the id) names content and nothing of furniture."""
    first = words(hint.split(maxsplit=1)[0]) if hint.strip() else ()
    if not any(w in CONTENT_WORDS for w in first):
        return False
    return not any(
        w in STRONG_WORDS or w in WEAK_WORDS or w.startswith(STRONG_PREFIXES) for w in first
    )


@lru_cache(maxsize=4096)
def is_caption(hint: str) -> bool:
    """True when a class/id string names an image caption."""
    return any(w in CAPTION_WORDS or w.startswith(CAPTION_PREFIXES) for w in words(hint))


# A class list longer than this, or a class of more words, describes a wrapper's
# settings rather than naming what the element is.
MAX_NAMING_CLASSES = 3


@lru_cache(maxsize=4096)
def is_consent(hint: str) -> bool:
    """True when a class/id string names a cookie or consent banner (`cookie-notice`,
    `onetrust-consent-sdk`).  A long list of classes on a page wrapper configures it
    (`enableInlineConsent filterNonGdprEmbeds …`) and names nothing."""
    tokens = hint.split()
    if len(tokens) > MAX_NAMING_CLASSES:
        return False
    for token in tokens:
        parts = words(token)
        if len(parts) <= MAX_NAMING_CLASSES and any(w in CONSENT_WORDS for w in parts):
            return True
    return False


# Words of blocks recommending other stories (related, recommended, "read next").
RECIRCULATION_WORDS = frozenset(
    [
        "related",
        "relate",
        "recommend",
        "recommended",
        "recommends",
        "recommendation",
        "recom",
        "recirc",
        "xgyd",
        "xgxw",
        "xgwz",
        "tuijian",
        "xiangguan",
        "rmtj",
        "jctj",
    ]
)
RECIRCULATION_PREFIXES = ("recommend", "related", "tuijian", "xiangguan")


@lru_cache(maxsize=4096)
def is_recirculation(hint: str) -> bool:
    """True when a class/id string names a block of other stories (`related-posts`)."""
    return any(
        w in RECIRCULATION_WORDS or w.startswith(RECIRCULATION_PREFIXES) for w in words(hint)
    )


# Weak words that, on a forum, name a notice over the thread (a survey, an
# announcement), never a post.
BANNER_WORDS = frozenset(["banner", "promo", "promotion", "sponsor", "sponsored", "overlay"])


@lru_cache(maxsize=4096)
def is_weak_banner(hint: str) -> bool:
    """True when a class/id string names a notice or promotion (`banner-content`)."""
    return any(w in BANNER_WORDS for w in words(hint))


# Words of a discussion's opening block (a Q&A page's question, a forum's thread;
# not `topic`, which news sites use for their topic pages).
THREAD_WORDS = frozenset(["question", "thread"])


@lru_cache(maxsize=4096)
def names_thread(hint: str) -> bool:
    """True when a class/id string names a question or a thread (`question-detail`)."""
    return any(w in THREAD_WORDS for w in words(hint))


@lru_cache(maxsize=4096)
def is_content(hint: str) -> bool:
    """True when a class/id string names the article body."""
    return any(w in CONTENT_WORDS for w in words(hint))
