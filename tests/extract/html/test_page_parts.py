"""What around an article is not its text, and what inside it is: galleries set after
it, consent and anti-infringement notices, the next article of an infinite scroll,
player controls and calls to action; documentation's headings, leads, data tables,
and a wiki's article under its maintenance notice."""

from __future__ import annotations

from newsdesk.extract.html import read_html

SENTENCE = (
    "The council voted on Tuesday to extend the library's opening hours through the "
    "winter, after a petition signed by more than two thousand residents. "
)
SECOND = (
    "Librarians said the extra evenings would be staffed by volunteers at first, and "
    "that the budget for the coming year already set aside money for two new posts. "
)
ZH = (
    "市议会周二投票决定在冬季延长图书馆的开放时间，此前有两千多名居民签署了请愿书。"
    "图书馆员表示，额外的夜间时段最初将由志愿者负责。"
)
MENU = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8))
MENU += "</ul></nav>"
ARTICLE = f"<h1>Library hours extended</h1><p>{SENTENCE}</p><p>{SECOND}</p><p>{SENTENCE}</p>"


def body(markup: str) -> str:
    html = f"<html><head><title>t</title></head><body>{MENU}{markup}</body></html>"
    return "\n".join(read_html(html, id="t", origin="inline").body)


def test_a_picture_gallery_after_the_article_is_left_out() -> None:
    items = "".join(
        f"<div class='item'><img src='/p{i}.jpg'><p>Picture {i}: the reading room at night, "
        "where readers sat until late.</p></div>"
        for i in range(8)
    )
    text = body(f"<article><div class='entry'>{ARTICLE}</div><div>{items}</div></article>")
    assert "library's opening hours" in text
    assert "reading room" not in text


def test_a_cookie_policy_and_an_anti_infringement_notice_are_left_out() -> None:
    cookies = (
        "This website uses cookies to ensure you get the best experience on our website. "
        "Cookies are small text files stored on your device. We use them for analytics, "
        "personalised advertising and to remember your preferences. You can change your "
        "cookie settings at any time. By clicking Accept you consent to the use of all cookies."
    )
    notice = (
        "If you believe that any content on this site infringes your rights, please "
        "contact us and it will be removed."
    )
    text = body(f"<article>{ARTICLE}<p>{notice}</p><div><p>{cookies}</p></div></article>")
    assert "library's opening hours" in text
    assert "cookies" not in text
    assert "removed" not in text
    zh = body(
        f"<div class='text'><h1>图书馆</h1>{f'<p>{ZH}</p>' * 3}<p>本文图片来源网络，若涉及侵权请联系我们删除。</p></div>"
    )
    assert "图书馆员" in zh
    assert "侵权" not in zh


def test_the_next_article_of_an_infinite_scroll_is_left_out() -> None:
    other = (
        "<p>The old bridge on Mill Road will close for repairs from Monday, the county "
        "said, with a detour through the market square for at least six weeks.</p>"
    ) * 4
    text = body(
        f"<div class='stream'><div class='article-wrap'>{ARTICLE}</div>"
        f"<div class='article-wrap'><h1>Bridge repairs begin</h1>{other}</div></div>"
    )
    assert "library's opening hours" in text
    assert "bridge" not in text


def test_player_controls_calls_to_action_and_app_promotion_are_left_out() -> None:
    player = "".join(
        f"<div>{label}</div>"
        for label in (
            "Video Player is loading.",
            "Play VideoPlayMute",
            "Current Time 0:00",
            "Duration 0:00",
            "Loaded: 0%",
            "Playback Rate",
            "captions settings, opens captions settings dialog",
            "This is a modal window.",
        )
    )
    calls = (
        "<p>Sign up for our free newsletter to get the latest local news every morning.</p>"
        "<p>Download our app for breaking news alerts on your phone.</p>"
        "<p>Have a news tip? Email us at tips@example.com.</p>"
    )
    text = body(
        f"<article>{ARTICLE}<div class='player'>{player}</div><p>{SECOND}</p>{calls}</article>"
    )
    assert text.count("Librarians said") == 2
    for gone in ("Player", "Mute", "Current Time", "modal", "newsletter", "app", "tip"):
        assert gone not in text
    zh = body(
        f"<div class='text'><h1>图书馆</h1>{f'<p>{ZH}</p>' * 3}<p>打开APP阅读更多精彩内容</p></div>"
    )
    assert "图书馆员" in zh
    assert "APP" not in zh


def test_documentation_keeps_its_permalinked_headings_and_code() -> None:
    toc = "".join(f"<li><a href='#s{i}'>Step {i}</a></li>" for i in range(6))
    steps = "".join(
        f"<h2 id='s{i}'><a href='#s{i}'>Step {i} of the setup</a></h2>"
        f"<p>Run the command below in the project's folder, then check its output.</p>"
        f"<pre><code>widget init --step {i}\nwidget check</code></pre>"
        for i in range(6)
    )
    text = body(f"<aside><ul>{toc}</ul></aside><main><h1>Getting started</h1>{steps}</main>")
    assert "Step 3 of the setup" in text
    assert "widget init --step 3" in text


def test_a_lead_beside_the_text_and_a_data_table_are_kept() -> None:
    rows = "".join(
        f"<tr><td>{2018 + i}</td><td>{12000 + i * 731}</td><td>{3.5 + i}%</td></tr>"
        for i in range(6)
    )
    table = f"<table><tr><th>Year</th><th>Visitors</th><th>Growth</th></tr>{rows}</table>"
    text = body(
        "<article><h1>Library hours extended</h1>"
        "<p class='standfirst'>Evening opening returns to the central library next month.</p>"
        f"<div class='article-body'><p>{SENTENCE}</p><p>Visitors by year:</p>{table}"
        f"<p>{SECOND}</p></div></article>"
    )
    assert "Evening opening returns" in text
    for figure in ("2018", "2023", "12731"):
        assert figure in text


def test_a_wiki_article_is_read_past_its_maintenance_notice() -> None:
    notice = (
        "<table class='box-More_citations_needed plainlinks'><tr><td>This article "
        "<b>needs additional citations for <a href='/v'>verification</a></b>. Please help "
        "<a href='/e'>improve this article</a> by <a href='/c'>adding citations to "
        "reliable sources</a>. Unsourced material may be challenged and removed."
        "</td></tr></table>"
    )
    paragraph = (
        "<p>The <a href='/w/L'>Central Library</a> is a public library in the town centre "
        "of Millbrook, opened in 1901 with money raised by the <a href='/w/G'>Guild of "
        "Weavers</a>. It holds about 200,000 volumes and a collection of local maps.</p>"
    )
    text = body(
        "<div id='content'><h1>Central Library</h1><div class='mw-parser-output'>"
        f"{notice}{paragraph}<h2>History</h2>{paragraph}</div></div>"
    )
    assert "Guild of Weavers" in text
    assert "citations" not in text


def test_story_cards_in_the_rows_of_a_grid_after_the_article_are_left_out() -> None:
    def card(i: int) -> str:
        return (
            f"<div class='post-item'><a href='/p{i}'><img src='/p{i}.jpg'></a>"
            f"<div class='tagline'><h5>Travel</h5><span>Dec {i + 1}, 2025</span></div>"
            f"<h3 class='title'>Story number {i} about the coast</h3>"
            f"<p>A long weekend on the coast, walking from one harbour village to the next "
            f"and eating well, story number {i}.</p></div>"
        )

    rows = "".join(f"<div class='post-list'>{card(2 * r)}{card(2 * r + 1)}</div>" for r in range(3))
    text = body(f"<div class='content'><article>{ARTICLE}</article><section>{rows}</section></div>")
    assert "library's opening hours" in text
    assert "Story number" not in text
    assert "harbour" not in text


def test_a_promotion_with_a_headline_of_its_own_is_left_out() -> None:
    promo = (
        "<div class='cta-text'><p>Introducing</p><h1>Weekend Excursions</h1>"
        "<p>Our excursions offer the chance for once-in-a-lifetime experiences in "
        "destinations around the world, with guides who know every path.</p></div>"
    )
    text = body(f"<div class='content'><article>{ARTICLE}</article>{promo}</div>")
    assert "library's opening hours" in text
    assert "excursions" not in text.lower()


def test_feature_descriptions_with_learn_more_links_are_the_page() -> None:
    features = "".join(
        f"<li class='feature'><h3>{name}</h3><p>The {name} tool lets you inspect and change "
        "how your pages are built, right in the browser, while you work on them.</p>"
        f"<a href='/{name}'>Learn more about the {name} tool</a></li>"
        for name in ("Inspector", "Console", "Debugger", "Network", "Editor", "Profiler")
    )
    text = body(
        f"<main><section class='intro'><h1>Developer tools</h1><p>{SENTENCE}</p>"
        f"<p>{SECOND}</p></section><section class='more'><h2>Features and tools</h2>"
        f"<ul>{features}</ul></section></main>"
    )
    for name in ("Inspector", "Debugger", "Profiler"):
        assert f"The {name} tool" in text
