"""HTML extraction quality and speed: newsdesk against the peers, on the evaluation data.

Every tool reads every page of the chosen folders (`html/<id>.html`) in a subprocess of
its own (`peers.py`), and each body is scored against `gold.jsonl` with the metric of
the data's README (`scoring.py`): token-bag precision, recall and F1 per page, averaged
over pages, an empty or failed page counting 0.  Titles, authors and dates are scored
where gold exists, for the tools that give the field.  `newsdesk-text` scores newsdesk's
text-dump reader on the Chinese pages rendered as innerText dumps (`render_text.py`).

Speed is pages per CPU-second of the tool's worker processes: user + system time of
each worker as `wait4` reports it (the same figure `getrusage(RUSAGE_CHILDREN)` adds up,
but exact per tool when tools run in parallel), so start-up and imports count.  Per
folder, the time outside pages (start-up, imports) is spread over the pages in
proportion to their number.  A page that overruns the time limit or crashes the
worker is scored as empty and the worker restarts after it.

Run it with the benchmark venv, which holds the peers (`benchmarks/install_peers.sh`):

    .venv-bench/bin/python benchmarks/extraction.py --markdown bench.md --raw pages.jsonl
    .venv-bench/bin/python benchmarks/extraction.py --tools newsdesk,trafilatura --limit 20
    .venv-bench/bin/python benchmarks/extraction.py --tools newsdesk --folders cwced --worst 10

Longer than most modules on purpose: one script per claim, its workload, its runs and
its table in one file, so the figure in BENCHMARKS.md can be reproduced from it alone.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scoring  # noqa: E402
from render_text import render_text  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FOLDERS = ("daniel", "magic_html", "cwced", "scrapinghub", "wcxb", "readability")
# Folders whose gold bylines are free text (Readability's own), scored by containment.
FREE_BYLINES = frozenset({"readability"})
TOOLS = (
    "newsdesk", "newsdesk-text", "trafilatura", "readability", "magic-html", "gne",
    "resiliparse", "newspaper4k", "htmldate",
)  # fmt: skip
# Which metadata fields each tool gives; the others are not scored for it.
FIELDS: dict[str, frozenset[str]] = {
    "newsdesk": frozenset({"title", "author", "date"}),
    "newsdesk-text": frozenset({"title", "author", "date"}),
    "trafilatura": frozenset({"title", "author", "date"}),
    "gne": frozenset({"title", "author", "date"}),
    "newspaper4k": frozenset({"title", "author", "date"}),
    "readability": frozenset({"title"}),
    "magic-html": frozenset({"title"}),
    "htmldate": frozenset({"date"}),
    "resiliparse": frozenset(),
}
DATE_ONLY = frozenset({"htmldate"})  # tools with no body to score
TEXT_TOOLS = frozenset({"newsdesk-text"})  # tools that read text dumps of Chinese pages
PACKAGES = {  # distribution names, for the versions line
    "trafilatura": "trafilatura", "readability": "readability-lxml",
    "magic-html": "magic-html", "gne": "gne", "resiliparse": "resiliparse",
    "newspaper4k": "newspaper4k", "htmldate": "htmldate", "newsdesk": "newsdesk",
}  # fmt: skip
REFERENCE = "newsdesk"  # the tool whose ratios to the others are reported
STARTUP_LIMIT = 300.0  # seconds a worker may take to import its tool before giving up


# --- the pages ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldPage:
    folder: str
    id: str
    lang: str
    path: Path
    url: str | None
    title: str | None
    author: str | None
    date: str | None
    body: str

    @property
    def chinese(self) -> bool:
        return self.lang == "zh"


def load_pages(data: Path, folders: Sequence[str], limit: int | None) -> list[GoldPage]:
    pages: list[GoldPage] = []
    for folder in folders:
        lines = (data / folder / "gold.jsonl").read_text("utf-8").split("\n")
        rows = [json.loads(line) for line in lines if line.strip()]
        pages.extend(_gold_page(data, folder, row) for row in rows[:limit])
    return pages


def _gold_page(data: Path, folder: str, row: dict[str, Any]) -> GoldPage:
    return GoldPage(
        folder=folder,
        id=row["id"],
        lang=row.get("lang") or "und",
        path=data / folder / "html" / f"{row['id']}.html",
        url=row.get("url"),
        title=row.get("title"),
        author=row.get("author"),
        date=row.get("date"),
        body=row.get("body") or "",
    )


def write_dumps(pages: Iterable[GoldPage], into: Path) -> dict[GoldPage, Path]:
    """Render each page as an innerText dump (UTF-8) for the text-dump reader."""
    dumps: dict[GoldPage, Path] = {}
    for page in pages:
        target = into / page.folder / f"{page.id}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        html = page.path.read_bytes().decode("utf-8", errors="replace")
        target.write_text(render_text(html), "utf-8")
        dumps[page] = target
    return dumps


# --- running one tool -----------------------------------------------------------------


@dataclass(slots=True)
class PageResult:
    body: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    error: str | None = None
    cpu: float = 0.0
    wall: float = 0.0


@dataclass(slots=True)
class ToolRun:
    tool: str
    pages: list[GoldPage]
    results: list[PageResult]
    cpu: float  # user + system seconds of all the tool's worker processes
    wall: float
    workers: int = 1
    setup_error: str | None = None


@dataclass(slots=True)
class _Worker:
    proc: subprocess.Popen[str]
    lines: queue.Queue[str | None]
    cpu: float | None = None  # set once the process is reaped
    exit_code: int | None = None


_EOF = "eof"
_TIMEOUT = "timeout"


def run_tool(
    tool: str, sources: list[Path], pages: list[GoldPage], *, timeout: float, workdir: Path
) -> ToolRun:
    """Run `tool` over the files in `sources`, restarting its worker after a stuck page."""
    specs = [
        {"path": str(src), "lang": page.lang, "url": page.url}
        for src, page in zip(sources, pages, strict=True)
    ]
    spec_file = workdir / f"{tool}.pages.json"
    spec_file.write_text(json.dumps(specs, ensure_ascii=False), "utf-8")
    results: list[PageResult | None] = [None] * len(specs)
    run = ToolRun(tool, pages, [], cpu=0.0, wall=0.0, workers=0)
    started = time.perf_counter()
    index = 0
    while index < len(specs):
        index = _run_worker(tool, spec_file, index, results, run, timeout, workdir)
    run.wall = time.perf_counter() - started
    run.results = [r or PageResult(error="not run") for r in results]
    return run


def _run_worker(
    tool: str,
    spec_file: Path,
    start: int,
    results: list[PageResult | None],
    run: ToolRun,
    timeout: float,
    workdir: Path,
) -> int:
    """Run one worker from page `start`; the index to restart from when it stops."""
    worker = _start_worker(tool, spec_file, start, workdir / f"{tool}.stderr")
    run.workers += 1
    index, limit, ready = start, STARTUP_LIMIT, False
    try:
        while index < len(results):
            line = _next_line(worker, limit)
            if line in (_EOF, _TIMEOUT) and not ready:  # it cannot start: fail what is left
                error = "start-up: " + _stop_reason(worker, line, limit)
                results[index:] = [PageResult(error=error) for _ in results[index:]]
                return len(results)
            if line in (_EOF, _TIMEOUT):  # stuck or dead on this page: count it empty
                results[index] = PageResult(error=_stop_reason(worker, line, limit))
                return index + 1
            record = json.loads(line)
            if record.get("ready"):
                run.setup_error = run.setup_error or record.get("setup_error")
                limit, ready = timeout, True
                continue
            results[record["index"]] = _page_result(record)
            index = record["index"] + 1
        return index
    finally:
        run.cpu += _reap(worker)


def _start_worker(tool: str, spec_file: Path, start: int, log: Path) -> _Worker:
    with log.open("a", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "peers.py"), tool, str(spec_file), str(start)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
    lines: queue.Queue[str | None] = queue.Queue()
    assert proc.stdout is not None
    threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
    return _Worker(proc, lines)


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    with stream:
        for line in stream:
            lines.put(line)
    lines.put(None)


def _next_line(worker: _Worker, limit: float) -> str:
    """The worker's next line, `_EOF` when it stopped, `_TIMEOUT` (and killed) when stuck."""
    try:
        line = worker.lines.get(timeout=limit)
    except queue.Empty:
        worker.proc.kill()
        return _TIMEOUT
    return _EOF if line is None else line


def _stop_reason(worker: _Worker, why: str, limit: float) -> str:
    if why == _TIMEOUT:
        return f"timeout after {limit:g} s"
    _reap(worker)
    return f"worker died (exit {worker.exit_code})"


def _reap(worker: _Worker, grace: float = 30.0) -> float:
    """Wait for the worker (killing it after `grace` seconds); the CPU seconds it used.

    `os.wait4` gives the child's own resource usage; Popen's wait would reap it first,
    so the harness never calls that.
    """
    deadline = time.monotonic() + grace
    while worker.cpu is None:
        pid, status, usage = os.wait4(worker.proc.pid, os.WNOHANG)
        if pid == 0:
            if time.monotonic() > deadline:
                worker.proc.kill()
            time.sleep(0.01)
            continue
        worker.exit_code = os.waitstatus_to_exitcode(status)
        worker.proc.returncode = worker.exit_code
        worker.cpu = usage.ru_utime + usage.ru_stime
    return worker.cpu


def _page_result(record: dict[str, Any]) -> PageResult:
    return PageResult(
        body=record.get("body") or "",
        title=record.get("title"),
        author=record.get("author"),
        date=record.get("date"),
        error=record.get("error"),
        cpu=float(record.get("cpu", 0.0)),
        wall=float(record.get("wall", 0.0)),
    )


# --- scoring --------------------------------------------------------------------------


@dataclass(slots=True)
class PageScore:
    tool: str
    page: GoldPage
    result: PageResult
    body: scoring.BodyScore | None  # None for date-only tools
    title: bool | None  # None where there is no gold or the tool gives no such field
    author: bool | None
    date: bool | None
    cpu: float  # the page's CPU seconds plus its share of the worker's start-up
    wall: float


def score_run(run: ToolRun) -> list[PageScore]:
    n = len(run.results) or 1
    cpu_overhead = max(0.0, run.cpu - sum(r.cpu for r in run.results)) / n
    wall_overhead = max(0.0, run.wall - sum(r.wall for r in run.results)) / n
    fields = FIELDS.get(run.tool, frozenset())
    return [
        PageScore(
            tool=run.tool,
            page=page,
            result=result,
            body=None if run.tool in DATE_ONLY else scoring.body_score(result.body, page.body),
            title=_field_ok("title" in fields, result.title, page.title, scoring.title_correct),
            author=_field_ok("author" in fields, result.author, page.author, _author_rule(page)),
            date=_date_ok("date" in fields, result.date, page.date),
            cpu=result.cpu + cpu_overhead,
            wall=result.wall + wall_overhead,
        )
        for page, result in zip(run.pages, run.results, strict=True)
    ]


def _author_rule(page: GoldPage) -> Any:
    free = page.folder in FREE_BYLINES
    return scoring.author_contained if free else scoring.author_correct


def _field_ok(given: bool, predicted: str | None, gold: str | None, correct: Any) -> bool | None:
    if not given or not gold or not gold.strip():
        return None
    return bool(correct(predicted, gold))


def _date_ok(given: bool, predicted: str | None, gold: str | None) -> bool | None:
    if not given or scoring.gold_day(gold) is None:
        return None  # only pages whose gold is a full calendar date are scored
    return scoring.date_correct(predicted, gold or "")


# --- summaries ------------------------------------------------------------------------


@dataclass(slots=True)
class Summary:
    tool: str
    pages: int
    failed: int
    empty: int
    body: scoring.BodyScore | None
    title: tuple[float, int] | None  # accuracy and pages scored
    author: tuple[float, int] | None
    date: tuple[float, int] | None
    cpu: float
    wall: float

    @property
    def pages_per_cpu(self) -> float:
        return self.pages / self.cpu if self.cpu > 0 else 0.0

    @property
    def pages_per_wall(self) -> float:
        return self.pages / self.wall if self.wall > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Scope:
    name: str
    folder: str | None = None
    chinese: bool | None = None

    def holds(self, page: GoldPage) -> bool:
        if self.folder is not None and page.folder != self.folder:
            return False
        return self.chinese is None or page.chinese == self.chinese


def scopes_for(folders: Sequence[str]) -> list[Scope]:
    return [
        *(Scope(folder, folder=folder) for folder in folders),
        Scope("Chinese (zh)", chinese=True),
        Scope("other languages", chinese=False),
        Scope("all"),
    ]


def summarize(tool: str, scores: list[PageScore]) -> Summary | None:
    if not scores:
        return None
    bodies = [s.body for s in scores if s.body is not None]
    return Summary(
        tool=tool,
        pages=len(scores),
        failed=sum(s.result.error is not None for s in scores),
        empty=sum(_empty(s) for s in scores),
        body=scoring.macro_average(bodies) if bodies else None,
        title=_accuracy(s.title for s in scores),
        author=_accuracy(s.author for s in scores),
        date=_accuracy(s.date for s in scores),
        cpu=sum(s.cpu for s in scores),
        wall=sum(s.wall for s in scores),
    )


def _empty(score: PageScore) -> bool:
    """A body tool that ran without error and gave no token."""
    has_body = score.body is not None
    return has_body and score.result.error is None and not scoring.tokens(score.result.body)


def _accuracy(marks: Iterable[bool | None]) -> tuple[float, int] | None:
    scored = [m for m in marks if m is not None]
    return (sum(scored) / len(scored), len(scored)) if scored else None


# --- the report -----------------------------------------------------------------------


@dataclass(slots=True)
class Report:
    tools: list[str]
    scopes: list[Scope]
    scores: dict[str, list[PageScore]]
    runs: dict[str, ToolRun]
    pages: list[GoldPage]
    header: list[str] = field(default_factory=list)

    def summary(self, tool: str, scope: Scope) -> Summary | None:
        return summarize(tool, [s for s in self.scores[tool] if scope.holds(s.page)])


def _f(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _acc(value: tuple[float, int] | None) -> str:
    return "" if value is None else f"{value[0]:.2f} ({value[1]})"


def _speed(value: float) -> str:
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None or theirs <= 0:
        return "—"
    return f"{ours / theirs:.2f}"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    right = [i > 0 for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |"]
    lines.append("|" + "|".join("---:" if r else "---" for r in right) + "|")
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _f1(summary: Summary | None) -> float | None:
    return summary.body.f1 if summary and summary.body else None


def _scope_title(report: Report, scope: Scope) -> str:
    pages = [p for p in report.pages if scope.holds(p)]
    zh = sum(p.chinese for p in pages)
    return f"### {scope.name}: {len(pages)} pages, {zh} Chinese"


def _scope_rows(report: Report, scope: Scope) -> list[list[str]]:
    ref = report.summary(REFERENCE, scope) if REFERENCE in report.tools else None
    rows = []
    for tool in report.tools:
        s = report.summary(tool, scope)
        if s is None:
            continue
        b = s.body
        ratios = (
            ["—", "—"]
            if tool.startswith(REFERENCE) or ref is None
            else [
                _ratio(_f1(ref), _f1(s)),
                _ratio(ref.pages_per_cpu, s.pages_per_cpu),
            ]
        )
        rows.append([
            tool, str(s.pages), str(s.failed), str(s.empty),
            _f(b.precision if b else None), _f(b.recall if b else None), _f(b.f1 if b else None),
            _acc(s.title), _acc(s.author), _acc(s.date),
            _speed(s.pages_per_cpu), _speed(s.pages_per_wall), *ratios,
        ])  # fmt: skip
    return rows


SCOPE_HEAD = (
    "tool", "pages", "failed", "empty", "P", "R", "F1", "title", "author", "date",
    "pages/CPU-s", "pages/s", f"F1 {REFERENCE}/tool", f"speed {REFERENCE}/tool",
)  # fmt: skip


def render(report: Report) -> str:
    lines = ["## Extraction benchmark", "", *report.header, ""]
    lines += ["### Body F1 by scope", ""]
    lines += _table(
        ["tool", *(s.name for s in report.scopes)],
        (
            [tool, *(_f(_f1(report.summary(tool, s))) for s in report.scopes)]
            for tool in report.tools
            if tool not in DATE_ONLY
        ),
    )
    lines += ["", "### Runs", ""]
    lines += _table(
        ["tool", "pages", "CPU s", "wall s", "pages/CPU-s", "workers", "set-up error"],
        (_run_row(report.runs[tool]) for tool in report.tools),
    )
    for scope in report.scopes:
        if not any(scope.holds(p) for p in report.pages):
            continue
        lines += ["", _scope_title(report, scope), ""]
        lines += _table(SCOPE_HEAD, _scope_rows(report, scope))
    lines += ["", *NOTES]
    return "\n".join(lines) + "\n"


def _run_row(run: ToolRun) -> list[str]:
    speed = len(run.pages) / run.cpu if run.cpu > 0 else 0.0
    return [
        run.tool, str(len(run.pages)), f"{run.cpu:.1f}", f"{run.wall:.1f}", _speed(speed),
        str(run.workers), run.setup_error or "",
    ]  # fmt: skip


NOTES = [
    "Body: token-bag P/R/F1 per page (CJK characters one token each, other letter/digit",
    "runs lower-cased), macro-averaged; failed (error, timeout, crash) and empty pages",
    "count 0. Title/author/date: accuracy (pages with gold) for tools that give the field.",
    "Speed: pages per CPU-second of the tool's own processes, start-up and imports",
    "included (spread over pages by count); pages/s is wall time. Ratios are newsdesk's",
    "value over the peer's. newsdesk-text reads the Chinese pages as innerText dumps,",
    "so its rows cover Chinese pages only.",
]


def raw_records(report: Report) -> Iterable[dict[str, Any]]:
    for tool in report.tools:
        for s in report.scores[tool]:
            yield {
                "tool": tool,
                "folder": s.page.folder,
                "id": s.page.id,
                "lang": s.page.lang,
                "precision": s.body.precision if s.body else None,
                "recall": s.body.recall if s.body else None,
                "f1": s.body.f1 if s.body else None,
                "error": s.result.error,
                "chars": len(s.result.body),
                "title": s.result.title,
                "author": s.result.author,
                "date": s.result.date,
                "title_ok": s.title,
                "author_ok": s.author,
                "date_ok": s.date,
                "cpu": round(s.result.cpu, 6),
            }


def worst_pages(report: Report, n: int) -> str:
    """newsdesk's `n` lowest-scoring pages in each folder (HTML and text mode), to read."""
    lines = []
    for tool in (t for t in report.tools if t.startswith(REFERENCE)):
        for folder in dict.fromkeys(p.folder for p in report.pages):
            scored = [s for s in report.scores[tool] if s.page.folder == folder and s.body]
            scored.sort(key=lambda s: s.body.f1 if s.body else 0.0)
            if not scored:
                continue
            lines.append(f"{tool} / {folder}: worst {min(n, len(scored))} of {len(scored)}")
            for s in scored[:n]:
                b = s.body or scoring.ZERO
                lines.append(
                    f"  {b.f1:.2f} (P {b.precision:.2f} R {b.recall:.2f}) {s.page.lang:5} "
                    f"{s.page.id}{'  error: ' + s.result.error if s.result.error else ''}"
                )
    return "\n".join(lines) + "\n"


# --- the command ----------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the evaluation data folder")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated tools")
    parser.add_argument("--folders", default=",".join(FOLDERS), help="comma-separated folders")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each folder")
    parser.add_argument(
        "--jobs", type=int, default=1, help="tools run at once (keep 1 when speed matters)"
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per page")
    parser.add_argument("--markdown", type=Path, help="write the tables here as Markdown")
    parser.add_argument("--raw", type=Path, help="write per-page scores here as JSONL")
    parser.add_argument(
        "--worst", type=int, default=0, help="list newsdesk's N lowest-F1 pages per folder"
    )
    args = parser.parse_args(argv)
    args.tools = _choices(args.tools, TOOLS, parser, "tool")
    args.folders = _choices(args.folders, FOLDERS, parser, "folder")
    return args


def _choices(
    value: str, known: Sequence[str], parser: argparse.ArgumentParser, what: str
) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in known]
    if unknown:
        parser.error(f"unknown {what}(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return chosen


def run_all(args: argparse.Namespace, pages: list[GoldPage], workdir: Path) -> dict[str, ToolRun]:
    chinese = [p for p in pages if p.chinese]
    dumps = write_dumps(chinese, workdir / "dumps") if TEXT_TOOLS & set(args.tools) else {}

    def one(tool: str) -> ToolRun:
        subset = chinese if tool in TEXT_TOOLS else pages
        sources = [dumps[p] for p in subset] if tool in TEXT_TOOLS else [p.path for p in subset]
        run = run_tool(tool, sources, subset, timeout=args.timeout, workdir=workdir)
        _progress(run)
        return run

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        return dict(zip(args.tools, pool.map(one, args.tools), strict=True))


def _progress(run: ToolRun) -> None:
    failed = sum(r.error is not None for r in run.results)
    note = f"; set-up failed: {run.setup_error}" if run.setup_error else ""
    print(
        f"{run.tool}: {len(run.pages)} pages, {run.cpu:.1f} CPU s, {run.wall:.1f} s, "
        f"{failed} failed{note}",
        file=sys.stderr,
        flush=True,
    )


def _header(
    args: argparse.Namespace, pages: list[GoldPage], seconds: float, load: Sequence[float]
) -> list[str]:
    versions = ", ".join(f"{t} {_version(PACKAGES[t])}" for t in args.tools if t in PACKAGES)
    limit = f", first {args.limit} per folder" if args.limit else ""
    return [
        f"{len(pages)} pages ({sum(p.chinese for p in pages)} Chinese){limit}; "
        f"jobs {args.jobs}; per-page limit {args.timeout:g} s; run took {seconds:.0f} s; "
        f"Python {sys.version.split()[0]}; {os.cpu_count()} CPUs, load average "
        f"{load[0]:.1f} before and {os.getloadavg()[0]:.1f} after (CPU time per page "
        "grows when other work shares the cores).",
        "",
        f"Versions: {versions}.",
    ]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "(not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started, load = time.perf_counter(), os.getloadavg()
    pages = load_pages(args.data, args.folders, args.limit)
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        runs = run_all(args, pages, Path(tmp))
    report = Report(
        tools=list(args.tools),
        scopes=scopes_for(args.folders),
        scores={tool: score_run(run) for tool, run in runs.items()},
        runs=runs,
        pages=pages,
    )
    report.header = _header(args, pages, time.perf_counter() - started, load)
    text = render(report)
    print(text)
    if args.worst > 0:
        print(worst_pages(report, args.worst), file=sys.stderr)
    if args.markdown:
        args.markdown.write_text(text, "utf-8")
    if args.raw:
        with args.raw.open("w", encoding="utf-8") as out:
            for record in raw_records(report):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
