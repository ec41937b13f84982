"""The portal's whole HTTP surface under hostile requests: every route, every path
parameter and the query parameters that reach the store answer with a 4xx or a page,
never a 500; no route reads outside the store; every response, errors included,
carries the security headers; result pages are bounded."""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fixtures import paths

import newsdesk
from newsdesk.store import Store, queries
from newsdesk.web import create_app
from newsdesk.web.security import CSP

with warnings.catch_warnings():  # Starlette asks for httpx2 in the test client; either works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# Every GET route with its path parameters in braces, as the routers declare them.
ROUTES = [
    "/articles/{x}", "/entities/{x}", "/sources/{x}", "/stories/{x}",
    "/api/articles/{x}", "/api/related/{x}", "/api/stories/{x}", "/api/entities/{x}",
    "/api/timeline/{x}", "/feeds/sources/{x}.atom", "/feeds/channels/{x}.rss",
    "/feeds/latest.{x}", "/static/{x}",
]  # fmt: skip
HOSTILE_PATHS = [
    "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd",
    "....//....//etc/passwd", "..\\..\\windows\\win.ini", "%00", "a%00b", "%ff%fe",
    "%E0%A4%A", "x" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", "普京%00",
    "/etc/passwd", "%252e%252e%252f", "-1", "99999999999999999999999", "NaN",
]  # fmt: skip
# Text that full-text syntax would misread, and sizes past every limit.
HOSTILE_QUERIES = [
    '"', '""', '"unclosed', "*", "普京*", "NEAR(", "NEAR(a b", "a OR", "OR", "AND NOT",
    "-", "-普京", "^", "^a", "a:b", "title:普京", "(", ")", "{}", "[", "\\", "'", "%",
    "_", "a" * 10_000, "普" * 7_000, "\x00", "a\x00b", "\u202e", "\ufeff",
    "NEAR(普京 泽连斯基, 3)", "col : x", "+", "a AND (b OR", "'; DROP TABLE articles; --",
]  # fmt: skip
# Bytes no client library would encode: a lone surrogate, overlong and invalid UTF-8.
RAW_QUERIES = ["%ED%A0%80", "%C0%AF", "%FF%FE", "%E6%99", "%", "%%32%65"]
SEARCHES = ["/search", "/api/search", "/feeds/search.atom"]
PAGED = [
    "/api/articles", "/api/search?q=城市", "/api/stories", "/api/entities", "/api/sources",
    "/api/hot",
]  # fmt: skip
BAD_NUMBERS = ["-1", "0", "1e9", "99999999999999999999", "abc", "", "1.5", "%00"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("surface") / "portal.db"
    with Store.open(path) as store:
        newsdesk.ingest([paths.EXAMPLES], store, workers=1)
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    app = create_app(store_path, token="right-token")
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _assert_guarded(response: object, what: str) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    headers = response.headers  # type: ignore[attr-defined]
    assert status < 500, f"{what}: {status}"
    assert headers.get("content-security-policy") == CSP, what
    assert headers.get("x-content-type-options") == "nosniff", what
    assert "frame-ancestors 'none'" in CSP
    assert headers.get("referrer-policy") == "no-referrer", what
    assert b"root:x:0:0" not in response.content  # type: ignore[attr-defined]


@pytest.mark.parametrize("route", ROUTES)
def test_hostile_path_parameters_never_break_a_route(client: TestClient, route: str) -> None:
    for value in HOSTILE_PATHS:
        url = route.replace("{x}", value)
        _assert_guarded(client.get(url), url)
        _assert_guarded(client.get(route.replace("{x}", quote(value, safe=""))), url)


@pytest.mark.parametrize("route", SEARCHES)
def test_search_syntax_is_words_not_commands(client: TestClient, route: str) -> None:
    for q in HOSTILE_QUERIES:
        response = client.get(route, params={"q": q})
        _assert_guarded(response, f"{route} q={q[:20]!r}")
        if route == "/api/search" and len(q) <= 200 and response.status_code == 200:
            assert isinstance(response.json()["items"], list)
    for raw in RAW_QUERIES:
        _assert_guarded(client.get(f"{route}?q={raw}"), f"{route} q={raw}")


def test_every_query_is_searched_as_words(store_path: Path) -> None:
    """The store, not only the HTTP layer, takes these as words: never an SQL error."""
    with Store.open(store_path, read_only=True) as store:
        for q in HOSTILE_QUERIES:
            queries.search(store.connection, queries.SearchQuery(q=q))
    con = sqlite3.connect(store_path)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    finally:
        con.close()


@pytest.mark.parametrize("route", PAGED)
def test_paging_parameters_are_bounded(client: TestClient, route: str) -> None:
    joiner = "&" if "?" in route else "?"
    for name in ("limit", "offset"):
        for value in BAD_NUMBERS:
            response = client.get(f"{route}{joiner}{name}={value}")
            _assert_guarded(response, f"{route} {name}={value}")
    largest = client.get(f"{route}{joiner}limit={queries.MAX_PAGE_SIZE}")
    assert largest.status_code == 200
    assert len(largest.json()["items"]) <= queries.MAX_PAGE_SIZE
    assert client.get(f"{route}{joiner}limit={queries.MAX_PAGE_SIZE + 1}").status_code == 422
    assert client.get(f"{route}{joiner}offset={queries.MAX_OFFSET + 1}").status_code == 422


def test_html_pages_forgive_bad_numbers(client: TestClient) -> None:
    for url in ("/", "/search?q=城市", "/stories", "/sources"):
        for value in BAD_NUMBERS:
            response = client.get(url, params={"page": value})
            _assert_guarded(response, f"{url} page={value}")
            assert response.status_code == 200


def test_unknown_methods_and_hosts_are_refused_with_headers(client: TestClient) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        _assert_guarded(client.request(method, "/api/articles"), method)
    response = client.get("/", headers={"host": "evil.example", "x-forwarded-host": "x"})
    _assert_guarded(response, "host header")
    assert "evil.example" not in response.text


def test_errors_inside_the_app_keep_the_headers(tmp_path: Path) -> None:
    """A store damaged under a running portal gives a 5xx, with the headers and no trace."""
    path = tmp_path / "damaged.db"
    Store.open(path).close()
    app = create_app(path)
    with TestClient(app, raise_server_exceptions=False) as c:
        con = sqlite3.connect(path)
        con.execute("DROP TABLE articles")
        con.close()
        for url in ("/", "/api/articles", "/search?q=城市"):
            response = c.get(url)
            assert response.status_code >= 500, url
            assert response.headers.get("content-security-policy") == CSP, url
            assert response.headers.get("x-content-type-options") == "nosniff", url
            assert "Traceback" not in response.text and "sqlite" not in response.text.lower()
