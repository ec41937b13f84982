"""read_paths on good input: folders, globs, JSON Lines and WARC archives -> Pages."""

from __future__ import annotations

import gzip
import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fixtures import paths
from fixtures.warcs import Response, write_warc
from warcio.warcwriter import WARCWriter

from newsdesk import settings
from newsdesk.article import Page
from newsdesk.errors import Rejection, Skipped
from newsdesk.readers import read_bytes, read_paths

SHARED = paths.SHARED
SEEDS = SHARED / "seeds"

GBK_TEXT = "朱镕基在北京发表讲话，强调改革开放的重要性。"  # 镕 is in GBK, not GB2312


def pages(items: list[Page | Rejection | Skipped]) -> list[Page]:
    return [i for i in items if isinstance(i, Page)]


def by_type(items: list[Page | Rejection | Skipped]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"Page": [], "Rejection": [], "Skipped": []}
    for item in items:
        out[type(item).__name__].append(item.origin)
    return out


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "crawl"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "b.txt").write_text("标题\n\n正文第一段。", encoding="utf-8")
    (root / "a.html").write_bytes(
        f'<html><head><meta charset="gb2312"></head><body>{GBK_TEXT}</body></html>'.encode("gbk")
    )
    (root / "a.gold.json").write_text('{"title": "x"}', encoding="utf-8")
    (root / "sub" / "c.htm").write_text("<p>c</p>", encoding="utf-8")
    (root / "sub" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / "sub" / "deeper" / "d.XHTML").write_text("<p>d</p>", encoding="utf-8")
    return root


def test_folder_is_walked_recursively_in_name_order(tree: Path) -> None:
    items = list(read_paths([tree]))
    assert [Path(i.origin).relative_to(tree).as_posix() for i in items] == [
        "a.gold.json",
        "a.html",
        "b.txt",
        "sub/c.htm",
        "sub/deeper/d.XHTML",
        "sub/photo.png",
    ]
    kinds = {Path(p.origin).name: p.kind for p in pages(items)}
    assert kinds == {"a.html": "html", "b.txt": "text", "c.htm": "html", "d.XHTML": "html"}
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [Path(s.origin).name for s in skipped] == ["a.gold.json", "photo.png"]
    assert skipped[0].reason == "not a page: .json file"


def test_file_pages_keep_bytes_and_are_decoded(tree: Path) -> None:
    html, text = pages(list(read_paths([tree / "a.html", tree / "b.txt"])))
    assert isinstance(html.data, bytes)
    assert html.data == (tree / "a.html").read_bytes()
    assert GBK_TEXT in (html.text or "")  # gb2312 declared, GBK-only 镕 decoded
    assert html.charset == "gb2312"
    assert text.kind == "text"
    assert text.text == "标题\n\n正文第一段。"
    assert html.url is None


def test_globs_expand_sorted_and_recursive(tree: Path) -> None:
    items = list(read_paths([str(tree / "*.txt"), str(tree / "**" / "*.htm*")]))
    names = [Path(i.origin).name for i in items]
    assert names == ["b.txt", "a.html", "c.htm"]
    assert all(isinstance(i, Page) for i in items)


def test_glob_matching_nothing_is_rejected(tmp_path: Path) -> None:
    (item,) = read_paths([str(tmp_path / "*.warc.gz")])
    assert isinstance(item, Rejection)
    assert item.reason == "no files match this pattern"


def test_a_file_reached_twice_is_read_once(tree: Path) -> None:
    items = list(read_paths([tree / "b.txt", tree]))
    assert [Path(i.origin).name for i in items].count("b.txt") == 1


def test_a_bare_path_is_one_path(tree: Path) -> None:
    (page,) = read_paths(tree / "b.txt")
    assert isinstance(page, Page)


def test_max_bytes_must_be_positive(tree: Path) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        list(read_paths([tree], max_bytes=0))


def test_the_size_guard_follows_the_max_page_bytes_setting(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (page,) = read_paths(tree / "b.txt")
    assert isinstance(page, Page) and page.data is not None
    monkeypatch.setenv(settings.setting("max_page_bytes").env, str(len(page.data) - 1))
    (again,) = read_paths(tree / "b.txt")
    assert isinstance(again, Rejection) and again.reason.startswith("too large")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_seed_folder_gives_two_pages_and_skips_the_gold() -> None:
    items = list(read_paths([SEEDS]))
    found = by_type(items)
    assert sorted(Path(o).name for o in found["Page"]) == [
        "000_f844af933c40c450.txt",
        "001_24aef3fd8e843ac8.txt",
    ]
    assert sorted(Path(o).name for o in found["Skipped"]) == [
        "000_f844af933c40c450.gold.json",
        "001_24aef3fd8e843ac8.gold.json",
    ]
    assert not found["Rejection"]
    for page in pages(items):
        assert page.kind == "text"
        assert page.text and "\ufffd" not in page.text
        assert page.data == Path(page.origin).read_bytes()


# --- JSON Lines -------------------------------------------------------------------


def _jsonl_lines() -> list[str]:
    return [
        json.dumps(
            {"url": "https://a.example/1", "html": "<p>一</p>", "fetched": "2024-05-01T08:00:00Z"}
        ),
        "",  # blank lines are passed over
        json.dumps({"url": "https://a.example/2", "text": "二\n三", "date": 1714521600}),
        '{"url": "https://a.example/3", "html": "<p>broken',
        json.dumps(
            {
                "url": "https://a.example/4",
                "html": "<p>四</p>",
                "fetched": "2024-05-01 16:00:00+08:00",
            }
        ),
        json.dumps(["not", "an", "object"]),
        json.dumps({"url": "https://a.example/6", "body": "no html or text"}),
        json.dumps({"html": "<p>六</p>", "fetched": "not a time"}, ensure_ascii=False),
    ]


@pytest.mark.parametrize("name", ["dump.jsonl", "dump.ndjson", "dump.jsonl.gz"])
def test_jsonl_both_shapes_and_bad_lines(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    raw = ("\n".join(_jsonl_lines()) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(raw) if name.endswith(".gz") else raw)

    items = list(read_paths([path]))
    got = [(type(i).__name__, i.origin.rsplit(":", 1)[1]) for i in items]
    assert got == [
        ("Page", "1"),
        ("Page", "3"),
        ("Rejection", "4"),
        ("Page", "5"),
        ("Rejection", "6"),
        ("Rejection", "7"),
        ("Page", "8"),
    ]
    first, second, fourth, last = pages(items)
    assert (first.kind, first.text, first.url) == ("html", "<p>一</p>", "https://a.example/1")
    assert first.fetched == datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert first.data is None
    assert (second.kind, second.text) == ("text", "二\n三")
    assert second.fetched == datetime(2024, 5, 1, tzinfo=UTC)  # epoch seconds
    assert fourth.fetched == datetime(2024, 5, 1, 16, tzinfo=timezone(timedelta(hours=8)))
    assert last.url is None and last.fetched is None
    reasons = [i.reason for i in items if isinstance(i, Rejection)]
    assert reasons[0].startswith("malformed JSON")
    assert reasons[1] == "not a JSON object"
    assert reasons[2] == "no 'html' or 'text' string field"


def test_jsonl_naive_and_millisecond_times(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    lines = [
        {"text": "x", "fetched": "2024-05-01T08:00:00"},
        {"text": "y", "fetched": 1714521600000},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    a, b = pages(list(read_paths([path])))
    assert a.fetched == datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert b.fetched == datetime(2024, 5, 1, tzinfo=UTC)


# --- WARC ---------------------------------------------------------------------------


def _exchanges() -> list[Response]:
    gbk_page = f'<html><head><meta charset="gb2312"></head><body><p>{GBK_TEXT}</p></body></html>'
    return [
        Response(
            "https://news.example.cn/a.html",
            "<html><body><p>第一篇</p></body></html>".encode(),
            date="2024-03-01T10:00:00Z",
            with_request=True,
        ),
        Response(
            "https://news.example.cn/b.html",
            gbk_page.encode("gbk"),
            content_type="text/html; charset=GBK",
            date="2024-03-02T11:30:00Z",
            with_request=True,
        ),
    ]


@pytest.mark.parametrize("compressed", [True, False])
def test_warc_responses_become_pages(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    ids = write_warc(path, _exchanges(), gzip=compressed)

    items = list(read_paths([path]))
    assert all(isinstance(i, Page) for i in items)  # request records pass silently
    first, second = items
    assert isinstance(first, Page) and isinstance(second, Page)
    assert [first.origin, second.origin] == [f"{path}#{ids[0]}", f"{path}#{ids[1]}"]
    assert ids[0].startswith("urn:uuid:")
    assert first.url == "https://news.example.cn/a.html"
    assert second.url == "https://news.example.cn/b.html"
    assert first.fetched == datetime(2024, 3, 1, 10, tzinfo=UTC)
    assert second.fetched == datetime(2024, 3, 2, 11, 30, tzinfo=UTC)
    assert (first.charset, second.charset) == ("utf-8", "gbk")
    assert first.kind == second.kind == "html"
    assert second.data is not None and GBK_TEXT.encode("gbk") in second.data
    assert GBK_TEXT in (second.text or "")
    assert "第一篇" in (first.text or "")


def test_warc_non_pages_are_skipped_per_record(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc.gz"
    write_warc(
        path,
        [
            Response("https://x.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(32), "image/png"),
            Response("https://x.example/gone", b"<html>gone</html>", status="404 Not Found"),
            Response("https://x.example/moved", b"", status="301 Moved Permanently"),
            Response("https://x.example/notes.txt", "纯文本".encode(), "text/plain; charset=utf-8"),
            Response("https://x.example/untyped", b"<!DOCTYPE html><p>hi</p>", ""),
        ],
    )
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped", "Skipped", "Page", "Page"]
    assert [i.reason for i in items if isinstance(i, Skipped)] == [
        "not a page: image/png",
        "not a page: HTTP status 404",
        "not a page: HTTP status 301",
    ]
    text_page, untyped = pages(items)
    assert (text_page.kind, text_page.text) == ("text", "纯文本")
    assert untyped.kind == "html"


def test_warc_content_encoding_is_undone(tmp_path: Path) -> None:
    body = "<html><p>压缩的正文</p></html>".encode()
    path = tmp_path / "enc.warc.gz"
    write_warc(
        path,
        [
            Response(
                "https://x.example/z",
                gzip.compress(body),
                extra_headers=[("Content-Encoding", "gzip")],
            )
        ],
    )
    (page,) = read_paths([path])
    assert isinstance(page, Page)
    assert page.data == body


def test_several_sources_in_one_run(tmp_path: Path, tree: Path) -> None:
    warc = tmp_path / "w.warc.gz"
    write_warc(warc, _exchanges())
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"url": "u", "text": "t"}) + "\n", encoding="utf-8")
    items = list(read_paths([warc, dump, tree / "b.txt"]))
    assert [type(i).__name__ for i in items] == ["Page"] * 4


def test_warc_gzipped_as_one_member_and_resource_records(tmp_path: Path) -> None:
    plain = tmp_path / "plain.warc"
    write_warc(plain, _exchanges(), gzip=False)
    with plain.open("ab") as out:
        record = WARCWriter(out, gzip=False).create_warc_record(
            "file:///saved.html",
            "resource",
            payload=io.BytesIO("<html><p>资源</p></html>".encode()),
            warc_content_type="text/html",
        )
        WARCWriter(out, gzip=False).write_record(record)
    whole = tmp_path / "whole.warc.gz"  # one gzip member, not one per record
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    items = list(read_paths([whole]))
    assert [type(i).__name__ for i in items] == ["Page", "Page", "Page"]
    assert "资源" in (items[2].text or "")
    assert items[2].url == "file:///saved.html"


def _arc_record(fields: list[str], body: bytes) -> bytes:
    return (" ".join([*fields, str(len(body))]) + "\n").encode() + body + b"\n\n"


def test_arc_records_are_named_by_position(tmp_path: Path) -> None:
    header = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\n\r\n"
    page += f"<html><p>{GBK_TEXT}</p></html>".encode("gbk")
    gif = b"HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\n\r\nGIF89a"
    data = (
        _arc_record(["filedesc://t.arc", "0.0.0.0", "20240101000000", "text/plain"], header)
        + _arc_record(["http://x.example/a", "1.2.3.4", "20240102030405", "text/html"], page)
        + _arc_record(["http://x.example/b.gif", "1.2.3.4", "20240102030406", "image/gif"], gif)
    )
    path = tmp_path / "old.arc.gz"
    path.write_bytes(gzip.compress(data))
    first, second = read_paths([path])
    assert isinstance(first, Page) and isinstance(second, Skipped)
    assert first.origin == f"{path}#record-2"
    assert first.url == "http://x.example/a"
    assert first.fetched == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert GBK_TEXT in (first.text or "")
    assert second.reason == "not a page: image/gif"


@pytest.mark.parametrize("name", ["a.html", "b.txt"])
def test_a_body_in_memory_reads_as_its_file(tree: Path, name: str) -> None:
    """An upload's bytes and the same file: the same decoded page, charset and hash."""
    (from_file,) = read_paths(tree / name)
    kind = "html" if name.endswith(".html") else "text"
    (body,) = read_bytes((tree / name).read_bytes(), kind=kind, origin="upload:x")
    assert isinstance(from_file, Page) and isinstance(body, Page)
    assert (body.text, body.charset, body.content_hash()) == (
        from_file.text,
        from_file.charset,
        from_file.content_hash(),
    )
    assert body.origin == "upload:x"


def test_a_body_keeps_the_readers_rules(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (empty,) = read_bytes(b" \n", kind="text", origin="upload:e")
    assert isinstance(empty, Rejection) and empty.reason == "empty upload"
    data = (tree / "b.txt").read_bytes()
    monkeypatch.setenv(settings.setting("max_page_bytes").env, str(len(data) - 1))
    (big,) = read_bytes(data, kind="text", origin="upload:b")
    (big_file,) = read_paths(tree / "b.txt")
    assert isinstance(big, Rejection) and isinstance(big_file, Rejection)
    assert big.reason == big_file.reason


def test_an_archive_body_names_its_origin_not_a_temporary_file(tmp_path: Path) -> None:
    lines = [{"url": f"https://x.cn/{i}", "text": f"标题{i}\n\n正文。"} for i in range(2)]
    data = gzip.compress("\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode())
    items = list(read_bytes(data, kind="jsonl", origin="upload:dump"))
    assert [i.url for i in items if isinstance(i, Page)] == [x["url"] for x in lines]
    assert all(i.origin.startswith("upload:dump") for i in items)
