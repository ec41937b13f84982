"""What a terminal shows: `serve` on a taken port, tables at 80 columns."""

from __future__ import annotations

import socket
from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import main
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
