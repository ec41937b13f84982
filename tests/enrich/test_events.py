"""Dated events of the seeds, read from their gold body, publish time and page time."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from fixtures import paths

from newsdesk.article import Article
from newsdesk.enrich.events import find_events, reference_date
from newsdesk.enrich.timex import find_expressions
from newsdesk.text.sentences import sentences

SEEDS = paths.SEEDS
GOLD = sorted(SEEDS.glob("*.gold.json"))


def _article(gold: dict) -> Article:
    return Article(
        id=gold["file"],
        origin=gold["file"],
        title=gold["title"],
        body=gold["body"],
        published=datetime.fromisoformat(gold["published"]) if gold["published"] else None,
        page_time=datetime.fromisoformat(gold["page_time"]) if gold["page_time"] else None,
    )


@pytest.fixture(params=GOLD, ids=[p.name[:3] for p in GOLD])
def seed(request: pytest.FixtureRequest) -> dict:
    return json.loads(request.param.read_text(encoding="utf-8"))


def test_both_seeds_are_there() -> None:
    assert len(GOLD) >= 2, f"seed gold files missing under {SEEDS}"


def test_every_gold_event_is_found_with_its_date(seed: dict) -> None:
    found = {e.value for e in find_events(_article(seed))}
    for event in seed["events"]:
        assert event["date"] in found, (event, sorted(found))


def test_no_past_event_after_the_reference(seed: dict) -> None:
    article = _article(seed)
    ref = reference_date(article).day
    assert ref is not None
    for event in find_events(article):
        if event.tense == "past" and event.end is not None:
            assert date.fromisoformat(event.end) <= ref, event


def test_events_carry_their_sentence(seed: dict) -> None:
    for event in find_events(_article(seed)):
        assert event.expression in event.text
        assert event.text in "\n".join(seed["body"])


def test_seed_000_page_time_gives_2025_not_2026() -> None:
    gold = json.loads((SEEDS / "000_f844af933c40c450.gold.json").read_text(encoding="utf-8"))
    events = find_events(_article(gold))
    by_expression = {e.expression: e.value for e in events}
    assert by_expression["3月27日"] == "2025-03-27"
    assert by_expression["今年2月"] == "2025-02"  # written in 2025, read on a 2026 page


def test_planned_meeting_lies_ahead_of_publication() -> None:
    gold = json.loads((SEEDS / "001_24aef3fd8e843ac8.gold.json").read_text(encoding="utf-8"))
    events = {e.expression: e for e in find_events(_article(gold))}
    assert events["6月20日至30日"].value == "2025-06-20/2025-06-30"
    assert events["6月20日至30日"].tense == "future"
    assert events["2日晚间"].value == "2025-06-02"
    assert events["本月底"].start == "2025-06-21"


def test_a_year_like_number_is_not_a_date() -> None:
    text = "美国1945军事网站表示,中国的歼10CE战机在空战中表现出色,联合国成立80周年。"
    assert find_expressions(text, date(2025, 6, 4)) == []


@pytest.mark.parametrize(
    ("text", "ref", "value"),
    [
        (
            "中国外交部长于3月31日至4月2日对俄罗斯进行了正式访问",
            date(2026, 2, 5),
            "2025-03-31/2025-04-02",
        ),
        ("乌克兰方提议于6月20日至30日举行会晤", date(2025, 6, 4), "2025-06-20/2025-06-30"),
        ("会议将于12月30日至1月2日举行", date(2025, 12, 1), "2025-12-30/2026-01-02"),
        ("据报道,当地时间6月2日,双方举行谈判", date(2025, 6, 4), "2025-06-02"),
        ("这是自今年2月形成以来第三次", date(2025, 4, 2), "2025-02"),
        ("2025年3月31日至4月2日访问", None, "2025-03-31/2025-04-02"),
        ("峰会将于下周三举行", date(2025, 6, 4), "2025-06-11"),
        ("3月27日在巴黎举行峰会", None, "XXXX-03-27"),
    ],
)
def test_expressions(text: str, ref: date | None, value: str) -> None:
    assert [e.value for e in find_expressions(text, ref)] == [value]


def test_durations_are_not_dates() -> None:
    assert find_expressions("近3日来,3日内完成,第2日,为期3个月", date(2025, 6, 4)) == []


@pytest.mark.parametrize(
    "text",
    [
        "五月天特别创作",
        "新服务器“十月围城”",
        "伦敦海德公园1号顶层",
        "一周五天制课程",
        "古天乐当年就是",
    ],
)
def test_names_and_counts_are_not_dates(text: str) -> None:
    assert find_expressions(text, date(2010, 6, 1)) == []


def test_weekday_glossing_a_date_is_not_another_event() -> None:
    found = find_expressions("国际教育展将于10月29日-30日(周六和周日)举行", date(2010, 6, 1))
    assert [e.value for e in found] == ["2010-10-29/2010-10-30"]


def test_year_carries_through_the_sentence() -> None:
    found = find_expressions("2004年9月不到20个,10月初变为5950个。", date(2006, 12, 27))
    assert [e.value for e in found] == ["2004-09", "2004-10-01/2004-10-10"]


def test_reference_falls_back_to_the_latest_date_in_the_text() -> None:
    article = Article(
        id="x", origin="x", body=["2024年5月1日发布。", "2024年5月3日更新。3月2日举行了会议。"]
    )
    ref = reference_date(article)
    assert (ref.day, ref.source, ref.certain) == (date(2024, 5, 3), "text", False)
    assert find_events(article)[-1].value == "2024-03-02"


def test_sentences_keep_offsets() -> None:
    text = "第一句。第二句!\n第三句"
    assert [text[s:e] for s, e in sentences(text)] == ["第一句。", "第二句!", "第三句"]
