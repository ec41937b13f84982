"""The public Python API, as the README shows it."""

from __future__ import annotations

import importlib
from pathlib import Path

import newsdesk


def test_read_page_from_text_and_bytes(seeds_dir: Path) -> None:
    text = (seeds_dir / "001_24aef3fd8e843ac8.txt").read_text(encoding="utf-8")
    first = newsdesk.read_page(text, kind="text")
    # Importing the extract package must not shadow the API function.
    importlib.import_module("newsdesk.extract")

    again = newsdesk.read_page(text.encode("gb18030"), kind="text")
    assert first.title == again.title
    assert first.published is not None and first.published.isoformat().startswith(
        "2025-06-04T22:04:14"
    )


def test_read_page_rejects_junk_with_a_reason() -> None:
    try:
        newsdesk.read_page(b"\x00\x01\x02\x03" * 100, kind="html")
    except newsdesk.RejectedInput as exc:
        assert exc.reason
    else:
        raise AssertionError("binary junk was read as a page")


def test_read_path_and_store_roundtrip(seeds_dir: Path, tmp_path: Path) -> None:
    rejected: list[newsdesk.Rejection] = []
    articles = list(newsdesk.read(seeds_dir, rejections=rejected))
    assert len(articles) == 2 and not rejected
    with newsdesk.open_store(tmp_path / "s.db") as store:
        summary = newsdesk.ingest([seeds_dir], store, workers=1)
        assert summary.added == 2 and summary.skipped == 2
        hits = store.search("普京")
        assert {h.id for h in hits} == {a.id for a in articles}
        assert store.get(hits[0].id) is not None
