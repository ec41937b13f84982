"""Completion records of resumable runs (migration 0007).

A run is named by a signature of its inputs and options; `begin` finds the unfinished
run of the same signature (a killed one) and the parts it stored, or starts a new
one.  `mark_done` is called inside the transaction that stores a part's records, so
a kill leaves a part either stored and marked, or neither.  `finish` drops the
finished run's part rows: a later run of the same inputs reads them all again.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from newsdesk.store.db import now, transaction
from newsdesk.store.engines import Connection


def begin(con: Connection, signature: str, inputs: str) -> tuple[str, set[str], bool]:
    """The run to carry on (or a new one), the keys of its parts already done, and
    whether it is carried on."""
    with transaction(con):
        row = con.execute(
            "SELECT id FROM runs WHERE signature = ? AND finished_at IS NULL"
            " ORDER BY started_at DESC LIMIT 1",
            (signature,),
        ).fetchone()
        if row is not None:
            run_id = str(row[0])
            done = {
                str(part)
                for (part,) in con.execute("SELECT part FROM run_parts WHERE run_id = ?", (run_id,))
            }
            return run_id, done, True
        run_id = uuid.uuid4().hex
        con.execute(
            "INSERT INTO runs (id, signature, inputs, started_at) VALUES (?, ?, ?, ?)",
            (run_id, signature, inputs, now()),
        )
    return run_id, set(), False


def mark_done(con: Connection, run_id: str, parts: Iterable[str]) -> None:
    """Record parts done; the caller holds the transaction that stores them."""
    at = now()
    con.executemany(
        "INSERT INTO run_parts (run_id, part, done_at) VALUES (?, ?, ?)"
        " ON CONFLICT (run_id, part) DO NOTHING",
        [(run_id, part, at) for part in parts],
    )


def finish(con: Connection, run_id: str) -> None:
    """Close the run: its count of parts stays, the part rows go."""
    with transaction(con):
        con.execute(
            "UPDATE runs SET finished_at = ?,"
            " parts = (SELECT count(*) FROM run_parts WHERE run_id = ?) WHERE id = ?",
            (now(), run_id, run_id),
        )
        con.execute("DELETE FROM run_parts WHERE run_id = ?", (run_id,))
