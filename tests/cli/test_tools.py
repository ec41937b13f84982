"""`newsdesk classify` reads articles as users pipe them in: title<TAB>text, JSON, titles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.cli.tools import classify_input
from newsdesk.enrich.channel import classify

ARTICLES = 12  # cnews articles piped in per test: enough channels, still quick


@pytest.fixture(scope="module")
def articles(shared_dir: Path) -> list[str]:
    lines = (shared_dir / "data" / "cnews" / "articles.txt").read_text("utf-8").splitlines()
    # every 40th article: spread over the file's channels
    return [line.partition("\t")[2] for line in lines[::40][:ARTICLES]]


def _classify(lines: list[str]) -> list[str]:
    done = CliRunner().invoke(main, ["classify"], input="\n".join(lines) + "\n")
    assert done.exit_code == 0, done.output
    return done.output.splitlines()


def test_title_tab_text_and_json_reach_the_model_as_text(articles: list[str]) -> None:
    expected = [classify("", text)[0] for text in articles]
    assert _classify([f"\t{text}" for text in articles]) == expected
    as_json = [json.dumps({"text": text}, ensure_ascii=False) for text in articles]
    assert _classify(as_json) == expected


def test_a_line_that_is_neither_stays_a_title(articles: list[str]) -> None:
    titles = ["国足客场负于日本", "{not json", '{"url": "https://x.cn/"}', "[1, 2]"]
    assert _classify(titles) == [classify(t)[0] for t in titles]


def test_classify_input_splits_on_the_first_tab_and_reads_json_fields() -> None:
    assert classify_input("题\t文\t更多") == ("题", "文\t更多")
    assert classify_input('{"title": "题", "text": "文"}') == ("题", "文")
    assert classify_input('{"title": "题"}') == ("题", None)
    assert classify_input('{"title": 3, "text": "文"}') == ("", "文")
    assert classify_input("只有标题") == ("只有标题", None)


def test_an_empty_line_gives_an_empty_line() -> None:
    assert _classify(["国足客场负于日本", "", "\t"])[1:] == ["", ""]
