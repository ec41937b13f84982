"""Reading an Article out of a Page: plain-text dumps and HTML.

`extract_page` is the one entry point the pipeline calls; it decodes the page if
needed and hands it to the reader for its kind.  The readers share `dates` (every
time parsed in one place), `patterns` (metadata lines: author, source, 原创,
counters, disclaimers) and `lists` (list headings and items).
"""

from __future__ import annotations

from newsdesk.article import Article, Page, article_id


def extract_page(page: Page) -> Article:
    """Read one page; raises `RejectedInput` (with its reason) when it cannot be read."""
    from newsdesk.readers.charset import page_text

    text = page_text(page)
    aid = article_id(page.key)
    if page.kind == "html":
        from newsdesk.extract.html import read_html

        article = read_html(text, id=aid, origin=page.origin, url=page.url, fetched=page.fetched)
    else:
        from newsdesk.extract.textdump import read_dump

        article = read_dump(text, id=aid, origin=page.origin, url=page.url, fetched=page.fetched)
    article.content_hash = page.content_hash()
    return article
