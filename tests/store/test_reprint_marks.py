"""Reprints in every list, and coverage over time by outlet (issue 14, items 8 and 11).

Real articles of the shared set, each published by two or three outlets on days and
at times of their own: which copy is the original, how every list marks the others,
and what the coverage charts of stories and entities count.  Both engines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.ingestion import ingest
from newsdesk.store import Store, db, engines, queries
from newsdesk.store.queries.read_coverage import MONTHS_SHOWN, SITES_SHOWN, coverage

# (outlet, date line) of each copy of one article; the date line is as the page gives it.
COPIES = {
    # A date without a clock time may mean any moment of that day: the copy timed
    # that morning is the one known to be out first.
    "day": [("新华网", "2024-03-10"), ("人民网", "2024-03-10 06:14")],
    # A clock time the day before is earlier than any moment of the dated day.
    "eve": [
        ("中新网", "2024-03-09 20:00"),
        ("环球网", "2024-03-10"),
        ("央视网", "2024-03-11 09:30"),
    ],
}
ORIGINAL = {"day": "人民网", "eve": "中新网"}


def _write(shared_dir: Path, folder: Path) -> None:
    lines = (shared_dir / "data" / "cnews" / "articles.txt").read_text("utf-8").splitlines()
    for k, (name, copies) in enumerate(COPIES.items()):
        text = lines[k + 20].split("\t", 1)[1]
        for j, (outlet, day) in enumerate(copies):
            page = f"{name}第{j}稿\n{day} 来源：{outlet}\n{text}\n"
            (folder / f"{name}-{j}.txt").write_text(page, "utf-8")


@pytest.fixture
def filled(store: Store, shared_dir: Path, tmp_path: Path) -> Store:
    _write(shared_dir, tmp_path)
    ingest([tmp_path], store, workers=1, enrich=False, stories=True)
    return store


def _by_source(con: engines.Connection) -> dict[str, str]:
    return {source: aid for aid, source in con.execute("SELECT id, source FROM articles")}


def test_the_copy_known_out_first_is_the_original(filled: Store) -> None:
    con = filled.connection
    ids = _by_source(con)
    for name, copies in COPIES.items():
        original = ids[ORIGINAL[name]]
        for outlet, _ in copies:
            found = queries.reprint_of(con, ids[outlet])
            if outlet == ORIGINAL[name]:
                assert found is None, f"{name}: the original is no copy"
            else:
                assert found is not None and found.id == original, (name, outlet)


def test_every_list_marks_a_copy_with_its_original(filled: Store) -> None:
    con = filled.connection
    ids = _by_source(con)
    original = ids[ORIGINAL["eve"]]
    copies = {ids[outlet] for outlet, _ in COPIES["eve"]} - {original}

    def check(items: list[queries.Summary]) -> None:
        marked = {s.id: s.reprint_of for s in items}
        assert copies | {original} <= set(marked)
        assert marked[original] is None
        for aid in copies:
            mark = marked[aid]
            assert mark is not None and mark.id == original and mark.site == ORIGINAL["eve"]
            assert mark.to_dict()["id"] == original

    check(queries.latest(con, limit=50).items)
    check(queries.search(con, queries.SearchQuery(q=_headline_term(con, original), limit=50)).hits)
    check(queries.summaries(con, sorted(copies | {original})))
    story = queries.story_of(con, original)
    assert story is not None
    check([a.summary for a in story.articles if a.summary])
    assert all(
        (a.summary.reprint_of.id if a.summary and a.summary.reprint_of else None) == a.reprint_of
        for a in story.articles
    ), "a story's members and their summaries say the same"
    api = queries.latest(con, limit=50).to_dict()["items"]
    assert {i["id"]: (i["reprint_of"] or {}).get("id") for i in api}[min(copies)] == original


def _headline_term(con: engines.Connection, article_id: str) -> str:
    """A phrase of the article's text that all copies share (its first six characters)."""
    article = queries.article(con, article_id)
    assert article is not None
    return article.body[0][:6]


def test_story_coverage_counts_each_outlet_per_day(filled: Store) -> None:
    con = filled.connection
    ids = _by_source(con)
    story = queries.story_of(con, ids[ORIGINAL["eve"]], members=False)
    assert story is not None
    found = queries.story_coverage(con, story.id)
    assert found.unit == "day"
    assert found.periods == ["2024-03-09", "2024-03-10", "2024-03-11"]  # the pages' own days
    per_site = {s.site: s.counts for s in found.series}
    assert per_site == {"中新网": [1, 0, 0], "环球网": [0, 1, 0], "央视网": [0, 0, 1]}
    assert found.to_dict()["sites"][0]["counts"] == found.series[0].counts


def test_entity_coverage_counts_the_articles_naming_it(filled: Store) -> None:
    con = filled.connection
    ids = _by_source(con)
    term = _headline_term(con, ids[ORIGINAL["day"]])
    found = queries.entity_coverage(con, term)
    named = queries.search(con, queries.SearchQuery(q=term, limit=100)).hits
    assert found.unit == "month" and found.periods == ["2024-03"]
    assert sum(sum(s.counts) for s in found.series) == len(named) >= 2
    assert {s.site for s in found.series} == {s.source for s in named}
    assert queries.entity_coverage(con, "没有这个名字的文章").periods == []


def test_coverage_keeps_the_largest_outlets_and_an_even_time_axis() -> None:
    rows = [("2024-01", f"site{k}", 10 - k) for k in range(SITES_SHOWN + 2)]
    rows += [("2024-04", "site0", 2), ("2024-02", None, 1)]
    found = coverage(rows, "month")
    assert found.periods == ["2024-01", "2024-02", "2024-03", "2024-04"]  # March: no article
    assert [s.site for s in found.series] == [f"site{k}" for k in range(SITES_SHOWN)] + [None]
    smallest = sum(10 - k for k in range(SITES_SHOWN, SITES_SHOWN + 2))
    assert found.series[-1].counts == [smallest, 1, 0, 0]  # the two smallest and the unknown
    assert found.series[0].counts == [10, 0, 0, 2]
    long = coverage([("2001-05", "a", 1), ("2024-03", "a", 2)], "month")
    assert len(long.periods) <= MONTHS_SHOWN and long.unit == "year"
    assert long.periods[0] == "2001" and long.periods[-1] == "2024"


def test_migration_chooses_canonicals_again(store_target: str) -> None:
    """A store written before `day_only`: a group whose canonical is a copy dated to the
    day only gets the copy timed that day as its original; other groups keep theirs."""
    con = engines.connect(store_target)
    sql = engines.engine(con)
    db.migrate(con, [m for m in db.migrations(sql.MIGRATIONS) if m.version < 10])
    published = {
        "day": "2024-03-10T00:00:00+08:00",
        "timed": "2024-03-10T06:14:00+08:00",
        "first": "2024-03-09T20:00:00+08:00",
        "later": "2024-03-10T00:00:00+08:00",
    }
    for k, (aid, when) in enumerate(published.items()):
        con.execute(
            "INSERT INTO articles (id, version, content_hash, origin, published, extractor,"
            " added_at, updated_at, doc) VALUES (?, 1, ?, ?, ?, 'text', ?, ?, ?)",
            (aid, aid, aid, when, when, when, json.dumps({"id": aid, "origin": aid})),
        )
        utc = {"day": "03-09T16:00", "timed": "03-09T22:14", "first": "03-09T12:00"}
        time = "2024-" + utc.get(aid, "03-09T16:00") + ":00+00:00"
        con.execute(
            "INSERT INTO story_articles (article_id, story_id, reprint_group, content_hash,"
            " time, dated, length, score, reason, shingles, figures, vector, text_terms,"
            " entities) VALUES (?, 1, ?, ?, ?, 1, 100, 1.0, 'joined', 0, '[]', '{}', '{}', '[]')",
            (aid, 1 if k < 2 else 2, aid, time),
        )
    con.execute("INSERT INTO reprint_groups (id, canonical, size) VALUES (1, 'day', 2)")
    con.execute("INSERT INTO reprint_groups (id, canonical, size) VALUES (2, 'first', 2)")
    con.close()
    with Store.open(store_target) as store:
        read = store.connection.execute
        assert dict(read("SELECT id, canonical FROM reprint_groups").fetchall()) == {
            1: "timed",
            2: "first",
        }
        days = dict(read("SELECT article_id, day_only FROM story_articles").fetchall())
        assert days == {"day": 1, "timed": 0, "first": 0, "later": 1}
