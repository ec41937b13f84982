"""`newsdesk X --json` answers the same JSON as the matching `/api/` route.

One store of real pages (the seeds, the examples and Chinese news pages of the shared
evaluation set), ingested by the CLI with enrichment and the stories step; then each command and
its route are asked the same thing and their parsed JSON compared.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from fixtures import paths

from newsdesk.cli import main
from newsdesk.web import create_app

DATA_PAGES = 12  # Chinese pages of the shared set added to the seeds


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(main, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not paths.SEEDS.is_dir():
        pytest.skip("the shared seeds are not beside the repository")
    folder = tmp_path_factory.mktemp("pairs")
    pages = folder / "pages"
    pages.mkdir()
    for seed in [*paths.SEEDS.glob("*.txt"), *paths.EXAMPLES.glob("*.txt")]:
        shutil.copy(seed, pages / seed.name)
    gold = paths.DATA / "daniel" / "gold.jsonl"
    if gold.is_file():
        chosen = [
            row["id"]
            for row in map(json.loads, gold.read_text(encoding="utf-8").splitlines())
            if row["lang"] == "zh"
        ][:DATA_PAGES]
        for name in chosen:
            shutil.copy(paths.DATA / "daniel" / "html" / f"{name}.html", pages / f"{name}.html")
    path = str(folder / "pairs.db")
    result = CliRunner().invoke(main, ["ingest", str(pages), "--db", path, "--quiet"])
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def api(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, token="pairs-token")) as client:
        yield client


def _get(api: TestClient, url: str, **params: Any) -> Any:
    r = api.get(url, params=params or None)  # a link carries its own query
    assert r.status_code == 200, r.text
    return r.json()


def _ids(db: str) -> dict[str, str]:
    """Article ids of the seeds by the first three characters of their file name."""
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT id, origin FROM articles").fetchall()
    return {Path(origin).name[:3]: aid for aid, origin in rows}


def test_article(db: str, api: TestClient) -> None:
    for aid in _ids(db).values():
        assert _cli("show", aid, "--db", db) == _get(api, f"/api/articles/{aid}")


def test_latest(db: str, api: TestClient) -> None:
    cli = _cli("list", "--limit", "3", "--offset", "1", "--db", db)
    assert len(cli["items"]) == 3 and cli["next"]
    assert cli == _get(api, "/api/articles", limit=3, offset=1)
    site = cli["items"][0]["site"]
    assert _cli("list", "--site", site, "--db", db) == _get(api, "/api/articles", site=site)


def test_search(db: str, api: TestClient) -> None:
    cli = _cli("search", "普京", "--limit", "1", "--db", db)
    assert len(cli["items"]) == 1 and cli["next"]  # both seeds name him: a next page
    assert cli == _get(api, "/api/search", q="普京", limit=1)
    follow = _get(api, cli["next"])  # the link the CLI gives is the API's next page
    assert follow == _cli("search", "普京", "--limit", "1", "--offset", "1", "--db", db)
    by_time = _cli("search", "中国", "--sort", "time", "--language", "zh", "--db", db)
    assert by_time["items"]
    assert by_time == _get(api, "/api/search", q="中国", sort="time", language="zh")


def test_entities(db: str, api: TestClient) -> None:
    cli = _cli("entities", "--limit", "10", "--db", db)
    assert cli["items"]
    assert cli == _get(api, "/api/entities", limit=10)
    people = _cli("entities", "--type", "person", "--db", db)
    assert people["items"] and {e["type"] for e in people["items"]} == {"PER"}
    assert people == _get(api, "/api/entities", type="PER")


def test_timeline(db: str, api: TestClient) -> None:
    with sqlite3.connect(db) as con:
        (name,) = con.execute(
            "SELECT value FROM events, json_each(events.entities) GROUP BY value"
            " ORDER BY count(*) DESC, value LIMIT 1"
        ).fetchone()
    cli = _cli("timeline", name, "--db", db)
    assert cli["items"]
    assert cli == _get(api, f"/api/timeline/{name}")


def test_stories_and_story(db: str, api: TestClient) -> None:
    listed = _cli("stories", "--min-size", "1", "--db", db)
    assert listed["items"]
    assert listed == _get(api, "/api/stories", min_size=1)
    assert _cli("stories", "--db", db) == _get(api, "/api/stories")
    for s in listed["items"][:5]:
        one = _cli("story", str(s["id"]), "--db", db)
        assert one["articles"]
        assert one == _get(api, f"/api/stories/{s['id']}")


def test_related(db: str, api: TestClient) -> None:
    ids = _ids(db)
    cli = _cli("related", ids["001"], "--db", db)
    assert cli["items"]
    assert cli == _get(api, f"/api/related/{ids['001']}")
    assert _cli("related", ids["000"], "--limit", "2", "--db", db) == _get(
        api, f"/api/related/{ids['000']}", limit=2
    )


def test_hot(db: str, api: TestClient) -> None:
    stored = _cli("hot", "--db", db)
    assert stored["items"]
    assert stored == _get(api, "/api/hot")
    when = "2025-06-05T00:00:00"
    ranked = _cli("hot", "--now", when, "--limit", "5", "--db", db)
    assert ranked["items"]
    assert ranked == _get(api, "/api/hot", now=when, limit=5)


def _top_event_name(db: str) -> str:
    with sqlite3.connect(db) as con:
        (name,) = con.execute(
            "SELECT value FROM events, json_each(events.entities) GROUP BY value"
            " ORDER BY count(*) DESC, value LIMIT 1"
        ).fetchone()
    return str(name)


def test_every_list_pages_alike(db: str, api: TestClient) -> None:
    """Every list takes `limit` and `offset` and answers `items`, `limit`, `offset` and
    `next`; the CLI's page is the API's, and `next` leads to the page after."""
    name = _top_event_name(db)
    lists = [
        (["list"], "/api/articles", {}),
        (["search", "中国"], "/api/search", {"q": "中国"}),
        (["stories", "--min-size", "1"], "/api/stories", {"min_size": 1}),
        (["entities"], "/api/entities", {}),
        (["sources"], "/api/sources", {}),
        (["hot"], "/api/hot", {}),
        (["timeline", name], f"/api/timeline/{name}", {}),
    ]
    for command, route, params in lists:
        listed = _get(api, route, **params, limit=100)
        whole = listed["items"]
        assert len(whole) >= 4, route  # enough for three pages of one
        first = _cli(*command, "--limit", "1", "--offset", "1", "--db", db)
        assert first == _get(api, route, **params, limit=1, offset=1), route
        assert {"items", "limit", "offset", "next"} <= set(first), route
        assert (first["limit"], first["offset"], first["items"]) == (1, 1, whole[1:2]), route
        follow = _get(api, first["next"])
        assert follow["items"] == whole[2:3], route
        assert follow == _cli(*command, "--limit", "1", "--offset", "2", "--db", db), route
        if listed["next"] is None:
            last = _get(api, route, **params, limit=100, offset=len(whole) - 1)
            assert last["items"] == whole[-1:] and last["next"] is None, route


def test_an_entitys_page_pages_too(db: str, api: TestClient) -> None:
    name = _top_event_name(db)
    page = _get(api, f"/api/entities/{name}", limit=1)
    assert (page["limit"], page["offset"], len(page["items"])) == (1, 0, 1)
    assert page["next"] and _get(api, page["next"])["offset"] == 1
