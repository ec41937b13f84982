"""Choosing the article's author among what the markup states and what the page shows.

Most trusted first:

1. JSON-LD `author` of the article (an organisation or the site's name only when no
   person is shown);
2. microdata `itemprop="author"` and `rel="author"` links that the article shows (in
   its header or container, not in comments or the lists after it);
3. a `<meta>` author tag, unless it is junk beside a visible byline: an outlet, a
   single handle, the site's name (`<meta name="author" content="Example Media">` over
   `By Jane Doe`);
4. a byline printed near the headline or a credit after the text (`byline`);
5. an element whose class says byline or author name, shown by the article;
6. outside Chinese, `by Jane Doe` anywhere in a header line, or a name alone next to
   the date line;
7. a name printed with the headline (`犬儒病(上)` / `胡平`);
8. the `<meta>` tag after all, and last a `来源：` that names a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdesk.extract import dates, measure
from newsdesk.extract.html import byline, names
from newsdesk.extract.html.meta import HeadMeta
from newsdesk.extract.html.page import View

# Header lines read for a Latin byline, and how long such a line is.
HEADER_LINES_LOOKED = 10
BYLINE_LINE_MAX_CHARS = 120
_BY = re.compile(r"(?:^|\s)by\s", re.IGNORECASE)
# Pieces of a line around a byline: `Jane Doe | Senior Writer | July 2, 2025`.
_PIECES = re.compile(r"\s*[|•·●⋅‧∙–—]\s*|\s{2,}")


def choose_author(head: HeadMeta, view: View, title: str | None, lang: str | None) -> str | None:
    zh = lang == "zh"
    stated = byline.jsonld_author(head)
    if stated and not (byline.is_org(stated) or byline.is_site(stated, head)):
        return stated
    marked = _first_shown(head.marks.authors, view)
    if marked:
        return marked
    visible = (
        byline.author_in_lines(view.byline_lines(), view.tail_lines(), view.container_lines)
        or _first_shown(head.marks.bylines, view, cjk_only=zh)
        or (None if zh else _latin_byline(view.header_lines(), title))
    )
    if stated and not (zh or visible):
        return stated  # an organisation, and no person shown
    tagged = byline.tag_author(head)
    if tagged and not _junk(tagged, visible, head, zh):
        return tagged
    return (
        visible
        or byline.author_after_title(title, view.header_lines(), view.lead_text_lines())
        or tagged
        or stated
    )


def _latin_byline(header: list[str], title: str | None) -> str | None:
    """A byline the shared credit shapes miss: `by Jane Doe ● May 3, 2025` anywhere in
    a header line, or a name alone on the line over the date line (`Jane Doe` /
    `Fri 5 Dec 2025`), or before a date on its line (`Jane Doe | Writer | July 2`)."""
    lines = [t for t in header[:HEADER_LINES_LOOKED] if t != title]
    for text in lines:
        by = _BY.search(text) if len(text) <= BYLINE_LINE_MAX_CHARS else None
        if by:
            name = names.person(text)
            # Inside a line, `by` is a byline's only before a name (not `step by step`).
            if name and (by.start() == 0 or names.bare_name(name)):
                return name
    for k, text in enumerate(lines):
        if len(text) > BYLINE_LINE_MAX_CHARS or not measure.has_digit(text):
            continue
        hit = dates.find_times(text)
        if not hit:
            continue
        before = _PIECES.split(text[: hit[0].start].strip())[0]
        name = names.bare_name(before) or (names.bare_name(lines[k - 1]) if k else None)
        if name:
            return name
    return None


def _first_shown(marked: Iterable[str], view: View, *, cjk_only: bool = False) -> str | None:
    """The first marked name the article shows (on a Chinese page, a Chinese name: a
    byline box there in another script is a mis-decoded one)."""
    for text in marked:
        name = names.person(text)
        if name and (not cjk_only or byline.cjk_name(name)) and view.mentions(name):
            return name
    return None


def _junk(tagged: str, visible: str | None, head: HeadMeta, zh: bool) -> bool:
    """A `<meta>` author not to trust: an outlet on a Chinese page; beside a byline the
    page shows, an outlet, the site's name, or (outside Chinese) a single handle
    sharing no word with the byline."""
    if zh and byline.is_org(tagged):
        return True
    if not visible:
        return False
    if byline.is_org(tagged) or byline.is_site(tagged, head):
        return True
    if zh:
        return False
    shared = {w.casefold() for w in tagged.split()} & {w.casefold() for w in visible.split()}
    return not shared and len(tagged.split()) == 1
