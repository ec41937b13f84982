"""The query layer: the display-time order of lists, the channel and page-time columns
(written on every add and replace, backfilled by migration 0005), and the seeds' times."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import newsdesk
from newsdesk.article import Article, Channel, Enrichment, Page, article_id
from newsdesk.store import Store, db, queries

T0 = datetime(2025, 6, 4, 12, 0, tzinfo=UTC)


def pair(
    key: str,
    *,
    published: datetime | None = None,
    page_time: datetime | None = None,
    channel: str | None = None,
    site: str = "s.example",
) -> tuple[Page, Article]:
    page = Page(origin=f"{key}.txt", kind="text", text=key, url=f"https://{site}/{key}")
    article = Article(
        id=article_id(page.key),
        origin=page.origin,
        url=page.url,
        site=site,
        title=f"标题{key}",
        body=[f"正文{key}"],
        published=published,
        page_time=page_time,
    )
    if channel is not None:
        article.enrichment = Enrichment(language="zh", channel=Channel(channel, 0.9))
    return page, article


def _order(store: Store) -> list[str]:
    """Every article's id in the display order, by sorting them all in Python."""
    rows = store.connection.execute(
        "SELECT id, published, page_time, added_at, seq FROM articles"
    ).fetchall()
    return [r[0] for r in sorted(rows, key=lambda r: (r[1] or r[2] or r[3], r[4]), reverse=True)]


def test_latest_orders_by_publish_then_page_then_stored_time(store: Store) -> None:
    pairs = []
    for n in range(30):
        when = T0 - timedelta(hours=n * 7 % 50)
        kind = n % 3
        pairs.append(
            pair(
                f"a{n}",
                published=when if kind == 0 else None,
                page_time=when if kind == 1 else None,
                site=f"site{n % 2}.example",
            )
        )
    store.add(pairs)
    expected = _order(store)
    got = [
        s.id
        for off in range(0, 30, 7)
        for s in queries.latest(store.connection, limit=7, offset=off).items
    ]
    assert got == expected
    page = queries.latest(store.connection, limit=29)
    assert page.has_more and page.to_dict()["next"] == "/api/articles?limit=29&offset=29"
    assert not queries.latest(store.connection, limit=30).has_more
    # an article with only a page time is shown at that time, not when it was stored
    undated = [s for s in queries.latest(store.connection, limit=30).items if s.published is None]
    assert any(s.page_time is not None and s.time == s.page_time for s in undated)
    site = queries.latest(store.connection, limit=30, site="site1.example").items
    assert [s.id for s in site] == [i for i in expected if i in {s.id for s in site}]
    assert {s.site for s in site} == {"site1.example"}


def test_channel_column_follows_add_and_replace(store: Store) -> None:
    plain = pair("p", published=T0, channel="world")
    shaped = pair("o", published=T0 - timedelta(hours=1), channel="sports")
    none = pair("n", published=T0 - timedelta(hours=2))
    store.add([plain, shaped, none])
    con = store.connection
    assert [s.id for s in queries.latest(con, channel="world").items] == [plain[1].id]
    assert [s.id for s in queries.latest(con, channel="sports").items] == [shaped[1].id]
    assert set(queries.channels(con)) == {"sports", "world"}
    moved = shaped[1]
    moved.enrichment = Enrichment(language="zh", channel=Channel("world", 0.8))
    assert store.replace(moved)
    assert [s.id for s in queries.latest(con, channel="world").items] == [plain[1].id, moved.id]
    assert queries.latest(con, channel="sports").items == []


def test_migration_backfills_page_time_and_every_channel_shape(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = db.connect(path)
    db.migrate(con, [m for m in db.migrations() if m.version < 5])
    shapes: dict[str, dict[str, object]] = {
        "a": {"extra": {"channel": "world"}},  # the first schema, a plain id
        "b": {"extra": {"channel": {"id": "sports", "confidence": 0.8}}},  # … an object
        "c": {},
        "d": {"enrichment": {"language": "zh", "channel": {"id": "tech", "confidence": 0.7}}},
    }
    for key, fields in shapes.items():
        doc = {"id": key, "page_time": "2025-06-04T10:00:00+08:00" if key == "a" else None}
        doc |= fields
        con.execute(
            "INSERT INTO articles (id, version, content_hash, origin, added_at, updated_at, doc)"
            " VALUES (?, 1, ?, ?, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', ?)",
            (key, key, key, json.dumps(doc)),
        )
    con.close()
    with Store.open(path) as store:
        rows = store.connection.execute("SELECT id, channel, page_time FROM articles ORDER BY id")
        assert rows.fetchall() == [
            ("a", "world", "2025-06-04T10:00:00+08:00"),
            ("b", "sports", None),
            ("c", None, None),
            ("d", "tech", None),
        ]
        assert db.schema_version(store.connection) >= 5


def test_seed_without_publish_time_shows_its_page_time(store: Store, seeds_dir: Path) -> None:
    """Seed 000 shows no publish time but a time of its own: lists and its story show that."""
    newsdesk.ingest([seeds_dir], store, workers=1)
    con = store.connection
    rows = con.execute("SELECT id, origin, published, page_time FROM articles").fetchall()
    (aid, _, published, page_time) = next(r for r in rows if Path(r[1]).name.startswith("000"))
    assert published is None and page_time is not None
    (listed,) = [s for s in queries.latest(con, limit=10).items if s.id == aid]
    assert listed.time == datetime.fromisoformat(page_time)
    assert listed.to_dict()["time"] == datetime.fromisoformat(page_time).isoformat()
    story = queries.story_of(con, aid)
    assert story is not None
    (member,) = [a for a in story.articles if a.id == aid]
    assert member.time == datetime.fromisoformat(page_time).astimezone(UTC)
    assert not member.dated  # a page time is not a publish time: "now" for hot is not set by it
