"""Crawled text is hostile until proven inert; uploads need the token and fit the limit.

* The token test: without a valid token `POST /api/pages` answers 401 and writes
  nothing (no article, no raw page, no rejection row).
* The size-limit test: a body over the limit is refused with a clear 413, whether it
  declares its length or streams without one, again writing nothing.
* The hostile-page test: pages full of `<script>`, `onerror=`, `javascript:` links and
  `</title>` in the title go in through the upload API (and, field by field, straight
  into the store), and a real browser visits every page that shows them, listening
  for dialogs and console output and checking a `window.__pwned` flag: nothing runs,
  no link leads to a script, nothing is fetched from anywhere else.  Then a script is
  planted in the live page to show that the Content-Security-Policy would still stop
  an inline handler that got past escaping.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import html5lib
import pytest
from fixtures import paths
from fixtures.browser import LiveServer, Watch, chromium, require_browser, shot

from newsdesk.article import (
    Article,
    Block,
    Channel,
    Enrichment,
    Entity,
    Image,
    ListItem,
    Page,
    article_id,
)
from newsdesk.ingestion import refresh_stories
from newsdesk.store import Store
from newsdesk.web import create_app, security

with warnings.catch_warnings():  # Starlette asks for httpx2 in the test client; either works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

REPO = paths.REPO
TOKEN = "correct horse battery staple"
PWN = "window.__pwned=1"

HOSTILE_HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title></title><script>{PWN};alert('title')</script>恶意网页标题</title>
<script>{PWN};alert('head')</script>
</head><body>
<div class="nav"><a href="javascript:{PWN}">首页</a></div>
<article>
<h1>&lt;/title&gt;&lt;script&gt;{PWN}&lt;/script&gt;恶意标题 onerror=alert(1)</h1>
<p class="info">作者：<b>&lt;svg onload={PWN}&gt;</b> 2025-06-04 10:00</p>
<p>这是一段足够长的正文，用来让提取器认为这是一篇真正的新闻文章而不是空页面。<script>{PWN}</script>
正文里还有一张图片 <img src="x" onerror="{PWN};alert(2)"> 以及更多的文字内容，继续写下去。</p>
<p>第二段正文：&lt;script&gt;{PWN}&lt;/script&gt; 以文本形式出现，&lt;img src=x onerror={PWN}&gt; 也是。
<a href="javascript:{PWN};alert(3)">点击这里阅读更多</a>，这一段同样很长很长，足以成为正文的一部分。</p>
<p>第三段正文：记者在现场看到，很多居民排队等候，现场秩序良好，没有发生任何意外情况，大家都很满意。</p>
<figure><img src="javascript:alert(5)"><figcaption>&lt;img src=x onerror=alert(6)&gt;图片说明</figcaption></figure>
<figure><img src="data:image/svg+xml,&lt;svg onload=alert(8)&gt;"><figcaption>矢量图说明</figcaption></figure>
<figure><img src="//evil.example/track.png" srcset="http://evil.example/a.png 2x"><figcaption>外站图片说明</figcaption></figure>
<p style="background:url(javascript:{PWN});position:fixed;top:0;left:0;width:100%">第四段正文：样式里藏着脚本地址，页面不应执行它，也不应让它覆盖整个页面。</p>
<p>第五段：<a href="ｊａｖａｓｃｒｉｐｔ:{PWN}">全角协议</a>、<a href="jav&#x09;ascript:{PWN}">带制表符</a>、<a href=" javascript:{PWN}">前导空格</a>、<a href="JaVaScRiPt:{PWN}">大小写</a>，‮反向文字‬与零宽字符​都只是文字。</p>
<style>body {{ display: none }} a::after {{ content: url(http://evil.example/css.png) }}</style>
</article>
<div class="related"><h3>相关推荐</h3><ul>
<li><a href="javascript:alert(4)">&lt;script&gt;alert(4)&lt;/script&gt;相关文章一</a></li>
<li><a href="data:text/html,&lt;script&gt;alert(7)&lt;/script&gt;">相关文章二</a></li>
</ul></div>
</body></html>
"""

HOSTILE_TEXT = f"""</title><script>{PWN}</script>恶意标题<img src=x onerror={PWN}>

作者：<svg onload={PWN}> 2025-06-04 10:00

<script>{PWN};alert(1)</script>正文第一段，这是一段足够长的文字，用来让读取器认为这是一篇文章的正文内容。

<img src=x onerror="{PWN};alert(2)"> 第二段，<a href="javascript:{PWN}">javascript:alert(3)</a> 也在这里。

{{{{ 7*7 }}}} 第三段，模板语法不应被执行，{{% raw %}} 也不应该。

相关推荐
<a href="javascript:alert(4)">相关一</a>
"""


def hostile_article() -> tuple[Page, Article]:
    """Every field an attacker could reach, each trying something different."""
    url = "javascript:window.__pwned=1"
    page = Page(origin="hostile:fields", kind="text", text="hostile fields", url=url)
    article = Article(
        id=article_id(url),
        origin="hostile:fields",
        url=url,
        canonical_url="javascript:alert(1)",
        site=f'"><script>{PWN}</script>站点',
        title=f"</title><script>{PWN};alert('t')</script>恶意标题<img src=x onerror={PWN}>",
        author=f"<svg onload={PWN}>",
        source=f"<iframe src=javascript:{PWN}></iframe>",
        editor=f"<body onload={PWN}>",
        original_title=f"</h1><script>{PWN}</script>",
        language=f'zh" onmouseover="{PWN}',
        body=[
            f"<script>{PWN}</script>第一段 普京",
            f'<img src=x onerror="{PWN};alert(1)">',
            f'<a href="javascript:{PWN}">点我</a>',
            "{{ 7*7 }} {% raw %} ${7*7}",
        ],
        captions=[f"<img src=x onerror={PWN}>图片说明"],
        images=[Image(url="javascript:alert(1)", caption=f"<img src=x onerror={PWN}>图片说明")],
        statement=f"</p><script>{PWN}</script>",
        disclaimers=["<style>body{display:none}</style>", "<meta http-equiv=refresh content=0>"],
        lists=[
            Block(
                "related",
                f"<b onmouseover={PWN}>相关</b>",
                [
                    ListItem(
                        f"<script>{PWN}</script>",
                        source="<img src=x onerror=alert(1)>",
                        url="javascript:alert(1)",
                    ),
                    ListItem("data 链接", url="data:text/html,<script>alert(1)</script>"),
                    ListItem("正常链接", url="https://example.com/ok"),
                    ListItem("相对链接", url="/relative"),
                ],
            ),
            Block(f"<script>{PWN}</script>", None, [ListItem("kind 不合法")]),
        ],
        enrichment=Enrichment(
            language=f'zh"><script>{PWN}</script>',
            channel=Channel(f"<script>{PWN}</script>", 1.0),
            entities=[Entity(f"<img src=x onerror={PWN}>", "PER", 1, [f"<svg onload={PWN}>"])],
        ),
    )
    return page, article


# --- what a page may contain ---------------------------------------------------------------------


def assert_inert(html: str, where: str) -> None:
    """No script but ours, no handler attribute, no link or source that is not ours or http(s)."""
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        assert tag not in ("iframe", "object", "embed", "base", "style", "svg", "meta") or (
            tag == "meta" and set(el.attrib) <= {"charset", "name", "content"}
        ), f"{where}: a <{tag}> element"
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"{where}: <{tag} {name}=...>"
            assert name.lower() != "style", f"{where}: inline style on <{tag}>"
            if name.lower() in ("href", "src", "action", "formaction", "srcset"):
                assert value.startswith(
                    ("/", "?", "#", "http://", "https://")
                ) and not value.startswith("//"), f"{where}: <{tag} {name}={value!r}>"
        if tag == "script":
            assert el.attrib.get("src") == "/static/app.js" and not (el.text or "").strip(), where
        if tag == "img":
            assert el.attrib.get("src", "").startswith("/"), f"{where}: a foreign image"


# --- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "secure.db"
    Store.open(path).close()
    return path


def _counts(path: Path) -> tuple[int, int, int]:
    con = sqlite3.connect(path)
    try:
        return tuple(  # type: ignore[return-value]
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "pages", "rejections")
        )
    finally:
        con.close()


# --- the token ------------------------------------------------------------------------------------------


def test_upload_without_valid_token_is_401_and_writes_nothing(store: Path) -> None:
    page = HOSTILE_HTML.encode()
    with TestClient(create_app(store, token=TOKEN)) as c:
        before = _counts(store)
        attempts = [
            {},
            {"Authorization": "Bearer wrong"},
            {"Authorization": f"Bearer {TOKEN[:-1]}"},
            {"Authorization": f"Bearer {TOKEN}x"},
            {"Authorization": f"Basic {TOKEN}"},
            {"X-API-Token": ""},
            {"Authorization": "Bearer "},
        ]
        for headers in attempts:
            r = c.post("/api/pages", params={"kind": "html"}, content=page, headers=headers)
            assert r.status_code == 401, headers
            assert r.headers["www-authenticate"] == "Bearer"
        r = c.post("/api/pages", params={"kind": "html", "token": TOKEN}, content=page)
        assert r.status_code == 401, "a token in the URL would end up in logs: not accepted"
        assert _counts(store) == before == (0, 0, 0)
        ok = c.post(
            "/api/pages",
            params={"kind": "html"},
            content=page,
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert ok.status_code == 201, ok.text
        assert _counts(store)[0] == 1


def test_no_configured_token_means_no_uploads(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_API_TOKEN", raising=False)
    with TestClient(create_app(store)) as c:
        for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer None"}):
            r = c.post("/api/pages", content=b"<p>x</p>", headers=headers)
            assert r.status_code == 401
    assert _counts(store) == (0, 0, 0)


def test_token_from_environment(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_API_TOKEN", "from-env")
    with TestClient(create_app(store)) as c:
        r = c.post(
            "/api/pages",
            params={"kind": "text"},
            content=HOSTILE_TEXT.encode(),
            headers={"X-API-Token": "from-env"},
        )
        assert r.status_code == 201, r.text


def test_token_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = security.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    assert security.token_matches(TOKEN, TOKEN)
    assert not security.token_matches("x", TOKEN)
    assert not security.token_matches(None, TOKEN) and not security.token_matches(TOKEN, None)
    assert not security.token_matches("", "")
    assert len(calls) == 2


# --- size limits ------------------------------------------------------------------------------------------


def test_declared_body_over_the_limit_is_413(store: Path) -> None:
    with TestClient(create_app(store, token=TOKEN, max_upload_bytes=1000)) as c:
        r = c.post(
            "/api/pages",
            params={"kind": "text"},
            content=b"x" * 1001,
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 413
        assert r.json() == {"detail": "request body too large: the limit is 1000 bytes"}
        fits = c.post(
            "/api/pages",
            params={"kind": "text"},
            content=HOSTILE_TEXT.encode()[:1000],
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert fits.status_code in (200, 201)
    assert _counts(store)[1] <= 1


def test_streamed_body_over_the_limit_is_413(store: Path) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(100):
            yield b"y" * 100

    with TestClient(create_app(store, token=TOKEN, max_upload_bytes=5000)) as c:
        r = c.post(
            "/api/pages",
            params={"kind": "text"},
            content=chunks(),
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 413
        assert "limit is 5000 bytes" in r.json()["detail"]
    assert _counts(store) == (0, 0, 0)


def test_413_over_the_wire_before_the_body(store: Path) -> None:
    """A real server answers a huge declared body at once, without reading it."""
    with (
        LiveServer(store, token=TOKEN, max_upload_bytes=1000) as server,
        socket.create_connection(("127.0.0.1", server.port), timeout=5) as s,
    ):
        s.sendall(
            b"POST /api/pages HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n"
            + f"Authorization: Bearer {TOKEN}\r\n\r\n".encode()
        )
        answer = b""
        while b"the limit is" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    answer = answer.decode()
    assert answer.startswith("HTTP/1.1 413"), answer
    assert "the limit is 1000 bytes" in answer
    assert _counts(store) == (0, 0, 0)


def test_page_over_the_page_limit_is_rejected_with_reason(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDESK_MAX_PAGE_BYTES", "100")
    with TestClient(create_app(store, token=TOKEN)) as c:
        r = c.post(
            "/api/pages",
            params={"kind": "text"},
            content=b"z" * 500,
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert r.status_code == 200
    assert r.json()["rejected"][0]["reason"].startswith("too large")
    assert _counts(store) == (0, 0, 1)


def test_upload_url_must_be_http(store: Path) -> None:
    with TestClient(create_app(store, token=TOKEN)) as c:
        r = c.post(
            "/api/pages",
            params={"kind": "text", "url": "javascript:alert(1)"},
            content=HOSTILE_TEXT.encode(),
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert r.status_code == 422
    assert _counts(store) == (0, 0, 0)


# --- the hostile page -------------------------------------------------------------------------------------


def _hostile_store(path: Path, client: Any) -> dict[str, str]:
    """Hostile pages in through the API (HTML, text, JSONL) and field by field; their ids."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ids: dict[str, str] = {}
    for kind, body, name in (
        ("html", HOSTILE_HTML.encode(), "hostile.html"),
        ("text", HOSTILE_TEXT.encode(), "hostile.txt"),
    ):
        r = client.post(
            "/api/pages", params={"kind": kind, "name": name}, content=body, headers=auth
        )
        assert r.status_code == 201, r.text
        ids[kind] = r.json()["articles"][0]["id"]
    line = json.dumps({"url": f"javascript:{PWN}", "html": HOSTILE_HTML}, ensure_ascii=False)
    r = client.post("/api/pages", params={"kind": "jsonl"}, content=line.encode(), headers=auth)
    assert r.status_code in (200, 201), r.text
    if r.json()["articles"]:
        ids["jsonl"] = r.json()["articles"][0]["id"]
    client.app.state.stories.wait(30)  # the uploads' own stories run comes first
    with Store.open(path) as store:
        page, article = hostile_article()
        store.add([(page, article)])
        refresh_stories(store)  # hostile headlines become story titles, related, hot
        ids["fields"] = article.id
    return ids


def _story_urls(path: Path) -> list[str]:
    """Every story page of the store (the uploads' stories hold hostile headlines)."""
    con = sqlite3.connect(path)
    try:
        found = [f"/stories/{sid}" for (sid,) in con.execute("SELECT id FROM stories")]
    finally:
        con.close()
    assert found, "the stories step took the hostile pages in"
    return [*found, "/stories"]


def _urls(ids: dict[str, str]) -> list[str]:
    _, a = hostile_article()
    return [
        "/",
        *[f"/articles/{aid}" for aid in ids.values()],
        "/search?q=" + quote(f"<script>{PWN}</script>"),
        "/search?q=" + quote("普京") + "&site=" + quote(a.site or ""),
        "/search?q=" + quote('"><img src=x onerror=alert(1)>') + "&from=" + quote("<x>"),
        "/entities/" + quote(f"<img src=x onerror={PWN}>", safe=""),
        "/entities/" + quote(f"</title><script>{PWN}</script>", safe=""),
        "/sources/" + quote(a.site or "", safe=""),
        "/sources",
        "/api/docs",
        "/?lang=" + quote(f"<script>{PWN}</script>") + "&care=" + quote('"><script>'),
        *[f"/articles/{aid}?care=1" for aid in ids.values()],
        "/?care=1&lang=en",
        "/feeds/latest.atom",
        "/feeds/latest.rss",
        "/feeds/search.atom?q=" + quote("普京"),
        "/feeds/sources/" + quote(a.site or "", safe="") + ".rss",
    ]


def test_hostile_pages_render_inert(store: Path) -> None:
    """Escaping checked on the markup of every page that shows hostile text."""
    with TestClient(create_app(store, token=TOKEN)) as c:
        ids = _hostile_store(store, c)
        for url in _urls(ids) + _story_urls(store):
            r = c.get(url)
            assert r.status_code in (200, 404), url
            assert_inert(r.text, url)
            assert "{{ 7*7 }}" not in r.text or "49" not in r.text.split("{{ 7*7 }}")[0][-5:]
        listed = c.get("/stories").text  # the HTML and JSONL uploads are one story
        assert "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;恶意标题" in listed
        text_page = c.get(f"/articles/{ids['fields']}").text
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;第一段" in text_page
        assert "{{ 7*7 }} {% raw %} ${7*7}" in text_page  # not evaluated as a template
        assert "https://example.com/ok" in text_page  # a safe link survives
        assert "javascript:" not in text_page.split("<main")[1].replace("javascript:window", "")
        for fmt in ("atom", "rss"):
            feed = c.get(f"/feeds/latest.{fmt}")
            import xml.etree.ElementTree as ET

            ET.fromstring(feed.content)  # well-formed whatever the titles hold
            assert "<script>" not in feed.text
        api = c.get(f"/api/articles/{ids['fields']}")
        assert api.headers["content-type"] == "application/json"


def test_hostile_pages_run_nothing_in_a_real_browser(store: Path) -> None:
    require_browser()
    with TestClient(create_app(store, token=TOKEN)) as c:
        ids = _hostile_store(store, c)
    with LiveServer(store, token=TOKEN) as server, chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        watch = Watch(page)
        console: list[str] = []
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        foreign: list[str] = []

        def only_ours(route: Any) -> None:
            if route.request.url.startswith(server.url):
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        page.route("**/*", only_ours)
        for url in _urls(ids) + _story_urls(store):
            page.goto(server.url + url)
            page.wait_for_load_state("load")
            page.mouse.move(200, 200)  # hover handlers, had any survived
            for details in page.locator("details").all():
                if details.is_visible():  # care mode leaves the page's own lists out
                    details.locator("summary").click()
            assert page.evaluate("typeof window.__pwned") == "undefined", url
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            bad = [h for h in hrefs if not h.startswith(("http://", "https://"))]
            assert not bad, f"{url}: {bad}"
        page.goto(server.url + f"/articles/{ids['fields']}")
        shot(page, "12-hostile-article")
        assert watch.dialogs == [] and watch.errors == []
        assert not [m for m in console if "pwned" in m]
        # Nothing was even tried: no inline script or style reached a page for the CSP
        # to refuse, and no request left for another host.
        assert not [m for m in console if "Content Security Policy" in m], console
        assert foreign == []

        # Defence in depth: a handler planted in the live DOM is stopped by the CSP.
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend',"
            ' \'<img src="/nope.png" onerror="window.__pwned=1">\')'
        )
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert any("Content Security Policy" in e for e in watch.errors)
        assert watch.dialogs == []
        context.close()
