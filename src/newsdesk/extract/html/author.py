"""Choosing the article's author among what the markup states and what the page shows.

Most trusted first:

1. JSON-LD `author` of the article (an organisation only when no person is shown);
2. microdata `itemprop="author"` and `rel="author"` links that the article shows (in
   its header or container, not in comments or the lists after it);
3. a `<meta>` author tag, unless it is junk beside a visible byline: an outlet, a
   single handle, the site's name (`<meta name="author" content="Example Media">` over
   `By Jane Doe`);
4. a byline printed near the headline or a credit after the text (`byline`);
5. an element whose class says byline or author name, shown by the article;
6. a name printed with the headline (`犬儒病(上)` / `胡平`);
7. the `<meta>` tag after all, and last a `来源：` that names a person.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.extract import credits
from newsdesk.extract.html import byline, names
from newsdesk.extract.html.meta import HeadMeta
from newsdesk.extract.html.page import View


def choose_author(head: HeadMeta, view: View, title: str | None, lang: str | None) -> str | None:
    zh = lang == "zh"
    stated = byline.jsonld_author(head)
    if stated and not byline.is_org(stated):
        return stated
    marked = _first_shown(head.marks.authors, view)
    if marked:
        return marked
    visible = byline.author_in_lines(
        view.byline_lines(), view.tail_lines(), view.container_lines
    ) or _first_shown(head.marks.bylines, view)
    if stated and not (zh or visible):
        return stated  # an organisation, and no person shown
    tagged = byline.tag_author(head)
    junk = (visible and _junk_beside(tagged, visible, zh)) or (zh and byline.is_org(tagged or ""))
    if tagged and not junk:
        return tagged
    return (
        visible
        or byline.author_after_title(title, view.header_lines(), view.lead_text_lines())
        or tagged
        or stated
    )


def _first_shown(marked: Iterable[str], view: View) -> str | None:
    """The first marked name the article shows."""
    for text in marked:
        name = names.person(text)
        if name and view.mentions(name):
            return name
    return None


def _junk_beside(tagged: str | None, visible: str, zh: bool) -> bool:
    """A `<meta>` author that names an outlet, or (outside Chinese) a single handle,
    sharing no word with the byline the page shows."""
    if not tagged or credits.is_organisation(tagged):
        return True
    if zh:
        return False
    shared = {w.casefold() for w in tagged.split()} & {w.casefold() for w in visible.split()}
    return not shared and len(tagged.split()) == 1
