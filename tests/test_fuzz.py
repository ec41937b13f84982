"""Hostile input through every way in: each input becomes articles or rejections with
their reasons, never a crash, never a hang.

Real pages mutated and framed right and wrong (`fixtures.fuzzing`), a few dozen per
way in here, ingested as `newsdesk ingest` takes a file (`fixtures.fuzz_target`);
`benchmarks/fuzz.py` draws the same strategies thousands of times.  Below them, one
small input for each crash the fuzzing found.
"""

from __future__ import annotations

import gzip
import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.fuzz_target import Outcome, feed_extractor, feed_file
from fixtures.fuzzing import STRATEGIES
from fixtures.paths import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk import read_page
from newsdesk.article import Article
from newsdesk.enrich.step import MAX_ENRICH_CHARS, bounded, enrich_article
from newsdesk.errors import Rejection, Skipped
from newsdesk.extract.html import dom
from newsdesk.ingestion import ingest
from newsdesk.readers import read_paths
from newsdesk.store import Store
from newsdesk.text.urls import join_url, split_url
from newsdesk.text.zones import DEFAULT_ZONE, page_zone

READERS = ("html", "text", "warc", "jsonl")
# Seconds one input may take before it counts as a hang: far above what any input
# needs, so a busy machine does not fail the test.
GUARD = 60.0
FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def accounted(outcome: Outcome) -> None:
    assert outcome.ok, outcome.crash or outcome.hang or outcome.problems


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of stalling for minutes if parsing is slow again."""

    def _timeout(signum: int, frame: object) -> None:
        raise TimeoutError("parsing stalled")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(int(GUARD))
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def store(folder: Path) -> Iterator[Store]:
    with Store.open(folder / "fuzz.db") as opened:
        yield opened


@pytest.mark.parametrize("way", READERS)
@FUZZ
@given(data=st.data())
def test_every_reader_input_becomes_articles_or_reasons(
    way: str, data: st.DataObject, folder: Path, store: Store
) -> None:
    suffix, strategy = STRATEGIES[way]
    assert suffix is not None
    accounted(feed_file(data.draw(strategy()), suffix, folder, store, enrich=False, guard=GUARD))


@settings(FUZZ, max_examples=6)
@given(data=st.data())
def test_enriched_ingest_of_hostile_input(data: st.DataObject, folder: Path, store: Store) -> None:
    way = data.draw(st.sampled_from(READERS))
    suffix, strategy = STRATEGIES[way]
    assert suffix is not None
    accounted(feed_file(data.draw(strategy()), suffix, folder, store, enrich=True, guard=GUARD))


@pytest.mark.parametrize("way", ["extract-html", "extract-text"])
@FUZZ
@given(data=st.data())
def test_extractors_take_any_text(way: str, data: st.DataObject) -> None:
    _, strategy = STRATEGIES[way]
    accounted(feed_extractor(data.draw(strategy()), way.split("-")[1], guard=GUARD))


# --- what the fuzzing found ------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://[::1", "http://[::1/a?b=1", "https://[zz]:x/", "http://a\uff03b.example/"]
)
def test_a_malformed_url_is_kept_and_read_around(url: str) -> None:
    page = f'<html><body><article><h1>标题</h1><p>{"正文内容。" * 40}</p><a href="{url}">链接</a>'
    page += f'<img src="{url}"></article></body></html>'
    article = read_page(page, kind="html", url=url)
    assert article.url == url and "正文内容" in article.text
    assert page_zone(url, None) == DEFAULT_ZONE
    assert split_url(url) is None
    assert join_url(url, "/x") == "/x" and join_url("https://a.example/", url) == url


def test_a_lone_surrogate_in_a_json_line_is_replaced(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    line = {"url": "https://a.example/\ud800", "text": "第一段\udc80新闻正文。" * 20}
    dump.write_text(json.dumps(line) + "\n", encoding="ascii")  # \ud800 as JSON escapes
    with Store.open(tmp_path / "s.db") as store:
        summary = ingest([dump], store, workers=1, enrich=False, stories=True, resume=False)
        assert summary.articles == 1
        (article,) = store.iter_articles()
    assert article.url == "https://a.example/\ufffd"
    assert "第一段\ufffd新闻正文" in article.text


def test_a_warc_whose_gzip_is_corrupt_from_the_start_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(
        gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" * 50)[:12] + bytes(range(256))
    )
    (item,) = read_paths([path])
    assert isinstance(item, Rejection)
    assert item.reason.startswith("corrupt gzip at record 1: ")


def test_an_archive_of_no_responses_is_one_skip(tmp_path: Path) -> None:
    block = b"GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"
    head = "WARC/1.0\r\nWARC-Type: {}\r\nWARC-Target-URI: http://a.example/\r\n"
    head += "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Length: {}\r\n\r\n"
    path = tmp_path / "requests.warc"
    path.write_bytes(
        b"".join(
            head.format(kind, len(block)).encode() + block + b"\r\n\r\n"
            for kind in ("request", "metadata", "request")
        )
    )
    (item,) = read_paths([path])
    assert isinstance(item, Skipped)
    assert item.reason == "not a page: no responses in the archive"


def test_an_element_with_a_flood_of_attributes_loses_them_not_the_page(alarm: None) -> None:
    flood = " ".join(f"a{n}=1" for n in range(100_000))  # minutes for the parser as it is
    page = f"<html><body><p>开头的一段。</p><p {flood}>中间</p><p>结尾的一段。</p></body></html>"
    tree, cut = dom.parse(page)
    assert cut
    assert tree.body is not None and tree.body.text() == "开头的一段。中间结尾的一段。"
    assert not tree.css_first("p[a1]")


def test_pages_with_long_tags_and_scripts_are_parsed_as_they_are() -> None:
    """Long data URIs, scripts full of `<` and comparisons: nothing to thin."""
    script = "<script>for(i=0;i<n;i++){" + " ".join(f"v{n}=a<b" for n in range(3000)) + "}</script>"
    image = '<img src="data:image/png;base64,' + "QUJD" * 50_000 + '">'
    pages = [script + image + "<p>正文</p>"]
    pages += [
        p.read_bytes().decode("utf-8", "replace")
        for p in sorted((EXAMPLES / "html").glob("*.html"))
    ]
    for page in pages:
        assert dom._thin_attributes(page) == (page, False)


@pytest.mark.parametrize("offset", ["+99:99", "-2400", "+24:00"])
def test_a_time_with_an_impossible_offset_is_no_time(offset: str) -> None:
    page = f"<html><body><h1>标题</h1><p>2024-03-01T10:00:00{offset}</p>"
    page += f"<p>{'正文内容。' * 40}</p></body></html>"
    assert read_page(page, kind="html").published is None
    dump = f"标题\n\n发布时间：2024-03-01 10:00:00 {offset}\n\n{'正文内容。' * 40}\n"
    assert read_page(dump, kind="text").published is None


def test_enrichment_reads_a_bounded_prefix_of_a_huge_body() -> None:
    paragraph = "新华社北京3月1日电 国务院总理在北京主持召开会议，研究经济工作。"
    body = [paragraph] * (3 * MAX_ENRICH_CHARS // len(paragraph))
    article = Article(id="a", origin="huge", title="会议", body=body)
    read = bounded(article)
    assert read.body[0] == paragraph and len(read.text) <= MAX_ENRICH_CHARS
    assert article.body == body and bounded(Article(id="b", origin="x", body=[paragraph])).body == [
        paragraph
    ]
    enriched = enrich_article(article)
    assert enriched.body == body and enriched.enrichment is not None
    assert enriched.enrichment.entities
