"""What the page says about itself in markup: `<meta>` tags, JSON-LD, `<title>`, links.

Read once from the parsed tree before anything is removed (JSON-LD lives in `<script>`),
into a plain `HeadMeta` the other steps query by name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

# JSON-LD blocks past this size are data dumps, not article metadata.
MAX_JSONLD_CHARS = 200_000
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

    def get(self, *names: str) -> str | None:
        """The first non-empty value among the meta `names`."""
        for name in names:
            value = self.meta.get(name)
            if value:
                return value
        return None


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
    out.jsonld = _article_jsonld(tree, out.types)
    return out


def _article_jsonld(tree: LexborHTMLParser, types: set[str]) -> dict[str, Any]:
    """The JSON-LD object describing the article; every type seen is added to `types`."""
    best: dict[str, Any] = {}
    for node in tree.css('script[type="application/ld+json" i]'):
        raw = node.text()
        if not raw or len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        for obj in _objects(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            names = {str(k).lower() for k in kinds if k}
            types.update(names)
            # A real article type beats a generic WebPage.
            better = not best or ("webpage" in _types(best) and "webpage" not in names)
            if names & ARTICLE_TYPES and better:
                best = obj
    return best


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
        return "、".join(names) if names else None
    return None
