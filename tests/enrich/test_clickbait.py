"""The sensational-headline score: seeds' titles above plain ones, with reasons."""

from __future__ import annotations

import json

from fixtures import paths

from newsdesk.enrich.clickbait import enrich, explain, score

SEEDS = paths.SEEDS
LABELS = paths.REPO / "data" / "clickbait_labels.tsv"
PLAIN = [
    "严重违纪违法,陈俊生被“双开”",
    "伊朗被指将铀库存转至俄罗斯 克宫首次回应",
    "胡锦涛会见韩国总统李明博",
    "贵旅集团2026年春季产品推介会在贵阳举行",
]


def _seed_titles() -> list[str]:
    return [
        json.loads(p.read_text(encoding="utf-8"))["title"]
        for p in sorted(SEEDS.glob("*.gold.json"))
    ]


def test_seed_titles_score_above_plain_headlines() -> None:
    titles = _seed_titles()
    assert len(titles) >= 2
    assert min(score(t) for t in titles) > max(score(p) for p in PLAIN)
    assert min(score(t) for t in titles) > 0.8


def test_reasons_name_the_guide_criteria() -> None:
    fired = explain("俄乌大结局来了?重磅消息传出,普京、泽连斯基将会面?中方收重要信号")
    assert {"stacked !/?", "hype word", "teaser"} <= set(fired)
    assert "vague referent" in explain("这国代总统不好当,刚拿到军权,就收到命令")
    assert "number bait" in explain("70岁后想多活30年,记住这5句话,活好余生每一日")


def test_quoted_exclamations_are_the_speakers() -> None:
    assert "stacked !/?" not in explain("男子落网,称“我没钱过年!黄金很值钱!”")


def test_english_shouting() -> None:
    assert score("You WON'T BELIEVE what this senator said next") > score(
        "Senate passes the budget bill"
    )


def test_enrich_scores_a_headline_and_names_what_fired() -> None:
    out = enrich("大逆转!近百亿,加仓!")
    assert out is not None and 0 <= out.score <= 1 and out.features
    assert enrich(None) is None


def test_labelled_set_is_large_enough_and_well_formed() -> None:
    rows = LABELS.read_text(encoding="utf-8").splitlines()
    assert len(rows) >= 200
    assert all(r.rsplit("\t", 1)[1] in ("0", "1") for r in rows)
