"""Traditional and simplified spellings of a name are one entity (issue 14): one row
per article under the simplified name, every spelling kept as an alias, and a page or a
timeline asked for by either spelling (query layer, CLI, web) finds the same articles.

The store holds real pages: a Big5 news page in traditional characters and a
simplified one that both name the WHO, and a seed with a traditional rendering of it.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import opencc
import pytest
from click.testing import CliRunner
from fixtures import paths

from newsdesk.cli import main
from newsdesk.store import Store, queries

# Two pages of the shared set naming 世界卫生组织: written in traditional (a Big5
# portal) and in simplified characters.
DANIEL_PAGES = (
    "20120117_big5.xinhuanet.com_5f7f9444353f95b6c7518ad991509ade",
    "20120112_xm.city.ifeng.com_132b367e56a650b9d106ecce3fea7c9db",
)
SEED = "000_f844af933c40c450.txt"
TO_TRADITIONAL = opencc.OpenCC("s2t")
TO_SIMPLIFIED = opencc.OpenCC("t2s")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    html = [paths.DATA / "daniel" / "html" / f"{name}.html" for name in DANIEL_PAGES]
    seed = paths.SEEDS / SEED
    if not seed.is_file() or not all(p.is_file() for p in html):
        pytest.skip("the shared pages are not beside the repository")
    folder = tmp_path_factory.mktemp("spellings")
    pages = folder / "pages"
    pages.mkdir()
    for page in [seed, *html]:
        shutil.copy(page, pages / page.name)
    traditional = TO_TRADITIONAL.convert(seed.read_text(encoding="utf-8"))
    (pages / f"trad_{SEED}").write_text(traditional, encoding="utf-8")
    path = str(folder / "spellings.db")
    result = CliRunner().invoke(main, ["ingest", str(pages), "--db", path, "--quiet"])
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store.open(db, read_only=True) as opened:
        yield opened


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(main, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _names(store: Store) -> dict[str, int]:
    found = queries.entities(store.connection, limit=500).items
    return {e.name: e.articles for e in found}


def test_every_entity_is_listed_under_its_simplified_name(store: Store) -> None:
    names = _names(store)
    assert all(TO_SIMPLIFIED.convert(n) == n for n in names)
    assert names["世界卫生组织"] == 2
    assert names["泽连斯基"] == 2


@pytest.mark.parametrize("name", ["世界卫生组织", "世界衛生組織", "泽连斯基", "澤連斯基"])
def test_either_spelling_finds_one_page_with_every_article(store: Store, name: str) -> None:
    page = queries.entity_page(store.connection, name)
    assert page is not None
    simplified = queries.entity_page(store.connection, page.info.name)
    assert simplified is not None
    assert page.to_dict() == simplified.to_dict()
    assert len(page.mentions.hits) == 2
    assert TO_TRADITIONAL.convert(page.info.name) in page.info.aliases


def test_either_spelling_gives_one_timeline(store: Store) -> None:
    simplified = queries.timeline(store.connection, "泽连斯基").items
    assert simplified
    assert queries.timeline(store.connection, "澤連斯基").items == simplified
    assert len({event.article_id for event in simplified}) == 2


def test_the_cli_and_the_portal_take_either_spelling(db: str) -> None:
    from fastapi.testclient import TestClient

    from newsdesk.web import create_app

    listed = {e["name"] for e in _cli("entities", "--limit", "100", "--db", db)["items"]}
    assert "世界卫生组织" in listed and "世界衛生組織" not in listed
    events = _cli("timeline", "泽连斯基", "--db", db)["items"]
    assert events
    assert _cli("timeline", "澤連斯基", "--db", db)["items"] == events
    with TestClient(create_app(db)) as client:
        traditional = client.get("/entities/世界衛生組織")
        simplified = client.get("/entities/世界卫生组织")
    assert traditional.status_code == simplified.status_code == 200
    assert _headlines(traditional.text) == _headlines(simplified.text)
    assert len(_headlines(traditional.text)) == 2
    assert "<h1>世界卫生组织</h1>" in traditional.text


def _headlines(html: str) -> list[str]:
    return re.findall(r'class="headline" href="([^"]+)"', html)


def test_a_store_keyed_by_spelling_is_rekeyed_on_open(db: str, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(db, old)
    with sqlite3.connect(old) as con:  # as an earlier recogniser stored it
        con.execute(
            'UPDATE articles SET doc = replace(doc, \'"name":"泽连斯基"\', \'"name":"澤連斯基"\')'
        )
        con.execute("UPDATE mentions SET name = '澤連斯基' WHERE name = '泽连斯基'")
        con.execute("DELETE FROM meta WHERE name = 'entity_names'")
    with Store.open(old) as store:
        names = _names(store)
    assert names["泽连斯基"] == 2
    assert "澤連斯基" not in names
