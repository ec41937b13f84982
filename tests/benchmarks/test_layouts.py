"""The layout split the line model's training and the benchmark share."""

from __future__ import annotations

from pathlib import Path

import layouts  # benchmarks/layouts.py


def test_a_site_is_held_out_or_not_whatever_the_page() -> None:
    rows = [
        {"id": "a", "url": "https://www.example.org/x"},
        {"id": "b", "url": "http://example.org/y"},
    ]
    sites = {layouts.site_of("f", row, Path("missing.html")) for row in rows}
    assert sites == {"example.org"}


def test_numbered_test_cases_of_one_site_are_one_site() -> None:
    first = layouts.site_of("readability", {"id": "nytimes-2"}, Path("missing.html"))
    assert first == layouts.site_of("readability", {"id": "nytimes-4"}, Path("missing.html"))


def test_a_page_without_url_is_grouped_by_the_host_it_links_to(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        '<a href="http://news.example.cn/a">a</a><a href="http://news.example.cn/b">b</a>'
        '<a href="http://www.w3.org/TR">w3</a><a href="http://other.cn/">o</a>'
    )
    assert layouts.site_of("cwced", {"id": "p"}, page) == "news.example.cn"


def test_the_held_out_share_is_about_what_it_says() -> None:
    sites = [f"site{n}.example" for n in range(2000)]
    share = sum(layouts.held_out(s) for s in sites) / len(sites)
    assert abs(share - layouts.HELD_OUT_SHARE) < 0.05
