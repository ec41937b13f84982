"""What a terminal shows: `serve` on a taken port, tables at 80 columns."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from fixtures import paths

from newsdesk import stories
from newsdesk.cli import main
from newsdesk.ingestion import ingest
from newsdesk.store import Store


def test_serve_on_a_taken_port_says_so_and_nothing_else(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store.open(db).close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", str(port)])
    assert done.exit_code != 0
    assert f"cannot serve on 127.0.0.1:{port}" in done.stderr
    assert "portal on" not in done.stderr + done.stdout


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80", "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )


def test_ids_are_never_cut_at_80_columns(tmp_path: Path) -> None:
    """Every id a table shows at 80 columns is whole on one line, ready for `show`."""
    db = str(tmp_path / "s.db")
    with Store.open(db) as store:
        ingest([paths.EXAMPLES, paths.SEEDS], store, workers=1, enrich=False, stories=True)
        aid = next(a.id for a in store.iter_articles() if stories.related(store, a.id))
    for command in (["list"], ["search", "的"], ["related", aid], ["stories", "--min-size", "1"]):
        listed = json.loads(_run(*command, "--db", db, "--json").stdout)["items"]
        assert listed, command
        shown = _run(*command, "--db", db).stdout
        assert max(len(line) for line in shown.splitlines()) <= 80, command
        for item in listed:
            assert re.search(rf"(^|\s){re.escape(str(item['id']))}(\s|$)", shown, re.M), command
