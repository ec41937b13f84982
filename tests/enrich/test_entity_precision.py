"""What an entity page lists: no fragments or kinds of things, the right type, one name
per entity.  Small invented sentences for each class of failure, and real pages."""

from __future__ import annotations

import json

import pytest
from fixtures import paths

from newsdesk.enrich.aliases import article_aliases, contracted, is_contraction
from newsdesk.enrich.entities import recognize
from newsdesk.enrich.ner.checks import is_generic_organisation, person_or_other


def _named(text: str) -> set[tuple[str, str]]:
    return {(e.type, e.canonical) for e in recognize(text)}


def _gold_body(folder: str, page_id: str) -> str:
    with (paths.DATA / folder / "gold.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            gold = json.loads(line)
            if gold["id"] == page_id:
                return str(gold["body"])
    raise LookupError(page_id)


# --- one character taken out of a longer word -----------------------------------------


@pytest.mark.parametrize(
    "text",
    ["两国元首推动中俄新时代全面战略协作伙伴关系。", "中美新能源合作取得进展。"],
)
def test_an_ambiguous_abbreviation_opening_the_next_word_is_no_place(text: str) -> None:
    assert not any(kind == "LOC" and name == "新加坡" for kind, name in _named(text))


def test_an_abbreviation_that_its_context_supports_stays_a_place() -> None:
    found = _named("中新两国关系发展良好。")
    assert ("LOC", "新加坡") in found
    assert ("LOC", "中国") in found


# --- kinds of organisations, places and companies typed as persons --------------------


@pytest.mark.parametrize("name", ["中心", "市委", "检察院", "海军", "该中心"])
def test_a_bare_kind_of_organisation_is_generic(name: str) -> None:
    assert is_generic_organisation(name)


@pytest.mark.parametrize(
    "name", ["国务院", "新华社", "北京大学", "雄安公安局", "BBC中文网", "农业部", "智利队"]
)
def test_a_named_organisation_is_not_generic(name: str) -> None:
    assert not is_generic_organisation(name)


def test_generic_organisations_are_not_listed() -> None:
    found = _named("该中心的一位女士说，市委已经开会，海军舰艇抵达当地。")
    assert not {("ORG", "中心"), ("ORG", "该中心"), ("ORG", "市委"), ("ORG", "海军")} & found


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("张家界", "LOC"),
        ("田独镇", "LOC"),
        ("杨孟庄", "LOC"),
        ("昆明电机厂", "ORG"),
        ("王建国", "PER"),
    ],
)
def test_a_person_whose_last_character_ends_places_or_companies(name: str, kind: str) -> None:
    assert person_or_other(name) == kind


def test_a_place_on_a_real_page_is_not_a_person() -> None:
    body = _gold_body("cwced", "05e98007-d810-4036-b154-2ef2fe68c2af")
    kinds = {e.type for e in recognize(body) if e.canonical == "张家界"}
    assert kinds == {"LOC"}


# --- aliases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("北大", "北京大学", True),
        ("质检总局", "国家质检总局", True),
        ("北京大学", "北京大学出版社", False),
        ("大学", "北京大学", False),
        ("人大", "北京大学", False),
    ],
)
def test_contractions(short: str, full: str, expected: bool) -> None:
    assert is_contraction(short, full) is expected


def test_a_contraction_merges_with_its_full_form_in_the_article() -> None:
    found = recognize("他在北京大学读书。后来北大的学生越来越多。")
    assert {e.canonical for e in found if e.type == "ORG"} == {"北京大学"}


def test_an_ambiguous_short_form_stays_itself() -> None:
    merged = article_aliases([("ORG", "外交部"), ("ORG", "中国外交部"), ("ORG", "俄罗斯外交部")])
    assert ("ORG", "外交部") not in merged


def test_a_place_with_and_without_its_level_is_one_place() -> None:
    assert article_aliases([("LOC", "台北市"), ("LOC", "台北")]) == {("LOC", "台北市"): "台北"}


@pytest.mark.parametrize(
    ("surface", "name"),
    [("BBC News", "BBC"), ("BBC广播电台", "BBC"), ("柯达公司", "柯达"), ("格兰仕集团", "格兰仕")],
)
def test_a_generic_tail_is_left_out_of_the_name(surface: str, name: str) -> None:
    assert contracted(surface, "ORG") == name


def test_a_name_that_is_only_its_form_keeps_it() -> None:
    assert contracted("公司", "ORG") == "公司"
    assert contracted("BBC", "ORG") == "BBC"


def test_short_and_full_forms_are_one_entity_on_a_real_page() -> None:
    body = _gold_body("daniel", "20120117_finance.huanqiu.com_371ddd8330897220bf1b9a60531e512")
    found = recognize(body)
    surfaces = {e.text for e in found if e.canonical == "国家质检总局"}
    assert {"国家质检总局", "质检总局"} <= surfaces
