"""Throughput and peak memory of `newsdesk extract` and `newsdesk ingest` on text dumps.

Generates N plain-text page dumps by varying the example pages and the seeds (titles,
numbers and paragraph order change, so every page is new to the store), then times
the real CLI as whole processes, start-up included, at growing input sizes so one can
see whether memory stays flat.  Peak memory is given for the whole command and for its
largest worker: growth in the first but not the second is the main process's (the
store writer and what runs after the pages), not the extraction or enrichment workers'.

    python benchmarks/ingest.py                 # 2,500 / 5,000 / 10,000 pages
    python benchmarks/ingest.py --sizes 10000 --markdown bench-ingest.md
    python benchmarks/ingest.py --sizes 2500,10000 --baseline REF [--rounds N]

`--baseline REF` times only the enriched `ingest`, as of commit REF and as checked
out, on the same generated pages, alternating `--rounds` times (the fastest run of
each kept), and prints both with the new-over-old ratio (`baseline.py`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
# Pages per second, from the foundation issue (extraction and storage alone).
TARGETS = {"extract": 500.0, "ingest --no-enrich": 300.0, "ingest": None}


@dataclass
class Measure:
    command: str
    pages: int
    seconds: float
    peak_mb: float
    workers_mb: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.pages / self.seconds


def templates() -> list[str]:
    files = sorted((ROOT / "examples").glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    if not files:
        sys.exit("no example pages found under examples/ or the seeds folder")
    return [f.read_text(encoding="utf-8") for f in files]


def vary(text: str, n: int, rng: random.Random) -> str:
    """A new page from a template: other numbers, a numbered title, two paragraphs swapped."""
    lines = text.split("\n")
    long_lines = [i for i, line in enumerate(lines) if len(line) > 60]
    if len(long_lines) >= 2:
        a, b = rng.sample(long_lines, 2)
        lines[a], lines[b] = lines[b], lines[a]
    for i, line in enumerate(lines):
        if line.strip():
            lines[i] = f"{line} ({n})" if len(line) < 60 else line
            break
    out = "\n".join(lines)
    return re.sub(
        r"(?<=[^\d])(\d{3,4})(?=[^\d])", lambda m: str(rng.randint(100, 999)), out, count=3
    )


def generate(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    pool = templates()
    for n in range(count):
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"page{n:06d}.txt").write_text(vary(pool[n % len(pool)], n, rng), encoding="utf-8")


def newsdesk_bin() -> str:
    exe = Path(sys.executable).with_name("newsdesk")
    return str(exe) if exe.exists() else "newsdesk"


# Each command runs under a fresh wrapper process (this script with `--measure`), so
# ru_maxrss is this command's own peak (the largest of the CLI and its worker
# processes), not the largest seen so far.  The wrapper also samples the workers'
# peak (VmHWM) while they run, so a growing main process is told from growing workers.
SAMPLE_SECONDS = 0.2


def timed(args: list[str], pages: int, name: str, env: dict[str, str] | None = None) -> Measure:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--measure", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    seconds = time.perf_counter() - start
    peaks = json.loads(done.stdout.strip().splitlines()[-1])
    return Measure(
        name,
        pages,
        seconds,
        peaks["peak_kb"] / 1024,
        peaks["workers_kb"] / 1024,
        peaks.get("cpu_s", 0.0),
    )


def measure(args: list[str]) -> None:
    """Run `args`; print its peak RSS and its largest worker's peak (kB) and its CPU
    seconds (all its processes) as JSON."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = 0
    while proc.poll() is None:
        for child in _children(proc.pid):
            workers = max(workers, _high_water_kb(child))
        time.sleep(SAMPLE_SECONDS)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, args)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime  # the command and every worker it waited for
    print(json.dumps({"peak_kb": usage.ru_maxrss, "workers_kb": workers, "cpu_s": cpu}))


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for path in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            out += [int(p) for p in path.read_text().split()]
    return out


def _high_water_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(sizes: list[int], workers: int | None) -> list[Measure]:
    results = []
    extra = ["--workers", str(workers)] if workers is not None else []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"pages{size}"
            generate(folder, size)
            db = Path(tmp) / f"store{size}.db"
            results.append(timed([newsdesk_bin(), "extract", str(folder), *extra], size, "extract"))
            for name, flags in (("ingest --no-enrich", ["--no-enrich"]), ("ingest", [])):
                args = [newsdesk_bin(), "ingest", str(folder), "--db", str(db), "--quiet"]
                results.append(timed([*args, *flags, *extra], size, name))
                db.unlink()
            shutil.rmtree(folder)
    return results


def compare(
    sizes: list[int], workers: int | None, ref: str, rounds: int, candidate: str | None = None
) -> str:
    """Enriched ingest as of `ref` and as checked out (or as of `candidate`), alternating
    on the same pages."""
    from baseline import env_with, short, sources

    extra = ["--workers", str(workers)] if workers is not None else []
    rows = [
        "| pages | system | seconds | pages/s | CPU seconds | pages per CPU second "
        "| peak RSS (MB) | largest worker (MB) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    with sources(ref, candidate) as (old_src, new_src), tempfile.TemporaryDirectory() as tmp:
        new_name = short(candidate) if candidate else "this checkout"
        systems = {f"{short(ref)} (old)": old_src, new_name: new_src}
        for size in sizes:
            folder = Path(tmp) / f"pages{size}"
            generate(folder, size)
            db = Path(tmp) / f"store{size}.db"
            best: dict[str, Measure] = {}
            for _ in range(rounds):
                for name, src in systems.items():
                    args = [newsdesk_bin(), "ingest", str(folder), "--db", str(db), "--quiet"]
                    m = timed([*args, *extra], size, name, env_with(src))
                    db.unlink()
                    if name not in best or m.seconds < best[name].seconds:
                        best[name] = m
            for m in best.values():
                rows.append(
                    f"| {size} | {m.command} | {m.seconds:.1f} | {m.rate:.1f} | "
                    f"{m.cpu_seconds:.1f} | {m.pages / m.cpu_seconds:.1f} | "
                    f"{m.peak_mb:.0f} | {m.workers_mb or float('nan'):.0f} |"
                )
            old, new = best.values()
            cpu_ratio = old.cpu_seconds / new.cpu_seconds
            rows.append(
                f"| {size} | new / old | | {new.rate / old.rate:.2f}x | | {cpu_ratio:.2f}x | | |"
            )
            shutil.rmtree(folder)
    return "\n".join(rows)


def table(results: list[Measure]) -> str:
    rows = [
        "| command | pages | seconds | pages/s | target | peak RSS (MB) | largest worker (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in results:
        rows.append(
            f"| {m.command} | {m.pages} | {m.seconds:.1f} | {m.rate:.0f} | "
            f"{_target(m.command)} | {m.peak_mb:.0f} | {m.workers_mb or float('nan'):.0f} |"
        )
    return "\n".join(rows)


def _target(command: str) -> str:
    target = TARGETS[command]
    return f"≥{target:.0f}" if target else "—"


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        measure(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2500,5000,10000")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--markdown", type=Path, default=None, help="also write the table here")
    parser.add_argument("--baseline", metavar="REF", help="compare enriched ingest with REF")
    parser.add_argument("--candidate", metavar="REF", help="with --baseline: REF, not the checkout")
    parser.add_argument("--rounds", type=int, default=1, help="alternations for --baseline")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.baseline:
        text = compare(sizes, args.workers, args.baseline, args.rounds, args.candidate)
    else:
        text = table(run(sizes, args.workers))
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
