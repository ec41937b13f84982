"""Reading an Article out of an HTML page.

    read_html(html, id=…, origin=…) -> Article

Steps, each in its own module:
    dom        parse (size guard), drop scripts, styles, `<noscript>`, hidden blocks
    meta       `<meta>`, JSON-LD, `<title>`, canonical link — read before cleaning
    marks      the body's microdata, `rel=author` links and byline classes (with meta)
    walk       flatten the DOM into lines of text and the elements holding them
    worth      what each line and element is worth as article text
    furniture  the elements around the article: menus, lists, share bars, notices
    content    choose the article's container
    reading    sort the container's lines into body and captions
    title      the headline, by agreement of `<h1>`, og:title, JSON-LD and `<title>`
    byline     author, editor, source, original title: each kind of evidence
    outlet     the site (declared, the title's site part, the host) and a clean source
    author     the author, weighing the markup's against the bylines shown (names)
    published  publish and update times (through `newsdesk.extract.dates`)
    blocks     the lists around the article (related, hot, channel, comments, nav)
"""

from __future__ import annotations

from datetime import datetime

from newsdesk.article import Article
from newsdesk.extract import outlet
from newsdesk.extract.html import (
    author,
    blocks,
    byline,
    content,
    dom,
    meta,
    page,
    pagekind,
    published,
    title,
    walk,
)
from newsdesk.text.zones import page_zone

EXTRACTOR = "html"


def read_html(
    html: str,
    *,
    id: str,
    origin: str,
    url: str | None = None,
    fetched: datetime | None = None,
) -> Article:
    """Read the article of one HTML page; never raises on odd markup, at worst reads little."""
    tree, truncated = dom.parse(html)
    head = meta.read_head(tree)
    dom.strip_invisible(tree)
    article = Article(id=id, origin=origin, url=url, extractor=EXTRACTOR)
    if truncated:
        article.notes.append("truncated")
    root = tree.body or tree.root
    if root is None:
        return article
    model = walk.walk(root)
    if model.exhausted:
        article.notes.append("node-budget")
    found = content.extract(
        model,
        discussion=pagekind.is_discussion(head, url),
        catalogue=pagekind.is_catalogue(head),
    )
    view = page.View(model, found, head)

    declared_site = head.get("og:site_name", "application-name")
    article.canonical_url = head.canonical or head.get("og:url")
    article.title = title.choose_title(
        h1s=view.h1s(),
        og=head.get("og:title", "twitter:title", "dc.title", "dcterms.title"),
        jsonld=meta.jsonld_text(head.jsonld.get("headline")) if head.jsonld else None,
        title=head.title,
        site=declared_site,
        subheads=view.subheads(),
    )
    view.locate_title(article.title)
    article.body = view.body()
    article.captions = view.captions()
    article.images = view.images(url)
    article.language = view.language()
    header = view.header_lines()
    article.author = author.choose_author(head, view, article.title, article.language)
    article.editor = byline.editor_in_lines(view.after_body_lines())
    article.source = (
        head.get("source", "article:source")
        or byline.field_in_lines("source", header)
        or byline.field_in_lines("source", view.tail_lines())
    )
    article.author = article.author or byline.person_as_source(article.source)
    article.original = view.original_badge(header)
    outlet.settle(article, declared=declared_site, titles=[head.title, head.get("og:title")])
    article.original_title = byline.field_in_lines("original_title", view.after_body_lines())
    article.statement = view.statement()
    article.disclaimers = view.disclaimers()

    zone = page_zone(url, article.language)
    times = published.read_times(
        head,
        header=header,
        datelines=view.datelines(),
        after=view.tail_lines(),
        before=view.before_header_lines(),
        container=view.container_lines,
        body_times=view.header_time_attrs(),
        url=url,
        tz=zone,
        fetched=fetched,
    )
    article.published = times.published
    article.published_source = times.source
    article.published_confidence = times.confidence
    article.timezone_assumed = times.published is not None and times.assumed
    article.updated = times.updated
    article.kind = pagekind.page_kind(
        head, url, loose=found.loose, dated=times.published is not None
    )
    article.lists = blocks.read_lists(model, found, fetched=fetched, tz=zone, base=url)
    return article
