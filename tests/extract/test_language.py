"""The reader's language tag: scripts decide CJK and Greek, CLD2 names Latin and
Cyrillic languages (Polish was read as Portuguese by stopword counts, issue 14)."""

from __future__ import annotations

import json

import pytest
from fixtures import paths

from newsdesk.enrich.language import detect
from newsdesk.extract import language
from newsdesk.extract.html import read_html
from newsdesk.extract.language import detect_language

DANIEL = paths.DATA / "daniel"
PAGES_PER_LANGUAGE = 15


def _daniel_pages(lang: str, count: int | None = PAGES_PER_LANGUAGE) -> list[tuple[str, str]]:
    """(id, html) of the first daniel pages whose gold language is `lang`."""
    gold = DANIEL / "gold.jsonl"
    if not gold.is_file():
        pytest.skip("the shared evaluation pages are not available")
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    chosen = [r["id"] for r in rows if r["lang"] == lang][:count]
    return [(i, (DANIEL / "html" / f"{i}.html").read_text(encoding="utf-8")) for i in chosen]


@pytest.mark.parametrize("lang", ["pl", "en", "ru", "el"])
def test_real_pages_are_tagged_with_their_language(lang: str) -> None:
    pytest.importorskip("pycld2")
    for page_id, html in _daniel_pages(lang):
        assert read_html(html, id=page_id, origin=page_id).language == lang, page_id


def test_chinese_pages_stay_zh_in_either_script() -> None:
    """The reader tags simplified and traditional pages alike (`zh`); enrichment tells
    the scripts apart."""
    scripts = []
    for page_id, html in _daniel_pages("zh", count=None):
        article = read_html(html, id=page_id, origin=page_id)
        assert article.language == "zh", page_id
        scripts.append(detect("\n".join(article.body)))
    assert {"zh-Hans", "zh-Hant"} <= set(scripts)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Premier zapowiedział w środę, że rząd przedstawi nowy budżet jeszcze przed wakacjami.",
            "pl",
        ),
        (
            "O primeiro-ministro anunciou na quarta-feira que o governo apresentará um novo orçamento.",
            "pt",
        ),
        (
            "Premiér ve středu oznámil, že vláda představí nový rozpočet ještě před prázdninami.",
            "cs",
        ),
        (
            "Прем'єр-міністр у середу заявив, що уряд представить новий бюджет ще до відпусток.",
            "uk",
        ),
        (
            "Премьер-министр в среду заявил, что правительство представит новый бюджет до отпусков.",
            "ru",
        ),
        (
            "Ο πρωθυπουργός ανακοίνωσε την Τετάρτη ότι η κυβέρνηση θα παρουσιάσει νέο προϋπολογισμό.",
            "el",
        ),
        ("市交通部门今天发布消息，新开通的三条公交线路将连接城东。", "zh"),
        ("市交通部門今天發佈消息，新開通的三條公交線路將連接城東。", "zh"),
    ],
)
def test_languages_of_one_sentence(text: str, lang: str) -> None:
    pytest.importorskip("pycld2")
    assert detect_language(text) == lang


def test_control_characters_and_lone_surrogates_do_not_stop_the_identifier() -> None:
    pytest.importorskip("pycld2")
    text = "Premier zapowiedział\x00 w środę,\x1f że rząd \ud800przedstawi nowy budżet jeszcze przed wakacjami."
    assert detect_language(text) == "pl"


def test_without_the_identifier_stopwords_still_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_identifier", lambda: None)
    assert (
        detect_language("The city opened its first wind farm on Tuesday, officials said.") == "en"
    )
    assert detect_language("Правительство представит новый бюджет.") == "ru"
