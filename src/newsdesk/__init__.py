"""newsdesk: raw crawled news pages in, a clean, searchable news store out.

The public API, beside the CLI:

    import newsdesk

    for article in newsdesk.read("pages/"):            # folders, globs, .txt, .html, JSONL, WARC
        print(article.title, article.published)

    article = newsdesk.read_page(html_bytes, kind="html", url="https://example.com/a")
    article = newsdesk.read_page(dump_text, kind="text")

    with newsdesk.open_store("newsdesk.db") as store:
        newsdesk.ingest(["pages/"], store)
        for hit in store.search("普京"):
            print(hit.id, hit.title)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.article import Article, AuthorCard, Block, Image, ListItem, Page, PageKind
from newsdesk.errors import (
    DecodeError,
    EmptyInput,
    MissingDependency,
    NewsdeskError,
    RejectedInput,
    Rejection,
    Skipped,
    StoreError,
    TooLarge,
)

if TYPE_CHECKING:
    from newsdesk.pipeline import RunSummary
    from newsdesk.store import Store

__version__ = "0.1.0"


def read(
    *paths: str | Path,
    workers: int | None = 1,
    rejections: list[Rejection] | None = None,
    enrich: bool = False,
) -> Iterator[Article]:
    """Articles read from every page under `paths`, in input order, through the same
    steps as `newsdesk ingest` (enrichment only when asked: it costs more than reading).

    Pages that cannot be read are skipped here; pass a list as `rejections` to
    collect them with their reasons.
    """
    from newsdesk.ingestion import default_steps
    from newsdesk.pipeline import Run
    from newsdesk.readers import read_paths

    for result in Run(read_paths(paths), default_steps(enrich=enrich), workers=workers):
        if isinstance(result.record, Article):
            yield result.record
        elif isinstance(result.record, Rejection) and rejections is not None:
            rejections.append(result.record)


def read_page(
    content: bytes | str,
    *,
    kind: PageKind = "html",
    url: str | None = None,
    fetched: datetime | None = None,
    origin: str = "<memory>",
    enrich: bool = False,
) -> Article:
    """Read one page given as bytes (decoded by its charset) or text, by the readers'
    rules and the pipeline's steps.

    Raises `RejectedInput` with the reason when the page cannot be read.  (Named
    `read_page`, not `extract`, so it never collides with the `newsdesk.extract`
    package.)
    """
    from newsdesk.ingestion import default_steps
    from newsdesk.pipeline import apply_steps
    from newsdesk.readers.files import max_page_bytes, page_from_bytes

    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    page = page_from_bytes(data, kind=kind, origin=origin, url=url, max_bytes=max_page_bytes())
    if isinstance(page, Page):
        if isinstance(content, str):
            # Text given as text is kept as given (a declared charset does not apply).
            page.data, page.text, page.charset = None, content, None
        page.fetched = fetched
        done = apply_steps(page, default_steps(enrich=enrich))
        if isinstance(done, Article):
            return done
        page = done
    raise RejectedInput(page.reason, page.origin)


def open_store(path: str | Path = "newsdesk.db") -> Store:
    """Open (creating or migrating) the SQLite store at `path`; use it as a context manager."""
    from newsdesk.store import Store

    return Store.open(path)


def ingest(
    paths: Iterable[str | Path], store: Store, *, workers: int | None = None, enrich: bool = True
) -> RunSummary:
    """Read every page under `paths` into `store`; returns counts and rejection reasons."""
    from newsdesk.ingestion import ingest as _ingest

    return _ingest(paths, store, workers=workers, enrich=enrich)


def enrich_article(article: Article) -> Article:
    """Add language, entities, dated events, keywords, summary, channel and headline score
    to `article.enrichment` (in place; returns it)."""
    from newsdesk.enrich.step import enrich_article as _enrich

    return _enrich(article)


__all__ = [
    "Article",
    "AuthorCard",
    "Block",
    "DecodeError",
    "EmptyInput",
    "Image",
    "ListItem",
    "MissingDependency",
    "NewsdeskError",
    "Page",
    "RejectedInput",
    "Rejection",
    "Skipped",
    "StoreError",
    "TooLarge",
    "enrich_article",
    "ingest",
    "open_store",
    "read",
    "read_page",
]
