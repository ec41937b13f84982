"""The classes of dump on which the headline, the author or the publish time used to be
misread, each as a small invented dump: a credit line or a bare date line above the
headline, a field label beside the time, an English wire byline naming two reporters,
an English dateline.  And the line model that ships with the reader: it loads and
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
