"""The outlet as source: declared names, title suffixes, source lines, hosts; junk rejected."""

from __future__ import annotations

import json
import re

import pytest
from fixtures import paths

from newsdesk.extract import outlet
from newsdesk.extract.html import read_html
from newsdesk.extract.textdump import read_dump

BODY = "".join(
    f"<p>第{i}段，记者从有关部门获悉，这项工作进展顺利，各方反响良好。</p>" for i in range(8)
)


def _page(*, title: str, site: str | None = None, source: str | None = None, h1: str = "") -> str:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    credit = f"<div class='info'>来源：{source}</div>" if source else ""
    return (
        f"<html><head><title>{title}</title>{meta}</head><body>"
        f"<h1>{h1 or title.split('_')[0]}</h1>{credit}<article>{BODY}</article></body></html>"
    )


def _read(html: str, url: str | None = None) -> tuple[str | None, str | None]:
    article = read_html(html, id="x", origin="x", url=url)
    return article.site, article.source


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("多地出台措施稳就业_新闻中心_新华网", "新华网"),
        ("多地出台措施稳就业 | 中央社", "中央社"),
        ("多地出台措施稳就业 - 新浪網 - 新聞", "新浪網"),
        ("多地出台措施稳就业-中新网", "中新网"),
        ("多地出台措施稳就业_要闻_某某", "某某"),  # the outer part of three is the site
    ],
)
def test_the_title_suffix_names_the_site(title: str, site: str) -> None:
    assert _read(_page(title=title))[0] == site


def test_a_lone_section_in_the_title_is_no_site() -> None:
    assert _read(_page(title="多地出台措施稳就业_商业频道"))[0] is None
    assert _read(_page(title="多地出台措施稳就业_振兴东北"))[0] is None


@pytest.mark.parametrize(
    "declared",
    ['size="20"', "http://www.example.com/", "多地出台措施稳就业，各方反响良好，记者获悉"],
)
def test_a_declared_name_that_is_no_name_gives_way(declared: str) -> None:
    html = _page(title="多地出台措施稳就业_要闻_河西日报网").replace(
        "</head>", f"<meta property='og:site_name' content='{declared}'></head>"
    )
    assert _read(html)[0] == "河西日报网"


def test_a_declared_name_wins() -> None:
    assert _read(_page(title="多地出台措施稳就业_要闻_某网", site="河西日报"))[0] == "河西日报"


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("http://news.xinhuanet.com/world/2012-01/12/c_1.htm", "新华网"),
        ("https://www.chinanews.com.cn/gn/2024/05-20/1.shtml", "中国新闻网"),
        ("https://blog.hexi-daily.com.cn/a/1.html", "hexi-daily.com.cn"),
        ("https://news.example.co.uk/a", "example.co.uk"),
        ("http://10.0.0.7/a.html", None),
    ],
)
def test_the_host_names_the_site_last(url: str, site: str | None) -> None:
    assert _read(_page(title="多地出台措施稳就业"), url=url)[0] == site


@pytest.mark.parametrize(
    ("source", "clean"),
    [
        ("[ 人民网 ]", "人民网"),
        ("新华日报", "新华日报"),
        ("转载文章", None),
        ('size="20"', None),
        ("http://www.example.com/news/1.html", None),
        ("多地出台措施稳就业，各方反响良好，记者从有关部门获悉", None),
    ],
)
def test_source_values_pass_the_same_test(source: str, clean: str | None) -> None:
    assert outlet.source_name(source) == clean
    assert outlet.source_name(f"来源：{source}") == clean


def test_a_source_that_is_the_headline_is_dropped() -> None:
    assert outlet.as_name("多地出台措施稳就业", headline="多地出台措施稳就业") is None
    assert outlet.as_name("公視新聞網", headline="公視新聞網") == "公視新聞網"


def test_the_pages_own_credit_names_the_site() -> None:
    own = _page(title="多地出台措施稳就业", source="本网")
    assert _read(own, url="https://www.people.com.cn/n/1.html") == ("人民网", "人民网")


def test_an_original_page_is_its_sources_outlet() -> None:
    dump = "原创\n多地出台措施稳就业\n来源：河西晚报\n" + "\n".join(
        f"第{i}段，记者从有关部门获悉，这项工作进展顺利，各方反响良好。" for i in range(8)
    )
    article = read_dump(dump, id="x", origin="x")
    assert article.original
    assert article.site == "河西晚报"


@pytest.mark.parametrize(
    ("crumbs", "site"),
    [
        ("您现在的位置：河西网首页 > 新闻 > 正文", "河西网"),
        ("科技时代 > 正文", None),  # a section, no site
    ],
)
def test_the_text_readers_breadcrumb(crumbs: str, site: str | None) -> None:
    dump = f"{crumbs}\n多地出台措施稳就业\n" + "\n".join(
        f"第{i}段，记者从有关部门获悉，这项工作进展顺利，各方反响良好。" for i in range(8)
    )
    assert read_dump(dump, id="x", origin="x").site == site


# --- real pages ----------------------------------------------------------------------

_TITLE = re.compile(r"<title>([^<]*)</title>", re.I)


def _chinese_pages(folder: str) -> list[tuple[dict, str]]:
    rows = map(json.loads, (paths.DATA / folder / "gold.jsonl").open(encoding="utf-8"))
    return [
        (row, (paths.DATA / folder / "html" / f"{row['id']}.html").read_text("utf-8"))
        for row in rows
        if row["lang"] == "zh"
    ]


def test_real_pages_credit_no_junk() -> None:
    junk = re.compile(r"[<>=\"]|https?:|www\.|[。！？]|位置")
    for row, html in _chinese_pages("cwced"):
        article = read_html(html, id=row["id"], origin=row["id"], url=row.get("url"))
        for value in (article.site, article.source):
            assert value is None or not junk.search(value), (row["id"], value)


def test_a_real_page_names_its_outlet_from_the_title() -> None:
    """Pages whose `<title>` ends `_…网` and declare no site name: that part is the site."""
    checked = 0
    for row, html in _chinese_pages("cwced"):
        m = _TITLE.search(html)
        suffix = re.search(r"_([\u4e00-\u9fff]{2,6}网)$", m.group(1).strip()) if m else None
        if suffix is None or "og:site_name" in html:
            continue
        article = read_html(html, id=row["id"], origin=row["id"])
        assert article.site == suffix.group(1), row["id"]
        checked += 1
    assert checked
