"""Exporting stored articles as JSONL (the schema's own form) or Parquet (for analytics)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsdesk.article import Article
from newsdesk.errors import MissingDependency

# Parquet rows flatten the schema: nested parts (lists, images, author card) become JSON text.
_NESTED = ("lists", "images", "author_card", "counters", "notes", "enrichment")


def write_jsonl(articles: Iterable[Article], path: Path | None) -> int:
    """One JSON article per line to `path` (stdout when None); returns the count."""
    n = 0
    with open(path, "w", encoding="utf-8") if path else _stdout() as fh:
        for article in articles:
            fh.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def write_parquet(articles: Iterable[Article], path: Path, *, batch: int = 5000) -> int:
    """Articles as a Parquet table, written in row groups so memory stays flat."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingDependency("pyarrow", "parquet") from exc
    writer = None
    rows: list[dict[str, Any]] = []
    n = 0
    try:
        for article in articles:
            rows.append(flat_row(article))
            n += 1
            if len(rows) >= batch:
                writer = _write(pa, pq, writer, rows, path)
                rows = []
        if rows or writer is None:
            writer = _write(pa, pq, writer, rows, path)
    finally:
        if writer is not None:
            writer.close()
    return n


def _write(pa: Any, pq: Any, writer: Any, rows: list[dict[str, Any]], path: Path) -> Any:
    table = pa.Table.from_pylist(rows, schema=pa.schema(flat_schema(pa)))
    if writer is None:
        writer = pq.ParquetWriter(str(path), table.schema)
    writer.write_table(table)
    return writer


def flat_schema(pa: Any) -> list[tuple[str, Any]]:
    """The columns of a flattened article (see `flat_row`)."""
    text = pa.string()
    fields = [
        ("id", text), ("origin", text), ("url", text), ("site", text), ("title", text),
        ("author", text), ("published", text), ("published_source", text),
        ("page_time", text), ("language", text), ("source", text), ("editor", text),
        ("body", pa.list_(text)), ("captions", pa.list_(text)), ("statement", text),
        ("disclaimers", pa.list_(text)), ("original", pa.bool_()), ("content_hash", text),
    ]  # fmt: skip
    fields += [(name, text) for name in _NESTED]
    return fields


def flat_row(article: Article) -> dict[str, Any]:
    """An article as one row: the nested parts (lists, images, enrichment) as JSON text."""
    d = article.to_dict()
    row = {k: d.get(k) for k in d if k not in _NESTED}
    for name in _NESTED:
        row[name] = json.dumps(d[name], ensure_ascii=False)
    return row


class _stdout:
    def __enter__(self) -> Any:
        return sys.stdout

    def __exit__(self, *exc: object) -> None:
        sys.stdout.flush()
