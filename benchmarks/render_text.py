"""Render an HTML page as the plain text a browser's `innerText` would give.

The benchmark uses it to make text dumps (what a user copying a page gets) for the
`newsdesk-text` row, and to turn the body HTML some peers return into text.  It is
deterministic and needs no browser; it follows the innerText algorithm with the
browser's default style sheet and inline styles only:

- not rendered: `head`, `script`, `style`, `noscript`, `template` and the like, elements
  with the `hidden` attribute or an inline `display: none` (`aria-hidden` is not CSS
  and does not hide);
- block-level elements are surrounded by one required line break, `<p>` by two; runs of
  required line breaks collapse to the largest, and none lead or trail the text;
- `<br>` is a line feed; table cells other than the last of their row are followed by a
  tab; table rows and list items are blocks, so each sits on its own line;
- white space collapses to one space inside a line and is dropped at line ends, except
  inside `<pre>`, `<textarea>`, `<listing>`, `<xmp>` and `<plaintext>`.

Usage: `python benchmarks/render_text.py page.html > page.txt` (the file is read as
UTF-8, as the evaluation data is).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements whose content is never rendered as text.
NOT_RENDERED = frozenset(
    {
        "head", "title", "meta", "link", "base", "script", "style", "noscript",
        "template", "iframe", "object", "embed", "svg", "canvas", "video", "audio",
        "textarea", "select", "datalist", "input", "img", "frameset", "frame",
        "rp", "param", "source", "track", "area", "map", "dialog",
    }
)  # fmt: skip
# `display: block`, `list-item`, `table`, `table-caption` etc. in the default style sheet.
BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "legend", "li", "listing", "main", "menu", "nav", "ol", "optgroup", "option",
        "plaintext", "pre", "search", "section", "summary", "table", "tbody", "tfoot",
        "thead", "tr", "ul", "xmp",
    }
)  # fmt: skip
PARAGRAPH = "p"  # the one element innerText surrounds with two required line breaks
CELLS = frozenset({"td", "th"})
PREFORMATTED = frozenset({"pre", "listing", "xmp", "plaintext"})

_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\b", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
# Collapsible white space is marked with NUL (the parser never yields one) until line
# ends are known, so preformatted spaces, tabs and line feeds are left alone.
_SPACE = "\x00"
_SPACE_RUN = re.compile(f"{_SPACE}+")
_SPACE_AT_EDGE = re.compile(f"{_SPACE}?([\n\t]){_SPACE}?")


@dataclass(frozen=True, slots=True)
class _Break:
    """A required line break count between two runs of text."""

    count: int


_Item = str | _Break


def render_text(html: str) -> str:
    """The innerText-like plain text of a whole HTML document."""
    root = LexborHTMLParser(html).root
    if root is None:
        return ""
    return _assemble(_items(root))


def _hidden(node: LexborNode) -> bool:
    if node.tag in NOT_RENDERED:
        return True
    attrs = node.attributes
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return bool(style and _DISPLAY_NONE.search(style))


def _last_cell(node: LexborNode) -> bool:
    sibling = node.next
    while sibling is not None:
        if sibling.tag in CELLS and not _hidden(sibling):
            return False
        sibling = sibling.next
    return True


def _items(root: LexborNode) -> Iterator[_Item]:
    """Text runs and line breaks in document order, walking without recursion."""
    # The stack holds nodes to enter, and closing items to emit once a node's children are done.
    stack: list[LexborNode | _Item] = [root]
    pre_depth: list[bool] = []  # whether each open element keeps its white space
    while stack:
        top = stack.pop()
        if isinstance(top, str | _Break):
            if top == "":
                pre_depth.pop()
            else:
                yield top
            continue
        yield from _enter(top, stack, pre_depth)


def _enter(node: LexborNode, stack: list[LexborNode | _Item], pre: list[bool]) -> Iterator[_Item]:
    tag = node.tag
    if tag == "-text":
        text = node.text_content or ""
        yield text if pre and pre[-1] else _HTML_SPACE.sub(_SPACE, text)
        return
    if tag is None or tag.startswith("-") or _hidden(node):
        return  # comments, doctype, hidden elements
    if tag == "br":
        yield "\n"
        return
    closing: list[_Item] = [""]  # "" marks where the element's white-space mode ends
    if tag == PARAGRAPH:
        yield _Break(2)
        closing.insert(0, _Break(2))
    elif tag in BLOCK:
        yield _Break(1)
        closing.insert(0, _Break(1))
    elif tag in CELLS and not _last_cell(node):
        closing.insert(0, "\t")
    pre.append(tag in PREFORMATTED or bool(pre and pre[-1]))
    stack.extend(reversed(closing))
    stack.extend(reversed(list(_children(node))))


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _assemble(items: Iterator[_Item]) -> str:
    """Join text runs; a run of required line breaks between two non-empty runs becomes
    that many line feeds, and none lead or trail."""
    out: list[str] = []
    pending = 0
    line: list[str] = []
    for item in items:
        if isinstance(item, str):
            line.append(item)
            continue
        text = _finish(line)
        line = []
        if text:
            if out and pending:
                out.append("\n" * pending)
            out.append(text)
            pending = 0
        pending = max(pending, item.count)
    text = _finish(line)
    if text:
        if out and pending:
            out.append("\n" * pending)
        out.append(text)
    return "".join(out)


def _finish(parts: list[str]) -> str:
    """Collapse white space within a run and drop it at line and cell edges."""
    text = _SPACE_RUN.sub(_SPACE, "".join(parts))
    text = _SPACE_AT_EDGE.sub(r"\1", text).strip(_SPACE)
    return text.replace(_SPACE, " ")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: render_text.py PAGE.html", file=sys.stderr)
        return 2
    data = Path(argv[0]).read_bytes()
    sys.stdout.write(render_text(data.decode("utf-8", errors="replace")) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
