"""A list's lead skips the labels a player or a picture left at the top of a body."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.article import Article, Page
from newsdesk.store import Store, queries
from newsdesk.text.leads import is_label

LABELS = ["音频 04:29", "视频 02:13", "资料图", "资料图片", "（资料图）", "图片来源：视觉中国",
          "视频加载中...", "04:29", "【视频】", "Video 1:02", "点击播放",
          "Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", "Published: 3 March 2024",
          "发布时间：2024-03-09 10:00", "更新于 2024年3月9日"]  # fmt: skip
TEXT = ["图书市场迎来新变化", "视频平台用户突破十亿。", "音频产业去年收入增长两成，业内人士称前景可期",
        "新华社北京3月9日电", "Updated guidance was posted by the agency on Monday.",
        "Published reports say the talks will resume.", "更新换代的速度越来越快"]  # fmt: skip


@pytest.mark.parametrize("line", LABELS)
def test_media_labels_are_no_lead(line: str) -> None:
    assert is_label(line)


@pytest.mark.parametrize("line", TEXT)
def test_text_is_a_lead(line: str) -> None:
    assert not is_label(line)


def test_lists_show_the_first_line_of_text(shared_dir: Path, tmp_path: Path) -> None:
    """An article whose body, as its reader kept it, opens with a player's and a
    picture's labels: lists show its first line of text."""
    lines = (shared_dir / "data" / "cnews" / "articles.txt").read_text("utf-8").splitlines()
    text = lines[7].split("\t", 1)[1]
    body = ["音频 04:29", "资料图", text[:200], text[200:400]]
    article = Article(id="a1", origin="a1", title="新闻标题", body=body)
    page = Page(origin="a1", kind="text", text="\n".join(["新闻标题", *body]))
    with Store.open(tmp_path / "s.db") as store:
        store.add([(page, article)])
        (listed,) = queries.latest(store.connection).items
        kept = store.get("a1")
    assert kept is not None and kept.body[:2] == ["音频 04:29", "资料图"]  # kept as read
    assert listed.lead.rstrip("…") == text[: len(listed.lead.rstrip("…"))]
    assert "音频" not in listed.lead and "资料图" not in listed.lead
