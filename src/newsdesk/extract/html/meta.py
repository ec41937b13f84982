"""What the page says about itself in markup: `<meta>` tags, JSON-LD, `<title>`, links.

Read once from the parsed tree before anything is removed (JSON-LD lives in `<script>`),
into a plain `HeadMeta` the other steps query by name; the body's microdata and byline
marks are read alongside (`marks`).

JSON-LD is read here rather than with a structured-data library (extruct): extruct
costs more to import than this whole reader and a few milliseconds a page, and drops
every block of a page when one is wrapped in `<![CDATA[ … ]]>` or an HTML comment, as
many CMSs still write them; what the readers need (the article's object among `@graph`
and lists, its `@id` references resolved) is the few lines below.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.html.marks import Marks, read_marks
from newsdesk.text import cjk

# JSON-LD blocks past this size are data dumps, not article metadata.
MAX_JSONLD_CHARS = 200_000
# Tags a page repeats, one per value (`<meta name="DC.Creator">` for each author).
MULTI_VALUED = frozenset(("author", "article:author", "dc.creator", "dcterms.creator"))
# schema.org types that describe the article itself.
ARTICLE_TYPES = frozenset(
    (
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "scholarlyarticle",
        "techarticle",
        "socialmediaposting",
        "liveblogposting",
        "webpage",
        "posting",
        "discussionforumposting",
    )
)


@dataclass(slots=True)
class HeadMeta:
    """Metadata the markup states; every key lower-cased."""

    meta: dict[str, str] = field(default_factory=dict)  # name/property/itemprop -> content
    jsonld: dict[str, Any] = field(default_factory=dict)  # the article's JSON-LD object
    title: str | None = None  # the <title> text
    canonical: str | None = None
    lang: str | None = None
    times: list[str] = field(default_factory=list)  # <time datetime> values, in order
    types: set[str] = field(default_factory=set)  # every schema.org @type its JSON-LD names
    page_jsonld: dict[str, Any] = field(default_factory=dict)  # a WebPage object beside it
    ids: dict[str, dict[str, Any]] = field(default_factory=dict)  # JSON-LD objects by @id
    marks: Marks = field(default_factory=Marks)
    repeated: dict[str, list[str]] = field(default_factory=dict)  # MULTI_VALUED tags, all

    def get(self, *names: str) -> str | None:
        """The first non-empty value among the meta `names`."""
        for name in names:
            value = self.meta.get(name)
            if value:
                return value
        return None

    def jsonld_value(self, key: str) -> Any:
        """The article object's `key`, else the web page object's; `@id` references
        resolved to the object they name."""
        for obj in (self.jsonld, self.page_jsonld):
            value = obj.get(key) if obj else None
            if value:
                return self._resolved(value)
        return None

    def _resolved(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self._resolved(v) for v in value[:10]]
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            return self.ids.get(str(value["@id"]), value)
        return value


def read_head(tree: LexborHTMLParser) -> HeadMeta:
    out = HeadMeta()
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        value = attrs.get("content")
        if key and value:
            key = key.strip().lower()
            value = " ".join(value.split())
            if value and key not in out.meta:
                out.meta[key] = value
            if value and key in MULTI_VALUED:
                out.repeated.setdefault(key, []).append(value)
    title = tree.css_first("title")
    if title is not None:
        out.title = " ".join(title.text().split()) or None
    for node in tree.css('link[rel="canonical" i]'):
        href = node.attributes.get("href")
        if href:
            out.canonical = href.strip()
            break
    html = tree.css_first("html")
    if html is not None:
        out.lang = (html.attributes.get("lang") or html.attributes.get("xml:lang") or "").strip()
        out.lang = out.lang or None
    for node in tree.css("time[datetime]"):
        value = node.attributes.get("datetime")
        if value:
            out.times.append(value.strip())
    _read_jsonld(tree, out)
    out.marks = read_marks(tree)
    return out


_CJK_NAME = re.compile(f"[{cjk.CJK}]")
# Wrappers some CMSs put round a JSON-LD block: `<![CDATA[ … ]]>`, `<!-- … -->`, `//`.
_JSONLD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def _read_jsonld(tree: LexborHTMLParser, out: HeadMeta) -> None:
    """The JSON-LD object describing the article (and a WebPage beside it); every type
    seen is added to `out.types`, every object with an `@id` to `out.ids`."""
    best: dict[str, Any] = {}
    for node in tree.css('script[type="application/ld+json" i]'):
        raw = node.text()
        if not raw or len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(_JSONLD_WRAPPER.sub("", raw), strict=False)
        except ValueError:
            continue
        for obj in _objects(data):
            names = _types(obj)
            out.types.update(names)
            if isinstance(obj.get("@id"), str):
                out.ids.setdefault(obj["@id"], obj)
            if "webpage" in names and not out.page_jsonld:
                out.page_jsonld = obj
            # A real article type beats a generic WebPage.
            better = not best or ("webpage" in _types(best) and "webpage" not in names)
            if names & ARTICLE_TYPES and better:
                best = obj
    out.jsonld = best
    if out.page_jsonld is best:
        out.page_jsonld = {}


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _objects(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every object of a JSON-LD document that has a type, `@graph` flattened."""
    if depth > 3:
        return []
    out: list[dict[str, Any]] = []
    if isinstance(data, list):
        for item in data:
            out.extend(_objects(item, depth + 1))
    elif isinstance(data, dict):
        if "@type" in data:
            out.append(data)
        graph = data.get("@graph")
        if graph is not None:
            out.extend(_objects(graph, depth + 1))
        main = data.get("mainEntity")
        if isinstance(main, dict):
            out.extend(_objects(main, depth + 1))
    return out


def jsonld_text(value: Any) -> str | None:
    """A JSON-LD value as text: a string, or the `name` of an object, or names joined."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, dict):
        return jsonld_text(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (jsonld_text(v) for v in value[:10]) if n]
        if not names:
            return None
        return "、".join(names) if all(_CJK_NAME.match(n) for n in names) else ", ".join(names)
    return None
