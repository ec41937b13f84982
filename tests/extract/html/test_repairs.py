"""Repairs in the HTML reader: double-decoded UTF-8, headline decoration, class names
that describe rather than name a block, and the credit readers both readers share."""

from __future__ import annotations

import pytest

from newsdesk.extract import credits, lists, mojibake
from newsdesk.extract.html import classes, read_html
from newsdesk.extract.html.title import choose_title
from newsdesk.extract.textdump import read_dump

POSTS = (
    "I just got a new phone and cannot get mobile data to work after adding the plan. "
    "The website said a text message would confirm the activation, but none came. "
    "I called and they said it was active and asked for my device number. "
    "Do they need that number for data to work, or should I tell them another model?",
    "Add these access point settings and restart the phone; data should work after that. "
    "They do not care which phone you use, and without the number they use a generic one. "
    "I bought the same phone a week ago and it worked once the settings were in. "
    "Not many people know about these settings, so it is worth posting them here.",
)


def page(body: str, head: str = ""):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_html(html, id="t", origin="inline")


def _double_decoded(text: str) -> str:
    """`text`'s UTF-8 bytes read as Windows-1252 (Latin-1 for its five unassigned bytes)."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8")
    )


# --- double-decoded UTF-8 ----------------------------------------------------------------


def test_double_decoded_text_is_repaired() -> None:
    original = "It’s the computer’s café — “quoted”."
    assert mojibake.repair(_double_decoded(original)) == original


def test_latin1_spelling_of_the_same_bytes_is_repaired() -> None:
    garbled = "computer’s memory won’t".encode().decode("latin-1")
    assert mojibake.repair(garbled) == "computer’s memory won’t"


@pytest.mark.parametrize("page", ["cp1251", "ptcp154"])
def test_chinese_read_as_cyrillic_is_decoded_again(page: str) -> None:
    original = (
        "<p>◎片　名　太行山上</p>" + "<p>市议会周二投票，决定在冬季延长图书馆的开放时间。</p>" * 24
    )
    garbled = original.encode("gbk").decode(page)
    assert mojibake.repair(garbled) == original


@pytest.mark.parametrize(
    "text",
    [
        "Обычный русский текст, без всяких ошибок. Ўсё добра, як кажуць у Беларусі.",
        "A plain café in São Paulo, naïve façade.",  # real accented letters
        "Only one odd run: Ã© and nothing else.",  # a single run is left alone
        "Ünïcödé ßtraße – déjà vu.",
        "中文页面没有问题。",
    ],
)
def test_genuine_text_is_left_alone(text: str) -> None:
    assert mojibake.repair(text) == text


def test_html_reader_repairs_a_double_decoded_page() -> None:
    paragraphs = [
        "The city’s new line links five neighbourhoods and two schools, officials said.",
        "Buses won’t run at night, but they’ll come every ten minutes at peak hours.",
    ]
    body = _double_decoded("".join(f"<p>{p}</p>" for p in paragraphs))
    article = page(f"<article><h1>Buses</h1>{body}</article>")
    assert article.body == paragraphs


# --- headlines ------------------------------------------------------------------------------


def test_title_drops_empty_brackets_and_pictographs_of_the_tags() -> None:
    title = choose_title(
        h1s=["Decorating Clips, Clear, 40-Clips"],
        og="Decorating Clips, Clear, 40-Clips () - PartPicker",
        jsonld=None,
        title="Decorating Clips, Clear, 40-Clips () - PartPicker",
        site="PartPicker",
    )
    assert title == "Decorating Clips, Clear, 40-Clips"
    title = choose_title(
        h1s=["Rode NT1 5th Generation Black"],
        og="🎤 Rode NT1 5th Generation Black",
        jsonld=None,
        title=None,
        site=None,
    )
    assert title == "Rode NT1 5th Generation Black"


def test_title_tagline_run_into_the_h1_is_left_off() -> None:
    title = choose_title(
        h1s=["Black EditionComplete high-protein powder meal"],
        og="Black Edition | Meal Replacement Protein Powder",
        jsonld=None,
        title="Black Edition | Meal Replacement Protein Powder | Huel",
        site="Huel",
    )
    assert title == "Black Edition"


def test_title_headings_that_share_one_word_give_way_to_the_tags() -> None:
    title = choose_title(
        h1s=["About This Game", "Recent Events", "Buy Terraria 4-Pack", "Buy Terraria"],
        og="Terraria on Steam",
        jsonld=None,
        title="Terraria on Steam",
        site=None,
    )
    assert title == "Terraria on Steam"


def test_title_heading_that_is_the_headline_among_others_is_kept() -> None:
    title = choose_title(
        h1s=["Site Logo", "Nintendo Switch OLED Model review"],
        og="Nintendo Switch OLED Model review | Games",
        jsonld=None,
        title=None,
        site="Games",
    )
    assert title == "Nintendo Switch OLED Model review"


# --- class names ----------------------------------------------------------------------------


def test_furniture_word_among_descriptive_classes_is_weak() -> None:
    hint = "spTopicPostSection spOdd spRank-member spUserPost post24026"
    assert classes.furniture(hint) == classes.WEAK


@pytest.mark.parametrize("hint", ["related-posts", "sidebar post-list", "post-share share"])
def test_furniture_named_first_stays_strong(hint: str) -> None:
    assert classes.furniture(hint) == classes.STRONG


def test_comment_section_stays_a_comment_section() -> None:
    described = classes.describe("comment-body content")
    assert described & 3 == classes.STRONG and described & classes.COMMENTS


def test_forum_post_with_a_rank_class_is_read() -> None:
    posts = "".join(
        f'<div class="topicPost rank-member"><div class="user">user{i}</div><p>{text}</p></div>'
        for i, text in enumerate(POSTS)
    )
    article = page(f"<h1>Need help with data</h1><div class='topicPosts'>{posts}</div>")
    assert all(text in article.body for text in POSTS)


# --- credits, shared by both readers --------------------------------------------------------


def test_paragraph_credit_in_brackets_anywhere_or_closing() -> None:
    lead = "新华社北京6月3日电（记者张远、李思）项目3日发布阶段性成果。"
    assert credits.body_credit(lead, paragraph=True) == "张远、李思"
    closing = "项目组表示，下一阶段的观测将在今年冬季开始。（袁源）"
    assert credits.body_credit(closing, paragraph=True) == "袁源"
    assert credits.body_credit("项目组表示，观测将在冬季开始。", paragraph=True) is None


def test_credit_line_needs_a_surname_when_run_on_to_its_label() -> None:
    assert credits.credit_line("本报记者 张三") == "张三"
    assert credits.credit_line("新华日报·交汇点记者 徐睿翔") == "徐睿翔"
    assert credits.credit_line("第A04版：小记者训练营") is None


def test_both_readers_take_the_same_credit() -> None:
    paragraphs = [
        "新华社奥斯陆6月3日电（记者张远、李思）极地冰盖联合观测项目3日在奥斯陆发布阶段性成果。",
        "研究显示，过去十年间格陵兰冰盖年均物质损失量较前十年增加约两成，引起各方关注。",
    ]
    html = page("<article><h1>冰盖观测发布成果</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs))
    dump = read_dump("冰盖观测发布成果\n\n" + "\n\n".join(paragraphs), id="t", origin="inline")
    assert _names(html.author) == _names(dump.author) == {"张远", "李思"}


def _names(author: str | None) -> set[str]:
    return set((author or "").replace("、", " ").split())


# --- list headings --------------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["大家都在看", "其他人也在看", "People also read"])
def test_readers_also_read_headings_open_related_lists(heading: str) -> None:
    assert lists.classify_heading(heading) == "related"


def test_a_sentence_about_watching_is_no_heading() -> None:
    assert lists.classify_heading("大家在看什么东西我们并不知道") is None
