"""Entities: the seeds' gold names with their types, canonical names, offsets, bad input."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from fixtures import paths

from newsdesk.enrich.entities import Entity, canonical_name, entity_counts, recognize

SEEDS = paths.SEEDS
GOLD = sorted(SEEDS.glob("*.gold.json"))
GOLD_TYPES = {"person": "PER", "place": "LOC", "org": "ORG"}


def _seed_body(gold_path: Path) -> str:
    """The gold body paragraphs, each checked to be a line of the seed's text dump."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    dump = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    lines = {line.strip() for line in dump.read_text(encoding="utf-8").splitlines()}
    for paragraph in gold["body"]:
        assert paragraph.strip() in lines
    return "\n".join(gold["body"])


@pytest.fixture(params=GOLD, ids=[p.name[:3] for p in GOLD])
def seed(request: pytest.FixtureRequest) -> tuple[dict, list[Entity]]:
    if not GOLD:
        pytest.skip("the shared seeds are not available")
    gold = json.loads(request.param.read_text(encoding="utf-8"))
    return gold, recognize(_seed_body(request.param))


def _found(entities: list[Entity]) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in entities}


def test_both_seeds_are_there() -> None:
    if not SEEDS.is_dir():
        pytest.skip("the shared seeds are not available")
    assert len(GOLD) >= 2


def test_every_gold_entity_is_found_with_its_type(seed: tuple[dict, list[Entity]]) -> None:
    gold, entities = seed
    found = _found(entities)
    missing = [
        (name, GOLD_TYPES[kind])
        for kind, names in gold["entities"].items()
        for name in names
        if (name, GOLD_TYPES[kind]) not in found
    ]
    assert not missing


def test_no_gold_entity_also_has_a_wrong_type(seed: tuple[dict, list[Entity]]) -> None:
    gold, entities = seed
    expected = {
        name: GOLD_TYPES[kind] for kind, names in gold["entities"].items() for name in names
    }
    wrong = {
        (e.text, e.type) for e in entities if e.text in expected and e.type != expected[e.text]
    }
    assert not wrong


def test_seed_offsets_are_character_offsets(seed: tuple[dict, list[Entity]]) -> None:
    gold, entities = seed
    body = "\n".join(gold["body"])
    assert entities
    for entity in entities:
        assert body[entity.start : entity.end] == entity.text
        assert entity.type in {"PER", "LOC", "ORG"}


@pytest.mark.parametrize("text", ["俄总统普京表示", "弗拉基米尔·普京表示", "普京表示"])
def test_putin_written_three_ways_is_one_person(text: str) -> None:
    people = [e for e in recognize(text) if e.type == "PER"]
    assert [e.canonical for e in people] == ["普京"]


def test_title_before_a_name_is_not_part_of_it() -> None:
    entities = recognize("俄总统普京表示")
    assert ("俄", "LOC") in _found(entities)
    assert ("普京", "PER") in _found(entities)
    assert next(e for e in entities if e.text == "俄").canonical == "俄罗斯"


def test_counts_put_every_spelling_under_one_name() -> None:
    counts = entity_counts(recognize("俄总统普京会见客人。弗拉基米尔·普京随后表示，普京将出席。"))
    assert counts["PER", "普京"] == 3


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("俄乌冲突仍在继续。", ["俄罗斯", "乌克兰"]),
        ("中俄关系成熟稳定。", ["中国", "俄罗斯"]),
        ("要求美欧解除对俄制裁。", ["美国", "欧洲"]),
        ("俄外长拉夫罗夫表示。", ["俄罗斯"]),
    ],
)
def test_abbreviations_are_places(text: str, places: list[str]) -> None:
    entities = recognize(text)
    found = {e.canonical for e in entities if e.type == "LOC"}
    assert set(places) <= found
    assert not any(e.type == "PER" and len(e.text) == 1 for e in entities)


def test_abbreviation_in_ordinary_words_is_no_place() -> None:
    entities = recognize("他们非法加以利用，中西部的美德。")
    assert not [e for e in entities if len(e.text) == 1]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("支持乌克兰的“志愿者联盟”峰会", "志愿者联盟"),
        ("牵头成立“和平之友”小组。", "和平之友"),
        ("据海峡网报道，谈判结束。", "海峡网"),
        ("俄罗斯外交部副部长表示", "俄罗斯外交部"),
    ],
)
def test_organisations_from_quotes_sources_and_places(text: str, org: str) -> None:
    assert (org, "ORG") in _found(recognize(text))


def test_transliterated_names_after_titles_and_with_dots() -> None:
    found = _found(recognize("乌克兰代表团团长乌梅罗夫表示，副部长安德烈·鲁登科称"))
    assert ("乌梅罗夫", "PER") in found
    assert ("安德烈·鲁登科", "PER") in found


def test_canonical_names() -> None:
    assert canonical_name("弗拉基米尔·普京", "PER") == "普京"
    assert canonical_name("安德烈·鲁登科", "PER") == "鲁登科"
    assert canonical_name("俄", "LOC") == "俄罗斯"
    assert canonical_name("美", "LOC") == "美国"
    assert canonical_name("志愿者联盟", "ORG") == "志愿者联盟"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "😀🇨🇳普京😀",
        "普京\ud800表示\udfff",
        "“”「」《》·",
        "a" * 100_000,
        "普京表示，" * 20_000,
        "\x00\u200b\ufeff俄乌",
    ],
    ids=[
        "empty",
        "space",
        "newlines",
        "emoji",
        "surrogates",
        "quotes",
        "latin-100k",
        "cjk-100k",
        "controls",
    ],
)
def test_hostile_text_does_not_raise(text: str) -> None:
    entities = recognize(text)
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
        assert 0 <= entity.start < entity.end <= len(text)


def test_entities_are_in_text_order_and_do_not_overlap() -> None:
    entities = recognize("据环球时报报道，法国总统马克龙、英国首相斯塔默在巴黎会面。中俄关系稳定。")
    for a, b in itertools.pairwise(entities):
        assert a.end <= b.start


def test_a_character_written_three_times_running_is_no_name() -> None:
    from newsdesk.enrich.ner.rules import clean_model_spans

    text = "超超超美的乐乐，唐唐唐唐秋云，魏晨魏晨"
    spans = [(0, 3, "PER"), (5, 7, "PER"), (8, 12, "PER"), (15, 19, "PER")]
    assert clean_model_spans(text, spans) == [
        (5, 7, "PER"),
        (15, 17, "PER"),
        (17, 19, "PER"),
    ]


def test_a_traditional_rendering_names_the_same_entities_in_simplified(
    seed: tuple[dict, list[Entity]],
) -> None:
    import opencc

    gold, simplified = seed
    body = "\n".join(gold["body"])
    traditional = recognize(opencc.OpenCC("s2t").convert(body))
    assert [(e.canonical, e.type) for e in traditional] == [
        (e.canonical, e.type) for e in simplified
    ]
    # the mention keeps the page's own spelling
    assert {e.text for e in traditional} != {e.text for e in simplified}
