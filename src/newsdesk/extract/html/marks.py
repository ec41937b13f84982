"""What the page's own markup marks in its body: microdata, `rel=author`, byline classes.

Read from the parsed tree before anything is removed (a byline may be hidden until a
script lays it out), into a plain `Marks` the metadata readers weigh against the
`<meta>` tags and the visible lines:

- microdata: `itemprop="author"` (its `itemprop="name"`, a `content`, or its text),
  `itemprop="datePublished"` / `dateCreated` (`content` or `datetime`), `headline`;
- `rel="author"` links (`<a rel="author">Jane Doe</a>`);
- elements whose class or id says byline or author-name (`byline`, `author__name`,
  `c-byline__author`), the shape most blogs and portals print their bylines in;
- `<time pubdate>` and `<time itemprop="datePublished">`.

Comment sections, forms, menus and author boxes (bios, avatars, "more by") are
skipped: a commenter or a related story's writer is not the article's author.  An
`<aside>` or `<footer>` is not skipped: many templates print the byline in the
article's own meta column or footer (the readers check the name is shown by the
article).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Text longer than this in an author mark is a bio or a card, not a name.
MARK_MAX_CHARS = 120
# Marks read of each kind (a listing page marks every entry).
MAX_MARKS = 12
# Ancestors looked at for a comment section or a related list around a mark.
ANCESTORS_LOOKED = 12
# Class and id words of comment sections, forms and boxes around other people's names.
_ELSEWHERE = re.compile(
    r"comment|reply|respond|discussion|disqus|related|recommend|popular|trending|"
    r"sidebar|widget|footer|more-?by|other-?posts|newsletter|login|signup",
    re.IGNORECASE,
)
# Class or id words of an element that holds a byline or an author's name.
_BYLINE_CLASS = re.compile(r"byline|author|writer|byl\b|posted-?by|submitted", re.IGNORECASE)
# ...unless they say it holds a picture, a bio or a link list about the author.
_NOT_BYLINE_CLASS = re.compile(
    r"avatar|photo|image|img|pic|thumb|bio|desc|about|social|follow|twitter|mail|"
    r"more|title|label|icon|comment|count|list|role|job|attention|subscribe|btn|button",
    re.IGNORECASE,
)
_SELECTOR = ", ".join(
    (
        '[itemprop~="author" i], [itemprop~="creator" i], [rel~="author" i]',
        '[itemprop~="datePublished" i], [itemprop~="dateCreated" i], time[pubdate]',
        '[itemprop~="headline" i]',
        '[class*="author" i], [class*="byline" i], [id*="byline" i]',
    )
)


@dataclass(slots=True)
class Marks:
    """Names and times the body's markup marks as the article's, in document order."""

    authors: list[str] = field(default_factory=list)  # microdata and rel=author
    bylines: list[str] = field(default_factory=list)  # byline and author-name classes
    published: list[str] = field(default_factory=list)  # microdata dates, <time pubdate>
    headline: str | None = None  # microdata headline


def read_marks(tree: LexborHTMLParser) -> Marks:
    out = Marks()
    root = tree.body
    if root is None:
        return out
    # One pass over the tree (each selector of a list scans it again).
    for node in root.css(_SELECTOR):
        attrs = node.attributes
        prop = (attrs.get("itemprop") or "").lower().split()
        if "author" in prop or "creator" in prop or "author" in (attrs.get("rel") or ""):
            _add(out.authors, node, _author_text)
        elif "datepublished" in prop or "datecreated" in prop or "pubdate" in attrs:
            _add(out.published, node, _time_value)
        elif "headline" in prop:
            out.headline = out.headline or attrs.get("content") or _text(node) or None
        elif _is_byline_box(node):
            _add(out.bylines, node, _text)
    return out


def _add(found: list[str], node: LexborNode, read: Callable[[LexborNode], str | None]) -> None:
    if len(found) >= MAX_MARKS or _elsewhere(node):
        return
    value = read(node)
    if value and len(value) <= MARK_MAX_CHARS and value not in found:
        found.append(value)


def _author_text(node: LexborNode) -> str | None:
    """The name an author mark gives: its `itemprop="name"`, `content`, or text."""
    name = node.css_first('[itemprop~="name" i]')
    if name is not None:
        return name.attributes.get("content") or _text(name)
    content = node.attributes.get("content")
    if content and not content.startswith(("http:", "https:", "/")):
        return " ".join(content.split())
    return _text(node)


def _time_value(node: LexborNode) -> str | None:
    attrs = node.attributes
    return attrs.get("datetime") or attrs.get("content") or _text(node)


def _text(node: LexborNode) -> str:
    return " ".join(node.text(separator=" ").split())


def _hint(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def _is_byline_box(node: LexborNode) -> bool:
    """An element whose own class or id names a byline or an author's name."""
    if node.tag in ("body", "html", "article", "main", "section", "li", "ul", "img"):
        return False
    words = _hint(node).split()
    return any(_BYLINE_CLASS.search(w) and not _NOT_BYLINE_CLASS.search(w) for w in words)


def _elsewhere(node: LexborNode) -> bool:
    """The node sits in a comment section, a form or a related list."""
    current: LexborNode | None = node
    for _ in range(ANCESTORS_LOOKED):
        if current is None or current.tag in ("body", "html"):
            return False
        if current.tag in ("form", "nav"):
            return True
        if _ELSEWHERE.search(_hint(current)):
            return True
        current = current.parent
    return False
