"""Flattening the DOM into lines of text, each knowing the element it sits in.

One pass over the cleaned tree turns it into two arrays: `Elem`s (the block-level
elements, in document order, each with its parent and the range of lines inside it)
and `Line`s (the text a reader sees as one line: a paragraph, a list item, a cell, a
`<br>`-separated row), each with how much of it is link text.  Scoring and extraction
then work on these arrays only, never on the DOM again.

The walk is iterative (no recursion limit on deeply nested pages) and stops after
`MAX_NODES` nodes so a hostile page cannot stall a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from newsdesk.extract.html import classes

# A real article page has a few thousand nodes; 200k is past any news page we have seen
# and still walks in well under a second.
MAX_NODES = 200_000

# Link text this long is an article wrapped in an anchor, not a link (card links
# round a headline and its summary stay well under it).
LONG_LINK_CHARS = 400

# Tags that start a new line of text and may be the article's container.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "td",
        "th",
        "tr",
        "ul",
        "caption",
        "legend",
        "html",
        "text",
    ]
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Containers that hold page furniture by their very tag.
FURNITURE_TAGS = frozenset(("nav", "aside", "footer"))
# Tags that say "content": a furniture word in their class counts only weakly.
CONTENT_TAGS = frozenset(("article", "main"))
# Lazy-loading pages keep the real image address in one of these.
IMG_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-url", "src")

_LINK, _BLOCK, _CAPTION, _HEADING, _LI, _QUOTE, _CENTER = (1 << i for i in range(7))
# What a block's tag alone says about the lines inside it.
_TAG_CODES = {
    **dict.fromkeys(HEADINGS, _HEADING),
    **dict.fromkeys(("li", "dd", "dt"), _LI),
    "blockquote": _QUOTE,
    "figcaption": _CAPTION,
    "center": _CENTER,
}


@dataclass(slots=True)
class Elem:
    """A block-level element: its tag, parent index and the lines inside it."""

    tag: str
    parent: int
    hint: str  # class and id, as written
    furniture: int  # how surely its tag or class/id says share bar, list, nav… (classes.*)
    comments: bool  # it is furniture only as a comment section
    caption: bool  # this element or an ancestor is a caption
    first: int  # index of the first line inside it
    end: int = -1  # index after the last line inside it
    last: int = -1  # index of its last descendant element (itself when it has none)


@dataclass(slots=True)
class Line:
    """A line of visible text with what the walk knew about where it was."""

    text: str
    elem: int  # innermost block element
    links: int  # characters of it inside links
    anchors: int  # how many links it holds
    href: str | None  # the first link's address
    caption: int  # innermost caption element around it, else -1
    heading: int  # 1..6 inside <hN>, else 0
    li: bool
    quote: bool
    center: bool
    after_image: bool  # an image came right before it, with no text in between


@dataclass(slots=True)
class Picture:
    """An image of the page and the line index it came before."""

    url: str
    alt: str
    before: int
    elem: int


@dataclass(slots=True)
class PageModel:
    elems: list[Elem] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    times: list[tuple[int, str]] = field(default_factory=list)  # (line index, datetime attr)
    exhausted: bool = False  # the node budget ran out


class _Walker:
    def __init__(self) -> None:
        self.model = PageModel()
        self.parts: list[str] = []
        self.links = 0
        self.anchors = 0
        self.href: str | None = None
        self.elem_stack: list[int] = []
        self.link_depth = 0
        self.caption: list[int] = []
        self.heading: list[int] = []
        self.li = 0
        self.quote = 0
        self.center = 0
        self.image_pending = False

    def close_line(self) -> None:
        if not self.parts:
            return
        text = " ".join("".join(self.parts).split())
        self.parts.clear()
        if text:
            # Links were counted on raw text; bring them to the normalized length.
            links = min(self.links, len(text))
            self.model.lines.append(
                Line(
                    text,
                    self.elem_stack[-1] if self.elem_stack else -1,
                    links,
                    self.anchors,
                    self.href,
                    self.caption[-1] if self.caption else -1,
                    self.heading[-1] if self.heading else 0,
                    self.li > 0,
                    self.quote > 0,
                    self.center > 0,
                    self.image_pending,
                )
            )
            self.image_pending = False
        self.links = 0
        self.anchors = 0
        self.href = None

    def text(self, raw: str) -> None:
        if not raw:
            return
        self.parts.append(raw)
        if self.link_depth:
            self.links += len(raw.strip())

    def enter(self, node: LexborNode, tag: str) -> int:
        """Open `node`; return the flags its closing must undo."""
        code = 0
        if tag == "a":
            href = node.attributes.get("href")
            # An anchor without an address, or one wrapped round a whole article
            # (old portals do both), is not a link a reader would see as one; nor is
            # a heading's link to itself (documentation's permalinked section titles).
            if not href or (self.heading and href[0] == "#"):
                return 0
            child = node.child
            nested = child is not None and (child.next is not None or child.tag != "-text")
            if nested and len(node.text(deep=True)) > LONG_LINK_CHARS:
                return 0
            self.link_depth += 1
            self.anchors += 1
            if self.href is None:
                self.href = href
            return _LINK
        if tag == "time":
            value = node.attributes.get("datetime")
            if value:
                self.model.times.append((len(self.model.lines), value.strip()))
            return 0
        if self.parts:
            self.close_line()
        attrs = node.attributes
        cls, ident = attrs.get("class"), attrs.get("id")
        hint = f"{cls} {ident}" if cls and ident else cls or ident or ""
        code = _BLOCK | _TAG_CODES.get(tag, 0)
        model = self.model
        elems = model.elems
        described = classes.describe(hint) if hint else 0
        if tag in FURNITURE_TAGS:
            furniture, comments = classes.STRONG, False
        else:
            furniture = described & 3
            comments = furniture == classes.STRONG and bool(described & classes.COMMENTS)
            if furniture == classes.STRONG and tag in CONTENT_TAGS:
                furniture = classes.WEAK  # an <article> is content unless it says little
        if described & classes.CAPTION:
            code |= _CAPTION
        if code & _CAPTION:
            self.caption.append(len(elems))
        if code & _HEADING:
            self.heading.append(HEADINGS[tag])
        elif code & _LI:
            self.li += 1
        elif code & _QUOTE:
            self.quote += 1
        if not code & _CENTER and ("align" in attrs or "style" in attrs) and _centered(attrs):
            code |= _CENTER
        if code & _CENTER:
            self.center += 1
        stack = self.elem_stack
        elems.append(
            Elem(
                tag,
                stack[-1] if stack else -1,
                hint,
                furniture,
                comments,
                bool(self.caption),
                len(model.lines),
            )
        )
        stack.append(len(elems) - 1)
        return code

    def leave(self, code: int) -> None:
        if code & _LINK:
            self.link_depth -= 1
            return
        if not code & _BLOCK:
            return
        if self.parts:
            self.close_line()
        index = self.elem_stack.pop()
        elem = self.model.elems[index]
        elem.end = len(self.model.lines)
        elem.last = len(self.model.elems) - 1
        if code & _CAPTION:
            self.caption.pop()
        if code & _HEADING:
            self.heading.pop()
        if code & _LI:
            self.li -= 1
        if code & _QUOTE:
            self.quote -= 1
        if code & _CENTER:
            self.center -= 1

    def image(self, node: LexborNode) -> None:
        attrs = node.attributes
        url = next((attrs[k] for k in IMG_SOURCES if attrs.get(k)), None)
        if not url or url.startswith("data:"):
            return
        self.close_line()
        model = self.model
        elem = self.elem_stack[-1] if self.elem_stack else -1
        model.pictures.append(
            Picture(url.strip(), (attrs.get("alt") or "").strip(), len(model.lines), elem)
        )
        self.image_pending = True


def _centered(attrs: dict[str, str | None]) -> bool:
    align = attrs.get("align")
    if align and align.lower() == "center":
        return True
    style = (attrs.get("style") or "").lower()
    return "center" in style and "text-align" in style


def walk(root: LexborNode, *, budget: int | None = None) -> PageModel:
    """Flatten the subtree under `root` (usually `<body>`) into elements and lines,
    visiting at most `budget` nodes (`MAX_NODES` by default)."""
    if budget is None:
        budget = MAX_NODES
    w = _Walker()
    parts = w.parts  # cleared in place by close_line, so this stays the live list
    block_tags = BLOCK_TAGS
    root_code = w.enter(root, root.tag if root.tag in block_tags else "div")
    stack: list[tuple[LexborNode, int]] = []
    node = root.child
    seen = 0
    while node is not None:
        seen += 1
        if seen > budget:
            w.model.exhausted = True
            break
        tag = node.tag
        code = -1  # -1: nothing to descend into
        if tag == "-text":
            raw = node.text_content
            # White space before any text (indentation between blocks) is dropped here,
            # sparing close_line the work of finding the line empty.
            if raw and (parts or not raw.isspace()):
                parts.append(raw)
                if w.link_depth:
                    w.links += len(raw.strip())
        elif tag in block_tags or tag == "a" or tag == "time":
            code = w.enter(node, tag)
        elif tag == "br":
            if parts:
                w.close_line()
        elif tag == "img":
            w.image(node)
        elif tag is not None and tag[0] != "-":
            code = 0  # an inline element: its text joins the current line
        if code >= 0:
            child = node.child
            if child is not None:
                stack.append((node, code))
                node = child
                continue
            if code:
                w.leave(code)
        nxt = node.next
        while nxt is None and stack:
            parent, code = stack.pop()
            if code:
                w.leave(code)
            nxt = parent.next
        node = nxt
    while stack:  # budget ran out: close what is open
        w.leave(stack.pop()[1])
    w.leave(root_code)
    return w.model
