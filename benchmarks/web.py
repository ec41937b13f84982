"""The portal under load: article pages and search on a store of 100,000 articles.

The claim (the portal issue): on this 2-core machine, with a store of 100,000 articles
generated from real pages by variation, `newsdesk serve` answers article pages with
p99 < 50 ms at 200 requests/s and searches with p95 < 100 ms at 50 requests/s, with
no errors, while `newsdesk ingest` writes to the same store for part of the run.

How it is measured, and why:
* the store is built once from real text (the seeds, the example pages, the gold
  bodies of the evaluation pages, THUCNews articles and headlines) by variation:
  headlines swapped and decorated, paragraphs trimmed, rotated and mixed, times
  spread over two years, 40 portal names, then processed by the stories step as
  `newsdesk ingest` does (article pages show related articles).  It is cached in the
  temp dir by its parameters and schema, so a second run starts in seconds;
* the server is started as a user starts it (`python -m newsdesk.web` = `newsdesk
  serve`, uvicorn, one process) on a free loopback port;
* `loadgen.py` is open-loop: every request has a scheduled send time at the fixed
  rate and its latency counts from that time, so a slow response cannot hide the
  queue behind it (no coordinated omission);
* queries are entity names (people, places, organisations from the gazetteers and
  the seeds' gold) and words cut from the headlines;
* a real `newsdesk ingest --workers 1` of freshly varied pages runs beside the
  middle part of each phase.

    python benchmarks/web.py                     # 100,000 articles, 60 s per phase
    python benchmarks/web.py --articles 20000 --seconds 20 --markdown out.md
    python benchmarks/web.py --db postgresql://user@host/postgres --workers 2

With `--db`, the store lives on that PostgreSQL server instead: built once into a
database named after its parameters, copied (`CREATE DATABASE … TEMPLATE`) for each
run, and served by `--workers` server processes.

Longer than most modules on purpose: one script per claim, its workload, its runs and
its table in one file, so the figure in BENCHMARKS.md can be reproduced from it alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(HERE))

import loadgen  # noqa: E402

from newsdesk.article import (  # noqa: E402
    Article,
    Block,
    Channel,
    Enrichment,
    Entity,
    ListItem,
    Page,
    article_id,
)
from newsdesk.store import Store  # noqa: E402

SITES = [
    "新华网",
    "人民网",
    "央视网",
    "中国新闻网",
    "环球网",
    "澎湃新闻",
    "新京报",
    "南方日报",
    "北京青年报",
    "光明网",
    "中国日报网",
    "参考消息",
    "观察者网",
    "第一财经",
    "财新网",
    "界面新闻",
    "网易号",
    "搜狐号",
    "百家号",
    "腾讯新闻",
    "新浪新闻",
    "凤凰网",
    "头条号",
    "上观新闻",
    "红星新闻",
    "封面新闻",
    "潇湘晨报",
    "齐鲁晚报",
    "扬子晚报",
    "钱江晚报",
    "Reuters-like",
    "AP-like",
    "Coastal-Gazette",
    "Harbor-Times",
    "星河新闻网",
    "晨光日報",
    "大公報",
    "明報",
    "联合早报",
]
AUTHORS = [
    "王芳",
    "李明",
    "张远",
    "孙楠",
    "陈磊",
    "刘佳",
    "赵晓宁",
    "周明",
    "林晓舟",
    "盘观前沿",
    "财经小李说",
    "Jane-Doe",
]
DECORATIONS = ("", "", "", "独家：", "快讯｜", "视频｜", "最新！", "现场直击：")
SUFFIXES = ("", "", "", "（图）", "（组图）", " | 深度", "，专家解读", "？官方回应")
THUC_CLASSES = [
    "finance",
    "realty",
    "stocks",
    "education",
    "tech",
    "society",
    "politics",
    "sports",
    "games",
    "entertainment",
]
CNEWS_CHANNELS = {
    "体育": "sports",
    "财经": "finance",
    "房产": "realty",
    "家居": "home",
    "教育": "education",
    "科技": "tech",
    "时尚": "fashion",
    "时政": "politics",
    "游戏": "games",
    "娱乐": "entertainment",
}
SENTENCE = re.compile(r"(?<=[。！？!?])")
BODY_CHARS = 2400  # about a screen and a half of a Chinese news article
GENERATOR = 2  # what the generated stores hold (2: entities); part of the cache key


@dataclass(frozen=True, slots=True)
class Base:
    """A real article to vary: its headline, paragraphs, language and channel."""

    title: str
    body: tuple[str, ...]
    language: str
    channel: str | None
    entities: tuple[Entity, ...] = ()


def with_entities(bases: list[Base]) -> list[Base]:
    """Each Chinese base with the people, places and organisations its text names,
    found once by the real recogniser: every variation of it names them too, so
    entity pages and timelines have articles (recognising 100,000 varied bodies
    instead would take an hour here)."""
    from collections import Counter

    from newsdesk.enrich.entities import recognize

    out = []
    for b in bases:
        if b.language != "zh":
            out.append(b)
            continue
        found = Counter((e.text, e.type) for e in recognize(b.title + "\n" + "\n".join(b.body)))
        named = tuple(Entity(n, t, c, [n]) for (n, t), c in found.most_common(30))
        out.append(Base(b.title, b.body, b.language, b.channel, named))
    return out


# --- the corpus ---------------------------------------------------------------------


def _paragraphs(text: str, *, per: int = 3) -> list[str]:
    """Split a body into paragraphs: its blank lines, else groups of sentences."""
    parts = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if len(p.strip()) > 8]
    if len(parts) >= 3:
        return parts
    sentences = [s for s in SENTENCE.split(text) if s.strip()]
    return ["".join(sentences[i : i + per]) for i in range(0, len(sentences), per)]


def _trim(paragraphs: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    total = 0
    for p in paragraphs:
        if total > BODY_CHARS:
            break
        out.append(p[:800])
        total += len(out[-1])
    return tuple(out)


def real_bases(seed_store: Store) -> list[Base]:
    """Every real article this machine has: stored examples and seeds, then shared data."""
    bases = [
        Base(a.title or "", tuple(a.body), a.language or "zh", None)
        for a in seed_store.iter_articles()
        if a.title and a.body
    ]
    data = SHARED / "data"
    cnews = data / "cnews" / "articles.txt"
    if cnews.exists():
        for line in cnews.read_text("utf-8").splitlines():
            label, _, text = line.partition("\t")
            paras = _paragraphs(text)
            if len(paras) >= 2:
                title = SENTENCE.split(paras[0])[0][:30]
                bases.append(Base(title, _trim(paras[1:]), "zh", CNEWS_CHANNELS.get(label)))
    for name in ("daniel", "cwced", "scrapinghub", "magic_html"):
        gold = data / name / "gold.jsonl"
        if not gold.exists():
            continue
        for line in gold.open(encoding="utf-8"):
            row = json.loads(line)
            lang = row.get("lang") or "und"
            if lang not in ("zh", "en") or not row.get("body"):
                continue
            paras = _paragraphs(row["body"])
            if len(paras) >= 3:
                title = row.get("title") or paras[0][:60]
                bases.append(Base(title, _trim(paras[1:]), lang, None))
    return bases


def headlines() -> list[tuple[str, str]]:
    """(headline, channel) pairs from THUCNews titles: real headlines to swap in."""
    path = SHARED / "data" / "thucnews_titles" / "train.txt"
    out: list[tuple[str, str]] = []
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            title, _, label = line.rpartition("\t")
            if title and label.isdigit():
                out.append((title, THUC_CLASSES[int(label)]))
    return out


def vary(i: int, rng: random.Random, bases: list[Base], heads: list[tuple[str, str]]) -> Base:
    """One new article from real ones: a changed headline and a reshaped body."""
    base = rng.choice(bases)
    title, channel = base.title, base.channel
    if base.language == "zh" and heads and rng.random() < 0.6:
        title, channel = rng.choice(heads)
    title = rng.choice(DECORATIONS) + title + rng.choice(SUFFIXES)
    body = list(base.body)
    if len(body) > 3 and rng.random() < 0.5:
        body = body[: rng.randint(3, len(body))]
    if rng.random() < 0.4:
        other = rng.choice(bases)
        if other.language == base.language and other.body:
            body.insert(rng.randint(0, len(body)), rng.choice(other.body))
    body.append(f"（编号{i}）" if base.language == "zh" else f"(ref {i})")
    return Base(title, tuple(body), base.language, channel, base.entities)


def generated(
    n: int, bases: list[Base], heads: list[tuple[str, str]], *, seed: int, tag: str = "bench"
) -> Iterator[tuple[Page, Article]]:
    """`n` (page, article) pairs varied from `bases`, reproducible from `seed`."""
    rng = random.Random(seed)
    now = datetime(2025, 6, 5, tzinfo=UTC)
    titles = [b.title for b in bases]
    for i in range(n):
        b = vary(i, rng, bases, heads)
        site = rng.choice(SITES)
        url = f"https://{tag}.example.com/{SITES.index(site)}/{seed}/{i}.html"
        published = None
        if rng.random() > 0.08:
            published = now - timedelta(seconds=rng.randint(0, 730 * 86400))
        text = b.title + "\n\n" + "\n\n".join(b.body)
        page = Page(origin=f"{tag}:{seed}:{i}", kind="text", text=text, url=url)
        related = [ListItem(title=t) for t in rng.sample(titles, 5)]
        article = Article(
            id=article_id(url),
            origin=page.origin,
            url=url,
            site=site,
            title=b.title,
            author=rng.choice(AUTHORS),
            published=published,
            language=b.language,
            body=list(b.body),
            captions=[b.body[0][:24] + "（资料图）"] if rng.random() < 0.3 else [],
            lists=[Block("related", "相关推荐", related)],
            content_hash=page.content_hash(),
            extractor="bench",
            enrichment=Enrichment(
                language="zh",
                channel=Channel(b.channel, 1.0) if b.channel else None,
                entities=list(b.entities),
            ),
        )
        yield page, article


def build_store(path: Path | str, n: int, *, seed: int = 7) -> tuple[list[Base], list[str]]:
    """Write `n` varied articles to a new store at `path`; returns the bases and queries."""
    tmp = Path(tempfile.mkdtemp(prefix="newsdesk-seed-"))
    with Store.open(tmp / "seed.db") as seed_store:
        from newsdesk.ingestion import ingest

        ingest([REPO / "examples", SHARED / "seeds"], seed_store, workers=1)
        bases = with_entities(real_bases(seed_store))
    shutil.rmtree(tmp, ignore_errors=True)
    heads = headlines()
    started = time.perf_counter()
    with Store.open(path) as store:
        batch: list[tuple[Page, Article]] = []
        for pair in generated(n, bases, heads, seed=seed):
            batch.append(pair)
            if len(batch) == 2000:
                store.add(batch)
                batch = []
        store.add(batch)
        print(f"built {store.count():,} articles in {time.perf_counter() - started:.0f} s")
        # As `newsdesk ingest` leaves a store: reprints, stories and hot processed (the
        # article pages show related articles and the home page the hot stories).
        from newsdesk import stories

        done = stories.refresh(store)
        print(f"stories: {done.processed:,} articles in {done.seconds:.0f} s")
    return bases, queries(bases, heads)


# --- queries --------------------------------------------------------------------------


def queries(bases: list[Base], heads: list[tuple[str, str]], *, count: int = 400) -> list[str]:
    """Search terms: entity names (gazetteers, the seeds' gold) and headline words."""
    names: list[str] = []
    for gold in sorted((SHARED / "seeds").glob("*.gold.json")):
        entities = json.loads(gold.read_text("utf-8")).get("entities", {})
        for values in entities.values():
            names.extend(v for v in values if isinstance(v, str))
    data = REPO / "src" / "newsdesk" / "enrich" / "data"
    for name in ("leaders.txt", "countries.txt", "organizations.txt", "places.txt"):
        if (data / name).exists():
            lines = (data / name).read_text("utf-8").splitlines()
            names.extend(w.split()[0] for w in lines if w.strip() and not w.startswith("#"))
    words = _headline_words([b.title for b in bases] + [h for h, _ in heads[:3000]])
    rng = random.Random(11)
    picked = rng.sample(names, min(len(names), count // 2)) if names else []
    picked += rng.sample(words, min(len(words), count - len(picked)))
    rng.shuffle(picked)
    return picked


def _headline_words(titles: list[str]) -> list[str]:
    """Words cut from headlines by jieba when present, else 2-4 character pieces."""
    try:
        import jieba

        jieba.setLogLevel(60)
        cut = jieba.lcut
    except ImportError:  # pieces of the headline are still realistic queries

        def cut(text: str) -> list[str]:
            return [text[i : i + 3] for i in range(0, len(text) - 2, 3)]

    words = {w for t in titles for w in cut(t) if len(w) >= 2 and re.fullmatch(r"\w+", w)}
    return sorted(words)


# --- the run --------------------------------------------------------------------------


def store_version() -> str:
    """What a cached store must match: the schema and the search tokens of this code.

    A store from other code would be migrated or re-indexed when the server opens it,
    which takes minutes at 100,000 articles and is not what is being measured.
    """
    import hashlib

    from newsdesk.store import db, tokenize

    migrations = db.migrations()
    latest = max(m.version for m in migrations)
    schema = hashlib.sha256("".join(m.sql for m in migrations).encode()).hexdigest()[:8]
    return f"g{GENERATOR}-m{latest}-{schema}-" + re.sub(r"[^\w.-]+", "_", tokenize.TOKENIZER)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path | str, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """`newsdesk serve` as a user runs it, waiting until /healthz answers."""
    cmd = [sys.executable, "-m", "newsdesk.web", "--db", str(db), "--port", str(port)]
    cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start in 300 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server as a user does (Ctrl+C), killing it if it lingers."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        server.kill()


def write_ingest_pages(folder: Path, bases: list[Base], n: int, seed: int) -> None:
    """Fresh text pages for the ingest that runs beside the load (new each run)."""
    folder.mkdir(parents=True, exist_ok=True)
    for page, _ in generated(n, bases, headlines(), seed=seed, tag="live"):
        (folder / f"{seed}-{page.origin.rsplit(':', 1)[1]}.txt").write_text(page.text or "")


class BesideIngest:
    """`newsdesk ingest` of new pages, started after `delay` seconds into a phase."""

    def __init__(self, db: Path | str, folder: Path, delay: float, niceness: int = 0) -> None:
        self.db, self.folder, self.delay = db, folder, delay
        self.niceness = niceness  # run below the server's CPU priority, as `nice` does
        self.proc: subprocess.Popen[bytes] | None = None
        self.started = self.ended = 0.0
        self.log = folder.with_suffix(".log")  # what it said, for the notes
        self.stopped = False  # stopped at the end of the phase (it says "Aborted!")

    async def run(self) -> None:
        await asyncio.sleep(self.delay)
        script = Path(sys.executable).with_name("newsdesk")
        cmd = [str(script)] if script.exists() else [sys.executable, "-m", "newsdesk.cli"]
        cmd += ["ingest", str(self.folder)]
        cmd += ["--db", str(self.db), "--workers", "1", "--quiet"]
        self.started = time.monotonic()
        with self.log.open("wb") as said:
            self.proc = subprocess.Popen(
                ["nice", "-n", str(self.niceness), *cmd] if self.niceness else cmd,
                stdout=subprocess.DEVNULL,
                stderr=said,
            )
        while self.proc.poll() is None:
            await asyncio.sleep(0.2)
        self.ended = time.monotonic()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.stopped = True
            self.proc.send_signal(signal.SIGINT)  # as a user stops it, at a batch end
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:  # started where SIGINT is ignored (nohup, &)
                self.proc.terminate()
                self.proc.wait(30)
            self.ended = self.ended or time.monotonic()

    def outcome(self) -> str:
        """How the ingest ended: stopped at the phase's end, finished, or failed (why)."""
        if self.proc is None:
            return "not started"
        code = self.proc.returncode
        if self.stopped:
            return "ran until stopped at the end of the phase"
        if code == 0:
            return "finished"
        said = self.log.read_text("utf-8", "replace").strip().splitlines()
        return f"failed ({code}): {said[-1] if said else ''}"


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    rate: float
    target: str  # the claim, for the table
    quantile: float
    limit_ms: float


PHASES = (
    Phase("article pages", 200, "p99 < 50 ms", 0.99, 50),
    Phase("search", 50, "p95 < 100 ms", 0.95, 100),
)


async def run_phase(
    phase: Phase, port: int, paths: list[str], seconds: float, ingest: BesideIngest
) -> loadgen.Report:
    runner = asyncio.create_task(ingest.run())
    try:
        return await loadgen.run(
            loadgen.Plan(
                host="127.0.0.1",
                port=port,
                paths=paths,
                rate=phase.rate,
                seconds=seconds,
                timeout=10.0,
            )
        )
    finally:
        ingest.stop()
        runner.cancel()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its worker processes have used so far,
    from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return float("nan")
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(c)) for c in children)


def article_paths(db: Path | str, n: int) -> list[str]:
    from newsdesk.store import engines

    con = engines.connect(db, read_only=True)
    ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY random() LIMIT ?", (n,))]
    con.close()
    return [f"/articles/{i}" for i in ids]


def server_database(server: str, name: str, *, template: str | None = None) -> str:
    """The URL of database `name` on the PostgreSQL `server`, made (from `template`,
    when given) if it does not exist."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as con:
        found = con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if found is None:
            copy = f" TEMPLATE {template}" if template else ""
            con.execute(f"CREATE DATABASE {name}{copy}")
    return server.rsplit("/", 1)[0] + "/" + name


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def store_for_run(
    articles: int, cache: Path, server: str | None
) -> tuple[Path | str, dict[str, Any], Path]:
    """A store of `articles` generated articles for one run, its build info (search
    terms, base texts) and a work folder: a copy of the cached store (built first when
    missing), so what a run writes never reaches the cache.  `server` puts it on
    PostgreSQL (a database copied from the built one) instead of SQLite."""
    cache.mkdir(parents=True, exist_ok=True)
    name = f"web-{articles}-{store_version()}"
    cached = cache / f"{name}.db"
    # What a finished build leaves beside its store (written last, so a build that was
    # stopped half-way is not taken for a finished one).
    meta = cache / f"{name}{'-postgresql' if server else ''}.json"
    built_name = "newsdesk_" + re.sub(r"\W", "_", name).lower()
    cached_url = ""
    if server:
        cached_url = server_database(server, built_name)
        from newsdesk.store import Store as _Store

        with _Store.open(cached_url) as probe:
            ready = probe.count() > 0 and meta.exists()
    else:
        ready = cached.exists() and meta.exists()
    if ready:
        info = json.loads(meta.read_text("utf-8"))
        print(f"using the cached store {cached_url if server else cached}")
    else:
        for stale in (cached, Path(f"{cached}-wal"), Path(f"{cached}-shm")):
            stale.unlink(missing_ok=True)
        if server:
            drop_database(server, built_name)
            cached_url = server_database(server, built_name)
        bases, terms = build_store(cached_url if server else cached, articles)
        info = {"terms": terms, "bases": [[b.title, list(b.body), b.language] for b in bases]}
        meta.write_text(json.dumps(info, ensure_ascii=False), "utf-8")
    work = Path(tempfile.mkdtemp(prefix="newsdesk-web-"))
    if server:
        return server_database(server, built_name + "_run", template=built_name), info, work
    db = work / "store.db"
    shutil.copy(cached, db)
    return db, info, work


def release(db: Path | str, work: Path, server: str | None) -> None:
    """Remove what `store_for_run` made for the run (never the cache)."""
    shutil.rmtree(work, ignore_errors=True)
    if server:
        drop_database(server, str(db).rsplit("/", 1)[1])


def search_paths(terms: list[str]) -> list[str]:
    from urllib.parse import quote

    return [f"/search?q={quote(t)}" for t in terms]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=60.0, help="length of each phase")
    ap.add_argument("--ingest-pages", type=int, default=3000, help="pages the beside-ingest reads")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsdesk-bench")
    ap.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    ap.add_argument("--db", help="a PostgreSQL server's URL: the store lives there")
    ap.add_argument("--workers", type=int, default=1, help="server processes")
    args = ap.parse_args(argv)

    db, info, work = store_for_run(args.articles, args.cache, args.db)
    bases = [Base(t, tuple(body), lang, None) for t, body, lang in info["bases"]]
    port = free_port()
    server = start_server(db, port, args.workers)
    results: list[Result] = []
    load_before = os.getloadavg()[0]
    try:
        urls = {"article pages": article_paths(db, 5000), "search": search_paths(info["terms"])}
        for k, phase in enumerate(PHASES):
            folder = work / f"ingest-{k}"
            write_ingest_pages(folder, bases, args.ingest_pages, seed=int(time.time()) + k)
            beside = BesideIngest(db, folder, delay=args.seconds / 4)
            cpu = cpu_seconds(server.pid)
            report = asyncio.run(run_phase(phase, port, urls[phase.name], args.seconds, beside))
            cpu_ms = (cpu_seconds(server.pid) - cpu) * 1000 / max(1, report.sent)
            overlap = max(0.0, (beside.ended or time.monotonic()) - (beside.started or 0))
            ended = beside.outcome()
            results.append(Result(phase, report, min(overlap, args.seconds), cpu_ms, ended))
    finally:
        stop_server(server)
        release(db, work, args.db)
    where = "PostgreSQL" if args.db else "SQLite"
    table = render(results, args.articles, (load_before, os.getloadavg()[0]), where, args.workers)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", "utf-8")
    ok = all(x.met for x in results)
    return 0 if ok else 1


@dataclass(frozen=True, slots=True)
class Result:
    phase: Phase
    report: loadgen.Report
    ingest_seconds: float  # how long the beside-ingest overlapped the phase
    server_cpu_ms: float  # CPU the server spent per request (independent of contention)
    ingest_outcome: str = ""  # how the beside-ingest ended

    @property
    def met(self) -> bool:
        return self.report.ok and self.report.quantile(self.phase.quantile) <= self.phase.limit_ms


def render(
    results: list[Result],
    articles: int,
    load: tuple[float, float],
    where: str = "SQLite",
    workers: int = 1,
) -> str:
    head = (
        f"Store: {articles:,} articles on {where}; `newsdesk serve --workers {workers}`; open-loop load on "
        f"loopback; {os.cpu_count()} cores; 1-minute load average {load[0]:.1f} before, "
        f"{load[1]:.1f} after (other work on the machine shows here).\n\n"
        "| phase | rate req/s | sent | errors | p50 ms | p95 ms | p99 ms | max ms "
        "| server CPU ms/req | ingest beside (s) | claim | met |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    rows = []
    for x in results:
        p, r = x.phase, x.report
        rows.append(
            f"| {p.name} | {p.rate:.0f} (achieved {r.achieved_rate:.1f}) | {r.sent} "
            f"| {r.errors} | {r.quantile(0.5):.1f} | {r.quantile(0.95):.1f} "
            f"| {r.quantile(0.99):.1f} | {r.max_ms:.1f} | {x.server_cpu_ms:.2f} "
            f"| {x.ingest_seconds:.0f} | {p.target} | {'yes' if x.met else 'NO'} |"
        )
    notes = [
        f"- {x.phase.name}: statuses {dict(x.report.statuses)}"
        + (f", failures {dict(x.report.failures)}" if x.report.failures else "")
        + f"; the sender ran late by at most {max(x.report.send_lag_ms, default=0):.1f} ms"
        + f"; the ingest beside: {x.ingest_outcome}"
        for x in results
    ]
    return "\n".join([head, *rows, "", *notes])


if __name__ == "__main__":
    sys.exit(main())
