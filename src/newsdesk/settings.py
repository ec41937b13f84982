"""Settings: one table of defaults, overridden by environment, then by CLI options.

Each setting is `(name, default, help)`; the same table feeds `newsdesk settings`
and the README, so a setting cannot exist undocumented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return "NEWSDESK_" + self.name.upper()

    def value(self) -> str:
        return os.environ.get(self.env, self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "newsdesk.db", "Path of the SQLite store."),
    Setting("workers", "0", "Worker processes for extraction; 0 means one per core."),
    Setting("max_page_bytes", str(8 * 1024 * 1024), "Pages larger than this are rejected."),
    Setting("batch_size", "500", "Articles written per store transaction during ingest."),
    Setting("api_token", "", "Token POST /api/pages requires; empty turns uploads off."),
    Setting("max_upload_bytes", str(32 * 1024 * 1024), "Largest request body the portal accepts."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The value of a setting: environment variable `NEWSDESK_<NAME>` else its default."""
    return _BY_NAME[name].value()


def get_int(name: str) -> int:
    return int(get(name))
