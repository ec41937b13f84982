"""One adapter per extractor the benchmark runs, and the worker loop that runs one.

An adapter is made once per worker process (imports and set-up happen there, so they
count in the tool's CPU time) and is then called once per page with the page's bytes,
its UTF-8 text (not made for tools in `READS_BYTES`, which decode the bytes themselves)
and what the gold file says about it (language, URL).  It returns an
`Extraction`: the body as the tool gives it, and whatever title, author and date the
tool gives (None when it has no such field).  Peers that return the body as HTML
(readability-lxml, magic-html) are turned into text with `render_text`, the same
innerText rules the text dumps use.

The worker (`python benchmarks/peers.py TOOL PAGES.json START`) prints one JSON line
once its adapter is made, then one per page from index START on.  A page whose adapter
raises gives an empty body and the error; the harness kills a worker that overruns
its per-page time limit and starts a new one after that page.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_text import render_text


@dataclass(slots=True)
class PageSpec:
    """What a worker is told about one page."""

    path: str
    lang: str
    url: str | None = None


@dataclass(slots=True)
class Extraction:
    body: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None


Adapter = Callable[[bytes, str, PageSpec], Extraction]


def decode_html(data: bytes) -> str:
    """The data's pages are UTF-8 whatever their markup declares: decode as UTF-8 first."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def _as_date(value: str | date | datetime | None) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date | datetime) else str(value)


def _text(value: str | None) -> str:
    return value or ""


# --- newsdesk -------------------------------------------------------------------------


def make_newsdesk() -> Adapter:
    # The reader newsdesk imports on its first HTML page is imported here, so that page's
    # time is its own (the import still counts, in the worker's start-up).
    import newsdesk.extract.html  # noqa: F401
    from newsdesk.article import Page
    from newsdesk.extract import extract_page

    def run(data: bytes, html: str, spec: PageSpec) -> Extraction:
        page = Page(origin=spec.path, kind="html", data=data, url=spec.url)
        return _from_article(extract_page(page))

    return run


def make_newsdesk_text() -> Adapter:
    """newsdesk's text-dump reader; the harness hands it rendered dumps, not HTML."""
    import newsdesk.extract.textdump  # noqa: F401  (as in make_newsdesk)
    from newsdesk.article import Page
    from newsdesk.extract import extract_page

    def run(data: bytes, text: str, spec: PageSpec) -> Extraction:
        page = Page(origin=spec.path, kind="text", text=text, url=spec.url)
        return _from_article(extract_page(page))

    return run


def _from_article(article: Any) -> Extraction:
    return Extraction(
        body="\n".join(article.body),
        title=article.title,
        author=article.author,
        date=_as_date(article.published),
    )


# --- peers ----------------------------------------------------------------------------


def make_trafilatura() -> Adapter:
    from trafilatura import bare_extraction

    def run(data: bytes, html: str, spec: PageSpec) -> Extraction:
        doc = bare_extraction(html, url=spec.url, with_metadata=True)
        if doc is None:
            return Extraction()
        # What `trafilatura.extract()` returns as text: the body, then the comments.
        body = "\n".join(part for part in (doc.text, doc.comments) if part)
        # trafilatura joins several authors with "; ", the metric expects a list with ",".
        author = doc.author.replace("; ", ", ") if doc.author else None
        return Extraction(body=body, title=doc.title, author=author, date=_as_date(doc.date))

    return run


def make_readability() -> Adapter:
    from readability import Document

    def run(data: bytes, html: str, spec: PageSpec) -> Extraction:
        doc = Document(html, url=spec.url)
        body = render_text(doc.summary(html_partial=True))
        return Extraction(body=body, title=doc.short_title())

    return run


def make_magic_html() -> Adapter:
    from magic_html import GeneralExtractor

    extractor = GeneralExtractor()

    def run(data: bytes, html: str, spec: PageSpec) -> Extraction:
        result = extractor.extract(html, base_url=spec.url or "")
        return Extraction(body=render_text(_text(result.get("html"))), title=result.get("title"))

    return run


def make_gne() -> Adapter:
    from gne import GeneralNewsExtractor

    extractor = GeneralNewsExtractor()

    def run(data: bytes, html: str, spec: PageSpec) -> Extraction:
        result = extractor.extract(html)
        return Extraction(
            body=_text(result.get("content")),
            title=result.get("title") or None,
            author=result.get("author") or None,
            date=_as_date(result.get("publish_time")),
        )

    return run


def make_resiliparse() -> Adapter:
    from resiliparse.extract.html2text import extract_plain_text

    def run(data: bytes, html: str, spec: PageSpec) -> Extraction:
        return Extraction(body=extract_plain_text(html, main_content=True))

    return run


def make_newspaper() -> Adapter:
    """newspaper4k with the page's language: `zh` on Chinese pages (it returns almost
    nothing there without the hint), the gold language where newspaper knows it."""
    import newspaper
    from newspaper.languages import valid_languages

    known = {code for code, _ in valid_languages()}

    def run(data: bytes, html: str, spec: PageSpec) -> Extraction:
        lang = spec.lang if spec.lang in known else None
        kwargs: dict[str, Any] = {"language": lang} if lang else {}
        article = newspaper.Article(spec.url or "", fetch_images=False, **kwargs)
        article.download(input_html=html)
        article.parse()
        return Extraction(
            body=_text(article.text),
            title=article.title or None,
            author=", ".join(article.authors) or None,
            date=_as_date(article.publish_date),
        )

    return run


def make_htmldate() -> Adapter:
    """htmldate, for its date only (it extracts no body)."""
    from htmldate import find_date

    def run(data: bytes, html: str, spec: PageSpec) -> Extraction:
        return Extraction(date=find_date(html, url=spec.url, original_date=True))

    return run


ADAPTERS: dict[str, Callable[[], Adapter]] = {
    "newsdesk": make_newsdesk,
    "newsdesk-text": make_newsdesk_text,
    "trafilatura": make_trafilatura,
    "readability": make_readability,
    "magic-html": make_magic_html,
    "gne": make_gne,
    "resiliparse": make_resiliparse,
    "newspaper4k": make_newspaper,
    "htmldate": make_htmldate,
}
# Tools that give a date only: their body is not scored.
DATE_ONLY = frozenset({"htmldate"})
# Tools that decode the page's bytes themselves (charset detection is part of their
# work, and timed): the worker does not decode the page for them and passes "".
READS_BYTES = frozenset({"newsdesk"})


# --- the worker -----------------------------------------------------------------------


def _failing(error: str) -> Adapter:
    def run(data: bytes, html: str, spec: PageSpec) -> Extraction:
        raise RuntimeError(error)

    return run


def _make(tool: str) -> tuple[Adapter, str | None]:
    """The tool's adapter; one that fails every page when the tool cannot be set up."""
    try:
        return ADAPTERS[tool](), None
    except Exception as exc:  # an uninstalled peer or a reader still being written
        error = f"setup: {type(exc).__name__}: {exc}"
        return _failing(error), error


def _run_page(adapter: Adapter, spec: PageSpec, *, decode: bool = True) -> dict[str, Any]:
    cpu, wall = time.process_time(), time.perf_counter()
    error = None
    try:
        data = Path(spec.path).read_bytes()
        result = adapter(data, decode_html(data) if decode else "", spec)
    except Exception as exc:
        result = Extraction()
        error = f"{type(exc).__name__}: {exc}"[:500]
    out = asdict(result)
    out.update(
        error=error,
        cpu=time.process_time() - cpu,
        wall=time.perf_counter() - wall,
    )
    return out


def serve(tool: str, pages_file: str, start: int) -> None:
    specs = [PageSpec(**p) for p in json.loads(Path(pages_file).read_text("utf-8"))]
    results = _private_stdout()
    adapter, setup_error = _make(tool)
    _emit(results, {"ready": True, "setup_error": setup_error, "cpu": time.process_time()})
    for index in range(start, len(specs)):
        record = _run_page(adapter, specs[index], decode=tool not in READS_BYTES)
        _emit(results, {"index": index, **record})


def _private_stdout() -> TextIO:
    """Keep stdout for results: whatever the tools print goes to stderr instead."""
    results = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return results


def _emit(results: TextIO, record: dict[str, Any]) -> None:
    results.write(json.dumps(record, ensure_ascii=False) + "\n")
    results.flush()


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ADAPTERS:
        print(f"usage: peers.py {{{','.join(ADAPTERS)}}} PAGES.json START", file=sys.stderr)
        return 2
    try:
        serve(argv[0], argv[1], int(argv[2]))
    except BrokenPipeError:  # the harness stopped listening
        return 1
    except Exception:
        traceback.print_exc()
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
