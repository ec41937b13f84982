"""Language identification: newsdesk's guess against offline identifiers, on the evaluation data.

Every page of the folders whose gold names a language is read by newsdesk's HTML reader;
each tool then names the language of the text the reader decides it from (the first
40 body lines, as `extract.html.page.View.language` samples them), and `as-extracted`
is the tag the reader itself stored.  Gold tags are cut to their language (`en-US` ->
`en`); `latin` (a Latin-script page of unstated language) counts any Latin-script
language as right; pages without gold (`und`, null) are left out.

Tools: `stopwords` (the reader's old rule: scripts, then stopword counts over seven
western languages), `script+<id>` (the reader's script rules, the identifier for
Latin and Cyrillic text: what newsdesk does now with `<id>`), and the identifiers
alone on every page.  Per page is the median wall time of one call on its sample;
start-up is a fresh interpreter importing the tool and naming one text.

    python benchmarks/language.py                       # every folder, every tool
    python benchmarks/language.py --tools stopwords,script+py3langid --folders daniel

Run it with the benchmark venv (`benchmarks/install_peers.sh` installs the other
identifiers; pycld2 comes with newsdesk); a tool that is not installed is skipped with
a note.  Some `latin` gold is wrong (Persian and Hindi pages): an identifier that names
them is counted wrong.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FOLDERS = ("daniel", "magic_html", "cwced", "scrapinghub", "wcxb", "readability")
BODY_LINES = 40  # what the reader samples
NON_LATIN = {"zh", "ja", "ko", "ru", "el", "uk", "bg", "sr", "mk", "be", "ar", "fa", "ur", "he",
             "hi", "th", "hy", "ka"}  # fmt: skip
# whatlang names languages by ISO 639-3; the ones the data holds, and their neighbours.
ISO3 = {
    "eng": "en", "pol": "pl", "por": "pt", "rus": "ru", "ell": "el", "cmn": "zh",
    "jpn": "ja", "kor": "ko", "ces": "cs", "slk": "sk", "spa": "es", "fra": "fr",
    "deu": "de", "ita": "it", "nld": "nl", "ukr": "uk", "bul": "bg", "srp": "sr",
    "ind": "id", "pes": "fa", "hin": "hi", "arb": "ar",
}  # fmt: skip

Detect = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Sample:
    folder: str
    gold: str
    text: str
    extracted: str


def load_samples(folders: list[str], limit: int | None) -> list[Sample]:
    """Each page read by newsdesk: its gold language, body sample and stored tag."""
    from newsdesk.extract.html import read_html

    samples = []
    for folder in folders:
        rows = (DATA / folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        for row in map(json.loads, rows[:limit]):
            gold = (row.get("lang") or "und").split("-")[0].lower()
            if gold == "und":
                continue
            html = (DATA / folder / "html" / f"{row['id']}.html").read_text("utf-8", "replace")
            article = read_html(html, id=row["id"], origin=row["id"])
            text = " ".join(article.body[:BODY_LINES])
            samples.append(Sample(folder, gold, text, article.language or "und"))
    return samples


def right(gold: str, found: str) -> bool:
    if gold == "latin":
        return found not in NON_LATIN and found != "und"
    return found == gold


# --- the tools: each a `Detect` built on first use ------------------------------------


def _stopwords() -> Detect:
    from newsdesk.extract.language import detect_by_stopwords

    return detect_by_stopwords


def _newsdesk() -> Detect:
    from newsdesk.extract.language import detect_language

    return detect_language


def _py3langid() -> Detect:
    import py3langid

    return lambda text: str(py3langid.classify(text)[0])


def _langdetect() -> Detect:
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0

    def run(text: str) -> str:
        try:
            return str(detect(text)).split("-")[0]
        except Exception:
            return "und"

    return run


def _lingua() -> Detect:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().build()

    def run(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "und"

    return run


def _pycld2() -> Detect:
    import pycld2

    def run(text: str) -> str:
        try:
            code = pycld2.detect(text)[2][0][1]
        except pycld2.error:
            return "und"
        return "und" if code == "un" else code.split("-")[0]

    return run


def _whatlang() -> Detect:
    import whatlang

    def run(text: str) -> str:
        found = whatlang.detect(text) if text.strip() else None
        return ISO3.get(found.lang, found.lang) if found else "und"

    return run


IDENTIFIERS: dict[str, Callable[[], Detect]] = {
    "py3langid": _py3langid,
    "langdetect": _langdetect,
    "lingua": _lingua,
    "pycld2": _pycld2,
    "whatlang": _whatlang,
}


def _hybrid(name: str) -> Callable[[], Detect]:
    """The reader's script rules, then the identifier for Latin and Cyrillic text."""

    def build() -> Detect:
        from newsdesk.extract.language import detect_script

        identify = IDENTIFIERS[name]()

        def run(text: str) -> str:
            script = detect_script(text)
            return identify(text) if script in ("latin", "cyrillic") else script

        return run

    return build


TOOLS: dict[str, Callable[[], Detect]] = {
    "stopwords": _stopwords,
    "newsdesk": _newsdesk,
    **{f"script+{name}": _hybrid(name) for name in IDENTIFIERS},
    **IDENTIFIERS,
}


def start_up_ms(tool: str) -> float:
    """A fresh interpreter importing `tool` and naming one text; median of three."""
    code = (
        "import sys, time; t = time.perf_counter(); sys.path.insert(0, sys.argv[1]);"
        "import language; language.TOOLS[sys.argv[2]]()('To jest tekst po polsku.');"
        "print((time.perf_counter() - t) * 1000)"
    )
    here = str(Path(__file__).resolve().parent)
    runs = [
        float(subprocess.run([sys.executable, "-c", code, here, tool], check=True,
                             capture_output=True, text=True).stdout)
        for _ in range(3)
    ]  # fmt: skip
    return statistics.median(runs)


@dataclass(slots=True)
class Result:
    tool: str
    right: dict[str, Counter[bool]]
    ms: float
    start_ms: float
    confusions: Counter[tuple[str, str]]


def run_tool(tool: str, samples: list[Sample], groups: list[str]) -> Result:
    detect = TOOLS[tool]()
    tally: dict[str, Counter[bool]] = defaultdict(Counter)
    confusions: Counter[tuple[str, str]] = Counter()
    times = []
    for s in samples:
        t = time.perf_counter()
        found = detect(s.text) if s.text.strip() else "und"
        times.append(time.perf_counter() - t)
        ok = right(s.gold, found)
        for group in groups_of(s):
            tally[group][ok] += 1
        if not ok:
            confusions[(s.gold, found)] += 1
    return Result(tool, tally, statistics.median(times) * 1000, start_up_ms(tool), confusions)


def groups_of(s: Sample) -> list[str]:
    return ["all", s.folder, f"{s.folder}:{s.gold}"]


def extracted(samples: list[Sample]) -> Result:
    """The tag newsdesk's reader stored (with its `<html lang>` fallback)."""
    tally: dict[str, Counter[bool]] = defaultdict(Counter)
    confusions: Counter[tuple[str, str]] = Counter()
    for s in samples:
        ok = right(s.gold, s.extracted.split("-")[0])
        for group in groups_of(s):
            tally[group][ok] += 1
        if not ok:
            confusions[(s.gold, s.extracted)] += 1
    return Result("as-extracted", tally, float("nan"), float("nan"), confusions)


def table(results: list[Result], groups: list[str]) -> str:
    head = ["tool", *groups, "ms/page", "start-up ms"]
    rows = [head]
    for r in results:
        cells = [f"{r.right[g][True] / max(1, r.right[g].total()):.3f}" for g in groups]
        rows.append([r.tool, *cells, f"{r.ms:.3f}", f"{r.start_ms:.0f}"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--folders", default=",".join(FOLDERS))
    parser.add_argument("--limit", type=int, help="pages per folder")
    parser.add_argument("--confusions", type=int, default=5, help="worst mix-ups per tool")
    args = parser.parse_args()
    samples = load_samples(args.folders.split(","), args.limit)
    sizes = Counter(g for s in samples for g in groups_of(s))
    groups = ["all", *sorted(g for g in sizes if g != "all" and sizes[g] >= 5)]
    results = [extracted(samples)]
    for tool in args.tools.split(","):
        try:
            results.append(run_tool(tool, samples, groups))
        except ImportError as exc:
            print(f"# {tool}: not installed ({exc.name})", file=sys.stderr)
    print(f"# {len(samples)} pages; columns: share right, per folder and folder:gold language")
    print(table(results, groups))
    for r in results:
        worst = ", ".join(
            f"{g}->{f} {n}" for (g, f), n in r.confusions.most_common(args.confusions)
        )
        print(f"# {r.tool}: {worst}")


if __name__ == "__main__":
    main()
