"""The tagger's fast paths give what the slow ones give: rjieba's words are jieba's, and
features restricted to the model's known strings are the full features minus the
strings the model has no weight for (which the tagger ignores anyway)."""

from __future__ import annotations

import json

import pytest
from fixtures import paths

from newsdesk.enrich.entities import chunk_spans, chunks, recognize
from newsdesk.enrich.ner import features as ner_features
from newsdesk.enrich.ner.features import features, fold, jieba_segment, segment
from newsdesk.enrich.ner.model import _known, _tagger, tag_spans

RARE_TEMPLATES = ("pc", "cn", "pn", "t3", "Wp", "Wn")
SAMPLES = [
    "外交部发言人耿爽在北京表示，中俄双方将加强合作。",
    "为AT&T定制 联想造型小本谍照泄露，详见it7t.com或3g.3guu.com，售价3.0万元，涨35%。",
    "我可没有说是C++或C#，型号35-105mm，邮箱nu@digifun.cn。",
    "据海峡网报道，“志愿者联盟”与美国1945军事网站|合作|方",
    "俄总统普京会见安德烈·鲁登科。\n",
    "a",
    "｜",
    "   ",
]


def _texts() -> list[str]:
    """The samples, and the seeds' bodies when the shared folder is there."""
    texts = list(SAMPLES)
    for path in sorted(paths.SEEDS.glob("*.gold.json")):
        texts.append("\n".join(json.loads(path.read_text(encoding="utf-8"))["body"]))
    return [piece for text in texts for _, piece in chunks(fold(text))]


@pytest.mark.skipif(ner_features._rust_tokenizer() is None, reason="rjieba is not installed")
def test_rjieba_cuts_like_jieba() -> None:
    for piece in _texts():
        assert segment(piece) == jieba_segment(piece), piece


def test_known_features_are_the_full_ones_the_model_can_use() -> None:
    attributes = {name for name, _ in _tagger().info().state_features}
    known = _known()
    for piece in _texts():
        tokens = jieba_segment(piece)
        full = features(piece, tokens)
        expected = [
            tuple(f for f in item if f.partition("=")[0] not in RARE_TEMPLATES or f in attributes)
            for item in full
        ]
        assert features(piece, tokens, known) == expected, piece


def test_tag_spans_is_unchanged_by_the_known_filter() -> None:
    """The labels from the restricted features are the labels from the full ones."""
    import pycrfsuite

    tagger = _tagger()
    for piece in _texts():
        tokens = jieba_segment(piece)
        tagger.set(pycrfsuite.ItemSequence(features(piece, tokens)))
        full = tagger.tag()
        tagger.set(pycrfsuite.ItemSequence(features(piece, tokens, _known())))
        assert tagger.tag() == full, piece
        assert isinstance(tag_spans(piece, tokens), list)


def test_a_repeated_sentence_gets_the_same_names_at_each_place() -> None:
    """Remembered chunks (`chunk_spans`) are shifted to where each repeat stands."""
    sentence = "外交部发言人耿爽在北京表示，中俄双方将加强合作。"
    once = recognize(sentence)
    twice = recognize("2024年。" + sentence + sentence)
    assert once
    shift = len("2024年。")
    assert [(e.text, e.type, e.start) for e in twice] == [
        (e.text, e.type, e.start + offset)
        for offset in (shift, shift + len(sentence))
        for e in once
    ]


def test_a_chunk_without_letters_holds_no_names() -> None:
    assert chunk_spans("2024-06-02 12:00:00，（3）") == ()
    assert recognize("123。456！——") == []
