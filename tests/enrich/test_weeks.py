"""Weekdays: the week they belong to, Sunday references, and names that hold a time word."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from fixtures import paths

from newsdesk.article import Article
from newsdesk.enrich.events import find_events
from newsdesk.enrich.timex import find_expressions

SUNDAY = date(2025, 6, 8)
WEDNESDAY = date(2025, 6, 11)


def _values(text: str, ref: date) -> list[tuple[str, str]]:
    return [(e.text, e.value) for e in find_expressions(text, ref, near_future=True)]


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # the week named first governs the weekday named later in the sentence
        ("马克龙下星期将出访，星期一抵达柏林。", SUNDAY, [("星期一", "2025-06-09")]),
        ("代表团下周访华，周二会见外长。", WEDNESDAY, [("周二", "2025-06-17")]),
        ("上周，星期二发生了地震。", SUNDAY, [("星期二", "2025-05-27")]),
        # and the next sentence of the paragraph
        (
            "总统下星期访问莫斯科。报纸说，他星期一会见普京，星期二会谈。",
            SUNDAY,
            [("星期一", "2025-06-09"), ("星期二", "2025-06-10")],
        ),
        # a weekday that carries its week passes it on, and a list names two days
        (
            "下周三和周五将举行两轮会谈。",
            SUNDAY,
            [("下周三", "2025-06-11"), ("周五", "2025-06-13")],
        ),
        ("他说下个星期一会去。", SUNDAY, [("下个星期一", "2025-06-09")]),
    ],
)
def test_a_week_reference_governs_later_weekdays(
    text: str, ref: date, expected: list[tuple[str, str]]
) -> None:
    assert _values(text, ref) == expected


def test_the_carry_stops_at_a_paragraph_break() -> None:
    assert _values("会议下星期在柏林召开。\n星期五，克里姆林宫表示反对。", SUNDAY) == [
        ("星期五", "2025-06-06")
    ]


def test_a_cycle_is_not_a_week() -> None:
    assert _values("下周期的预算已于星期一公布。", WEDNESDAY) == [("星期一", "2025-06-09")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("峰会下周一举行。", "2025-06-09"),  # the next day: weeks start on Monday
        ("本周一举行了峰会。", "2025-06-02"),  # six days back
        ("本周日举行。", "2025-06-08"),  # the day itself
        ("上周日举行了峰会。", "2025-06-01"),
        ("峰会将于周一举行。", "2025-06-09"),  # planned: the coming Monday
        ("总统周一表示反对。", "2025-06-02"),  # unmarked: the Monday just past
    ],
)
def test_weekdays_read_on_a_sunday(text: str, value: str) -> None:
    assert [v for _, v in _values(text, SUNDAY)] == [value]


def test_a_weekday_range_is_one_expression() -> None:
    assert [t for t, _ in _values("服务时间为周一至周五9:00-17:00。", SUNDAY)] == ["周一"]


@pytest.mark.parametrize(
    "text",
    [
        "据法国星期天报报道，总统将出访。",
        "英国星期日泰晤士报称，首相将辞职。",
        "英国《星期日泰晤士报》报道了此事。",
        "周日邮报披露了细节。",
        "她曾登上周末画报封面。",
        "今日美国报道说。",
        "他入选了明日之星。",
        "央视《今日说法》栏目播出。",
        "《昨天今天明天》小品",
        "光明日报评论员文章",
    ],
)
def test_names_holding_a_time_word_are_not_dates(text: str) -> None:
    assert _values(text, SUNDAY) == []


def test_a_day_before_a_verb_is_still_a_date() -> None:
    assert _values("周日报道称，总统将出访。", SUNDAY) == [("周日", "2025-06-08")]


def test_a_sunday_digest_of_a_real_paper_reads_next_week_forward() -> None:
    """A radio digest published on Sunday 2022-02-06: `下星期…星期一` is 02-07."""
    gold = next(
        g
        for g in map(json.loads, (paths.DATA / "cwced" / "gold.jsonl").open(encoding="utf-8"))
        if "法国星期天报" in (g["body"] or "") and "下星期" in g["body"]
    )
    published = datetime.fromisoformat(gold["date"])
    assert published.weekday() == 6
    article = Article(id="x", origin="x", body=gold["body"].split("\n"), published=published)
    events = {e.expression: e.value for e in find_events(article, entities=[])}
    assert "星期天" not in events
    assert events["星期一"] == "2022-02-07"
    assert events["星期二"] == "2022-02-08"
    assert events["上个星期三"] == "2022-01-26"
    assert events["星期五"] == "2022-02-04"
