"""The speed side of the extraction benchmark: start-up against per-page cost, by page size.

A whole-process figure (pages per CPU-second, start-up included) depends on how many
pages one process reads: the import and first-page cost is paid once, the per-page
cost every page.  So the benchmark reports both parts and what they give for runs of a
few sizes, besides its per-folder figures (where start-up is spread over that run's
pages):

- start-up: CPU seconds of a fresh worker that reads one small page, outside that
  page's own time, median of a few runs (interpreter, imports, set-up; what a tool
  loads on its first page is in that page's time, and so in the page cost below);
- per-page cost by page size, from the page timings of the main run;
- pages per CPU-second projected for a run of `RUN_SIZES` pages: n / (start-up + n·page).

Start-up counts only what a real install pays: newsdesk runs from its source tree, so
`byte_compile` writes its bytecode first, as `pip install` does for the peers.
"""

from __future__ import annotations

import compileall
import importlib.util
import statistics
from collections.abc import Sequence
from pathlib import Path

# Page sizes (bytes of HTML) the per-size table groups pages by.
SIZE_BUCKETS = ((50_000, "< 50 KB"), (150_000, "50–150 KB"), (400_000, "150–400 KB"))
LARGEST = "≥ 400 KB"
RUN_SIZES = (20, 100, 1000)


def byte_compile(package: str = "newsdesk") -> str | None:
    """Write `package`'s bytecode next to its sources (as an install does); the folder,
    or None when the package is not found."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = next(iter(spec.submodule_search_locations))
    compileall.compile_dir(folder, quiet=1)
    return folder


def size_bucket(size: int) -> str:
    return next((name for limit, name in SIZE_BUCKETS if size < limit), LARGEST)


def bucket_names() -> list[str]:
    return [name for _, name in SIZE_BUCKETS] + [LARGEST]


def startup(outside_pages: Sequence[float]) -> float | None:
    """Start-up CPU seconds: the median, over fresh one-page workers, of each worker's
    CPU outside its page (interpreter, imports, set-up, exit)."""
    return statistics.median(outside_pages) if outside_pages else None


def projected(start: float | None, page_cpu: float, pages: int) -> float | None:
    """Pages per CPU-second of one process reading `pages` pages."""
    if start is None:
        return None
    total = start + pages * page_cpu
    return pages / total if total > 0 else None


def cost_rows(
    tools: Sequence[str],
    starts: dict[str, float | None],
    page_cpu: dict[str, float],
    reference: str,
) -> tuple[list[str], list[list[str]]]:
    """Head and rows: start-up, page cost, projected speed and ratio per run size."""
    head = ["tool", "start-up CPU s", "CPU ms/page"]
    head += [f"pages/CPU-s, {n} pages" for n in RUN_SIZES]
    head += [f"{reference}/tool, {n} pages" for n in RUN_SIZES]
    rows = []
    for tool in tools:
        speeds = [projected(starts.get(tool), page_cpu[tool], n) for n in RUN_SIZES]
        ours = [
            projected(starts.get(reference), page_cpu.get(reference, 0.0), n) for n in RUN_SIZES
        ]
        ratios = [
            "—" if tool == reference or a is None or b is None or b <= 0 else f"{a / b:.2f}"
            for a, b in zip(ours, speeds, strict=True)
        ]
        start = starts.get(tool)
        rows.append([
            tool, "—" if start is None else f"{start:.3f}", f"{1e3 * page_cpu[tool]:.2f}",
            *("—" if s is None else f"{s:.1f}" for s in speeds), *ratios,
        ])  # fmt: skip
    return head, rows


def size_rows(
    tools: Sequence[str], pages: dict[str, list[tuple[int, float]]], reference: str
) -> tuple[list[str], list[list[str]]]:
    """Head and rows: per page-size bucket, each tool's pages per CPU-second of page
    time only (start-up left out) and the reference's ratio to each peer."""
    peers = [t for t in tools if t != reference and t in pages]
    head = ["page size", "pages", *(f"{t} pages/CPU-s" for t in tools if t in pages)]
    head += [f"{reference}/{t}" for t in peers if reference in pages]
    rows = []
    for name in bucket_names():
        speed: dict[str, float] = {}
        count = 0
        for tool in tools:
            cpu = [c for size, c in pages.get(tool, []) if size_bucket(size) == name]
            if cpu:
                count = max(count, len(cpu))
                speed[tool] = len(cpu) / sum(cpu) if sum(cpu) > 0 else 0.0
        if not count:
            continue
        row = [name, str(count), *(f"{speed.get(t, 0.0):.1f}" for t in tools if t in pages)]
        if reference in pages:
            ref = speed.get(reference)
            row += [f"{ref / speed[t]:.2f}" if ref and speed.get(t) else "—" for t in peers]
        rows.append(row)
    return head, rows


def page_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
