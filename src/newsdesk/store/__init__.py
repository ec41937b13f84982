"""The store: versions, raw pages, typed lists and Chinese search, on SQLite (embedded,
the default) or PostgreSQL (a server, for many processes and machines).

    from newsdesk.store import Store

    with Store.open("newsdesk.db") as store:        # creates or migrates; WAL mode
    # or Store.open("postgresql://user@host/news"): the same store on a server
        result = store.add([(page, article), ...])  # one transaction per batch
        for hit in store.search("特朗普 普京"):
            print(hit.id, hit.title, hit.snippet)
        store.latest(limit=20)                      # summaries, newest first

`Store` is a thin facade: the schema lives in `migrations/`, what the two engines
say differently in `engines`, transactions and the migration runner in `db`, writes
in `articles`, the index in `search` and its tokens in `tokenize`, and every query in
`queries` (which the CLI and the portal call too).  One `Store` belongs to one
thread; open another for another thread or process (readers run beside one writer).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from newsdesk.article import Article, Page
from newsdesk.errors import Rejection, StoreError
from newsdesk.store import articles, db, engines, enrichment, queries, runs, search
from newsdesk.store.articles import AddResult, VersionInfo
from newsdesk.store.queries import EntityCount, SearchQuery, Summary, TimelineEvent

log = logging.getLogger(__name__)


class Store:
    """An open newsdesk store; use `Store.open` and close it (or use `with`)."""

    def __init__(
        self, connection: engines.Connection, path: str, *, read_only: bool = False
    ) -> None:
        self.connection = connection  # for the query layer (`queries`) and the rest
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(
        cls,
        path: str | Path = "newsdesk.db",
        *,
        read_only: bool = False,
        create: bool | None = None,
    ) -> Store:
        """Open the store at `path` (":memory:" for a throwaway, a `postgresql://` URL for
        a server database), creating or migrating it.

        `read_only` refuses every write after that (what the read commands use, so a
        read cannot change the store).  `create` (by default: unless `read_only`)
        makes a store that is not there yet; without it, a mistyped path is an
        error, not a new empty store.  Raises `StoreError` when the file is missing
        (and not to be created), is not a store, is locked, or comes from a newer
        newsdesk.
        """
        if not (create if create is not None else not read_only) and _missing_file(path):
            raise StoreError(f"no store at {path} (`newsdesk ingest` creates one)")
        con = db.connect(path)
        try:
            db.migrate(con)
            search.ensure_tokenizer(con)
            enrichment.ensure_names(con)
            if read_only:
                engines.engine(con).refuse_writes(con)
        except BaseException:
            con.close()
            raise
        return cls(con, str(path), read_only=read_only)

    def close(self) -> None:
        kind = engines.engine(self.connection)
        if not self.read_only:
            with contextlib.suppress(kind.Error):  # closing must not fail on a busy store
                kind.optimize(self.connection)
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # writing

    def add(self, pairs: Iterable[tuple[Page, Article]]) -> AddResult:
        """Store (page, article) pairs in one transaction: new, unchanged or new version."""
        return articles.add(self.connection, pairs)

    def write(
        self,
        pairs: Iterable[tuple[Page, Article]],
        rejections: Iterable[Rejection] = (),
        *,
        run: str | None = None,
        parts: Iterable[str] = (),
    ) -> AddResult:
        """`add` and `reject` in one transaction, with the `parts` of `run` they finish
        marked done: a killed run leaves a part stored and marked, or neither."""
        with db.transaction(self.connection):
            added = articles.add_locked(self.connection, list(pairs))
            articles.reject_locked(self.connection, rejections)
            if run is not None:
                runs.mark_done(self.connection, run, parts)
        return added

    def begin_run(self, signature: str, inputs: str) -> tuple[str, set[str], bool]:
        """The unfinished run of these inputs (or a new one), its parts done, and
        whether it is carried on (a killed run's)."""
        return runs.begin(self.connection, signature, inputs)

    def finish_run(self, run: str) -> None:
        runs.finish(self.connection, run)

    def reject(self, rejections: Iterable[Rejection]) -> int:
        """Record inputs turned away, with their reasons."""
        return articles.reject(self.connection, rejections)

    def replace(self, article: Article) -> bool:
        """Re-extraction: overwrite the latest version of `article.id` in place, re-index."""
        done = articles.replace(self.connection, article)
        if not done:
            log.warning("replace: no stored article %s (%s)", article.id, article.origin)
        return done

    def delete(self, article_id: str) -> bool:
        """Take an article down: every version, raw page, list and index entry."""
        return articles.delete(self.connection, article_id)

    def delete_site(self, site: str) -> int:
        """Take down every article of `site`; returns how many."""
        return articles.delete_site(self.connection, site)

    def reindex(self) -> int:
        """Rebuild the search index from the stored articles; returns how many."""
        with db.transaction(self.connection):
            return search.rebuild(self.connection)

    # reading

    def get(self, article_id: str, *, version: int | None = None) -> Article | None:
        """The latest version of an article (or an earlier `version`), None if absent."""
        return articles.get(self.connection, article_id, version)

    def versions(self, article_id: str) -> list[VersionInfo]:
        return articles.versions(self.connection, article_id)

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[Summary]:
        """Chinese-aware full-text search; every white-space separated term must match.

        Each hit has its `snippet` and its relevance `score` (higher is better);
        `queries.search` takes the portal's filters and sort orders too.
        """
        if limit < 0 or offset < 0:
            raise ValueError(f"limit and offset must not be negative, not {limit} and {offset}")
        found = queries.search(self.connection, SearchQuery(query, limit=limit, offset=offset))
        return found.hits

    def latest(self, *, limit: int = 20, offset: int = 0, site: str | None = None) -> list[Summary]:
        """The newest articles (by publish time, else the page's own time, else storage
        time), optionally of one site."""
        return queries.latest(self.connection, limit=limit, offset=offset, site=site).items

    def entities(self, *, type: str | None = None, limit: int = 50) -> list[EntityCount]:
        """The most mentioned entities (PER, LOC, ORG), by how many articles name them."""
        return queries.entities(self.connection, type=type, limit=limit).items

    def timeline(self, name: str, *, limit: int = 200) -> list[TimelineEvent]:
        """Dated events involving the entity `name` (its canonical name), oldest first."""
        return queries.timeline(self.connection, name, limit=limit).items

    def iter_articles(self) -> Iterator[Article]:
        return articles.iter_articles(self.connection)

    def iter_pages(self) -> Iterator[tuple[str, Page]]:
        """(article id, raw page of the latest version) for re-extraction."""
        return articles.iter_pages(self.connection)

    def count(self) -> int:
        return articles.count(self.connection)

    def rejections(self) -> list[Rejection]:
        return articles.rejections(self.connection)

    def stats(self) -> dict[str, int | str]:
        """Counts and sizes, the schema version and the tokenizer of the index."""
        out: dict[str, int | str] = dict(articles.stats(self.connection))
        out["schema_version"] = db.schema_version(self.connection)
        out["tokenizer"] = search.indexed_with(self.connection) or ""
        return out


__all__ = ["AddResult", "EntityCount", "Store", "Summary", "TimelineEvent", "VersionInfo"]


def _missing_file(path: str | Path) -> bool:
    """A SQLite store's file that is not there (in-memory stores and URLs never are)."""
    text = str(path)
    if engines.is_url(text) or text == ":memory:" or text.startswith("file:"):
        return False
    return not Path(text).exists()
