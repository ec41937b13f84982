"""Keywords without name fragments, and the extractive summary."""

from __future__ import annotations

import json

import pytest
from fixtures import paths

from newsdesk.enrich.keywords import IDF_PATH, idf_table, keywords
from newsdesk.enrich.summary import summarize

SEEDS = paths.SEEDS
GOLD = sorted(SEEDS.glob("*.gold.json"))
FRAGMENTS = {"马克", "斯塔", "泽连", "连斯基", "乌梅", "罗夫", "佩斯", "拉夫", "龙称", "默等"}


@pytest.fixture(params=GOLD, ids=[p.name[:3] for p in GOLD])
def seed(request: pytest.FixtureRequest) -> dict:
    return json.loads(request.param.read_text(encoding="utf-8"))


def test_idf_table_is_shipped_and_small() -> None:
    assert IDF_PATH.exists() and IDF_PATH.stat().st_size < 2_000_000
    assert idf_table()["中国"] < idf_table()["乌克兰"]


def test_keywords_have_no_fragments(seed: dict) -> None:
    words = [w for w, _ in keywords("\n".join(seed["body"]), title=seed["title"], top=20)]
    assert len(words) == 20
    assert not FRAGMENTS & set(words), words
    for w in words:  # no keyword is a piece of another one
        assert not any(w != other and w in other for other in words), (w, words)


def test_names_are_kept_whole() -> None:
    gold = json.loads((SEEDS / "000_f844af933c40c450.gold.json").read_text(encoding="utf-8"))
    words = [w for w, _ in keywords("\n".join(gold["body"]), title=gold["title"])]
    assert "马克龙" in words and "志愿者联盟" in words


def test_summary_is_two_or_three_sentences_of_the_text(seed: dict) -> None:
    text = "\n".join(seed["body"])
    summary = summarize(text, title=seed["title"])
    assert 2 <= len(summary) <= 3
    assert all(s in text for s in summary)
    assert summary[0] in seed["body"][0]  # the lead carries the news
