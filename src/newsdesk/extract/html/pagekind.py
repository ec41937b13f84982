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


# Documentation: its address (docs.example.org, /docs/, /manual/, /reference/) or the
# generator that built it (Sphinx, MkDocs, Docusaurus, VitePress, GitBook, …).
_DOC_HOST = re.compile(r"^(?:docs?|developers?|devdocs|manual|wiki)\.|\.readthedocs\.", re.I)
_DOC_PATH = re.compile(r"/(?:docs?|documentation|manual|reference|api-reference)(?:/|$)", re.I)
# Weaker: a news site has guides and a books section too.
_DOC_PATH_WEAK = re.compile(r"/(?:tutorials?|guides?|handbook|library|book)(?:/|$)", re.I)
_DOC_GENERATOR = re.compile(
    r"sphinx|mkdocs|docusaurus|vitepress|vuepress|gitbook|docsify|hugo-book|mdbook|"
    r"starlight|nextra|antora|javadoc|doxygen",
    re.IGNORECASE,
)
# A listing by its address: a home page, a section (/news, /events), a topic, tag or
# category page, an archive or a numbered page of one.
_LISTING_PATH = re.compile(
    r"^/?(?:[\w-]+/)?(?:news|events?|blogs?|articles|stories|press|latest|archives?|"
    r"(?:topics?|tags?|categor(?:y|ies)|sections?|channels?)/[\w%.-]+)/?(?:page/\d+/?)?$|^/?$",
    re.IGNORECASE,
)


def is_documentation(head: HeadMeta, url: str | None) -> bool:
    """Documentation by its generator or its address (a weak address only when the
    markup does not say it is an article)."""
    if _DOC_GENERATOR.search(head.get("generator") or ""):
        return True
    parts = split_url(url) if url else None
    if parts is None:
        return False
    if _DOC_HOST.search(parts.netloc) or _DOC_PATH.search(parts.path):
        return True
    return not is_article(head) and bool(_DOC_PATH_WEAK.search(parts.path))


def is_listing_address(url: str | None) -> bool:
    """The address is a home page, a section, a topic or an archive, not one story's."""
    parts = split_url(url) if url else None
    if parts is None:
        return False
    return bool(parts.netloc) and not parts.query and bool(_LISTING_PATH.match(parts.path))


def page_kind(head: HeadMeta, url: str | None, *, loose: bool, dated: bool) -> str:
    """What sort of page this is (`article.PAGE_KINDS`), from what it says of itself.

    `loose` is the content step's finding that no article-sized prose is there (a page
    of teasers); `dated` that a publish time was found.  A page that is none of the
    other kinds is news when it is dated or its schema.org type says it is an article
    (`og:type` alone does not: many sites give it to every page), else another page:
    an undated page that claims nothing (a company's page, an old essay) is not news.
    """
    if is_listing_address(url):
        return "listing"
    if is_discussion(head, url):
        return "discussion"
    if is_catalogue(head):
        return "catalogue"
    if is_documentation(head, url):
        return "documentation"
    if loose:
        return "listing"
    return "news" if dated or head.types & ARTICLE_TYPES else "page"
