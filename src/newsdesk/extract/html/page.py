"""The article's parts as the reader sees them, around the chosen container.

`View` answers positional questions over the page model: which lines are the body,
which are the header zone (headline, byline, date line) and which come right after the
body (editor, original title, statement, platform notices), and which images belong to
the article.  Metadata readers look only at these zones, never at the whole page, so a
time or name in a related list cannot be taken for the article's.
"""

from __future__ import annotations

import re

from newsdesk.article import Image
from newsdesk.extract import measure, patterns
from newsdesk.extract.html.content import Extracted
from newsdesk.extract.html.lines import Kind
from newsdesk.extract.html.meta import HeadMeta
from newsdesk.extract.html.walk import PageModel
from newsdesk.extract.language import detect_language
from newsdesk.text.urls import join_url

# Lines before the container searched for the headline and byline when no headline
# line is found.
HEADER_BEFORE = 8
# Lines past the first body line still in the header zone (date lines under a lead).
HEADER_AFTER = 2
# Body lines at the end searched for a closing credit (（记者 X）).
TAIL_BODY_LINES = 3
# Body lines at the start read for a credit set as a paragraph (`本报记者 X`), and how
# short such a credit is.
LEAD_BODY_LINES = 6
LEAD_CREDIT_MAX_CHARS = 40
# Lines after the body searched for the editor, statement and platform notices.
AFTER_LINES = 12
# Lines past the container's end still read for credits (a byline cell beside the text).
PAST_CONTAINER = 5
# The headline is looked for this far before the container.
TITLE_SEARCH_BEFORE = 60
# A centred line under a picture is its caption when this short and not a sentence.
CENTERED_CAPTION_MAX_CHARS = 50


class View:
    def __init__(self, model: PageModel, found: Extracted, head: HeadMeta) -> None:
        self.model = model
        self.found = found
        self.head = head
        self.lines = model.lines
        c = model.elems[found.container] if found.container >= 0 else None
        self.start = c.first if c else 0
        self.end = c.end if c else len(model.lines)
        self.body_lines = list(found.body)
        self._captions = set(found.captions)
        self._mark_marked_captions()
        self.first_body = self.body_lines[0] if self.body_lines else self.start
        self.last_body = self.body_lines[-1] if self.body_lines else self.end - 1
        self.title_line = -1
        self._container: list[str] | None = None

    # --- the article's text ------------------------------------------------------

    def _mark_marked_captions(self) -> None:
        """Short centred lines right under a picture are its captions."""
        kept = []
        for i in self.body_lines:
            line = self.lines[i]
            text = line.text
            if (
                line.after_image
                and line.center
                and len(text) <= CENTERED_CAPTION_MAX_CHARS
                and not measure.ends_sentence(text)
            ):
                self._captions.add(i)
            else:
                kept.append(i)
        self.body_lines = kept

    def body(self) -> list[str]:
        skip = {self.title_line} if self.title_line >= 0 else set()
        return [self.lines[i].text for i in self.body_lines if i not in skip]

    def captions(self) -> list[str]:
        return [self.lines[i].text for i in sorted(self._captions)]

    def images(self, base: str | None) -> list[Image]:
        out: list[Image] = []
        seen: set[str] = set()
        furn = self.found.furniture
        for pic in self.model.pictures:
            if not self.start <= pic.before <= self.end:
                continue
            if pic.elem >= 0 and furn[pic.elem] > self.found.container:
                continue
            url = join_url(base, pic.url) if base else pic.url
            if url in seen:
                continue
            seen.add(url)
            caption = None
            if pic.before in self._captions:
                caption = self.lines[pic.before].text
            out.append(Image(url, caption or pic.alt or None))
        return out

    def language(self) -> str | None:
        sample = " ".join(self.lines[i].text for i in self.body_lines[:40])
        found = detect_language(sample) if sample else "und"
        if found == "und":
            lang = (self.head.lang or "").split("-")[0].lower()
            return lang or None
        return found

    # --- the headline and the zones around the body -----------------------------

    def h1s(self) -> list[str]:
        """Headline candidates: <h1> elements (else <h2> near the body), nearest first."""
        found = self._headings("h1")
        if not found:
            lo = self.start - TITLE_SEARCH_BEFORE
            found = [f for f in self._headings("h2") if lo <= f[0] <= self.first_body]
        found.sort(key=lambda f: abs(f[0] - self.first_body))
        return [text for _, text in found]

    def subheads(self) -> list[str]:
        """The `<h2>` and `<h3>` headings (where a page with a section name in its
        `<h1>` shows the headline)."""
        return [text for tag in ("h2", "h3") for _, text in self._headings(tag)]

    def _headings(self, tag: str) -> list[tuple[int, str]]:
        out = []
        for e in self.model.elems:
            if e.tag == tag and e.end > e.first:
                text = " ".join(line.text for line in self.lines[e.first : e.end])
                out.append((e.first, text))
        return out

    def locate_title(self, title: str | None) -> None:
        if not title:
            return
        want = _norm(title)
        lo = max(0, self.start - TITLE_SEARCH_BEFORE)
        # The first showing of the headline near the body opens the header zone (some
        # pages show it twice: above the date line and again over the text).
        for i in range(lo, min(self.end, self.first_body + HEADER_AFTER + 1)):
            if _norm(self.lines[i].text) == want:
                self.title_line = i
                return

    def _usable(self, i: int) -> bool:
        line = self.lines[i]
        return (
            line.elem < 0
            or self.found.furniture[line.elem] < 0
            or (self.found.furniture[line.elem] <= self.found.container)
        )

    def header_range(self) -> range:
        start = self.title_line if self.title_line >= 0 else max(0, self.start - HEADER_BEFORE)
        # The first paragraph after the headline: the headline itself may be a body line.
        lead = next((i for i in self.body_lines if i > start), self.first_body)
        stop = min(len(self.lines), max(lead, self.first_body) + HEADER_AFTER + 1)
        return range(start, stop)

    def datelines(self) -> list[str]:
        """Lines of the article's container that give a time and little else (not a
        list item's: those link to their story, or sit in a list's box)."""
        kinds = self.found.kinds
        r = self.header_range()
        lo, hi = min(r.start, self.start), max(r.stop, self.end)
        return [
            self.lines[i].text
            for i in range(lo, hi)
            if kinds[i] is Kind.DATELINE and not self.lines[i].links and self._usable(i)
        ]

    def header_lines(self) -> list[str]:
        return [self.lines[i].text for i in self.header_range() if self._usable(i)]

    def container_lines(self) -> list[str]:
        """Every line of the container and a few past it (a post's footer), comment
        sections and lists left out."""
        if self._container is None:
            self._container = self._container_lines()
        return self._container

    def _container_lines(self) -> list[str]:
        stop = min(len(self.lines), max(self.end, self.last_body + 1) + PAST_CONTAINER)
        elems, kinds = self.model.elems, self.found.kinds
        out = []
        for i in range(self.start, stop):
            line = self.lines[i]
            if kinds[i] is Kind.LIST_HEADING:
                break  # the article is over where its lists begin
            furniture = self.found.furniture[line.elem] if line.elem >= 0 else -1
            if furniture >= 0 and elems[furniture].comments:
                continue
            out.append(line.text)
        return out

    def mentions(self, text: str) -> bool:
        """`text` is shown by the article: over or in its header, or in its container
        (not in its comments or the lists after it)."""
        want = text.casefold()
        lines = [*self.before_header_lines(), *self.byline_lines(), *self.container_lines()]
        return any(want in line.casefold() for line in lines)

    def header_time_attrs(self) -> list[str]:
        r = self.header_range()
        return [value for index, value in self.model.times if r.start <= index < r.stop]

    def before_header_lines(self) -> list[str]:
        """The few lines just above the header zone (a date line over the headline)."""
        start = self.header_range().start
        return [self.lines[i].text for i in range(max(0, start - HEADER_BEFORE), start)]

    def tail_lines(self) -> list[str]:
        """The last body lines (last first: a closing credit), then every line from
        there to a little past the body (credits set between the last paragraphs)."""
        last = self.body_lines[-TAIL_BODY_LINES:]
        if not last:
            return []
        stop = min(len(self.lines), self.last_body + 1 + AFTER_LINES, self.end + PAST_CONTAINER)
        stop = max(stop, self.last_body + 1)
        taken = set(last)
        after = [i for i in range(last[0] + 1, stop) if i not in taken]
        return [self.lines[i].text for i in [*reversed(last), *after] if self._usable(i)]

    def byline_lines(self) -> list[str]:
        """The header zone and the short lines among the first paragraphs (a reporter's
        credit set as the body's first line)."""
        r = self.header_range()
        lead = [i for i in self.body_lines[:LEAD_BODY_LINES] if i >= r.stop]
        stop = lead[-1] + 1 if lead else r.stop
        extra = [
            i
            for i in range(r.stop, stop)
            if len(self.lines[i].text) <= LEAD_CREDIT_MAX_CHARS and self._usable(i)
        ]
        return self.header_lines() + [self.lines[i].text for i in extra]

    def lead_text_lines(self) -> list[str]:
        """The first lines of the body, the headline among them when it was not found."""
        start = self.title_line + 1 if self.title_line >= 0 else self.first_body
        return [self.lines[i].text for i in self.body_lines if i >= start][:LEAD_BODY_LINES]

    def after_body_lines(self) -> list[str]:
        """Lines from the header to a little past the body: where editors are credited."""
        stop = min(len(self.lines), self.last_body + 1 + AFTER_LINES)
        r = self.header_range()
        return [self.lines[i].text for i in [*r, *range(max(r.stop, self.last_body - 2), stop)]]

    def _after_kinds(self, kind: Kind) -> list[str]:
        kinds = self.found.kinds
        stop = min(len(self.lines), max(self.end, self.last_body + 1) + AFTER_LINES)
        return [self.lines[i].text for i in range(self.start, stop) if kinds[i] is kind]

    def statement(self) -> str | None:
        found = self._after_kinds(Kind.STATEMENT)
        return found[0] if found else None

    def disclaimers(self) -> list[str]:
        return self._after_kinds(Kind.DISCLAIMER)

    def original_badge(self, header: list[str]) -> bool:
        """The platform's 原创 badge: alone on a header line, or before the headline."""
        badge = patterns.ORIGINAL_BADGE
        return any(t == badge or patterns.strip_badge(t)[1] for t in header[:6])


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()
