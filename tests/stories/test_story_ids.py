"""Story ids are links: they survive a re-extraction and a rebuild of the stories."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import newsdesk
from newsdesk import stories
from newsdesk.ingestion import ingest, reextract
from newsdesk.store import Store
from newsdesk.stories.rebuild import kept_ids, memberships

ZH_PAGES = 16  # Chinese pages of the shared set beside the seeds


def _pages(shared_dir: Path) -> list[Path]:
    data = shared_dir / "data" / "daniel"
    gold = [json.loads(line) for line in (data / "gold.jsonl").read_text("utf-8").splitlines()]
    chosen = [data / "html" / f"{row['id']}.html" for row in gold if row["lang"] == "zh"]
    return [*sorted((shared_dir / "seeds").glob("*.txt")), *chosen[:ZH_PAGES]]


def _newest_first(paths: list[Path]) -> list[Path]:
    """The pages, newest article first: ingested in this order, the stories are
    opened (and numbered) in the reverse of the time order a rebuild numbers them in."""
    oldest = datetime.min.replace(tzinfo=UTC)

    def when(path: Path) -> datetime:
        found = [a.published for a in newsdesk.read(path, enrich=False) if a.published]
        return max(found, default=oldest)

    return sorted(paths, key=when, reverse=True)


def test_story_ids_survive_a_reextract(shared_dir: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        for path in _newest_first(_pages(shared_dir)):
            ingest([path], store, workers=1, enrich=False, stories=True, resume=False)
        before = memberships(store.connection)
        assert any(len(ids) > 1 for ids in before.values())  # a story of several articles
        again = reextract(store, workers=1, enrich=False, stories=True)
        assert again.replaced and again.stories is not None
        after = memberships(store.connection)
        listed = {s.id for s in stories.stories(store, 100, min_size=1)}
    same = {sid for sid, ids in before.items() if ids in after.values()}
    assert same and len(same) >= len(before) // 2
    for sid in same:
        assert after.get(sid) == before[sid]  # the same articles under the same id
    assert listed == set(after)


def test_a_story_that_changed_a_little_keeps_its_id() -> None:
    before = {1: {"a", "b", "c", "d"}, 2: {"e", "f"}, 3: {"g"}}
    after = {
        10: {"a", "b", "c"},  # lost one article
        11: {"d", "x", "y", "z", "w"},  # took one of 1's: not 1
        12: {"e", "f", "g"},  # 2 grew by 3's only article: the larger share wins
        13: {"q"},  # new
    }
    assert kept_ids(before, after) == {10: 1, 12: 2}
    split = kept_ids({5: {"a", "b", "c", "d"}}, {20: {"a", "b"}, 21: {"c", "d"}})
    assert list(split.values()) == [5]  # an even split: one half keeps the id


def test_new_stories_after_a_rebuild_get_ids_never_used(tmp_path: Path, seeds_dir: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest(sorted(seeds_dir.glob("*.txt")), store, workers=1, enrich=False, stories=True)
        highest = max(memberships(store.connection))
        store.connection.execute("DELETE FROM story_articles")  # as if every story changed
        stories.rebuild(store)
        fresh = set(memberships(store.connection))
    assert fresh and min(fresh) > highest
