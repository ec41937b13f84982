"""Writing and reading articles: versions, raw pages, typed lists and takedowns.

An article is keyed by `Article.id`.  A page whose content hash was already stored
under that id (in any version) is unchanged, so re-reading a crawl adds nothing; a
new hash makes a new version, which becomes the one shown.  The raw page of every
version is kept compressed so that a better extractor can re-read it later.

Every write is one transaction (see `db.transaction`), and every batch is planned
after the write lock is taken, so two writers never both add "version 2".
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsdesk.article import Article, Page
from newsdesk.errors import Rejection
from newsdesk.store import enrichment, ordering, search
from newsdesk.store.db import now, transaction
from newsdesk.store.engines import Connection, engine, values

# zlib level 1: on the seed pages level 6 saves only 2.5% more and costs 40% more time.
ZLIB_LEVEL = 1
# Rows read per query when iterating, so memory stays flat and no cursor stays open
# across a `yield` (the caller may write to the store between two items).
CHUNK = 256

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one `add` did: new articles, pages already stored, new versions."""

    added: int = 0
    unchanged: int = 0
    new_versions: int = 0


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One stored version of an article and the page it was read from."""

    version: int
    content_hash: str
    added_at: datetime
    latest: bool
    origin: str
    url: str | None
    fetched: datetime | None
    size: int  # bytes of the raw page


@dataclass(frozen=True, slots=True)
class _Doc:
    """An article's JSON form three ways: as built, as stored, and fit for columns."""

    doc: dict[str, Any]  # `Article.to_dict()`
    text: str  # the JSON text stored in `doc` columns
    plain: dict[str, Any]  # `doc` with lone surrogates replaced, for columns and rows
    channel: str | None = None  # `channel_of` the article, a column for filters


@dataclass(slots=True)
class _Entry:
    """A new version planned in `add`."""

    article_id: str
    version: int
    content_hash: str
    page: Page
    doc: _Doc


# --- writing ----------------------------------------------------------------------


def add(con: Connection, pairs: Iterable[tuple[Page, Article]]) -> AddResult:
    """Store a batch of (page, article) pairs in one transaction; see the module doc."""
    batch = list(pairs)
    if not batch:
        return AddResult()
    with transaction(con):
        return add_locked(con, batch)


def add_locked(con: Connection, batch: list[tuple[Page, Article]]) -> AddResult:
    """`add` inside a transaction the caller holds (to write more with the batch)."""
    if not batch:
        return AddResult()
    ids = list(dict.fromkeys(clean(a.id) for _, a in batch))
    known: dict[str, set[str]] = {i: set() for i in ids}
    for aid, digest in con.execute(
        "SELECT article_id, content_hash FROM versions WHERE article_id IN " + _in_list(con),
        (values(ids),),
    ):
        known[aid].add(digest)
    stored = {
        aid: (version, doc)
        for aid, version, doc in con.execute(
            "SELECT id, version, doc FROM articles WHERE id IN " + _in_list(con), (values(ids),)
        )
    }
    versions = {aid: v for aid, (v, _) in stored.items()}
    entries: list[_Entry] = []
    unchanged = added = 0
    for page, article in batch:
        aid, digest = clean(article.id), page.content_hash()
        if digest in known[aid]:
            unchanged += 1
            continue
        known[aid].add(digest)
        added += aid not in versions
        versions[aid] = versions.get(aid, 0) + 1
        entries.append(_Entry(aid, versions[aid], digest, page, serialize(article)))
    if entries:
        _write(con, entries, stored)
    return AddResult(added, unchanged, len(entries) - added)


def _write(con: Connection, entries: list[_Entry], stored: dict[str, tuple[int, str]]) -> None:
    """Write planned versions: versions and pages rows, then the latest of each id."""
    at = now()
    final = {e.article_id: e for e in entries}  # the last version of each id wins
    con.executemany(
        "INSERT INTO versions (article_id, version, content_hash, added_at, doc)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (
                e.article_id,
                e.version,
                e.content_hash,
                at,
                None if final[e.article_id] is e else e.doc.text,
            )
            for e in entries
        ],
    )
    con.executemany(
        "INSERT INTO pages (article_id, version, kind, origin, url, fetched, charset, form,"
        " codec, size, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'zlib', ?, ?)",
        [(e.article_id, e.version, *_page_row(e.page)) for e in entries],
    )
    replaced = [aid for aid in final if aid in stored]
    stored_at = dict(
        con.execute(
            "SELECT id, added_at FROM articles WHERE id IN " + _in_list(con), (values(replaced),)
        )
    )
    # The extraction a new version replaces moves to its own versions row.
    con.executemany(
        "UPDATE versions SET doc = ? WHERE article_id = ? AND version = ?",
        [(stored[aid][1], aid, stored[aid][0]) for aid in replaced],
    )
    _unindex(con, replaced)
    con.executemany(
        "INSERT INTO articles (id, version, content_hash, origin, url, site, title, author,"
        " published, language, source, extractor, page_time, channel, kind, best_time,"
        " added_at, updated_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version,"
        " content_hash = excluded.content_hash, origin = excluded.origin, url = excluded.url,"
        " site = excluded.site, title = excluded.title, author = excluded.author,"
        " published = excluded.published, language = excluded.language,"
        " source = excluded.source, extractor = excluded.extractor,"
        " page_time = excluded.page_time, channel = excluded.channel, kind = excluded.kind,"
        " best_time = excluded.best_time, updated_at = excluded.updated_at, doc = excluded.doc",
        [
            (
                aid,
                e.version,
                e.content_hash,
                *_columns(e.doc),
                _best_time(e.doc, e.page.fetched, stored_at.get(aid, at)),
                at,
                at,
                e.doc.text,
            )
            for aid, e in final.items()
        ],
    )
    _index(con, {aid: e.doc for aid, e in final.items()})


def replace(con: Connection, article: Article) -> bool:
    """Overwrite the latest version's extraction of `article.id`; False if not stored."""
    aid = clean(article.id)
    with transaction(con):
        row = con.execute(
            "SELECT p.fetched, a.added_at FROM articles a LEFT JOIN pages p"
            " ON p.article_id = a.id AND p.version = a.version WHERE a.id = ?",
            (aid,),
        ).fetchone()
        if row is None:
            return False
        doc = serialize(article)
        _unindex(con, [aid])
        con.execute(
            "UPDATE articles SET origin = ?, url = ?, site = ?, title = ?, author = ?,"
            " published = ?, language = ?, source = ?, extractor = ?, page_time = ?, channel = ?,"
            " kind = ?, best_time = ?, updated_at = ?, doc = ? WHERE id = ?",
            (*_columns(doc), _best_time(doc, row[0], row[1]), now(), doc.text, aid),
        )
        _index(con, {aid: doc})
    return True


def reject(con: Connection, rejections: Iterable[Rejection]) -> int:
    """Record rejected inputs with their reasons; returns how many."""
    batch = list(rejections)
    if batch:
        with transaction(con):
            reject_locked(con, batch)
    return len(batch)


def reject_locked(con: Connection, rejections: Iterable[Rejection]) -> None:
    """`reject` inside a transaction the caller holds."""
    rows = [(clean(r.origin), clean(r.reason), r.at.isoformat()) for r in rejections]
    con.executemany("INSERT INTO rejections (origin, reason, at) VALUES (?, ?, ?)", rows)


def delete(con: Connection, article_id: str) -> bool:
    """Remove an article, every version, its raw pages, lists and index entry."""
    with transaction(con):
        return _delete(con, [clean(article_id)]) > 0


def delete_site(con: Connection, site: str) -> int:
    """Remove every article of `site` (a takedown); returns how many."""
    with transaction(con):
        ids = [aid for (aid,) in con.execute("SELECT id FROM articles WHERE site = ?", (site,))]
        return _delete(con, ids)


def _delete(con: Connection, ids: list[str]) -> int:
    # The index is told first: a contentless FTS5 row is removed with its indexed
    # values, recomputed from the stored article.
    _unindex(con, ids)
    param = (values(ids),)
    n = con.execute("DELETE FROM articles WHERE id IN " + _in_list(con), param).rowcount
    for table in ("versions", "pages"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN " + _in_list(con), param)
    return n


def _index(con: Connection, docs: dict[str, _Doc]) -> None:
    """Index the latest extraction of these ids and store their typed lists.

    The index gets the exact doc, as `_unindex` will recompute it from the stored
    JSON; the list rows get the plain copy.
    """
    rows = con.execute(
        "SELECT id, seq, best_time FROM articles WHERE id IN " + _in_list(con),
        (values(list(docs)),),
    ).fetchall()
    seqs = {aid: seq for aid, seq, _ in rows}
    search.index(con, [(seqs[aid], doc.doc) for aid, doc in docs.items()])
    blocks: list[tuple[Any, ...]] = []
    items: list[tuple[Any, ...]] = []
    for aid, doc in docs.items():
        seq = seqs[aid]
        for b, block in enumerate(doc.plain["lists"]):
            blocks.append((seq, b, block["kind"], block["heading"]))
            items.extend(
                (seq, b, p, *map(item.get, _ITEM_FIELDS)) for p, item in enumerate(block["items"])
            )
    con.executemany(
        "INSERT INTO blocks (article_seq, block, kind, heading) VALUES (?, ?, ?, ?)", blocks
    )
    con.executemany(
        "INSERT INTO items (article_seq, block, position, title, source, time, snippet, url)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        items,
    )
    enrichment.index(con, [(seq, when, docs[aid].plain) for aid, seq, when in rows])


def _unindex(con: Connection, ids: list[str]) -> None:
    """Remove the latest extraction of these ids from the index and the list tables."""
    if not ids:
        return
    param = (values(ids),)
    rows = con.execute(
        "SELECT seq, doc FROM articles WHERE id IN " + _in_list(con), param
    ).fetchall()
    search.unindex(con, [(seq, json.loads(doc)) for seq, doc in rows])
    seqs = [(seq,) for seq, _ in rows]
    con.executemany("DELETE FROM blocks WHERE article_seq = ?", seqs)
    con.executemany("DELETE FROM items WHERE article_seq = ?", seqs)
    enrichment.unindex(con, seqs)


# --- reading ----------------------------------------------------------------------


def get(con: Connection, article_id: str, version: int | None = None) -> Article | None:
    """The latest version of an article, or the given `version` of it; None if absent."""
    aid = clean(article_id)
    row = con.execute("SELECT version, doc FROM articles WHERE id = ?", (aid,)).fetchone()
    if row is None:
        return None
    if version is not None and version != row[0]:
        row = con.execute(
            "SELECT version, doc FROM versions WHERE article_id = ? AND version = ?",
            (aid, version),
        ).fetchone()
        if row is None or row[1] is None:
            return None
    return Article.from_dict(json.loads(row[1]))


def versions(con: Connection, article_id: str) -> list[VersionInfo]:
    """Every stored version of an article, oldest first."""
    rows = con.execute(
        "SELECT v.version, v.content_hash, v.added_at, v.version = a.version,"
        " p.origin, p.url, p.fetched, p.size"
        " FROM versions v JOIN articles a ON a.id = v.article_id"
        " JOIN pages p ON p.article_id = v.article_id AND p.version = v.version"
        " WHERE v.article_id = ? ORDER BY v.version",
        (clean(article_id),),
    )
    return [
        VersionInfo(v, h, datetime.fromisoformat(at), bool(latest), o, u, _dt(f), size)
        for v, h, at, latest, o, u, f, size in rows
    ]


def iter_articles(con: Connection) -> Iterator[Article]:
    """Every article (latest versions) in the order first stored."""
    for _, doc in _chunks(con, "SELECT seq, doc FROM articles WHERE seq > ? ORDER BY seq LIMIT ?"):
        yield Article.from_dict(json.loads(doc))


def iter_pages(con: Connection) -> Iterator[tuple[str, Page]]:
    """(article id, raw page of its latest version), decompressed, in stored order."""
    sql = (
        "SELECT a.seq, a.id, p.kind, p.origin, p.url, p.fetched, p.charset, p.form, p.raw"
        " FROM articles a JOIN pages p ON p.article_id = a.id AND p.version = a.version"
        " WHERE a.seq > ? ORDER BY a.seq LIMIT ?"
    )
    for _, aid, kind, origin, url, fetched, charset, form, raw in _chunks(con, sql):
        data = zlib.decompress(raw)
        page = Page(origin=origin, kind=kind, url=url, fetched=_dt(fetched), charset=charset)
        if form == "bytes":
            page.data = data
        else:
            page.text = data.decode("utf-8", "surrogatepass")
        yield aid, page


def count(con: Connection) -> int:
    return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def rejections(con: Connection) -> list[Rejection]:
    """Every recorded rejection, oldest first."""
    rows = con.execute("SELECT origin, reason, at FROM rejections ORDER BY id")
    return [Rejection(o, r, datetime.fromisoformat(at)) for o, r, at in rows]


def stats(con: Connection) -> dict[str, int]:
    """Counts and sizes, for `newsdesk stats` and the benchmarks."""

    def one(sql: str) -> int:
        return int(con.execute(sql).fetchone()[0] or 0)

    return {
        "articles": one("SELECT count(*) FROM articles"),
        "sites": one("SELECT count(DISTINCT site) FROM articles"),
        "versions": one("SELECT count(*) FROM versions"),
        "blocks": one("SELECT count(*) FROM blocks"),
        "items": one("SELECT count(*) FROM items"),
        "rejections": one("SELECT count(*) FROM rejections"),
        "raw_bytes": one("SELECT sum(size) FROM pages"),
        "raw_stored_bytes": one("SELECT sum(length(raw)) FROM pages"),
        "db_bytes": engine(con).size_bytes(con),
    }


def _chunks(con: Connection, sql: str) -> Iterator[tuple[Any, ...]]:
    """Rows of a keyset-paginated query (`WHERE seq > ? ... LIMIT ?`), chunk by chunk."""
    last = 0
    while True:
        rows = con.execute(sql, (last, CHUNK)).fetchall()
        yield from rows
        if len(rows) < CHUNK:
            return
        last = rows[-1][0]


# --- rows and text ------------------------------------------------------------------


def _in_list(con: Connection) -> str:
    """Sets of ids are passed as one parameter, so a batch of any size is one statement."""
    return str(engine(con).IN_LIST)


_ITEM_FIELDS = ("title", "source", "time", "snippet", "url")


_COLUMNS = ("origin", "url", "site", "title", "author", "published", "language", "source")


def _columns(doc: _Doc) -> tuple[str | None, ...]:
    """The queryable columns of `articles` (origin … extractor, page_time, channel, kind)."""
    plain = doc.plain
    return (
        *map(plain.get, _COLUMNS),
        plain["extractor"],
        plain.get("page_time"),
        doc.channel,
        plain.get("kind"),
    )


def _best_time(doc: _Doc, fetched: datetime | str | None, stored: str) -> str | None:
    """The `best_time` column (see `ordering`): published, the page's own times, the
    fetch time, the storage time."""
    plain = doc.plain
    return ordering.best_time(
        (plain.get("published"), plain.get("updated"), plain.get("page_time"), fetched, stored)
    )


def channel_of(article: Article) -> str | None:
    """The channel id the enrichment gave the article, as the column stores it."""
    return clean_opt(article.channel)


def _page_row(page: Page) -> tuple[Any, ...]:
    if page.data is not None:
        form, raw = "bytes", page.data
    else:
        form, raw = "text", (page.text or "").encode("utf-8", "surrogatepass")
    return (
        page.kind,
        clean(page.origin),
        clean_opt(page.url),
        page.fetched.isoformat() if page.fetched else None,
        clean_opt(page.charset),
        form,
        len(raw),
        zlib.compress(raw, ZLIB_LEVEL),
    )


def serialize(article: Article) -> _Doc:
    """The article's JSON as stored, with readable CJK.

    SQLite text cannot hold a lone surrogate (Python strings can), so when there is
    one the stored JSON escapes everything (exact round trip), and the columns and
    list rows get a copy with U+FFFD in its place.  One search of the JSON text
    decides, instead of a check per field.
    """
    doc = article.to_dict()
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    if not _SURROGATE.search(text):
        return _Doc(doc, text, doc, channel_of(article))
    return _Doc(doc, json.dumps(doc, separators=(",", ":")), deep_clean(doc), channel_of(article))


def deep_clean(value: Any) -> Any:
    """`value` (an article's JSON form) with every string `clean`."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: deep_clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [deep_clean(v) for v in value]
    return value


def clean(text: str) -> str:
    """`text` as a database can store it: a lone surrogate becomes U+FFFD.

    Only the query columns are cleaned; the article's JSON keeps the exact text.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def clean_opt(text: str | None) -> str | None:
    return None if text is None else clean(text)


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
