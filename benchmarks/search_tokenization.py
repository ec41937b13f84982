"""Which tokenization should the full-text index use for Chinese?  Measured, not guessed.

Indexes the Chinese gold bodies of the evaluation data (and the seeds) into SQLite FTS5
once per candidate, then runs queries drawn from the titles and compares what each
finds with what it should find (every document holding the query as a substring;
for Latin words, as a word).

Candidates: `bigram` (the store's scheme: CJK bigrams plus each run's last
character, Latin words), `unigram` (one token per CJK character), `jieba` (jieba
words), `jieba+bigram` (both, in separate columns, either may match), and the FTS5
built-ins `trigram` and `unicode61` on the plain text as peers.

Times are CPU seconds of this process (tokenizing in Python plus SQLite), so other
work on the machine does not blur them; queries include their tokenization.  The
index is contentless, as in the store, and its size is the database file after
VACUUM.

    python benchmarks/search_tokenization.py                 # corpus indexed 10x
    python benchmarks/search_tokenization.py --repeat 1 --markdown bench-search.md
    python benchmarks/search_tokenization.py --postgresql postgresql://user@host/db

With `--postgresql`, the store's scheme is measured a second time on that server as
the PostgreSQL store keeps it (the same tokens in `tsvector`s with a GIN index,
`newsdesk.store.engines.postgres`): row `bigram (PostgreSQL)`.  Its index time is
the CPU seconds of this process plus those of the server process that did the work
(read from /proc, so the server must run on this machine); its query times are wall
clock on loopback (the server's CPU counter ticks in 10 ms, too coarse for a query);
its size is the table's with its index.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.store import tokenize as tk
from newsdesk.text.normal import fold

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"
SEEDS = SHARED / "seeds"
SEED_NAMES = ("普京", "泽连斯基", "马克龙", "特朗普")
BATCH = 500
ENTITY_FLAGS = {"nr", "nrt", "ns", "nt", "nz"}  # jieba's person, place, organisation, other names


@dataclass
class Doc:
    title: str
    body: str
    captions: str
    norm: str = ""  # normalized title, body and captions, one field a line
    words: set[str] = field(default_factory=set)  # its non-CJK words

    def __post_init__(self) -> None:
        self.norm = fold("\n".join((self.title, self.body, self.captions)))
        self.words = {m.group(2) for m in tk._PIECE.finditer(self.norm) if m.group(2)}

    def contains(self, term: str) -> bool:
        """Ground truth: a CJK term as a substring, a Latin term as a word."""
        if all(m.group(2) for m in tk._PIECE.finditer(term)) and " " not in term:
            return term in self.words
        return term in self.norm


@dataclass
class Query:
    kind: str
    text: str

    @property
    def terms(self) -> list[str]:
        return fold(self.text).split()


# --- corpus and queries --------------------------------------------------------


def load_corpus() -> list[Doc]:
    docs = []
    for path in sorted(SEEDS.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        docs.append(
            Doc(gold["title"] or "", "\n".join(gold["body"]), "\n".join(gold.get("captions", [])))
        )
    for path in sorted(DATA.glob("*/gold.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("lang") != "zh" or not row.get("body"):
                continue
            body = row["body"]
            title = row.get("title") or body.split("\n", 1)[0][:60]
            docs.append(Doc(title, body, ""))
    if not docs:
        sys.exit(f"no gold documents found under {SHARED}")
    return docs


def is_cjk_word(word: str) -> bool:
    return (
        all(m.group(1) for m in tk._PIECE.finditer(word)) and tk._PIECE.fullmatch(word) is not None
    )


def draw_queries(docs: list[Doc], per_kind: int, seed: int = 7) -> list[Query]:
    import jieba.posseg

    rng = random.Random(seed)
    entities: set[str] = set()
    headline: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for doc in docs:
        names = []
        for pair in jieba.posseg.cut(doc.title):
            word, flag = pair.word, pair.flag
            if not (2 <= len(word) <= 4 and is_cjk_word(word)):
                continue
            if flag in ENTITY_FLAGS:
                entities.add(word)
                names.append(word)
            else:
                headline.add(word)
        pairs.update((a, b) for a in names for b in names if a < b)
    chars = sorted({c for d in docs for c in d.title if is_cjk_word(c)})
    latin = sorted(
        {w for d in docs for w in d.words if w.isascii() and w.isalpha() and len(w) >= 3}
    )

    def sample(pool: Iterable[str], n: int) -> list[str]:
        items = sorted(pool)
        return rng.sample(items, min(n, len(items)))

    queries = [Query("seed names", q) for q in SEED_NAMES]
    queries.append(Query("seed names", "特朗普 普京"))
    queries += [Query("entity", q) for q in sample(entities, per_kind)]
    queries += [Query("headline", q) for q in sample(headline - entities, per_kind)]
    queries += [Query("one char", q) for q in sample(chars, per_kind // 5)]
    queries += [Query("latin", q) for q in sample(latin, per_kind // 5)]
    two = sample((f"{a} {b}" for a, b in pairs), per_kind // 5)
    queries += [Query("two terms", q) for q in two]
    return queries


def expected(docs: list[Doc], query: Query) -> set[int]:
    terms = query.terms
    return {i for i, d in enumerate(docs) if all(d.contains(t) for t in terms)}


# --- candidates ------------------------------------------------------------------


@dataclass
class Candidate:
    name: str
    columns: tuple[str, ...]
    options: str  # FTS5 options after the columns
    row: Callable[[Doc], tuple[str, ...]]
    match: Callable[[str], str | None]


def quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def pieces(text: str) -> list[str]:
    return [m.group(0) for m in tk._PIECE.finditer(text)]


def unigram_tokens(text: str) -> str:
    out: list[str] = []
    for m in tk._PIECE.finditer(fold(text)):
        out.extend(m.group(1) if m.group(1) else (m.group(2),))
    return " ".join(out)


def unigram_match(query: str) -> str | None:
    phrases = [unigram_tokens(t) for t in fold(query).split()]
    return " AND ".join(quote(p) for p in phrases if p) or None


def jieba_tokens(text: str) -> str:
    import jieba

    return " ".join(p for w in jieba.cut(fold(text)) for p in pieces(w))


def jieba_match(query: str) -> str | None:
    phrases = [jieba_tokens(t) for t in fold(query).split()]
    return " AND ".join(quote(p) for p in phrases if p) or None


def hybrid_match(query: str) -> str | None:
    parts = []
    for term in fold(query).split():
        words, bigram = jieba_tokens(term), tk._term_phrase(term)
        if bigram is None:
            continue
        parts.append(f"({{tw bw cw}} : {quote(words)} OR {{tb bb cb}} : {bigram.fts()})")
    return " AND ".join(parts) or None


def plain_match(query: str) -> str | None:
    return " AND ".join(quote(t) for t in fold(query).split()) or None


def fields(doc: Doc) -> tuple[str, str, str]:
    return doc.title, doc.body, doc.captions


CANDIDATES = (
    Candidate(
        "bigram",
        ("t", "b", "c"),
        "tokenize='ascii'",
        lambda d: tuple(map(tk.index_text, fields(d))),
        tk.match_expression,
    ),
    Candidate(
        "unigram",
        ("t", "b", "c"),
        "tokenize='ascii'",
        lambda d: tuple(map(unigram_tokens, fields(d))),
        unigram_match,
    ),
    Candidate(
        "jieba",
        ("t", "b", "c"),
        "tokenize='ascii'",
        lambda d: tuple(map(jieba_tokens, fields(d))),
        jieba_match,
    ),
    Candidate(
        "jieba+bigram",
        ("tw", "bw", "cw", "tb", "bb", "cb"),
        "tokenize='ascii'",
        lambda d: (*map(jieba_tokens, fields(d)), *map(tk.index_text, fields(d))),
        hybrid_match,
    ),
    Candidate(
        "trigram",
        ("t", "b", "c"),
        "tokenize='trigram'",
        lambda d: tuple(map(fold, fields(d))),
        plain_match,
    ),
    Candidate(
        "unicode61",
        ("t", "b", "c"),
        "tokenize='unicode61'",
        lambda d: tuple(map(fold, fields(d))),
        plain_match,
    ),
)


# --- measuring -------------------------------------------------------------------


@dataclass
class Result:
    name: str
    recall: float
    complete: float
    precision: float
    index_s: float
    index_mb: float
    p50_ms: float
    p95_ms: float
    recall_by_kind: dict[str, float]


def build(con: sqlite3.Connection, cand: Candidate, docs: list[Doc], repeat: int) -> float:
    cols = ", ".join(cand.columns)
    con.execute(f"CREATE VIRTUAL TABLE f USING fts5({cols}, content='', {cand.options})")
    marks = ", ".join("?" * (len(cand.columns) + 1))
    numbered = [(r * len(docs) + i + 1, d) for r in range(repeat) for i, d in enumerate(docs)]
    start = time.process_time()
    for b in range(0, len(numbered), BATCH):  # one transaction per batch, as the store writes
        rows = [(n, *cand.row(d)) for n, d in numbered[b : b + BATCH]]
        with con:
            con.executemany(f"INSERT INTO f(rowid, {cols}) VALUES ({marks})", rows)
    return time.process_time() - start


def found(con: sqlite3.Connection, expr: str | None, n: int) -> set[int]:
    if expr is None:
        return set()
    try:
        return {
            (rowid - 1) % n
            for (rowid,) in con.execute("SELECT rowid FROM f WHERE f MATCH ?", (expr,))
        }
    except sqlite3.OperationalError:
        return set()  # trigram and unicode61 reject some inputs; counts as nothing found


def timed_query(con: sqlite3.Connection, cand: Candidate, query: str) -> float:
    start = time.process_time()
    expr = cand.match(query)
    if expr is not None:
        sql = "SELECT rowid, bm25(f) AS s FROM f WHERE f MATCH ? ORDER BY s LIMIT 20"
        with contextlib.suppress(sqlite3.OperationalError):
            con.execute(sql, (expr,)).fetchall()
    return (time.process_time() - start) * 1000


def measure(
    cand: Candidate,
    docs: list[Doc],
    queries: list[Query],
    truth: list[set[int]],
    repeat: int,
    tmp: Path,
) -> Result:
    path = tmp / f"{cand.name.replace('+', '_')}.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")  # the store's settings
    con.execute("PRAGMA synchronous=NORMAL")
    index_s = build(con, cand, docs, repeat)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("VACUUM")
    index_mb = path.stat().st_size / 1e6
    result = scored(
        cand.name,
        queries,
        truth,
        lambda q: found(con, cand.match(q), len(docs)),
        lambda q: timed_query(con, cand, q),
        index_s,
        index_mb,
    )
    con.close()
    return result


def server_cpu(con: object) -> Callable[[], float]:
    """CPU seconds used so far by this process and the server process behind `con`."""
    import os

    pid = con.execute("SELECT pg_backend_pid()").fetchone()[0]  # type: ignore[attr-defined]
    tick = os.sysconf("SC_CLK_TCK")

    def used() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return time.process_time() + (int(fields[11]) + int(fields[12])) / tick

    return used


def measure_postgres(
    url: str, docs: list[Doc], queries: list[Query], truth: list[set[int]], repeat: int
) -> Result:
    """The store's scheme as the PostgreSQL store keeps it, through its own code."""
    from newsdesk.store.engines import postgres as pg

    con = pg.connect(url)
    con.execute("DROP TABLE IF EXISTS search_index")
    con.execute(
        "CREATE TABLE search_index (seq BIGINT, part INTEGER, document TSVECTOR NOT NULL,"
        " PRIMARY KEY (seq, part))"
    )
    con.execute("CREATE INDEX search_index_document ON search_index USING GIN (document)")
    cpu = server_cpu(con)
    numbered = [(r * len(docs) + i + 1, d) for r in range(repeat) for i, d in enumerate(docs)]
    start = cpu()
    for b in range(0, len(numbered), BATCH):
        con.execute("BEGIN")
        pg.index_rows(
            con, [(n, *map(tk.index_text, fields(d))) for n, d in numbered[b : b + BATCH]]
        )
        con.execute("COMMIT")
    index_s = cpu() - start
    con.execute("VACUUM ANALYZE search_index")
    index_mb = con.execute("SELECT pg_total_relation_size('search_index')").fetchone()[0] / 1e6
    hits = f"SELECT {pg.MATCH_ROWID} FROM {pg.MATCHES} WHERE {pg.MATCH_CONDITION}"
    ranked = f"{hits} ORDER BY {pg.SCORE} DESC LIMIT 20"

    def hit(query: str) -> set[int]:
        expr = pg.match(query)
        return {(r[0] - 1) % len(docs) for r in con.execute(hits, (expr,))} if expr else set()

    def timed(query: str) -> float:
        began = time.perf_counter()
        expr = pg.match(query)
        if expr is not None:
            con.execute(ranked, (expr,)).fetchall()
        return (time.perf_counter() - began) * 1000

    result = scored("bigram (PostgreSQL)", queries, truth, hit, timed, index_s, index_mb)
    con.execute("DROP TABLE search_index")
    con.close()
    return result


def scored(
    name: str,
    queries: list[Query],
    truth: list[set[int]],
    hit: Callable[[str], set[int]],
    timed: Callable[[str], float],
    index_s: float,
    index_mb: float,
) -> Result:
    """Recall, completeness and precision of `hit` against the truth, and query times
    (`timed`, after one warming pass over every query)."""
    recalls, precisions, complete = [], [], 0
    by_kind: dict[str, list[float]] = {}
    for q, want in zip(queries, truth, strict=True):
        got = hit(q.text)
        if want:
            recall = len(got & want) / len(want)
            recalls.append(recall)
            complete += got >= want
            by_kind.setdefault(q.kind, []).append(recall)
        if got:
            precisions.append(len(got & want) / len(got))
    for q in queries:  # warm the caches (and jieba's dictionary) before timing
        timed(q.text)
    times = sorted(timed(q.text) for q in queries)
    return Result(
        name,
        statistics.fmean(recalls),
        complete / len(recalls),
        statistics.fmean(precisions) if precisions else 0.0,
        index_s,
        index_mb,
        times[len(times) // 2],
        times[int(len(times) * 0.95)],
        {k: statistics.fmean(v) for k, v in by_kind.items()},
    )


def tables(results: list[Result], docs: list[Doc], queries: list[Query], repeat: int) -> str:
    chars = sum(len(d.norm) for d in docs)
    lines = [
        f"{len(docs)} documents, {chars / 1e6:.2f} M characters, indexed {repeat}x; "
        f"{len(queries)} queries",
        "",
        "| tokenizer | recall | complete | precision | index CPU s | index MB | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.recall:.3f} | {r.complete:.1%} | {r.precision:.3f} | "
            f"{r.index_s:.1f} | {r.index_mb:.1f} | {r.p50_ms:.2f} | {r.p95_ms:.2f} |"
        )
    kinds = list(dict.fromkeys(q.kind for q in queries))
    counts = {k: sum(q.kind == k for q in queries) for k in kinds}
    lines += ["", "Recall by kind of query:", ""]
    lines.append("| tokenizer | " + " | ".join(f"{k} ({counts[k]})" for k in kinds) + " |")
    lines.append("|---|" + "---:|" * len(kinds))
    for r in results:
        cells = " | ".join(f"{r.recall_by_kind.get(k, float('nan')):.3f}" for k in kinds)
        lines.append(f"| {r.name} | {cells} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="index the corpus this many times")
    parser.add_argument("--per-kind", type=int, default=150, help="entity and headline queries")
    parser.add_argument("--only", default="", help="comma-separated candidate names")
    parser.add_argument("--markdown", type=Path, default=None, help="also write the tables here")
    parser.add_argument("--postgresql", help="a database URL: measure the scheme there too")
    args = parser.parse_args()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    docs = load_corpus()
    queries = draw_queries(docs, args.per_kind)
    truth = [expected(docs, q) for q in queries]
    chosen = [c for c in CANDIDATES if not args.only or c.name in args.only.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(c, docs, queries, truth, args.repeat, Path(tmp)) for c in chosen]
    if args.postgresql:
        results.append(measure_postgres(args.postgresql, docs, queries, truth, args.repeat))
    text = tables(results, docs, queries, args.repeat)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
