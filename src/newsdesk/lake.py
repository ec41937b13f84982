"""Lake output: the store as Parquet shards, one folder per table, partitioned by day.

    lake/articles/day=2025-06-04/part-0.parquet
    lake/lists/day=2025-06-04/part-0.parquet      (one row per list item)
    lake/entities/day=2025-06-04/part-0.parquet   (one row per entity of an article)
    lake/events/day=2025-06-04/part-0.parquet     (one row per dated event)

DuckDB, Polars and pyarrow read the folders directly (hive partitioning).  The day is
the article's own calendar day: its publish time in the page's own offset, else the
page's time, else `unknown`, so a shard never mixes days because of a time zone.
Articles are written in batches, so memory stays flat whatever the store's size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsdesk.article import Article
from newsdesk.errors import MissingDependency, NewsdeskError
from newsdesk.export import flat_row, flat_schema

TABLES = ("articles", "lists", "entities", "events")
UNKNOWN_DAY = "unknown"
BATCH = 5000  # articles per batch of rows handed to the writer


def day_of(article: Article) -> str:
    """The calendar day an article is filed under (its own offset, never UTC's)."""
    when = article.published or article.page_time
    return when.date().isoformat() if when else UNKNOWN_DAY


def write_lake(articles: Iterable[Article], folder: Path) -> dict[str, int]:
    """Write every table under `folder` (which must be new or empty); rows per table."""
    lake = LakeWriter(folder)
    for k, batch in enumerate(_batches(articles)):
        lake.write(batch, f"part-{k}")
    return lake.counts


class LakeWriter:
    """Writes articles batch by batch into the lake's tables, each batch as shards
    named `name` (a batch written again under its name replaces its shards): how
    `export` writes a whole store and `ingest --out` writes what a run stores."""

    def __init__(self, folder: Path, *, fresh: bool = True) -> None:
        try:
            import pyarrow as pa
            import pyarrow.dataset as ds
        except ImportError as exc:
            raise MissingDependency("pyarrow", "parquet") from exc
        if fresh and folder.exists() and any(folder.iterdir()):
            raise NewsdeskError(f"{folder} is not empty; a lake is written into a new folder")
        self.folder = folder
        self._pa, self._ds = pa, ds
        self._schemas = _schemas(pa)
        self._partitioning = ds.partitioning(pa.schema([("day", pa.string())]), flavor="hive")
        self.counts = dict.fromkeys(TABLES, 0)

    def write(self, batch: list[Article], name: str) -> None:
        rows = _rows(batch)
        for table in TABLES:
            if not rows[table]:
                continue
            self._ds.write_dataset(
                self._pa.Table.from_pylist(rows[table], schema=self._schemas[table]),
                self.folder / table,
                format="parquet",
                partitioning=self._partitioning,
                basename_template=f"{name}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
            )
            self.counts[table] += len(rows[table])


def _batches(articles: Iterable[Article]) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _rows(batch: list[Article]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for a in batch:
        day = day_of(a)
        out["articles"].append({**flat_row(a), "day": day})
        for b, block in enumerate(a.lists):
            for p, item in enumerate(block.items):
                out["lists"].append(
                    {
                        "article_id": a.id,
                        "block": b,
                        "kind": block.kind,
                        "heading": block.heading,
                        "position": p,
                        "title": item.title,
                        "source": item.source,
                        "time": item.time.isoformat() if item.time else None,
                        "url": item.url,
                        "day": day,
                    }
                )
        e = a.enrichment
        for entity in e.entities if e else []:
            out["entities"].append(
                {
                    "article_id": a.id,
                    "name": entity.name,
                    "type": entity.type,
                    "count": entity.count,
                    "surfaces": list(entity.surfaces),
                    "day": day,
                }
            )
        for event in e.events if e else []:
            out["events"].append(
                {
                    "article_id": a.id,
                    "value": event.value,
                    "start": event.start,
                    "end": event.end,
                    "tense": event.tense,
                    "text": event.text,
                    "entities": json.dumps([m.name for m in event.entities], ensure_ascii=False),
                    "day": day,
                }
            )
    return out


def _schemas(pa: Any) -> dict[str, Any]:
    text, day = pa.string(), ("day", pa.string())
    return {
        "articles": pa.schema([*flat_schema(pa), day]),
        "lists": pa.schema(
            [
                ("article_id", text), ("block", pa.int32()), ("kind", text), ("heading", text),
                ("position", pa.int32()), ("title", text), ("source", text), ("time", text),
                ("url", text), day,
            ]
        ),
        "entities": pa.schema(
            [
                ("article_id", text), ("name", text), ("type", text), ("count", pa.int32()),
                ("surfaces", pa.list_(text)), day,
            ]
        ),
        "events": pa.schema(
            [
                ("article_id", text), ("value", text), ("start", text), ("end", text),
                ("tense", text), ("text", text), ("entities", text), day,
            ]
        ),
    }  # fmt: skip
