"""The extraction benchmark's metric (benchmarks/scoring.py), as the data README defines it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
import scoring  # benchmarks/scoring.py: the benchmarks' scorer, tested here

# --- tokens ---------------------------------------------------------------------------


def test_each_cjk_character_is_one_token() -> None:
    assert scoring.tokens("中国外交部") == ["中", "国", "外", "交", "部"]


def test_kana_and_hangul_are_one_token_per_character() -> None:
    assert scoring.tokens("ニュース") == ["ニ", "ュ", "ー", "ス"]
    assert scoring.tokens("ひらがな") == ["ひ", "ら", "が", "な"]
    assert scoring.tokens("한국어") == ["한", "국", "어"]


def test_latin_runs_are_lower_cased_words_and_punctuation_is_dropped() -> None:
    assert scoring.tokens("Hello, WORLD! COVID-19 isn't") == [
        "hello",
        "world",
        "covid",
        "19",
        "isn",
        "t",
    ]


def test_mixed_scripts_split_at_the_cjk_boundary() -> None:
    assert scoring.tokens("3月27日在巴黎举行G7峰会") == [
        "3", "月", "27", "日", "在", "巴", "黎", "举", "行", "g7", "峰", "会",
    ]  # fmt: skip


def test_non_latin_alphabets_are_words() -> None:
    assert scoring.tokens("Οι ευτυχισμένοι ΆΝΘΡΩΠΟΙ") == ["οι", "ευτυχισμένοι", "άνθρωποι"]
    assert scoring.tokens("Москва, 2012") == ["москва", "2012"]


def test_cjk_punctuation_and_white_space_are_not_tokens() -> None:
    assert scoring.tokens("「，。、！」\u3000 \n\t・") == []
    assert scoring.tokens(None) == []


# --- body score -----------------------------------------------------------------------


def test_identical_text_scores_one() -> None:
    score = scoring.body_score("中文 text", "中文\ntext")
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_case_and_punctuation_do_not_matter() -> None:
    assert scoring.body_score("THE END.", "the end").f1 == 1.0


def test_intersection_is_a_multiset() -> None:
    # pred a a a b, gold a b b: common = min(3, 1) + min(1, 2) = 2
    score = scoring.body_score("a a a b", "a b b")
    assert score.precision == pytest.approx(2 / 4)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_extra_boilerplate_lowers_precision_only() -> None:
    score = scoring.body_score("正文内容 首页 导航", "正文内容")
    assert score.recall == 1.0
    assert score.precision == pytest.approx(4 / 8)


@pytest.mark.parametrize("predicted", ["", None, "  \n", "。！？"])
def test_empty_or_failed_extraction_scores_zero(predicted: str | None) -> None:
    assert scoring.body_score(predicted, "gold text") == scoring.BodyScore(0.0, 0.0, 0.0)


def test_no_common_token_scores_zero() -> None:
    assert scoring.body_score("abc", "xyz").f1 == 0.0


def test_macro_average_counts_failed_pages() -> None:
    scores = [scoring.body_score("a b", "a b"), scoring.body_score("", "a b")]
    assert scoring.macro_average(scores).f1 == pytest.approx(0.5)
    assert scoring.macro_average([]).f1 == 0.0


# --- titles ---------------------------------------------------------------------------


def test_title_is_compared_after_white_space_normalisation() -> None:
    assert scoring.title_correct("  8 Recent\n Trends  ", "8 Recent Trends")
    assert not scoring.title_correct("8 recent trends", "8 Recent Trends")
    assert not scoring.title_correct(None, "8 Recent Trends")


# --- authors --------------------------------------------------------------------------


def test_author_names_split_on_the_readme_separators() -> None:
    assert scoring.author_names("赵延东、风笑天") == {"赵延东", "风笑天"}
    assert scoring.author_names("伊琳  李清芬") == {"伊琳", "李清芬"}
    assert scoring.author_names("A,B，C") == {"A", "B", "C"}


def test_author_prefix_is_removed() -> None:
    assert scoring.author_correct("作者:王建宏 张文攀", "王建宏 张文攀")
    assert scoring.author_correct("作者：王建宏、张文攀", "王建宏 张文攀")
    assert scoring.author_correct("By Jane Doe", "Jane Doe")
    assert scoring.author_names("Byron Smith") == {"Byron", "Smith"}


def test_author_sets_ignore_order_but_not_members() -> None:
    assert scoring.author_correct("张文攀、王建宏", "王建宏 张文攀")
    assert not scoring.author_correct("王建宏", "王建宏 张文攀")
    assert not scoring.author_correct("王建宏 张文攀 李四", "王建宏 张文攀")
    assert not scoring.author_correct(None, "王建宏")


def test_an_organisation_as_author_counts() -> None:
    assert scoring.author_correct("吉林省人民政府", "吉林省人民政府")


def test_empty_gold_author_is_never_right() -> None:
    assert not scoring.author_correct("", "")


# --- dates ----------------------------------------------------------------------------


def test_gold_day_needs_a_full_calendar_date() -> None:
    assert scoring.gold_day("2005-5-7 21:23:57") == date(2005, 5, 7)
    assert scoring.gold_day("2004-12-10") == date(2004, 12, 10)
    for partial in ("2018", "1996-3", "UNKNWON", "刘涛", "", None):
        assert scoring.gold_day(partial) is None


def test_date_is_right_when_the_calendar_day_matches() -> None:
    gold = "2005-5-7 21:23:57"
    assert scoring.date_correct("2005-05-07", gold)
    assert scoring.date_correct("2005-05-07T23:59:00+08:00", gold)
    assert scoring.date_correct("2005年5月7日 10:00", gold)
    assert scoring.date_correct(datetime(2005, 5, 7, 1, tzinfo=timezone(timedelta(hours=8))), gold)
    assert scoring.date_correct(date(2005, 5, 7), gold)


def test_a_different_day_or_no_date_is_wrong() -> None:
    gold = "2005-5-7 21:23:57"
    assert not scoring.date_correct("2005-05-08", gold)
    assert not scoring.date_correct("2005-07-05", gold)
    assert not scoring.date_correct(None, gold)
    assert not scoring.date_correct("yesterday", gold)


def test_pages_without_a_full_gold_date_are_not_scored_as_right() -> None:
    assert not scoring.date_correct("2018-01-01", "2018")


def test_free_text_bylines_match_when_either_holds_the_other() -> None:
    assert scoring.author_contained("Ana Sandoiu", "By Ana  Sandoiu")
    assert scoring.author_contained("by brenda goodman, MA WebMD", "Brenda Goodman")
    assert not scoring.author_contained("Jane Doe", "John Doe")
    assert not scoring.author_contained("", "Jane Doe")
    assert not scoring.author_contained(None, "Jane Doe")
