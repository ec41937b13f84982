"""Settings: one typed table of defaults, overridden by environment, then by CLI options.

Each setting has a name, a type, a default, a help line and its environment variable
(`NEWSDESK_<NAME>`).  Every front end reads it through `get`/`get_int`: the CLI, the
portal and the pipeline, and the same table feeds `newsdesk settings` and the README's
table (a test keeps the two equal), so a setting cannot exist undocumented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    type: type[int] | type[str]
    default: str
    help: str

    @property
    def env(self) -> str:
        return "NEWSDESK_" + self.name.upper()

    def value(self) -> str:
        return os.environ.get(self.env, self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("db", str, "newsdesk.db", "The store: a SQLite file, or a postgresql:// URL."),
    Setting("workers", int, "0", "Worker processes for extraction; 0 means one per core."),
    Setting("max_page_bytes", int, str(8 * 1024 * 1024), "Pages larger than this are rejected."),
    # Large enough to amortise pickling and IPC, small enough that memory stays flat.
    Setting("worker_batch", int, "128", "Pages sent to a worker process at a time."),
    Setting("write_batch", int, "500", "Articles written per store transaction."),
    # A part is what a Ray task reads and what a resumed run skips as done.
    Setting("part_records", int, "256", "WARC records or JSON lines per part (task, resume unit)."),
    # Ingest is batch work: beside a live portal it should take the CPU the portal leaves.
    Setting(
        "batch_niceness",
        int,
        "10",
        "How far ingest and reextract step back for CPU (as `nice`); 0: compete as equals.",
    ),
    # Pages wait on the store more than on Python, so a few more threads than cores;
    # each keeps its own read connection and page cache.
    Setting("web_threads", int, "8", "Threads per portal process answering requests."),
    Setting("api_token", str, "", "Token POST /api/pages requires; empty turns uploads off."),
    Setting(
        "max_upload_bytes", int, str(32 * 1024 * 1024), "Largest request body the portal accepts."
    ),
    # Off unless a reader asks: an image is fetched from its site, which learns who read.
    Setting(
        "remote_images",
        int,
        "1",
        "1: readers may choose to see articles' images, loaded from their sites; 0: never.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The setting called `name` (a KeyError names a setting that does not exist)."""
    return _BY_NAME[name]


def get(name: str) -> str:
    """The value of a setting: environment variable `NEWSDESK_<NAME>` else its default."""
    return _BY_NAME[name].value()


def get_int(name: str) -> int:
    """An integer setting; a value that is no integer names the variable to fix."""
    setting = _BY_NAME[name]
    if setting.type is not int:
        raise TypeError(f"setting {name} is a {setting.type.__name__}, not an int")
    raw = setting.value()
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{setting.env}={raw!r} is not a whole number") from None


def markdown_table() -> str:
    """The settings as the README's Markdown table (checked against it by a test)."""
    rows = ["| setting | type | environment | default | meaning |", "|---|---|---|---|---|"]
    for s in SETTINGS:
        shown = f"`{s.default}`" if s.default else "(empty)"
        rows.append(f"| `{s.name}` | {s.type.__name__} | `{s.env}` | {shown} | {s.help} |")
    return "\n".join(rows)
