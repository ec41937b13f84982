"""Choosing the article's container when the markup misleads: a consent dialog longer
than the post, markup left unclosed around the rest of the page, a short article
followed by a longer recommended story, a post whose replies say most."""

from __future__ import annotations

from newsdesk.extract.html import classes, read_html

SENTENCE = (
    "The council voted on Tuesday to extend the library's opening hours through the "
    "winter, after a petition signed by more than two thousand residents. "
)
COOKIE_TEXT = (
    "When you visit any of our websites, it may store or retrieve information on your "
    "browser, mostly in the form of cookies. This information might be about you, your "
    "preferences or your device and is mostly used to make the site work as you expect. "
) * 3


def page(body: str) -> list[str]:
    html = f"<html><head><title>t</title></head><body>{body}</body></html>"
    return read_html(html, id="t", origin="inline").body


def test_a_consent_dialog_is_never_the_article() -> None:
    body = page(
        "<h1>What do you call a mentor who does not know it?</h1>"
        f"<div class='question'><p>{SENTENCE}</p><p>Is there one word for it?</p></div>"
        "<div id='onetrust-consent-sdk'><div class='ot-pc-content'>"
        f"<p>{COOKIE_TEXT}</p><p>{COOKIE_TEXT}</p></div></div>"
    )
    text = " ".join(body)
    assert "library" in text
    assert "cookies" not in text


def test_a_wrapper_configured_for_consent_is_still_the_article() -> None:
    assert not classes.is_consent("caas enableInlineConsent filterNonGdprEmbeds liveBlog")
    assert classes.is_consent("cookie-notice")
    body = page(
        "<div class='caas enableInlineConsent filterNonGdprEmbeds liveBlog'>"
        f"<h1>Library hours</h1><p>{SENTENCE}</p><p>{SENTENCE}</p></div>"
    )
    assert any("library" in line for line in body)


def test_unclosed_markup_keeps_the_paragraphs_around_the_best_one() -> None:
    menu = "".join(
        f"<div class='item'><a href='/n{i}'>Story number {i}</a></div>" for i in range(60)
    )
    paragraphs = "".join(f"<p>{n}. {SENTENCE * 2}</p>" for n in ("First", "Second", "Third"))
    body = page(f"<div class='text'><h1>Library hours</h1>{paragraphs}{menu}</div>")
    text = " ".join(body)
    for n in ("First", "Second", "Third"):
        assert f"{n}." in text
    assert "Story number" not in text


def test_a_short_article_before_a_longer_recommended_story() -> None:
    other = "".join(
        f"<p>A much longer story about a singer's career, part {i}, told at length. "
        "He was born in a small town and began singing in school choirs.</p>"
        for i in range(12)
    )
    body = page(
        f"<div class='detail'><h1>Library hours extended</h1><p>{SENTENCE}</p></div>"
        f"<div class='recommend-wrapper'><div class='content'><h2>A singer</h2>{other}</div></div>"
    )
    text = " ".join(body)
    assert "library" in text
    assert "singer" not in text


def test_replies_are_the_content_when_the_best_prose_is_a_comment() -> None:
    replies = "".join(
        f"<div class='comment-item'><div class='user'>user{i}</div><div class='content'>"
        f"{SENTENCE * (6 if i == 1 else 1)}Reply number {i} agrees.</div></div>"
        for i in range(4)
    )
    body = page(
        "<div class='post'><div class='user'>poster</div><p>Found a new chat tool.</p></div>"
        f"<div class='comment-list'>{replies}</div>"
    )
    text = " ".join(body)
    assert "Reply number 1" in text
    assert "Reply number 3" in text


def test_comment_sections_named_in_other_languages_are_furniture() -> None:
    for name in ("art-komentarze", "kommentare", "commentaires", "comentarios"):
        assert classes.describe(name) & classes.COMMENTS, name
    comments = "".join(
        f"<div class='koment'><p class='data'>guest {i}</p><div class='tresc'>{SENTENCE * 3}"
        f"Comment number {i}.</div></div>"
        for i in range(4)
    )
    body = page(
        f"<div class='kontent'><h1>Library hours</h1><p>{SENTENCE}</p><p>{SENTENCE}</p>"
        f"<div class='art-komentarze'>{comments}</div></div>"
    )
    text = " ".join(body)
    assert "library" in text
    assert "Comment number" not in text


def test_a_listing_keeps_every_entry_despite_its_author_and_date_links() -> None:
    entries = "".join(
        f"<div class='item item-{i}'><div class='icon'>N</div><div class='title'>"
        f"<a href='/t/{i}'>Table number {i} for the dining room</a></div>"
        f"<ul><li><a href='/u/{i}'>Eduard Nemirovsky {i}</a></li>"
        f"<li><a href='/t/{i}#d'>January {i}, 2026</a></li></ul>"
        f"<div class='latest'><a href='/t/{i}#last'>January {i + 1}, 2026</a></div>"
        f"<div class='minor'><a href='/u/{i + 1}'>Nolan Lassiter {i}</a></div></div>"
        for i in range(12)
    )
    body = page(f"<h1>Design forum</h1><div class='threads'>{entries}</div>")
    text = " ".join(body)
    for i in (0, 5, 11):
        assert f"Table number {i}" in text


def test_a_question_page_keeps_its_answers_whatever_its_address() -> None:
    answers = "".join(
        f"<div class='comment-item'><div class='user'>user{i}</div>"
        f"<div class='comment-text'>Answer number {i}: {SENTENCE}</div></div>"
        for i in range(3)
    )
    body = page(
        "<div class='question-detail'><h1>Why does the download fail?</h1>"
        "<p>The server reports an error.</p></div>"
        f"<div class='comments'>{answers}</div>"
    )
    text = " ".join(body)
    assert "Answer number 0" in text
    assert "Answer number 2" in text


def test_the_page_wrapper_earns_no_content_bonus_over_the_article() -> None:
    menu = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(6))
    html = (
        "<html><body class='single-post article-page'>"
        f"<div><ul>{menu}</ul></div>"
        f"<main><h1>Library hours</h1><p>{SENTENCE * 4}</p><p>{SENTENCE}</p></main>"
        "<div><p>Read more of our coverage on the council's site.</p></div>"
        "</body></html>"
    )
    body = read_html(html, id="t", origin="inline").body
    assert not any("Section" in line or "coverage" in line for line in body)
