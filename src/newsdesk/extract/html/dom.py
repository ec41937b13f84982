"""Parsing a page and removing what a reader never sees.

selectolax's lexbor parser is linear in the page size, so the one guard needed before
parsing is on size: a page past `MAX_HTML_CHARS` is cut there (the article of a news
page sits in its first megabytes; what is cut is footers and inline data).  After
parsing, the elements no reader sees are removed in C (scripts, styles, `<noscript>`,
forms controls, hidden blocks) so the Python walk only visits what could be text --
unless the page shows its text only that way: a `<noscript>` or a hidden block holding
most of the page's text is kept (`strip_invisible`).
"""

from __future__ import annotations

import logging
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract import mojibake

log = logging.getLogger(__name__)

# Largest real news page in the evaluation sets is ~3 MB; past 8 M characters a page is
# either not an article or built to stall a parser, and its head is all we need.
MAX_HTML_CHARS = 8_000_000

# The HTML parsing algorithm checks the stack of open elements at each block start tag,
# so time grows with the square of nesting depth: 20,000 nested divs take a second,
# 100,000 a minute.  Real pages nest blocks a few dozen deep; past `MAX_DEPTH` the rest
# of the page is cut.  Only pages with many tags are scanned (fewer tags cannot nest
# deep enough to matter).
MAX_DEPTH = 500
DEPTH_CHECK_TAGS = 8000
# Start and end tags of blocks whose end tag is never optional.
_BLOCK_TAG = re.compile(
    r"<(/?)(?:div|section|article|ul|ol|table|blockquote|dl|form|fieldset|main|aside|header|"
    r"footer|nav|figure|details|center|dir|menu|address|h[1-6]|pre)\b",
    re.IGNORECASE,
)

# The parser checks each new attribute against the element's others, so time grows
# with the square of one element's attributes: 8,000 take a third of a second, 100,000
# minutes.  Real elements carry a few dozen; one with more than `MAX_ATTRIBUTES`
# keeps its name and loses its attributes.
MAX_ATTRIBUTES = 1000
_PIECES = 2 * MAX_ATTRIBUTES  # an attribute takes at least two: a space and a letter
# A quoted value starts only after `=`; a quote anywhere else is an ordinary character.
_QUOTED_VALUE = r"""=\s*+(?:"[^"]*+"|'[^']*+')"""
# Text, comments, raw-text elements (what a script holds is not markup) and tags
# shorter than `_PIECES`, read in bulk; it stops at a start tag that is longer.
_TAG_REST = rf"(?:[^>=]|{_QUOTED_VALUE}|=){{0,{_PIECES}}}+>"
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
_SHORT_MARKUP = re.compile(
    r"(?:[^<]++|<!--(?:[^-]++|-(?!->))*+(?:-->)?|"
    + "|".join(rf"<{name}\b{_TAG_REST}(?:[^<]++|<(?!/{name}))*+" for name in _RAW_TEXT)
    + rf"|<(?![a-z])|<[a-z]{_TAG_REST})*+",
    re.DOTALL | re.IGNORECASE,
)
_LONG_START_TAG = re.compile(rf"<([A-Za-z][^\s/>]*)(?:[^>=]++|{_QUOTED_VALUE}|=)*+")
_QUOTED = re.compile(_QUOTED_VALUE)
_ATTRIBUTE_NAME = re.compile(r"(?<=[\s/])[^\s/>=]+")

# Tags whose content is never article text.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "frame",
    "object",
    "embed",
    "canvas",
    "select",
    "button",
    "textarea",
    "input",
    "audio",
    "video",
    "map",
    "dialog",
)

# Elements a browser does not show.  `style` is matched loosely in CSS and checked
# exactly below, because values come in every spelling (`display: none !important`).
# `visibility: hidden` is left alone: WeChat and others hide the whole article that
# way until a script has laid it out.
_HIDDEN_SELECTOR = '[hidden], [aria-hidden="true" i], [style*="none" i]'
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# A `<noscript>` or hidden block with this share of the page's text is its content
# (shown once a script runs), on pages with at least this much text.
KEEP_SHARE = 0.5
KEEP_MIN_CHARS = 2000
# ...unless that text is mostly links (a site map or a menu kept for later).
KEEP_MAX_LINK_SHARE = 0.5


def parse(html: str) -> tuple[LexborHTMLParser, bool]:
    """Parse `html`; the flag says whether it had to be cut (too long, or nested too deep)."""
    truncated = len(html) > MAX_HTML_CHARS
    if truncated:
        log.warning("page of %d characters cut to %d", len(html), MAX_HTML_CHARS)
        html = html[:MAX_HTML_CHARS]
    html = mojibake.repair(html)  # UTF-8 that was decoded twice (`itâ€™s`)
    if html.count("<") > DEPTH_CHECK_TAGS:
        cut = _too_deep_at(html)
        if cut is not None:
            log.warning("page nested deeper than %d blocks; cut at %d", MAX_DEPTH, cut)
            html, truncated = html[:cut], True
    html, thinned = _thin_attributes(html)
    return LexborHTMLParser(html), truncated or thinned


def _thin_attributes(html: str) -> tuple[str, bool]:
    """`html` with the attributes of each start tag holding over `MAX_ATTRIBUTES`
    names dropped (the element stays); whether any were.

    Markup is read in bulk in C; only a start tag too long for the bulk pattern stops
    it and has its names counted in Python.  Each character is read a bounded number
    of times, so this stays linear whatever the page.
    """
    pieces: list[str] = []
    pos, thinned = 0, False
    while True:
        end = _SHORT_MARKUP.match(html, pos).end()  # type: ignore[union-attr]
        if end >= len(html):
            break
        tag = _LONG_START_TAG.match(html, end)
        stop = max(tag.end() if tag else 0, end + 1)
        if (
            tag
            and len(set(_ATTRIBUTE_NAME.findall(_QUOTED.sub("= ", tag.group()).lower())))
            > MAX_ATTRIBUTES
        ):
            log.warning(
                "element with over %d attributes at %d; its attributes dropped", MAX_ATTRIBUTES, end
            )
            pieces += [html[pos:end], "<", tag.group(1)]
            thinned = True
        else:
            pieces.append(html[pos:stop])
        pos = stop
    if not thinned:
        return html, False
    pieces.append(html[pos:])
    return "".join(pieces), True


def _too_deep_at(html: str) -> int | None:
    """Where block elements first nest deeper than `MAX_DEPTH`, if they do."""
    depth = 0
    for m in _BLOCK_TAG.finditer(html):
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return m.start()
    return None


def strip_invisible(tree: LexborHTMLParser) -> None:
    """Remove scripts, styles, `<noscript>`, controls and hidden blocks from `tree`.

    Two exceptions, for pages that show their text only once a script has run: a
    `<noscript>` holding most of the page's text is what a reader without scripts gets
    (forum software renders its crawler view there) and is kept, and so is a hidden
    block holding most of it (a listing's results revealed by a script).
    """
    tree.strip_tags([t for t in DROP_TAGS if t != "noscript"])
    root = tree.body
    if root is None:
        tree.strip_tags(["noscript"])
        return
    noscript = root.css("noscript")
    total = -1
    if noscript:
        total = len(root.text(deep=True, separator=" "))
        shown = sum(len(n.text(deep=True, separator=" ")) for n in noscript)
        if shown >= total * KEEP_SHARE:
            tree.unwrap_tags(["noscript"])
        else:
            tree.strip_tags(["noscript"])
            total -= shown
    hidden = [node for node in root.css(_HIDDEN_SELECTOR) if _is_hidden(node)]
    kept = _kept_hidden(root, hidden, total)
    # Innermost first: an ancestor removed before its descendant would free it.
    for node in reversed(hidden):
        if node.mem_id not in kept:
            node.decompose()


def _kept_hidden(root: LexborNode, hidden: list[LexborNode], total: int) -> set[int]:
    """The hidden blocks to keep (by `mem_id`): those holding most of the page's text as
    the page arrived, and the hidden blocks around them."""
    big = [
        (node, n)
        for node in hidden
        if (n := len(node.text(deep=True))) >= KEEP_MIN_CHARS * KEEP_SHARE
    ]
    if not big:
        return set()
    if total < 0:
        total = len(root.text(deep=True, separator=" "))
    kept: set[int] = set()
    for node, size in big:
        if _holds_most(node, size, total):
            parent: LexborNode | None = node
            while parent is not None and parent.mem_id not in kept:
                kept.add(parent.mem_id)
                parent = parent.parent
    return kept


def _holds_most(node: LexborNode, size: int, total: int) -> bool:
    """The hidden `node` (`size` characters) holds most of the page's text, and not as
    links (a site map)."""
    if total < KEEP_MIN_CHARS or size < total * KEEP_SHARE:
        return False
    links = sum(len(a.text(deep=True)) for a in node.css("a"))
    return links < size * KEEP_MAX_LINK_SHARE


def _is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))
