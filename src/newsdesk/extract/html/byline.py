"""Who wrote the article, who edited it, where it came from: from markup and bylines.

Each reader here gives one kind of evidence; `author` weighs them.  The markup's
author: JSON-LD's `author` (`@id` references resolved), a `<meta>` tag (every author
when the tag is repeated, one per author), Twitter's "Written by" label.  The bylines
the page prints: near the headline (`作者：X`, `记者 X`, `文/X`, `By X`), the credit
after the last paragraph (`（记者 X）`, `（袁源）`), a poster's credit in the container
(`本贴由X于…发表`, `… by X`: the first, the thread's opening post), a name printed alone
under the headline (`犬儒病(上)` / `胡平`).  `责任编辑` names the editor, never the
author; `来源：` the source (or the author, when it names a person).  Every credit
shape and the name checks (surnames, words that are no names) live in the shared
`newsdesk.extract.patterns` and `credits`, which the text-dump reader uses too; what is
left here is what only markup has (meta tags) and which zone of the page each shape is
looked for in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from newsdesk.extract import credits, measure, patterns
from newsdesk.extract.html.meta import HeadMeta, jsonld_text
from newsdesk.extract.html.names import is_name, person
from newsdesk.text import cjk

# Meta tags that name the author.
AUTHOR_METAS = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
)
# Author tags read when a page repeats one per author.
MAX_AUTHOR_TAGS = 8
# Twitter's label and data tags read for the writer, and the labels that name one.
TWITTER_LABELS = 4
_WRITTEN_BY = re.compile(r"^\s*(?:written by|author|by|autor|auteur|verfasst von)\s*:?\s*$", re.I)
# Meta author values that are a site's keywords, a domain or an account id.
_NOT_AUTHOR = re.compile(
    r"www\.|\.(?:com|cn|net|org)\b|[,，;；].*[,，;；]|_\d|^\w*\d{3,}\w*$|^\W+$"
)
# Where a labelled value stops being a name: a colon, a comma, a bracket, `出自`.
_VALUE_STOP = re.compile(r"[:：，,;；【\[]|出自|来自")
_CJK = re.compile(f"[{cjk.HAN}]")
# Characters no name has.
_NOT_NAME_CHARS = re.compile(r"[=\"<>{}@#$%^*_+\\/\d]")
# A label alone on its line (its value is in the next cell).
_LABEL_ONLY = re.compile(
    r"^\s*(?:作\s*者|撰\s*稿|记\s*者|記\s*者|发文机关|發文機關|来\s*源|來\s*源)\s*[:：]\s*$"
)
# Credit lines stacked under a byline (interns under the reporters) are read up to this many.
MORE_CREDIT_LINES = 2
BYLINE_MAX_CHARS = 40
# Lines of the container read for a poster's credit.
CONTAINER_LINES_LOOKED = 400
# The author's name under the headline is looked for among this many first lines.
LEAD_NAME_LINES = 3
# A pen name: two or three ideographs; the paragraph under it at least this long.
_PEN_NAME = re.compile(f"[{cjk.HAN_BASIC}]{{2,3}}")
PARAGRAPH_MIN_CHARS = 30
# A headline shown in the body is this long.
HEADLINE_MIN_CHARS = 4
HEADLINE_MAX_CHARS = 40
# A labelled value longer than this is a sentence, not a name.
NAME_MAX_CHARS = 40
# How much of a line a byline is looked for in (bylines are at a line's start), and how
# much of a paragraph's end a closing credit.
LINE_LOOKED = 200
TEXT_LOOKED = 80


def jsonld_author(head: HeadMeta) -> str | None:
    """The JSON-LD article's `author` (its `@id` reference resolved), if it is a name."""
    return _stated_name(jsonld_text(head.jsonld_value("author")))


def tag_author(head: HeadMeta) -> str | None:
    """The author a `<meta>` tag names, if it is a name and not a link; a tag repeated
    for each author gives them all."""
    for key in AUTHOR_METAS:
        values: list[str | None] = [*head.repeated.get(key, [])] or [head.meta.get(key)]
        found = [n for n in (_stated_name(v) for v in values[:MAX_AUTHOR_TAGS]) if n]
        if len(found) > 1 and not all(is_name(n) for n in found):
            found = found[:1]  # lines of an address, not one tag per author
        if found:
            return ", ".join(_unique(found))
    # Twitter's reading labels: `twitter:label1` "Written by", `twitter:data1` the name.
    for n in range(1, TWITTER_LABELS + 1):
        label = head.get(f"twitter:label{n}")
        if label and _WRITTEN_BY.match(label):
            return _stated_name(head.get(f"twitter:data{n}"))
    return None


def _stated_name(value: str | None) -> str | None:
    if not value or value.startswith(("http://", "https://", "/")) or "@" in value:
        return None
    value = re.sub(r"^(?:by|作者)\s*[:：]?\s*", "", value, flags=re.IGNORECASE).strip()
    if not value or _NOT_AUTHOR.search(value):
        return None
    return _names(value) or None


def _unique(names: list[str]) -> list[str]:
    """`names` without repeats, case aside (`DELFI`, `Delfi`)."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def is_site(name: str, head: HeadMeta) -> bool:
    """`name` is the site's own name (a personal blog's, or an outlet's)."""
    site = head.get("og:site_name", "application-name")
    return bool(site) and name.casefold() == str(site).casefold()


def is_org(name: str) -> bool:
    """A name that reads like an outlet or an organisation rather than a person."""
    return credits.is_organisation(name)


def author_in_lines(
    header: Sequence[str], tail: Iterable[str], container: Callable[[], Iterable[str]] = tuple
) -> str | None:
    """A byline near the headline, else a poster's credit in the container (the first:
    a thread's opening post; `container` gives its lines), else a credit after the last
    paragraph."""
    name = _header_credit(header)
    if name:
        return name
    for k, text in enumerate(container()):
        if k >= CONTAINER_LINES_LOOKED:
            break
        name = credits.posted_by(text)
        if name:
            return name
    for text in tail:
        name = credits.paragraph_credit(text, TEXT_LOOKED)
        if name or (name := _byline(text)):
            return _names(name)
    return None


def _header_credit(header: Sequence[str]) -> str | None:
    """The first byline among the header lines, with the names of the credit lines
    right under it (`本报实习生 刘国栋` over `本报记者 王燕平`); a label alone on its line
    (a table cell: `作者：` | `张三`) is read with the line after it."""
    for i, text in enumerate(header):
        if _LABEL_ONLY.match(text) and i + 1 < len(header):
            text = text.strip() + header[i + 1].strip()
        name = _byline(text) or credits.paren_credit(text[:TEXT_LOOKED])
        name = _names(name) if name else None
        if not name:
            continue
        names = name.split()
        for more in header[i + 1 : i + 1 + MORE_CREDIT_LINES]:
            extra = _byline(more) if len(more) <= BYLINE_MAX_CHARS else None
            if not extra:
                break
            names += [n for n in extra.split() if n not in names]
        return " ".join(names)
    return None


def _byline(text: str) -> str | None:
    """The author a byline or metadata line names, if it names one."""
    text = text[:LINE_LOOKED]
    if patterns.is_meta_line(text):
        for field, value in patterns.meta_fields(text):
            if field == "author":
                # (a Latin name loses a month glued on from the date after it)
                value = _clean_value(value if cjk_name(value) else person(value) or "")
                if value and _plausible(value, strict=False):
                    return _names(value)
    names = credits.credit_line(text)
    return _names(names) if names else credits.posted_by(text)


def cjk_name(value: str) -> bool:
    return _CJK.search(value) is not None


def _clean_value(value: str) -> str:
    """A labelled author value cut to the name (`赵婕 出自…` -> `赵婕`)."""
    m = _VALUE_STOP.search(value)
    value = (value[: m.start()] if m else value).strip()
    if len(value) > NAME_MAX_CHARS or _NOT_NAME_CHARS.search(value):
        return ""
    return value


def is_byline(text: str) -> bool:
    """A short line that credits a reporter (`記者 陳怡君 報導`, `本报记者 林晓舟`)."""
    return credits.is_reporter_line(text)


def field_in_lines(field: str, lines: Iterable[str]) -> str | None:
    """The first `source`, `editor` or `original_title` a metadata line in `lines` gives."""
    for text in lines:
        if len(text) > LINE_LOOKED:
            text = text[-TEXT_LOOKED:]  # a long line credits at its end (【编辑:刘欢】)
        if ":" not in text and "：" not in text:
            continue  # every label of these fields is followed by a colon
        for name, value in patterns.meta_fields(text):
            if (
                name == field
                and value
                and (field == "original_title" or len(value) <= NAME_MAX_CHARS)
            ):
                return value
    return None


def editor_in_lines(lines: Iterable[str]) -> str | None:
    value = field_in_lines("editor", lines)
    return _names(value) if value and _plausible(value, strict=False) else None


def author_after_title(
    title: str | None, header: list[str], lead: Sequence[str] = ()
) -> str | None:
    """A name printed with the headline (`犬儒病(上) 胡平`) or alone on the line after it;
    when the headline was not found, the body's first line is taken for it if it reads
    like one (short, not a sentence)."""
    for i, text in enumerate(header[:3] if title else []):
        assert title is not None  # the loop runs only with a headline
        if text.startswith(title) and len(text) > len(title):
            rest = text[len(title) :].strip()
        elif i > 0 and _same_headline(header[i - 1], title):
            rest = text.strip()
        else:
            continue
        names = credits.bare_names(rest, all_surnamed=False)
        if names:
            return names
    # The headline may be shown twice, or under a kicker: the name is looked for on
    # each of the first lines that follows a headline-like one.
    for k in range(1, min(len(lead), LEAD_NAME_LINES + 1)):
        if not _headline_like(lead[k - 1]):
            continue
        names = credits.bare_names(lead[k], all_surnamed=False) or _pen_name(lead, k, header)
        if names:
            return names
    return None


def _pen_name(lead: Sequence[str], k: int, header: list[str]) -> str | None:
    """A pen name (`茉莉`) alone between the headline and the first paragraph, which the
    page also shows elsewhere near the top (`茉莉：标题`): no surname is needed then."""
    name = lead[k].strip()
    if not _PEN_NAME.fullmatch(name) or name in credits.NOT_NAME_WORDS:
        return None
    if len(lead) <= k + 1 or len(lead[k + 1]) < PARAGRAPH_MIN_CHARS:
        return None
    shown = any(name in text and text.strip() != name for text in header)
    return name if shown else None


def _same_headline(line: str, title: str) -> bool:
    """The same headline, one perhaps with a suffix (`…(页 1)`, a subtitle)."""
    a, b = _norm(line), _norm(title)
    short = min(len(a), len(b))
    return short >= HEADLINE_MIN_CHARS and (a.startswith(b) or b.startswith(a))


def _headline_like(text: str) -> bool:
    return HEADLINE_MIN_CHARS <= len(text) <= HEADLINE_MAX_CHARS and not measure.ends_sentence(text)


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def person_as_source(source: str | None) -> str | None:
    """A `来源：` that names a person (来源: 尹娟) credits the author."""
    return credits.bare_names(source) if source else None


def _plausible(name: str, *, strict: bool = True) -> bool:
    return credits.plausible_names(name, strict=strict)


def _names(value: str) -> str:
    return credits.clean_names(value)
