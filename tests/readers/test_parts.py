"""Parts: an archive or dump read in pieces gives exactly what one whole read gives,
whatever the format, compression or damage; what cannot be split is one part."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from fixtures.warcs import Response, write_warc

from newsdesk.readers import read_paths
from newsdesk.readers.parts import plan_parts

PER_PART = 3


def _responses() -> list[Response]:
    pages = [
        Response(
            f"http://e.com/{i}",
            b"<html><body><p>hello %d</p></body></html>" % i,
            with_request=i % 2 == 0,
        )
        for i in range(11)
    ]
    return [*pages, Response("http://e.com/img", b"\x89PNG....", content_type="image/png")]


def _lines() -> str:
    good = [json.dumps({"url": f"http://j/{i}", "html": f"<p>x{i}</p>"}) for i in range(10)]
    return "\n".join([*good, "{bad", "", json.dumps({"text": "t"})])


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, tuple[Path, int]]:
    """Each input with the parts it must be planned as."""
    write_warc(tmp_path / "a.warc.gz", _responses())
    write_warc(tmp_path / "b.warc", _responses(), gzip=False)
    plain = (tmp_path / "b.warc").read_bytes()
    chunked = (tmp_path / "a.warc.gz").read_bytes()
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(plain))
    (tmp_path / "cut.warc.gz").write_bytes(chunked[:-100])
    (tmp_path / "cut.warc").write_bytes(plain[:-50])
    (tmp_path / "d.jsonl").write_text(_lines() + "\n")
    (tmp_path / "no-newline.jsonl").write_text(_lines())
    (tmp_path / "e.jsonl.gz").write_bytes(gzip.compress(_lines().encode()))
    records = 6  # 17 records (11 responses, 6 requests) in parts of 3
    return {
        "a.warc.gz": (tmp_path / "a.warc.gz", records),
        "b.warc": (tmp_path / "b.warc", records),
        "whole.warc.gz": (tmp_path / "whole.warc.gz", 1),
        "cut.warc.gz": (tmp_path / "cut.warc.gz", records),
        "cut.warc": (tmp_path / "cut.warc", records),
        "d.jsonl": (tmp_path / "d.jsonl", 5),
        "no-newline.jsonl": (tmp_path / "no-newline.jsonl", 5),
        "e.jsonl.gz": (tmp_path / "e.jsonl.gz", 1),
        "missing.warc": (tmp_path / "missing.warc", 1),
    }


def _plain(item: Any) -> dict[str, Any]:
    found = {"type": type(item).__name__, "origin": item.origin}
    if hasattr(item, "reason"):
        found["reason"] = item.reason
    else:
        found.update(text=item.text, url=item.url, fetched=item.fetched)
    return found


@pytest.mark.parametrize(
    "name",
    [
        "a.warc.gz",
        "b.warc",
        "whole.warc.gz",
        "cut.warc.gz",
        "cut.warc",
        "d.jsonl",
        "no-newline.jsonl",
        "e.jsonl.gz",
        "missing.warc",
    ],
)
def test_parts_read_as_the_whole_file(inputs: dict[str, tuple[Path, int]], name: str) -> None:
    path, expected_parts = inputs[name]
    whole = [_plain(item) for item in read_paths([path])]
    parts = list(plan_parts([path], per_part=PER_PART))
    assert len(parts) == expected_parts
    assert len({p.key for p in parts}) == len(parts)
    assert [_plain(item) for part in parts for item in part.read(1 << 20)] == whole


def test_a_changed_file_is_a_new_input(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(_lines())
    before = {p.key for p in plan_parts([path], per_part=PER_PART)}
    path.write_text(_lines() + "\n" + json.dumps({"text": "one more"}))
    assert before.isdisjoint(p.key for p in plan_parts([path], per_part=PER_PART))
