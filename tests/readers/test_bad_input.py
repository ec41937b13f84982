"""Bad input never stops a run: each bad file, line or record becomes a Rejection."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import tempfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.warcs import Response, write_warc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.article import Page
from newsdesk.errors import Rejection, Skipped
from newsdesk.readers import read_paths

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
MiB = 1024 * 1024


def only(items: list[Page | Rejection | Skipped]) -> Rejection:
    assert len(items) == 1, items
    (item,) = items
    assert isinstance(item, Rejection), item
    return item


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging forever if a reader blocks (on a FIFO, say)."""

    def _timeout(signum: int, frame: object) -> None:
        raise TimeoutError("reader blocked")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


# --- missing, unreadable, not a file ----------------------------------------------


def test_nonexistent_path(tmp_path: Path) -> None:
    rejection = only(list(read_paths([tmp_path / "nope.html"])))
    assert rejection.reason == "no such file or directory"
    assert rejection.origin == str(tmp_path / "nope.html")


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "page.html"
    link.symlink_to(tmp_path / "gone.html")
    assert only(list(read_paths([link]))).reason == "broken symlink"


def test_fifo_is_rejected_without_blocking(tmp_path: Path, alarm: None) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    assert only(list(read_paths([fifo]))).reason == "not a regular file (FIFO)"


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    try:
        assert only(list(read_paths([path]))).reason == "permission denied"
    finally:
        path.chmod(0o644)


def test_folder_with_unreadable_entries_keeps_going(tmp_path: Path, alarm: None) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    (folder / "a_good.txt").write_text("好的页面", encoding="utf-8")
    (folder / "b_dangling.html").symlink_to(folder / "missing.html")
    os.mkfifo(folder / "c_pipe.txt")
    (folder / "d_good.html").write_text("<p>好</p>", encoding="utf-8")
    locked = folder / "e_locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        items = list(read_paths([folder]))
    finally:
        locked.chmod(0o755)
    got = [(Path(i.origin).name, type(i).__name__) for i in items]
    expected = [
        ("a_good.txt", "Page"),
        ("b_dangling.html", "Rejection"),
        ("c_pipe.txt", "Rejection"),
        ("d_good.html", "Page"),
    ]
    if IS_ROOT:
        expected.append(("inside.txt", "Page"))
    else:
        expected.append(("e_locked", "Rejection"))
    assert got == expected


# --- empty, binary, undecodable --------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["empty.txt", "empty.html", "empty.jsonl", "empty.warc.gz", "blank.jsonl", "gz.jsonl.gz"],
)
def test_empty_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    content = {"blank.jsonl": b"\n\n  \n", "gz.jsonl.gz": gzip.compress(b"")}
    path.write_bytes(content.get(name, b""))
    assert only(list(read_paths([path]))).reason == "empty file"


def test_binary_junk(tmp_path: Path) -> None:
    junk = tmp_path / "junk.html"
    junk.write_bytes(random.Random(7).randbytes(4096))
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(8).randbytes(512))
    first, second = read_paths([junk, image])
    assert isinstance(first, Rejection) and isinstance(second, Rejection)
    assert first.reason.startswith("binary content")
    assert second.reason == "binary content (PNG image), not text"


def test_binary_jsonl_is_one_rejection_not_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "junk.jsonl"
    path.write_bytes(random.Random(9).randbytes(64 * 1024))
    assert only(list(read_paths([path]))).reason.startswith("binary content")


def test_invalid_utf8(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_bytes(b'{"text": "\xff\xfe bad"}\n{"text": "good"}\n')
    bad, good = read_paths([dump])
    assert isinstance(bad, Rejection) and bad.reason == "invalid UTF-8 in JSON line"
    assert isinstance(good, Page) and good.text == "good"
    # A page that is not UTF-8 is decoded in its charset, not rejected...
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(
        "这是一段用 GBK 编码的中文新闻正文，内容包括经济、社会和文化。".encode("gbk")
    )
    (page,) = read_paths([legacy])
    assert isinstance(page, Page) and "经济" in (page.text or "")
    # ...and one stray byte in a clearly UTF-8 page is replaced, not misread.
    stray = tmp_path / "stray.txt"
    stray.write_bytes("新闻正文第一段。".encode() * 20 + b"\xff" + "结尾。".encode())
    (page,) = read_paths([stray])
    assert isinstance(page, Page) and (page.text or "").endswith("\ufffd结尾。")


def test_not_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is just some text, not a WARC file\n", encoding="utf-8")
    assert only(list(read_paths([path]))).reason == "not an archive: no WARC or ARC records"


# --- too large ------------------------------------------------------------------


def test_50mb_page_is_rejected_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as f:
        f.truncate(50 * MiB)  # sparse: takes no disk, reads as 50 MB of NULs
    tracemalloc.start()
    try:
        items = list(read_paths([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rejection = only(items)
    assert rejection.reason == "too large: 52,428,800 bytes (limit 8,388,608)"
    assert peak < MiB


def test_oversized_jsonl_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "a" * (12 * MiB)}) + "\n")
        f.write(json.dumps({"text": "small"}) + "\n")
    tracemalloc.start()
    try:
        items = list(read_paths([path], max_bytes=MiB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    big, small = items
    assert isinstance(big, Rejection) and big.origin.endswith(":1")
    assert big.reason == f"too large: {12 * MiB + 13:,} bytes (limit {MiB:,})"
    assert isinstance(small, Page) and small.text == "small"
    assert peak < 6 * MiB  # skipped in chunks, never held whole


def test_jsonl_page_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"text": "中" * 1000}, ensure_ascii=False), encoding="utf-8")
    (item,) = read_paths([path], max_bytes=2000)
    assert isinstance(item, Rejection)
    assert item.reason == "too large: 3,000 bytes (limit 2,000)"


def test_oversized_warc_record_is_rejected_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    ids = write_warc(
        path,
        [
            Response("https://x.example/big", b"<p>" + b"x" * (3 * MiB) + b"</p>"),
            Response("https://x.example/small", b"<p>small</p>"),
        ],
    )
    big, small = read_paths([path], max_bytes=MiB)
    assert isinstance(big, Rejection)
    assert big.origin == f"{path}#{ids[0]}"
    assert big.reason == f"too large: {3 * MiB + 7:,} bytes (limit {MiB:,})"
    assert isinstance(small, Page) and small.url == "https://x.example/small"


# --- truncated ------------------------------------------------------------------


def _three_pages() -> list[Response]:
    rng = random.Random(3)
    return [
        Response(
            f"https://x.example/{n}",
            # random words, so each gzip member is long enough to cut into
            (" ".join(f"w{rng.randrange(10**6)}" for _ in range(400)) + f" page {n}").encode(),
            content_type="text/plain",
            with_request=True,
        )
        for n in range(1, 4)
    ]


@pytest.mark.parametrize("compressed", [True, False])
def test_truncated_warc_yields_complete_records_then_rejection(
    tmp_path: Path, compressed: bool
) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, _three_pages(), gzip=compressed)
    data = whole.read_bytes()
    cut_file = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    # Cut inside the last response: its request record (about 400 bytes) follows it.
    cut_file.write_bytes(data[: len(data) - 1500])

    items = list(read_paths([cut_file]))
    *complete, last = items
    assert [p.url for p in complete if isinstance(p, Page)] == [
        "https://x.example/1",
        "https://x.example/2",
    ]
    assert all(isinstance(p, Page) for p in complete)
    assert isinstance(last, Rejection)
    assert last.origin == str(cut_file)
    assert "truncated" in last.reason
    assert "record 5" in last.reason  # response, request, response, request, *response*


def test_warc_cut_in_gzip_trailer(tmp_path: Path) -> None:
    path = tmp_path / "t.warc.gz"
    write_warc(path, _three_pages())
    data = path.read_bytes()
    path.write_bytes(data[:-4])  # only the last member's size field is missing
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Page", "Page", "Page", "Rejection"]
    assert items[-1].reason == "truncated gzip: the archive ends after 6 complete records"


def test_truncated_gzip_jsonl(tmp_path: Path) -> None:
    lines = [json.dumps({"url": f"u{n}", "text": f"第{n}篇 " + "内容" * 50}) for n in range(1, 201)]
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])

    items = list(read_paths([path]))
    *read, last = items
    assert read and all(isinstance(p, Page) for p in read)
    assert [p.url for p in read] == [f"u{n}" for n in range(1, len(read) + 1)]
    assert isinstance(last, Rejection) and last.origin == str(path)
    assert last.reason == f"truncated gzip: the stream ends inside line {len(read) + 1}"


def test_corrupt_gzip_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    good = gzip.compress(b'{"text": "a"}\n' * 10)
    path.write_bytes(good[:20] + bytes(40) + good[60:])
    items = list(read_paths([path]))
    assert isinstance(items[-1], Rejection)
    assert "gzip" in items[-1].reason


# --- never raises ---------------------------------------------------------------


def test_a_run_over_everything_bad_still_reads_the_good(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.html").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "fake.warc.gz").write_bytes(gzip.compress(b"nonsense")[:-3])
    (tmp_path / "lines.jsonl").write_text("{\n[1]\n", encoding="utf-8")
    (tmp_path / "notes.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "z_good.txt").write_text("正文", encoding="utf-8")
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    assert [type(i).__name__ for i in items] == [
        "Rejection",  # empty.txt
        "Rejection",  # fake.warc.gz
        "Rejection",  # junk.html
        "Rejection",  # lines.jsonl:1
        "Rejection",  # lines.jsonl:2
        "Skipped",  # notes.gold.json
        "Page",  # z_good.txt
        "Rejection",  # missing.txt
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=3000), suffix=st.sampled_from([".html", ".jsonl", ".warc", ".warc.gz"])
)
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(gzip.compress(data) if suffix == ".warc.gz" else data)
        for item in read_paths([path]):
            assert isinstance(item, Page | Rejection | Skipped)
            if isinstance(item, Rejection):
                assert item.reason and len(item.reason) < 200
