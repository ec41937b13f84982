"""The record types: typed enrichment, its JSON form, the schema, and the first schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures import paths

from newsdesk import enrich_article, read_page
from newsdesk.article import SCHEMA_VERSION, Article, Page
from newsdesk.store import Store

SCHEMA = json.loads((paths.REPO / "src/newsdesk/schema/article.schema.json").read_text())


@pytest.fixture(scope="module")
def enriched(seeds_dir: Path) -> list[Article]:
    pages = sorted(seeds_dir.glob("*.txt"))
    return [
        enrich_article(read_page(p.read_text("utf-8"), kind="text", url=f"https://x.cn/{p.stem}"))
        for p in pages
    ]


def test_enrichment_is_typed_and_round_trips(enriched: list[Article]) -> None:
    for article in enriched:
        e = article.enrichment
        assert e is not None and e.language.startswith("zh")
        assert e.entities and all(x.count >= 1 and x.name for x in e.entities)
        assert e.channel is not None and 0 < e.channel.confidence <= 1
        assert article.channel == e.channel.id
        assert all(article.text[m.start : m.end] == m.text for m in e.mentions)
        assert all(ev.expression in ev.text for ev in e.events)
        again = Article.from_dict(json.loads(json.dumps(article.to_dict(), ensure_ascii=False)))
        assert again.to_dict() == article.to_dict()


def test_enriched_articles_follow_the_published_schema(enriched: list[Article]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    for article in enriched:
        doc = article.to_dict()
        assert doc["schema"] == SCHEMA_VERSION == SCHEMA["$id"]
        jsonschema.validate(doc, SCHEMA)
    jsonschema.validate(Article(id="x", origin="x").to_dict(), SCHEMA)  # not enriched


def _first_schema(article: Article) -> dict:
    """`article` as the first schema wrote it: enrichment in `extra`, older key names."""
    doc = article.to_dict()
    e = doc.pop("enrichment")
    doc.pop("notes")
    doc["schema"] = "newsdesk.article/1"
    events = [
        {
            **{k: v for k, v in ev.items() if k != "value" and (k != "local_time" or v)},
            "date": ev["value"],
            "entities": [{**m, "canonical": m.pop("name")} for m in ev["entities"]],
        }
        for ev in e["events"]
    ]
    doc["extra"] = {**e, "events": events, "truncated": True}
    return doc


def test_articles_of_the_first_schema_are_still_read(enriched: list[Article]) -> None:
    for article in enriched:
        old = Article.from_dict(_first_schema(article))
        assert old.notes == ["truncated"]
        assert old.enrichment is not None and article.enrichment is not None
        assert old.enrichment.to_dict() == article.enrichment.to_dict()
    bare = Article.from_dict({"id": "x", "origin": "x", "extra": {"channel": "world"}})
    assert bare.enrichment is None  # never enriched: a stray key is not an enrichment


def test_a_store_written_in_the_first_schema_reads_and_reindexes(
    enriched: list[Article], tmp_path: Path
) -> None:
    """An old store's rows read as typed records; re-storing indexes their entities."""
    with Store.open(tmp_path / "old.db") as store:
        pairs = [(Page(origin=a.origin, kind="text", text=a.text), a) for a in enriched]
        store.add(pairs)
        for article in enriched:  # rewrite the stored JSON the way the first schema had it
            old = json.dumps(_first_schema(article), ensure_ascii=False)
            store.connection.execute("UPDATE articles SET doc = ? WHERE id = ?", (old, article.id))
        for article in enriched:
            back = store.get(article.id)
            assert back is not None and back.enrichment == article.enrichment
            assert store.replace(back)
        names = {e.name for e in store.entities(limit=500)}
        assert {e.name for a in enriched for e in a.enrichment.entities} <= names  # type: ignore[union-attr]
