"""Language detection and the simplified-Chinese normal form used for search."""

from __future__ import annotations

import pytest

from newsdesk.enrich.language import detect
from newsdesk.text.normal import normal_form, query_form, to_simplified


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("法国总统马克龙在巴黎举行支持乌克兰的峰会,讨论对乌军事援助。", "zh-Hans"),
        ("法國總統馬克龍在巴黎舉行支持烏克蘭的峰會,討論對烏軍事援助。", "zh-Hant"),
        ("The French president held a summit in Paris on Thursday with the leaders.", "en"),
        ("東京で記者会見が行われ、首相は新しい政策について説明した。", "ja"),
        ("서울에서 기자회견이 열렸고 대통령은 새로운 정책을 설명했다.", "ko"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_traditional_folds_to_simplified() -> None:
    assert to_simplified("馬克龍與澤連斯基會晤") == "马克龙与泽连斯基会晤"
    assert normal_form("俄羅斯總統普京") == normal_form("俄罗斯总统普京") == "俄罗斯总统普京"


def test_query_form_matches_documents_either_way() -> None:
    assert query_form("馬克龍") in normal_form("法国总统马克龙表示")
    assert query_form("马克龙") in normal_form("法國總統馬克龍表示")


def test_normal_form_folds_width_and_case() -> None:
    assert normal_form("ＡＭＤ股價") == "amd股价"


def test_japanese_kanji_are_not_simplified() -> None:
    assert normal_form("東京で記者会見", language="ja") == "東京で記者会見"
