"""One time-zone rule for both readers: the same page as HTML and as a text dump gets
the same published instant and the same offset, and the page's own offset is kept."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

import pytest
from render_text import render_text  # benchmarks/render_text.py: a browser's innerText

from newsdesk import read_page
from newsdesk.text.zones import page_zone

JAPANESE_PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">
<title>新型ロケットの打ち上げに成功 - 例えば新聞</title></head><body>
<nav><a href="/">トップ</a> <a href="/science">科学</a></nav>
<article><h1>新型ロケットの打ち上げに成功</h1><p class="date">2024年5月1日 10:30</p>
<p>宇宙航空研究開発機構は1日、種子島宇宙センターから新型ロケットを打ち上げ、予定の軌道に
衛星を投入したと発表した。関係者は記者会見で、今回の成功が今後の計画にとって大きな一歩に
なると述べた。</p>
<p>打ち上げは当初の予定より二日遅れたが、天候の回復を待って実施された。次の打ち上げは今年の
秋に予定されている。</p></article></body></html>"""
# Both readers once disagreed here: +00:00 from the HTML, +09:00 from the dump.
JAPANESE_TIME = datetime.fromisoformat("2024-05-01T10:30:00+09:00")
# Share of the Chinese evaluation pages on which both readers choose the same time (the
# rest differ in which time they take, a matter of extraction, not of zones).
SAME_TIME_FLOOR = 0.80


def _both(html: bytes, url: str) -> tuple[datetime | None, datetime | None]:
    from_html = read_page(html, kind="html", url=url).published
    from_dump = read_page(render_text(html.decode("utf-8", "replace")), kind="text", url=url)
    return from_html, from_dump.published


def _same(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and b is not None and a == b and a.utcoffset() == b.utcoffset()


@pytest.mark.parametrize(
    "url", ["https://www.example.co.jp/science/1.html", "https://news.example.com/science/1"]
)
def test_a_japanese_page_reads_at_japans_offset_from_html_and_from_its_dump(url: str) -> None:
    from_html, from_dump = _both(JAPANESE_PAGE.encode(), url)
    for found in (from_html, from_dump):
        assert found == JAPANESE_TIME and found.utcoffset() == timedelta(hours=9), url


def test_a_seed_as_html_and_as_its_dump_gives_one_instant_and_offset(seeds_dir: Path) -> None:
    text = (seeds_dir / "001_24aef3fd8e843ac8.txt").read_text("utf-8")
    gold = json.loads((seeds_dir / "001_24aef3fd8e843ac8.gold.json").read_text("utf-8"))
    lines = "".join(f"<p>{escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    html = f"<html><head><meta charset=utf-8></head><body>{lines}</body></html>"
    url = "https://www.163.com/dy/article/seed.html"
    from_html = read_page(html.encode(), kind="html", url=url).published
    from_dump = read_page(text, kind="text", url=url).published
    assert _same(from_html, from_dump)
    assert from_dump is not None  # the gold writes the page's wall clock, in China
    assert from_dump.replace(tzinfo=None) == datetime.fromisoformat(gold["published"])
    assert from_dump.utcoffset() == timedelta(hours=8)


def test_chinese_pages_as_html_and_as_dumps_agree_on_time_and_offset(shared_dir: Path) -> None:
    """Wherever both readers read the same clock time, they give it the same offset;
    and on most pages they read the same time."""
    both = same = 0
    for folder in ("cwced", "magic_html", "daniel"):
        for line in (shared_dir / "data" / folder / "gold.jsonl").read_text("utf-8").splitlines():
            gold = json.loads(line)
            if gold.get("lang") != "zh":
                continue
            html = (shared_dir / "data" / folder / "html" / f"{gold['id']}.html").read_bytes()
            a, b = _both(html, gold.get("url") or f"https://news.example.cn/{gold['id']}")
            if a is None or b is None:
                continue
            both += 1
            same += _same(a, b)
            if a.replace(tzinfo=None) == b.replace(tzinfo=None):
                assert a.utcoffset() == b.utcoffset(), (folder, gold["id"], a, b)
    assert both >= 100
    assert same / both >= SAME_TIME_FLOOR, (same, both)


@pytest.mark.parametrize(
    ("url", "language", "zone"),
    [
        ("https://www3.nhk.or.jp/news/1.html", "en", "Asia/Tokyo"),  # the domain first
        ("https://udn.com/news/story/1", "zh", "Asia/Shanghai"),
        ("https://www.chinatimes.com.tw/1", "zh", "Asia/Taipei"),
        (None, "ko", "Asia/Seoul"),
        ("https://example.com/a", "de", "UTC"),  # a language of no single zone
        ("https://example.com/a", "und", "Asia/Shanghai"),  # unknown: the default
        ("not a url", None, "Asia/Shanghai"),
    ],
)
def test_page_zone_reads_the_domain_then_the_language(
    url: str | None, language: str | None, zone: str
) -> None:
    assert page_zone(url, language) == zone
