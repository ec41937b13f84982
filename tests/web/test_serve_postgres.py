"""`newsdesk serve --workers 2` on a PostgreSQL store, as an operator runs it: pages
ingested by the CLI, then two server processes on one port answering readers."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from fixtures.postgres import Cluster, free_port
from fixtures.servers import get, wait_until_up

NEWSDESK = [sys.executable, "-m", "newsdesk.cli"]


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_two_server_processes_serve_a_postgresql_store(postgres: Cluster, seeds_dir: Path) -> None:
    url = postgres.database()
    ingested = subprocess.run(
        [*NEWSDESK, "ingest", str(seeds_dir), "--db", url, "--workers", "1", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ingested.returncode == 0, ingested.stderr
    port = free_port()
    server = subprocess.Popen(
        [*NEWSDESK, "serve", "--db", url, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(server, port)
        workers = [c for c in children(server.pid) if "spawn_main" in _cmdline(c)]
        assert len(workers) == 2  # uvicorn's worker processes
        status, body = get(port, "/api/search?q=" + quote("普京"))
        assert status == 200
        assert len(json.loads(body)["items"]) == 2  # both seeds name him
        for _ in range(20):  # answers from either process are the same
            status, page = get(port, "/search?q=" + quote("泽连斯基"))
            assert status == 200 and "泽连斯基".encode() in page
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        postgres.drop(url)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""
