"""Line checks that take a cheap first look before their pattern search (a word the
pattern needs, the character a credit ends with) still find what they look for:
anywhere in a long line, in any case, in either script."""

from __future__ import annotations

import pytest

from newsdesk.extract import credits, patterns
from newsdesk.extract.html import interface

PROSE = "The council met on Tuesday to discuss the budget for the coming year. " * 3


@pytest.mark.parametrize(
    "notice",
    [
        "本站仅提供信息存储空间服务，不拥有所有权。",
        "文章仅代表作者本人观点，不构成任何投资建议。",
        "图片来源于网络，如有版权问题请联系删除。",
        "未经许可，不得转载。",
        "本文系作者授权发表，转载请注明出处。",
        "無断転載を禁じます。",
        "This column DOES NOT NECESSARILY REFLECT THE VIEWS of the publisher.",
        "If you believe any content here infringes your rights, please contact us.",
    ],
)
def test_a_notice_phrase_is_found_deep_in_a_long_line(notice: str) -> None:
    assert patterns.is_disclaimer(PROSE + notice)


def test_prose_without_a_notice_phrase_is_no_disclaimer() -> None:
    assert not patterns.is_disclaimer(PROSE + "代表团周二抵达，服务区暂停营业。")


def test_footer_marks_count_on_short_lines_only() -> None:
    assert patterns.is_footer("Privacy Policy | Terms of Use | Contact Us | About Us")
    assert patterns.is_footer("Copyright 2024 The Daily Paper")
    assert not patterns.is_footer(PROSE * 3 + "Contact us with your questions.")
    assert patterns.is_footer(PROSE * 3 + "All Rights Reserved.")


@pytest.mark.parametrize(
    "line",
    [
        "Play Video CURRENT TIME 0:00 / Duration 1:02",
        "Download the App for breaking news alerts",
        "Want more? Sign up for our Newsletter",
        "FOLLOW US on social media",
        "This article needs additional citations for verification.",
        "This section is empty. You can help by adding to it.",
        "扫码关注我们的公众号",
    ],
)
def test_interface_lines_are_found_in_any_case(line: str) -> None:
    assert interface.is_interface(line)


def test_a_sentence_about_an_app_or_a_newsletter_is_no_interface() -> None:
    assert not interface.is_interface(PROSE + "The app and the newsletter were both redesigned.")


def test_a_caption_is_known_by_its_closing_credit() -> None:
    assert patterns.is_caption("市民在公园里散步。（记者 张三 摄）")
    assert patterns.is_caption("市民在公园里散步。 新华社记者李四 摄")
    assert not patterns.is_caption("市民在公园里散步，记者张三摄下了这一幕。")


def test_a_posters_credit_is_found_by_its_word_or_its_clock() -> None:
    assert credits.posted_by("duscha POSTED 12 March 2005") == "duscha"
    assert credits.posted_by("Reply #3 on 12.3.2005 22:36 by duscha") == "duscha"
    assert credits.posted_by(PROSE) is None
