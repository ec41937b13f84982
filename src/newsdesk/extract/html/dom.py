"""Parsing a page and removing what a reader never sees.

selectolax's lexbor parser is linear in the page size, so the one guard needed before
parsing is on size: a page past `MAX_HTML_CHARS` is cut there (the article of a news
page sits in its first megabytes; what is cut is footers and inline data).  After
parsing, the elements no reader sees are removed in C (scripts, styles, `<noscript>`,
forms controls, hidden blocks) so the Python walk only visits what could be text.
"""

from __future__ import annotations

import logging
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

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


def parse(html: str) -> tuple[LexborHTMLParser, bool]:
    """Parse `html`; the flag says whether it had to be cut (too long, or nested too deep)."""
    truncated = len(html) > MAX_HTML_CHARS
    if truncated:
        log.warning("page of %d characters cut to %d", len(html), MAX_HTML_CHARS)
        html = html[:MAX_HTML_CHARS]
    if html.count("<") > DEPTH_CHECK_TAGS:
        cut = _too_deep_at(html)
        if cut is not None:
            log.warning("page nested deeper than %d blocks; cut at %d", MAX_DEPTH, cut)
            html, truncated = html[:cut], True
    return LexborHTMLParser(html), truncated


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
    """Remove scripts, styles, `<noscript>`, controls and hidden blocks from `tree`."""
    tree.strip_tags(list(DROP_TAGS))
    root = tree.body
    if root is None:
        return
    # Innermost first: an ancestor removed before its descendant would free it.
    for node in reversed(root.css(_HIDDEN_SELECTOR)):
        if _is_hidden(node):
            node.decompose()


def _is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))
