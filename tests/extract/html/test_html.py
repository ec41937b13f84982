"""The HTML reader: body, captions and boilerplate apart, metadata, lists, and guards.

The example pages under `examples/html/` are invented portal pages (one in GBK, one in
Big5, one in English); the small pages inline here each pin one behaviour.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from fixtures import paths

from newsdesk.extract.html import dom, read_html, walk

EXAMPLES = paths.EXAMPLES / "html"
CST = timezone(timedelta(hours=8))


def read_example(name: str, encoding: str, url: str | None = None):
    html = (EXAMPLES / name).read_bytes().decode(encoding)
    return read_html(html, id="t", origin=str(EXAMPLES / name), url=url)


def page(body: str, head: str = "", url: str | None = None, fetched: datetime | None = None):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_html(html, id="t", origin="inline", url=url, fetched=fetched)


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


EN_TEXT = (
    "The new line links five neighbourhoods and two schools, officials said on Monday.",
    "Buses will run every ten minutes at peak hours and every twenty minutes otherwise.",
    "Residents on the first bus said the trip to the hospital no longer needs a change.",
)
ZH_TEXT = (
    "新的公交线路今天开通，沿途经过五个社区和两所学校，方便了居民出行。",
    "交通部门表示，线路开通后将根据客流情况调整发车间隔，高峰时段加密班次。",
    "不少居民在首班车上表示，以前去医院要换乘两次，现在一趟车就能到达。",
)


# --- the GBK portal page -------------------------------------------------------------


@pytest.fixture(scope="module")
def portal():
    return read_example(
        "zh_portal.gbk.html", "gbk", "https://news.example.cn/2024/05/20/a1024.html"
    )


def test_portal_body_keeps_paragraphs_quote_and_list_items(portal):
    text = portal.text
    for must in (
        "本报讯 近日，长江沿岸的三座城市",
        "投放错误时会发出语音提示",
        "“以前分不清干垃圾和湿垃圾",  # block quote
        "分类准确率是否明显提高",  # list item inside the article
        "设备维护的成本是否可以承受",
        "决定是否在更多社区推广",
    ):
        assert must in text
    assert portal.body[0].startswith("本报讯")  # reading order, indentation stripped


def test_portal_body_has_no_boilerplate(portal):
    text = portal.text
    for must_not in (
        "首页",  # navigation
        "分享到",  # share bar
        "相关新闻",
        "沿江城市推进污水治理工程",  # related list
        "某地举办端午龙舟邀请赛",  # hot list
        "用户甲",  # comments
        "版权所有",  # footer
        "隐藏的推广文字",  # display:none
        "另一段隐藏文字",  # hidden attribute
        "请开启脚本",  # <noscript>
        "脚本里的文字",  # <script>
        "责任编辑",  # editor line
        "资料图",  # caption
        "声明",  # the author's statement is kept apart
        "长江沿岸城市试点新型垃圾分类站",  # the headline is not body
    ):
        assert must_not not in text, must_not


def test_portal_caption_statement_and_image(portal):
    assert portal.captions == ["社区居民在新型分类站投放垃圾（资料图）"]
    assert portal.statement == "声明：个人观察，仅供参考"
    assert [i.url for i in portal.images] == ["https://news.example.cn/img/2024/station.jpg"]
    assert portal.images[0].caption == "社区居民在新型分类站投放垃圾（资料图）"


def test_portal_metadata(portal):
    assert portal.title == "长江沿岸城市试点新型垃圾分类站"  # `_星河新闻网` removed
    assert portal.site == "星河新闻网"
    assert portal.author == "林晓舟"
    assert portal.editor == "周明"
    assert portal.source == "新华社"
    assert portal.language == "zh"
    assert portal.canonical_url == "https://news.example.cn/2024/05/20/a1024.html"
    assert portal.published == datetime(2024, 5, 20, 9, 30, 15, tzinfo=CST)
    assert portal.published_source == "text"
    assert portal.timezone_assumed is True


def test_portal_lists_are_typed_blocks_with_their_own_times(portal):
    kinds = {b.kind: b for b in portal.lists}
    assert set(kinds) >= {"related", "hot", "comments"}
    related = kinds["related"]
    assert related.heading == "相关新闻"
    assert [i.title for i in related.items] == [
        "沿江城市推进污水治理工程",
        "社区积分制度受到居民欢迎",
        "新型环保设备亮相城市博览会",
    ]
    assert related.items[0].time == datetime(2024, 5, 18, 10, 0, tzinfo=CST)
    assert related.items[0].url == "https://news.example.cn/a/2024/0518.html"
    assert all("关于我们" not in i.title for b in portal.lists for i in b.items)


# --- the Big5 page and the English page ----------------------------------------------


def test_big5_page():
    a = read_example("zh_tw.big5.html", "big5")
    assert a.title == "山城老街重現百年茶市"
    assert a.author == "陳怡君"
    assert a.language == "zh"
    assert a.published == datetime(2024, 3, 5, 14, 20, tzinfo=CST)
    assert a.published_source == "jsonld"
    assert a.timezone_assumed is False
    assert a.updated == datetime(2024, 3, 5, 18, 0, tzinfo=CST)
    assert len(a.body) == 4 and a.body[0].startswith("山城老街五日重現")
    assert a.captions == ["老街上的茶農沿路擺攤，吸引遊客駐足品茶。"]
    for must_not in ("記者", "熱門新聞", "港口城市", "版權所有", "分享", "首頁"):
        assert must_not not in a.text, must_not


def test_english_page_keeps_every_short_paragraph():
    a = read_example("en_news.html", "utf-8", "https://gazette.example.com/news/2024/06/03/x")
    assert a.body[0] == "A converted ferry now lends books."
    assert "It docks at the old pier on weekdays." in a.body
    assert a.body[-1] == "The council will review the project in the autumn."
    assert len(a.body) == 8
    for must_not in ("cookies", "Sign up", "morning briefing", "Related Stories", "Pier repairs",
                     "All rights reserved", "Screen readers", "By Maria Lopez"):  # fmt: skip
        assert must_not not in a.text, must_not
    assert a.captions == ["The ferry library moored at the old pier on Monday."]


def test_english_page_metadata():
    a = read_example("en_news.html", "utf-8")
    assert a.title == "Harbor Town Opens a Floating Library"  # ` - Coastal Gazette` removed
    assert a.author == "Maria Lopez"
    assert a.language == "en"
    assert a.published == datetime(2024, 6, 3, 8, 15, tzinfo=timezone(timedelta(hours=-4)))
    assert a.published_source == "jsonld" and a.timezone_assumed is False
    [related] = a.lists
    assert related.kind == "related" and len(related.items) == 3


# --- titles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("局势失控！多国联合行动_网易订阅", "局势失控！多国联合行动"),
        ("俄乌谈判出现新进展|新浪新闻", "俄乌谈判出现新进展"),
        ("Storm closes coastal roads - BBC News", "Storm closes coastal roads"),
    ],
)
def test_title_site_suffix_removed(tag: str, expected: str):
    a = page(paragraphs(*ZH_TEXT), head=f"<title>{tag}</title>")
    assert a.title == expected


def test_title_prefers_the_headline_the_tags_agree_with():
    head = "<title>公交新线今天开通 - 城市频道 - 某某网</title>"
    a = page("<h1>公交新线今天开通</h1>" + paragraphs(*ZH_TEXT), head=head)
    assert a.title == "公交新线今天开通"


def test_title_keeps_a_short_h1_that_the_tags_word_longer():
    head = "<title>Height Adjustable Standing Desks | Desk Shop</title>"
    a = page("<h1>Standing desks</h1>" + paragraphs(*EN_TEXT), head=head)
    assert a.title == "Standing desks"


def test_title_h1_naming_the_site_gives_way_to_the_tags():
    head = "<title>What is Ownership? - The Rust Programming Language</title>"
    a = page("<h1>The Rust Programming Language</h1>" + paragraphs(*EN_TEXT), head=head)
    assert a.title == "What is Ownership?"


def test_title_h1_that_is_the_first_part_of_the_tag():
    head = "<title>News | National Student Support Accelerator</title>"
    assert page("<h1>News</h1>" + paragraphs(*EN_TEXT), head=head).title == "News"


def test_title_badge_and_edit_link_in_the_h1():
    head = '<meta property="og:title" content="Social login options like Facebook">'
    body = "<h1>Question Social login options like Facebook</h1>" + paragraphs(*EN_TEXT)
    assert page(body, head=head).title == "Social login options like Facebook"
    wiki = page("<h1>雄安新区[编辑]</h1>" + paragraphs(*ZH_TEXT))
    assert wiki.title == "雄安新区"


def test_title_tag_wording_before_a_site_part():
    head = "<title>Nintendo Switch – OLED Model - Nintendo - Official Site</title>"
    a = page("<h1>Nintendo Switch - OLED Model</h1>" + paragraphs(*EN_TEXT), head=head)
    assert a.title == "Nintendo Switch – OLED Model"


def test_title_cookie_banner_h1_is_no_headline():
    head = "<title>Weekly market report - Example News</title>"
    body = "<h1>We use cookies to improve your experience on our site</h1>" + paragraphs(*EN_TEXT)
    assert page(body, head=head).title == "Weekly market report"


# --- authors, editors, sources --------------------------------------------------------------


def test_author_is_not_the_editor():
    body = (
        "<h1>公交新线今天开通</h1><div class='info'>来源：城市日报 作者：王小明</div>"
        + paragraphs(*ZH_TEXT)
        + "<p>（责任编辑：李华）</p>"
    )
    a = page(body)
    assert a.author == "王小明"
    assert a.editor == "李华"
    assert a.source == "城市日报"
    assert "责任编辑" not in a.text


def test_only_an_editor_is_no_author():
    a = page("<h1>公交新线今天开通</h1>" + paragraphs(*ZH_TEXT) + "<p>责任编辑：李华</p>")
    assert a.author is None
    assert a.editor == "李华"


def test_reporter_byline_and_english_by():
    a = page("<h1>公交新线今天开通</h1><p>本报记者 张伟</p>" + paragraphs(*ZH_TEXT))
    assert a.author == "张伟"
    en = "<h1>New bus line opens</h1><p>By Jane Doe</p>" + paragraphs(
        "The new line links five neighbourhoods and two schools, officials said on Monday.",
        "Buses will run every ten minutes at peak hours and every twenty minutes otherwise.",
    )
    assert page(en).author == "Jane Doe"


def test_reporter_credit_mid_line_and_without_space():
    body = "<h1>公交新线今天开通</h1><p>新华日报·交汇点记者 徐睿翔</p>" + paragraphs(*ZH_TEXT)
    assert page(body).author == "徐睿翔"
    body = "<h1>公交新线今天开通</h1><p>本报记者罗科苏盈发自北京</p>" + paragraphs(*ZH_TEXT)
    assert page(body).author == "罗科苏盈"


def test_stacked_credit_lines_give_every_name():
    body = (
        "<h1>谁来为无序拆房埋单</h1><p>本报实习生 刘国栋 周炜</p>"
        "<p>本报记者 王燕平 方云凤</p>" + paragraphs(*ZH_TEXT)
    )
    assert page(body).author == "刘国栋 周炜 王燕平 方云凤"


def test_credit_between_the_last_paragraphs():
    body = (
        "<h1>公交新线今天开通</h1>"
        + paragraphs(*ZH_TEXT)
        + "<p>□ 本报记者 葛灵丹</p><div>（责编：萧潇）</div><p>分享让更多人看到</p>"
    )
    a = page(body)
    assert a.author == "葛灵丹"
    assert a.editor == "萧潇"


def test_bare_name_closing_the_article_and_traditional_labels():
    body = "<h1>公交新线今天开通</h1>" + paragraphs(*ZH_TEXT[:2], ZH_TEXT[2] + "（袁源）")
    assert page(body).author == "袁源"
    body = "<h1>公車新線今天開通</h1><p>記者 陳怡君 報導</p>" + paragraphs(*ZH_TEXT)
    assert page(body).author == "陳怡君"


def test_name_under_a_headline_in_the_body():
    body = "<div><p>犬儒病(上)</p><p>胡平</p>" + paragraphs(*ZH_TEXT) + "</div>"
    assert page(body, head="<title>显示</title>").author == "胡平"


def test_person_named_as_source_after_the_text():
    body = "<h1>公交新线今天开通</h1>" + paragraphs(*ZH_TEXT) + "<p>来源: 尹娟</p>"
    assert page(body).author == "尹娟"


def test_forum_thread_credits_its_first_poster():
    posts = "".join(
        f"<p>{text}</p><p>〓 某某论坛 发布时间 2005/03/1{k} 22:36:13 by {name} 〓</p>"
        for k, (text, name) in enumerate(
            zip(ZH_TEXT, ("duscha", "mi来mi去", "HIHIHI"), strict=True)
        )
    )
    a = page("<h1>帖子标题在这里</h1>" + posts)
    assert a.author == "duscha"
    assert a.published == datetime(2005, 3, 10, 22, 36, 13, tzinfo=CST)


def test_label_in_one_cell_and_its_value_in_the_next():
    table = "<table><tr><td>发文机关：</td><td>吉林省人民政府</td></tr></table>"
    a = page("<h1>关于某某事项的通告</h1>" + table + paragraphs(*ZH_TEXT))
    assert a.author == "吉林省人民政府"


# --- publish times ------------------------------------------------------------------------------


def test_jsonld_date_keeps_its_offset():
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"datePublished":"2024-02-01T23:30:00+00:00"}</script>'
    )
    a = page(paragraphs(*ZH_TEXT), head=head)
    assert a.published == datetime(2024, 2, 1, 23, 30, tzinfo=UTC)
    assert a.published_source == "jsonld"
    assert a.timezone_assumed is False


def test_meta_date():
    head = '<meta property="article:published_time" content="2023-11-08 07:05">'
    a = page(paragraphs(*ZH_TEXT), head=head)
    assert a.published == datetime(2023, 11, 8, 7, 5, tzinfo=CST)
    assert a.published_source == "meta"
    assert a.timezone_assumed is True  # no offset stated: Asia/Shanghai assumed


def test_visible_chinese_date_near_the_title():
    body = "<h1>公交新线今天开通</h1><div>发布时间：2024年5月20日 10:30</div>" + paragraphs(
        *ZH_TEXT
    )
    a = page(body)
    assert a.published == datetime(2024, 5, 20, 10, 30, tzinfo=CST)
    assert a.timezone_assumed is True


def test_a_related_list_date_is_never_the_publish_date():
    related = "".join(
        f"<li><a href='/a/{d}'>另一条新闻标题第{d}条</a> 2024-05-1{d} 08:00</li>"
        for d in range(1, 6)
    )
    body = (
        "<h1>公交新线今天开通</h1>"
        + paragraphs(*ZH_TEXT)
        + f"<div class='related'><h3>相关新闻</h3><ul>{related}</ul></div>"
    )
    a = page(body)
    assert a.published is None
    assert a.lists and a.lists[0].items[0].time is not None


def test_relative_time_needs_the_fetch_time():
    body = "<h1>公交新线今天开通</h1><div>3小时前</div>" + paragraphs(*ZH_TEXT)
    assert page(body).published is None
    fetched = datetime(2024, 5, 20, 12, 0, tzinfo=CST)
    assert page(body, fetched=fetched).published == fetched - timedelta(hours=3)


def test_us_and_european_numeric_dates():
    body = "<h1>公交新线今天开通</h1><div>发布日期： 9/17/2004 5:54:13 AM</div>" + paragraphs(
        *ZH_TEXT
    )
    assert page(body).published == datetime(2004, 9, 17, 5, 54, 13, tzinfo=CST)
    en = "<h1>Bus line opens</h1><div>Published 06.01.2012 14:01</div>" + paragraphs(*EN_TEXT)
    assert page(en).published.date() == date(2012, 1, 6)


def test_time_labelled_after_it_in_a_post():
    body = (
        "<h1>帖子标题在这里</h1>"
        + paragraphs(*ZH_TEXT)
        + "<center>本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.</center>"
    )
    a = page(body)
    assert a.published == datetime(2005, 8, 12, 16, 12, 21, tzinfo=CST)
    assert a.author == "大卫"


def test_posted_line_in_a_footer_named_block():
    body = (
        "<h1>评老冒：做最好的东西</h1><div class='postText'>"
        + paragraphs(*ZH_TEXT)
        + "</div><div class='postFoot'>[收藏本文] 发表于2005年09月07日 11:57 AM</div>"
    )
    assert page(body).published == datetime(2005, 9, 7, 11, 57, tzinfo=CST)


# --- page kinds ---------------------------------------------------------------------------------


def test_comments_page_keeps_the_comments():
    comments = "".join(
        f"<div class='comment-item'><h3>用户{k} 看过 2024-04-0{k} 13:19:20</h3>"
        f"<p class='comment-content'>{text}</p></div>"
        for k, text in enumerate(ZH_TEXT, 1)
    )
    a = page(
        f"<h1>某部电影 短评</h1><div class='comments'>{comments}</div>",
        url="https://movie.example.com/subject/1/comments?status=P",
    )
    assert all(text in a.text for text in ZH_TEXT)


def test_short_brief_under_its_headline_is_an_article():
    body = (
        "<h1>北京西直门嘉茂中心突发大火 现已被扑灭</h1><div class='info'>2011-12-15 20:06</div>"
        "<div class='content'><p>12月15日，北京市西城区嘉茂购物中心施工现场发生火灾。"
        "截至记者发稿时，大火已被扑灭。</p></div>"
        + "".join(f"<p class='promo'>爆料平台第{k}期 最高奖励500元>></p>" for k in range(8))
    )
    a = page(body)
    assert a.body == [
        "12月15日，北京市西城区嘉茂购物中心施工现场发生火灾。截至记者发稿时，大火已被扑灭。"
    ]


def test_front_page_of_dated_posts_reads_the_first():
    posts = "".join(
        f"<tr><td><table><tr><td class='post-title'>第{k}篇日志</td></tr>"
        f"<tr><td>2005-03-2{k} 01:20:44</td></tr>"
        f"<tr><td class='post-body'>{text * 3}</td></tr></table></td></tr>"
        for k, text in enumerate(ZH_TEXT, 1)
    )
    a = page(f"<table class='posts'>{posts}</table>")
    assert ZH_TEXT[0] in a.text
    assert ZH_TEXT[1] not in a.text and ZH_TEXT[2] not in a.text


def test_noscript_holding_the_page_is_read():
    thread = paragraphs(*EN_TEXT, *ZH_TEXT)
    html = f"<div id='app'>Loading</div><noscript><h1>A thread</h1>{thread}</noscript>"
    a = page(html)
    assert EN_TEXT[0] in a.text and ZH_TEXT[0] in a.text


def test_hidden_block_holding_the_page_is_read():
    text = paragraphs(*(EN_TEXT * 10))
    a = page(f"<div>Skip to main content</div><div style='display:none'>{text}</div>")
    assert EN_TEXT[0] in a.text


def test_tag_row_and_related_heading_in_other_languages():
    tags = "<p>蔡英文 、 民進黨 、 國民黨 、 馬英九 、 宋楚瑜 、 親民黨 、 2012總統大選</p>"
    a = page("<h1>公交新线今天开通</h1>" + paragraphs(*ZH_TEXT) + tags)
    assert "民進黨" not in a.text
    related = "".join(
        f"<li><a href='/n/{k}'>Заголовок другой новости номер {k}</a></li>" for k in range(4)
    )
    body = (
        "<h1>Новость дня</h1><div>"
        + paragraphs(*EN_TEXT)
        + f"<h3>Читайте также</h3><ul>{related}</ul></div>"
    )
    b = page(body)
    assert b.lists and b.lists[0].kind == "related" and len(b.lists[0].items) == 4


# --- invisible and hostile markup -----------------------------------------------------------------


def test_hidden_blocks_and_noscript_are_removed():
    body = (
        paragraphs(*ZH_TEXT)
        + "<div style='display: none !important'>隐藏甲</div>"
        + "<div hidden>隐藏乙</div>"
        + "<span aria-hidden='true'>隐藏丙</span>"
        + "<noscript>隐藏丁</noscript>"
        + "<template><p>隐藏戊</p></template>"
    )
    text = page(body).text
    assert ZH_TEXT[0] in text
    for hidden in ("隐藏甲", "隐藏乙", "隐藏丙", "隐藏丁", "隐藏戊"):
        assert hidden not in text


def test_hostile_page_yields_plain_text():
    html = (
        "<html><head><title>标题&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"
        "<script>document.write('<p>注入的段落</p>')</script></head><body>"
        "<img src=x onerror=\"alert('xss')\">"
        + paragraphs(*ZH_TEXT)
        + "<p onclick='steal()'>最后一段文字，说明事情的经过已经清楚。</p>"
        "<script>var s = '</p><p>脚本伪装的段落</p>';</script></body></html>"
    )
    a = read_html(html, id="t", origin="inline")
    assert a.title == "标题</title><script>alert(1)</script>"  # text, never markup run
    assert "注入的段落" not in a.text and "脚本伪装的段落" not in a.text
    assert "alert" not in a.text and "steal" not in a.text
    assert "最后一段文字" in a.text
    assert all("<" not in p for p in a.body)


def test_empty_and_odd_input_does_not_raise():
    for html in ("", "   ", "<html>", "<<<>>>", "\x00\x01", "<p>" * 1000, "纯文本，没有标签"):
        a = read_html(html, id="t", origin="inline")
        assert isinstance(a.body, list)


# --- guards -------------------------------------------------------------------------------------------


def test_deeply_nested_page_finishes_quickly():
    html = "<html><body><p>前面的段落。</p>" + "<div>" * 100_000 + "深处" + "</div>" * 100_000
    start = time.process_time()  # CPU time: what the guard bounds, whatever else runs
    a = read_html(html, id="t", origin="inline")
    assert time.process_time() - start < 2.0
    assert "truncated" in a.notes


def test_huge_page_finishes_quickly():
    item = (
        "<div class='c'><p>"
        + "这是一个很长的段落，用来测试非常大的页面。" * 20
        + "</p><a href='/x'>链接</a></div>"
    )
    html = "<html><body>" + item * 5000 + "</body></html>"  # about 2.5 million characters
    start = time.process_time()
    a = read_html(html, id="t", origin="inline")
    assert time.process_time() - start < 3.0
    assert a.body


def test_size_guard_cuts_the_page(monkeypatch):
    monkeypatch.setattr(dom, "MAX_HTML_CHARS", 400)
    a = page(paragraphs(*ZH_TEXT) * 5)
    assert "truncated" in a.notes
    assert a.body and ZH_TEXT[0] in a.body[0]


def test_node_budget_stops_the_walk(monkeypatch):
    monkeypatch.setattr(walk, "MAX_NODES", 50)
    a = page(paragraphs(*ZH_TEXT) * 40)
    assert "node-budget" in a.notes
