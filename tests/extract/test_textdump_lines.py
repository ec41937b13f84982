"""The classes of dump on which the headline, the author or the publish time used to be
misread, each as a small invented dump: a credit line or a bare date line above the
headline, a field label beside the time, an English wire byline naming two reporters,
an English dateline, a button or label under the headline, a blog's sidebar dates
above it.  And the line model that ships with the reader: it loads and
gives every line a chance for each field."""

from __future__ import annotations

from datetime import date

from newsdesk.extract.textdump import linemodel, read_dump, read_lines
from newsdesk.extract.textdump.bylines import line_names, tidy_names

CREDIT_OVER_HEADLINE = (
    "社會 > 地方新聞\n\n聯合報 / 記者王小明／台北報導\n\n"
    "台北市捷運新線今日正式通車 沿線居民歡迎\n\n2024-05-20 14:05\n\n"
    "台北市捷運新線今天上午正式通車，市長出席通車典禮並搭乘首班列車，沿線居民紛紛前往體驗。\n\n"
    "市府表示，新線全長十二公里，設有十個車站，預計每日可載運八萬人次，將大幅縮短通勤時間。\n\n"
    "延伸閱讀\n"
)
DATE_OVER_HEADLINE = (
    "首頁 > 財經\n\n2024年5月20日\n\n央行宣布維持利率不變 市場反應平穩\n\n"
    "發布時間：2024-05-20 14:05\n\n"
    "中央銀行今天召開理監事會議，決議維持政策利率不變，符合市場預期，股市反應平穩。\n\n"
    "央行總裁在記者會上表示，將持續關注通膨走勢與國際經濟情勢，必要時採取適當措施。\n"
)
WIRE = (
    "Home | World | Business\n\nShip traffic resumes after canal blockage is cleared\n\n"
    "By Jane Doe and John Roe\n\nMarch 5, 2024\n\n"
    "Ships began moving through the canal again on Tuesday after salvage crews freed the "
    "container vessel that had blocked it for six days, officials said.\n\n"
    "The blockage held up hundreds of vessels and disrupted global supply chains already "
    "strained by the pandemic, analysts said.\n\nRelated stories\n"
)
BROADCASTER = (
    "Politics\n\nSenate passes the budget bill after a long night of debate\n\n"
    "Updated 3:04 PM EST, Tue March 5, 2024\n\n"
    "WASHINGTON — The Senate passed the budget bill early on Tuesday after a long night of "
    "debate, sending it to the president's desk.\n\n"
    "The measure funds the government through September and includes new money for "
    "disaster relief, lawmakers said.\n"
)

SHARE_UNDER_HEADLINE = (
    "Blog | Guides\n\nHow to plan a week of healthy lunches\n\nShare this\n\n"
    "Planning a week of lunches takes an hour on Sunday and saves money, time and a lot of "
    "last-minute takeaway orders during the busy working week.\n\n"
    "Start with three recipes you already like and cook them in larger batches, then keep "
    "the portions in the fridge for the first days of the week.\n"
)
BLOG_SIDEBAR = (
    "海边小屋\n\n博客信息\n\n日志:279\n\n建立于:2004年10月6日\n\n"
    "•\t博客精选文章一(截止2006年8月10日)\n\n"
    "[游记]昨天去金矿玩\n\nxiaowu 发表于 2005-3-21 01:20:44\n\n"
    "昨天我们一家人开车去了城外的老金矿，那里保留着一百多年前淘金时代的小镇和街道，游客可以亲手淘金。\n\n"
    "小镇上的店铺都按照当年的样子布置，店员穿着旧式服装，孩子们玩得非常开心，我们一直待到傍晚才回家。\n"
)


def read(text: str):  # type: ignore[no-untyped-def]
    return read_dump(text, id="t", origin="t.txt")


def test_a_credit_line_over_the_headline_is_the_author_not_the_title() -> None:
    article = read(CREDIT_OVER_HEADLINE)
    assert article.title == "台北市捷運新線今日正式通車 沿線居民歡迎"
    assert article.author == "王小明"


def test_a_bare_date_over_the_headline_is_not_the_title() -> None:
    article = read(DATE_OVER_HEADLINE)
    assert article.title == "央行宣布維持利率不變 市場反應平穩"
    assert article.published is not None and article.published.date() == date(2024, 5, 20)


def test_a_publish_time_label_is_never_the_author() -> None:
    assert read(DATE_OVER_HEADLINE).author is None


def test_a_wire_byline_gives_each_reporter() -> None:
    article = read(WIRE)
    assert article.title == "Ship traffic resumes after canal blockage is cleared"
    assert article.author == "Jane Doe, John Roe"


def test_an_english_dateline_is_the_publish_time() -> None:
    for text in (WIRE, BROADCASTER):
        published = read(text).published
        assert published is not None and published.date() == date(2024, 3, 5)


def test_a_button_or_label_under_the_headline_is_no_author() -> None:
    assert read(SHARE_UNDER_HEADLINE).author is None
    for words in ("Share this", "published on", "See Pricing", "Posted in News Release"):
        assert line_names(words) is None


def test_a_sidebar_date_above_the_post_is_not_its_publish_time() -> None:
    published = read(BLOG_SIDEBAR).published
    assert published is not None and published.date() == date(2005, 3, 21)


def test_latin_bylines_are_cut_to_their_names() -> None:
    assert line_names("Aaron Ricadela | Senior Writer | July 2, 2025") == "Aaron Ricadela"
    assert line_names("Written By: Jane Doe, Staff Writer") == "Jane Doe"
    assert line_names("Posted on August 15, 2025 by Tasha Amy") == "Tasha Amy"
    assert line_names("by the time we got there") is None
    assert tidy_names("by Meaghan Weeden ●") == "Meaghan Weeden"


def test_the_shipped_line_model_rates_every_line() -> None:
    r, title_at, span = read_lines(WIRE)
    guess = linemodel.guess(r, title_at, span)
    assert set(guess.chances) == set(linemodel.FIELDS)
    for chances in guess.chances.values():
        assert len(chances) == len(guess.lines)
        assert all(0.0 <= p <= 1.0 for p in chances)
