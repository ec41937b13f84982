"""What sort of page this is, when it is not an article: a discussion or a catalogue.

On a discussion (a forum thread, a Q&A page) the replies are the content, where a news
page's comment section would be furniture.  On a catalogue (a product page, a shop's
listing) the content is lists of names and short lines rather than prose.  Evidence is
what the page says it is: its address (`/forum/`, `/thread/`, `viewtopic.php`, `bbs.`),
the forum software named in `<meta name="generator">`, its schema.org types and og:type.
"""

from __future__ import annotations

import re

from newsdesk.extract.html.meta import HeadMeta
from newsdesk.text.urls import split_url

_PATH = re.compile(
    r"(?:^|[/._?=&-])(?:forums?|threads?|topics?|discussions?|discuss|viewtopic|showthread|"
    r"viewthread|showtopic|bbs|questions|comments|reviews)(?:$|[/._?=&-])|/[td]/\d",
    re.IGNORECASE,
)
_HOST = re.compile(r"^(?:bbs|forums?|community|discuss|discussions?|talk|club)\.", re.IGNORECASE)
_SOFTWARE = re.compile(
    r"discuz|phpbb|vbulletin|xenforo|discourse|flarum|mybb|nodebb|simple machines|smf|"
    r"ubb\.threads|invision|punbb|fluxbb|vanilla|answer\b",
    re.IGNORECASE,
)
DISCUSSION_TYPES = frozenset(("discussionforumposting", "qapage", "question"))
CATALOGUE_TYPES = frozenset(
    ("product", "productgroup", "offer", "itemlist", "collectionpage", "searchresultspage")
)
ARTICLE_TYPES = frozenset(
    ("article", "newsarticle", "blogposting", "reportagenewsarticle", "techarticle", "report")
)


def is_discussion(head: HeadMeta, url: str | None) -> bool:
    if _SOFTWARE.search(head.get("generator") or ""):
        return True
    kind = head.jsonld.get("@type") if head.jsonld else None
    kinds = kind if isinstance(kind, list) else [kind]
    if any(str(k).lower() in DISCUSSION_TYPES for k in kinds if k):
        return True
    if url:
        parts = split_url(url)
        if parts and (_HOST.match(parts.netloc) or _PATH.search(parts.path + "?" + parts.query)):
            return True
    return False


def is_article(head: HeadMeta) -> bool:
    """The page says it is an article (schema.org type, og:type, a publish time)."""
    og = (head.get("og:type") or "").lower()
    return bool(head.types & ARTICLE_TYPES or og == "article" or head.get("article:published_time"))


def is_catalogue(head: HeadMeta) -> bool:
    """A product page or a listing by its own account, and no article by it."""
    if is_article(head):
        return False
    og = (head.get("og:type") or "").lower()
    return bool(head.types & CATALOGUE_TYPES) or og.startswith("product")
