"""The channel model and the channel a page's list heading names."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsdesk.enrich.channel import (
    CHANNELS,
    MODEL_PATH,
    ChannelModel,
    Expert,
    channel_from_heading,
    classify,
)


def test_model_is_shipped_and_small() -> None:
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 20_000_000


@pytest.mark.parametrize(
    ("title", "channel"),
    [
        ("湖人加时险胜凯尔特人 科比砍下40分", "sports"),
        ("沪指震荡收涨 券商股午后拉升 两市成交放量", "stocks"),
        ("北京楼市成交量环比上涨 二手房价格企稳", "realty"),
        ("《魔兽世界》新资料片公测开启 玩家涌入新服务器", "games"),
        ("教育部:今年高考报名人数创新高", "education"),
        ("新款SUV上市 搭载1.5T发动机 售价12万起", "autos"),
        ("歼-20战机编队飞行 航母编队远海训练", "military"),
        ("周杰伦新专辑发布 演唱会门票秒光", "entertainment"),
    ],
)
def test_obvious_headlines(title: str, channel: str) -> None:
    got, confidence = classify(title)
    assert got == channel, (title, got, confidence)
    assert 0 < confidence <= 1


def test_a_full_article_is_read_too() -> None:
    body = "新浪体育讯 北京时间昨晚,湖人主场迎战凯尔特人,科比全场砍下40分,湖人加时取胜。"
    assert classify("", body)[0] == "sports"


def test_answer_can_be_limited_to_a_portals_channels() -> None:
    got, _ = classify("美国总统特朗普与俄罗斯总统普京通话", channels={"world", "sports"})
    assert got == "world"


def test_every_answer_is_in_the_taxonomy() -> None:
    for title in ("", "hello", "测试", "12345"):
        assert classify(title)[0] in CHANNELS


@pytest.mark.parametrize(
    ("heading", "channel"),
    [
        ("军事要闻", "military"),
        ("体育要闻", "sports"),
        ("娱乐要闻", "entertainment"),
        ("财经要闻", "finance"),
        ("科技要闻", "tech"),
        ("汽车要闻", "autos"),
        ("旅游要闻", "travel"),
        ("教育要闻", "education"),
        ("家居要闻", "home"),
        ("艺术要闻", "culture"),
        ("國際新聞", "world"),
        ("头条要闻", None),
        ("本地新闻", None),
        (None, None),
    ],
)
def test_channel_from_heading(heading: str | None, channel: str | None) -> None:
    assert channel_from_heading(heading) == channel


def _tiny(**kw: object) -> ChannelModel:
    """A two-channel model whose tf-idf part knows one unused feature only."""
    return ChannelModel(
        ["zz"],
        np.ones(1),
        np.zeros((1, 2)),
        np.zeros(2),
        ("sports", "tech"),
        **kw,  # type: ignore[arg-type]
    )


def test_word_table_scores_words_the_tfidf_part_never_saw(tmp_path: Path) -> None:
    model = _tiny(words=["篮球", "手机"], word_scores=np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert model.predict("篮球")[0] == "sports"
    assert model.predict("手机")[0] == "tech"
    model.save(tmp_path / "m.npz")
    again = ChannelModel.load(tmp_path / "m.npz")
    assert again.predict("手机")[0] == "tech"
    assert again.headline_expert is None


@pytest.mark.parametrize(("bias", "channel"), [(-20.0, "sports"), (20.0, "tech")])
def test_gate_mixes_the_two_experts(tmp_path: Path, bias: float, channel: str) -> None:
    own = np.array([[2.0, 0.0], [2.0, 0.0]])  # the model itself says sports
    other = np.array([[0.0, 2.0], [0.0, 2.0]])  # the headline expert says tech
    model = _tiny(words=["篮球", "手机"], word_scores=own)
    model.headline_expert = Expert(np.zeros((1, 2)), np.zeros(2), other, np.zeros(1), bias)
    assert model.predict("篮球")[0] == channel
    model.save(tmp_path / "m.npz")
    assert ChannelModel.load(tmp_path / "m.npz").predict("篮球")[0] == channel


def test_shipped_model_has_its_word_table_and_headline_expert() -> None:
    model = ChannelModel.load(MODEL_PATH)
    assert len(model.words) > 10_000
    assert model.word_scores.shape == (len(model.words), len(model.classes))
    assert model.headline_expert is not None
