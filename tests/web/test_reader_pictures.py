"""What a reader sees of reprints, images and coverage (issue 14, items 8 and 11).

Real articles of the shared set published by several outlets, a real page with a
captioned photo, and an invented hostile page whose "images" try every trick.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import paths
from fixtures.html import assert_valid_html
from markupsafe import escape

from newsdesk.article import Article, Image, Page
from newsdesk.ingestion import ingest
from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.security import CSP

with warnings.catch_warnings():  # Starlette asks for httpx2 in the test client; either works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# The outlets of one article, in the order they published it; the last has a name
# with markup characters, which every page must show as text.
OUTLETS = [
    ("中新网", "2024-03-09 20:00"),
    ("环球网", "2024-03-10"),
    ("A&B'网", "2024-03-11 09:30"),
]
PHOTO_PAGE = "cwced/html/064b591b-3cac-4a08-88d0-41c193a2350d.html"  # one captioned photo
HOSTILE = [
    "javascript:alert(1)",
    "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    "https://ex.example;img-src=*/a.png",  # would widen the policy
    "http://127.0.0.1:8080/pixel.gif",  # the reader's own machine and network
    "http://router/admin.gif",
    "https://img.example.com/ok.jpg",
]


@pytest.fixture(scope="module")
def store_path(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    text = (shared_dir / "data" / "cnews" / "articles.txt").read_text("utf-8").splitlines()[30]
    for j, (outlet, day) in enumerate(OUTLETS):
        page = f"第{j}稿\n{day} 来源：{outlet}\n{text.split(chr(9), 1)[1]}\n"
        (folder / f"copy{j}.txt").write_text(page, "utf-8")
    photo = folder / "photo.html"
    photo.write_bytes((paths.DATA / PHOTO_PAGE).read_bytes())
    hostile = Article(
        id="hostile",
        origin="hostile",
        url="https://news.example.com/a/1",
        title="恶意网页",
        body=["第一段正文。", "第二段正文。"],
        captions=['"><script>alert(1)</script>'],
        images=[
            Image(u, '"><script>alert(1)</script>' if k == 0 else None)
            for k, u in enumerate(HOSTILE)
        ],
    )
    path = tmp_path_factory.mktemp("store") / "pictures.db"
    with Store.open(path) as store:
        ingest([folder], store, workers=1, enrich=False, stories=True)
        store.add([(Page(origin="hostile", kind="text", text="恶意网页"), hostile)])
    return path


@pytest.fixture(scope="module")
def module_client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path)) as c:
        yield c


@pytest.fixture
def client(module_client: TestClient) -> TestClient:
    """The shared client without the choices an earlier test made (language, images)."""
    module_client.cookies.clear()
    return module_client


def _ids(client: TestClient) -> dict[str, str]:
    items = client.get("/api/articles", params={"limit": 100}).json()["items"]
    return {i["source"]: i["id"] for i in items if i["source"]}


def _marks(html: str) -> dict[str, str]:
    """Each listed article and the original its reprint mark links to."""
    found = {}
    for item in html.split('<li class="item"')[1:]:
        aid = re.search(r'class="headline" href="/articles/([^"]+)"', item)
        mark = re.search(r'class="reprint-mark">[^<]*<a href="/articles/([^"]+)"', item)
        if aid:
            found[aid.group(1)] = mark.group(1) if mark else ""
    return found


def test_every_list_marks_the_copies(client: TestClient) -> None:
    ids = _ids(client)
    original = ids[OUTLETS[0][0]]
    copies = {ids[o] for o, _ in OUTLETS[1:]}
    story = client.get(f"/api/articles/{original}").json()
    phrase = story["body"][0][:6]
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    for url in ("/", f"/search?q={phrase}", f"/entities/{phrase}", f"/stories/{story_id}"):
        html = client.get(url).text
        assert_valid_html(html, url)
        marks = _marks(html)
        assert marks.get(original) == "", f"{url}: the original is no copy"
        assert {marks.get(c) for c in copies} == {original}, url
        assert f'转载自 <a href="/articles/{original}"' in html, url
    english = client.get(f"/search?q={phrase}&lang=en").text
    assert "reprint of" in english
    api = client.get("/api/search", params={"q": phrase}).json()["items"]
    assert {i["id"]: (i["reprint_of"] or {}).get("id") for i in api} == {
        original: None,
        **{c: original for c in copies},
    }


def test_story_and_entity_pages_chart_coverage_by_outlet(client: TestClient) -> None:
    ids = _ids(client)
    phrase = client.get(f"/api/articles/{ids[OUTLETS[0][0]]}").json()["body"][0][:6]
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    for url in (f"/stories/{story_id}", f"/entities/{phrase}"):
        html = client.get(url).text
        svg = html.split('<svg class="chart"')[1].split("</svg>")[0]
        assert 'role="img"' in svg and "<title>" in svg, url
        bars = re.findall(r"<rect [^>]*><title>([^<]*)</title>", svg)
        assert len(bars) == len(OUTLETS), url  # one article each
        assert {b.split(" · ")[0] for b in bars} == {str(escape(o)) for o, _ in OUTLETS}, url
        table = html.split('<table class="numbers"')[1].split("</table>")[0]
        assert str(escape(OUTLETS[2][0])) in table and OUTLETS[2][0] not in table, url
    days = client.get(f"/stories/{story_id}").text
    assert all(day.split()[0] in days for _, day in OUTLETS)  # one bar a day, each labelled


def test_images_are_off_until_the_reader_chooses(client: TestClient, store_path: Path) -> None:
    photo = _photo_id(client)
    page = client.get(f"/articles/{photo}")
    assert "<img" not in page.text and page.headers["content-security-policy"] == CSP
    assert "显示原网页图片" in page.text
    chosen = client.get(f"/articles/{photo}?images=1")
    assert_valid_html(chosen.text, "images on")
    image = client.get(f"/api/articles/{photo}").json()["images"][0]
    img = re.search(r"<img [^>]+>", chosen.text)
    assert img is not None
    assert f'src="{image["url"]}"' in img.group(0)
    assert 'loading="lazy"' in img.group(0) and 'referrerpolicy="no-referrer"' in img.group(0)
    assert f"<figcaption>{image['caption']}</figcaption>" in chosen.text
    policy = chosen.headers["content-security-policy"]
    assert "img-src 'self' data: http://vnews.avl.com.cn;" in policy
    # the choice is remembered, and taken back
    assert "<img" in client.get(f"/articles/{photo}").text
    assert "<img" not in client.get(f"/articles/{photo}?images=0").text
    assert "<img" not in client.get(f"/articles/{photo}").text


def _photo_id(client: TestClient) -> str:
    for item in client.get("/api/articles", params={"limit": 100}).json()["items"]:
        if client.get(f"/api/articles/{item['id']}").json()["origin"].endswith("photo.html"):
            return str(item["id"])
    raise AssertionError("the photo page is stored")


def test_hostile_images_are_dropped(client: TestClient) -> None:
    html = client.get("/articles/hostile?images=1")
    assert_valid_html(html.text, "hostile")
    shown = re.findall(r'<img src="([^"]+)"', html.text)
    assert shown == ["https://img.example.com/ok.jpg"]
    assert "<script>" not in html.text and "&lt;script&gt;" in html.text
    policy = html.headers["content-security-policy"]
    assert "img-src 'self' data: https://img.example.com;" in policy
    assert "*" not in policy and "ex.example" not in policy and "127.0.0.1" not in policy


def test_the_server_can_refuse_images(store_path: Path) -> None:
    with TestClient(create_app(store_path, remote_images=False)) as c:
        html = c.get("/articles/hostile?images=1")
        assert "<img" not in html.text and "显示原网页图片" not in html.text
        assert html.headers["content-security-policy"] == CSP
