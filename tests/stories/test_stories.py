"""Reprints, stories, related articles and hot (issue 5), on real articles where possible."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newsdesk import stories
from newsdesk.article import Article, Block, Enrichment, Entity, ListItem, Page
from newsdesk.store import Store
from newsdesk.stories.engine import StoryEngine
from newsdesk.stories.features import extract, reprint_text

T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def _cnews(shared_dir: Path) -> list[str]:
    lines = (shared_dir / "data" / "cnews" / "articles.txt").read_text("utf-8").splitlines()
    return [line.split("\t", 1)[1] for line in lines]


def _article(
    key: str,
    body: list[str],
    *,
    title: str | None = None,
    hours: float = 0.0,
    site: str | None = None,
) -> Article:
    """An article, enriched with no entities so that no recogniser runs: these
    tests are about text, and must not depend on the entity model of the day."""
    when = T0 + timedelta(hours=hours)
    return Article(
        id=key,
        origin=key,
        title=title,
        body=body,
        published=when,
        site=site or key,
        enrichment=Enrichment(language="zh"),
    )


def _paragraphs(text: str) -> list[str]:
    """A cnews article (one line) cut into paragraphs at sentence ends."""
    out, current = [], ""
    for ch in text:
        current += ch
        if ch in "。！？" and len(current) > 80:
            out.append(current)
            current = ""
    return [*out, current] if current else out


@cache
def _s2t() -> Any:
    opencc = pytest.importorskip("opencc")
    return opencc.OpenCC("s2t")


def _to_traditional(text: str) -> str:
    return str(_s2t().convert(text))


def _process(articles: list[Article]) -> StoryEngine:
    engine = StoryEngine()
    for a in sorted(articles, key=lambda a: (a.published, a.id)):
        assert a.published is not None
        engine.process(extract(a, a.published))
    return engine


# --- reprints ---------------------------------------------------------------------------


def _variants(key: str, body: list[str]) -> list[Article]:
    """Copies as sites make them: retitled, trimmed, traditional, editor lines, all at once."""
    cut = [*body[: max(1, int(len(body) * 0.7))]]
    return [
        _article(f"{key}-retitled", body, title="重磅！" + body[0][:15], hours=2),
        _article(f"{key}-trimmed", cut, hours=3),
        _article(f"{key}-traditional", [_to_traditional(p) for p in body], hours=4),
        _article(f"{key}-editor", ["来源：新华社", *body, "责任编辑：王宁"], hours=5),
        _article(
            f"{key}-all",
            [_to_traditional(p) for p in ["来源：中国新闻网", *cut, "（编辑：陈晨）"]],
            title="突发：" + body[0][:10],
            hours=6,
        ),
    ]


def test_reprint_variants_of_real_articles_are_found(shared_dir: Path) -> None:
    texts = [t for t in _cnews(shared_dir) if len(t) > 600][:12]
    articles = []
    for n, text in enumerate(texts):
        body = _paragraphs(text)
        articles.append(_article(f"a{n}", body, title=body[0][:20]))
        articles.extend(_variants(f"a{n}", body))
    engine = _process(articles)
    groups = engine.groups
    for n in range(len(texts)):
        gid = groups.group_of.get(f"a{n}")
        assert gid is not None, f"a{n} has no copies found"
        members = groups.groups[gid].members
        assert {f"a{n}", *(a.id for a in _variants(f"a{n}", ["x"]))} == members
        assert groups.groups[gid].canonical == f"a{n}", "the earliest, complete copy is canonical"


def test_exact_duplicate_by_content_hash() -> None:
    body = [
        "今年一季度，全市新增城镇就业岗位3.2万个，同比增长8%。",
        "市人社局表示将继续加大稳岗力度。",
    ]
    a = _article("orig", body, title="一季度新增就业3.2万")
    b = _article("dup", ["  " + p.replace("，", ", ") for p in body], title="另一个标题", hours=1)
    assert reprint_text(a) == reprint_text(b)
    engine = _process([a, b])
    (match,) = engine.index.match(extract(b, T0).key, None, _facts(b))
    assert match.exact and match.id == "orig"


def _facts(a: Article):  # type: ignore[no-untyped-def]
    from newsdesk.stories.engine import facts

    return facts(extract(a, T0))


def test_templates_and_rewrites_are_not_reprints(shared_dir: Path) -> None:
    texts = _cnews(shared_dir)
    # cnews 43 and 44: one camera blurb with two different prices (a template, not a copy);
    # 347 and 480: one lens kit at 14,080 and at 15,200.
    pairs = [(43, 44), (347, 480)]
    articles = [
        _article(f"c{i}", _paragraphs(texts[i]), hours=n)
        for n, i in enumerate(x for p in pairs for x in p)
    ]
    # unrelated articles of one channel must not meet either
    articles += [_article(f"u{i}", _paragraphs(texts[i]), hours=10 + i) for i in range(60, 90)]
    engine = _process(articles)
    assert not engine.groups.groups, f"false reprint groups: {engine.groups.groups}"


# --- stories ------------------------------------------------------------------------------

QUAKE = [
    "中国地震台网正式测定，3月3日2时14分在四川平溪县发生5.4级地震，震源深度12公里，震中距县城约18公里。",
    "平溪县石门镇、龙坪乡部分老旧民房出现墙体开裂，四川省启动地震四级应急响应，工作组连夜赶赴石门镇。",
]
QUAKE_FOLLOWUP = [
    "平溪县5.4级地震震区已记录余震37次，最大为3.1级，四川省地震局专家认为震区发生更大地震的可能性不大。",
    "石门镇受损民房正在逐户鉴定，平溪县已转移安置受威胁群众1200余人，下拨救灾资金500万元。",
]
UNRELATED = [
    "江城女排在全国女排联赛总决赛第三场以3比1击败海滨队，以总比分2比0夺得队史首个联赛冠军。",
    "主攻林晓全场拿下31分，当选总决赛最有价值球员，主教练王振赛后被队员抛向空中。",
]


# What enrichment stores for these texts (names with mention counts): the story tests
# should not depend on the entity model of the day.
ENTITIES = {
    "q": [
        {"name": "平溪县", "type": "LOC", "count": 2},
        {"name": "四川", "type": "LOC", "count": 2},
        {"name": "石门镇", "type": "LOC", "count": 2},
    ],
    "v": [
        {"name": "江城", "type": "ORG", "count": 1},
        {"name": "海滨队", "type": "ORG", "count": 1},
        {"name": "林晓", "type": "PER", "count": 1},
        {"name": "王振", "type": "PER", "count": 1},
    ],
}


def _pair(a: Article) -> tuple[Page, Article]:
    if a.enrichment is not None and not a.enrichment.entities:
        a.enrichment.entities = [Entity.from_dict(e) for e in ENTITIES.get(a.id[:1], [])]
    return Page(origin=a.origin, kind="text", text="\n".join([a.title or "", *a.body])), a


def test_online_join_and_open_across_updates(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add([_pair(_article("q1", QUAKE, title="四川平溪县发生5.4级地震"))])
        assert stories.update(store).opened == 1
        store.add(
            [
                _pair(_article("q2", QUAKE_FOLLOWUP, title="平溪震区记录余震37次", hours=20)),
                _pair(_article("v1", UNRELATED, title="江城女排首夺联赛冠军", hours=21)),
            ]
        )
        summary = stories.update(store)
        assert (summary.processed, summary.joined, summary.opened) == (2, 1, 1)
        quake = stories.story_of(store, "q1")
        assert quake is not None and [a.id for a in quake.articles] == ["q1", "q2"]
        assert quake.articles[1].reason == "joined"
        assert stories.story_of(store, "v1").id != quake.id  # type: ignore[union-attr]
        assert stories.update(store).processed == 0  # nothing new: nothing done


def test_a_story_closes_after_its_window(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add(
            [
                _pair(_article("q1", QUAKE, title="四川平溪县发生5.4级地震")),
                _pair(_article("q2", QUAKE_FOLLOWUP, title="平溪震区记录余震37次", hours=24 * 10)),
            ]
        )
        stories.update(store)
        assert stories.story_of(store, "q1").id != stories.story_of(store, "q2").id  # type: ignore[union-attr]


def test_changed_and_deleted_articles_are_processed_again(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add(
            [
                _pair(_article("q1", QUAKE, title="四川平溪县发生5.4级地震")),
                _pair(_article("q2", QUAKE_FOLLOWUP, title="平溪震区记录余震37次", hours=5)),
            ]
        )
        stories.update(store)
        sid = stories.story_of(store, "q1").id  # type: ignore[union-attr]
        new = _article("q2", UNRELATED, title="江城女排首夺联赛冠军", hours=5)
        store.add([(Page(origin="q2", kind="text", text="v2 " + "".join(UNRELATED)), new)])
        assert stories.update(store).removed == 1
        assert stories.story_of(store, "q2").id != sid  # type: ignore[union-attr]
        assert stories.story(store, sid).size == 1  # type: ignore[union-attr]
        store.delete("q2")
        assert stories.update(store).removed == 1
        assert stories.story_of(store, "q2") is None


def test_two_updates_at_once_count_every_article_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upload's update and an ingest's update on one store: the one that loaded its
    state first must not write over what the other wrote meanwhile."""
    from newsdesk.stories import store as story_store

    path = tmp_path / "s.db"
    with Store.open(path) as first, Store.open(path) as other:
        first.add([_pair(_article("q1", QUAKE, title="四川平溪县发生5.4级地震"))])
        real = story_store._features
        raced: list[stories.UpdateSummary] = []

        def features(con: Any, batch: Any) -> Any:
            # `first` has read what is pending and loaded its state; before it writes,
            # another process stores a follow-up and processes both articles.
            if con is first.connection and not raced:
                raced.append(stories.UpdateSummary())
                other.add(
                    [_pair(_article("q2", QUAKE_FOLLOWUP, title="平溪震区记录余震37次", hours=5))]
                )
                raced[0] = stories.update(other)
            yield from real(con, batch)

        monkeypatch.setattr(story_store, "_features", features)
        late = stories.update(first)
        assert raced[0].processed == 2 and late.processed == 0
        con = first.connection
        (sid,) = {r[0] for r in con.execute("SELECT story_id FROM story_articles")}
        assert con.execute("SELECT size FROM stories WHERE id = ?", (sid,)).fetchone()[0] == 2
        assert con.execute("SELECT value FROM story_meta WHERE name = 'docs'").fetchone()[0] == "2"


def test_refresh_ranks_hot_only_when_something_changed(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add([_pair(_article("q1", QUAKE, title="四川平溪县发生5.4级地震"))])
        assert stories.refresh(store).processed == 1
        con = store.connection
        first = con.execute("SELECT story_id, reference, computed_at FROM story_hot").fetchall()
        assert [r[1] for r in first] == ["2025-03-03T08:00:00+00:00"]
        assert stories.refresh(store).processed == 0
        assert con.execute("SELECT story_id, reference, computed_at FROM story_hot").fetchall() == (
            first
        )
        # a ranking as of another time is returned, not stored over the portal's
        assert stories.hot(store, now=T0 + timedelta(hours=30))[0].reference != T0
        assert con.execute("SELECT reference FROM story_hot").fetchall() == [(first[0][1],)]
        store.add([_pair(_article("q2", QUAKE_FOLLOWUP, title="平溪震区记录余震37次", hours=5))])
        assert stories.refresh(store).processed == 1
        ((size, reference),) = con.execute(
            "SELECT s.size, h.reference FROM story_hot h JOIN stories s ON s.id = h.story_id"
        ).fetchall()
        assert (size, reference) == (2, "2025-03-03T13:00:00+00:00")


# --- related: the seeds among real pages ------------------------------------------------------


@pytest.fixture(scope="module")
def seeded_store(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    from newsdesk.ingestion import ingest

    data = shared_dir / "data"
    paths = [
        *sorted((shared_dir / "seeds").glob("*.txt")),
        *sorted((data / "daniel" / "html").glob("2011*.html"))[:150],
        *sorted((data / "magic_html" / "html").glob("*.html"))[:100],
        *sorted((data / "cwced" / "html").glob("*.html")),
    ]
    store = Store.open(tmp_path_factory.mktemp("seeded") / "s.db")
    ingest(paths, store, workers=1)
    stories.update(store)
    return store


def _seed_id(store: Store, prefix: str) -> str:
    for a in store.iter_articles():
        if Path(a.origin).name.startswith(prefix):
            return a.id
    raise AssertionError(f"seed {prefix} not ingested")


def test_seed_001_and_000_are_each_others_first_related(seeded_store: Store) -> None:
    assert seeded_store.count() > 250
    s000, s001 = _seed_id(seeded_store, "000_"), _seed_id(seeded_store, "001_")
    first_of_001 = stories.related(seeded_store, s001, 5)[0]
    first_of_000 = stories.related(seeded_store, s000, 5)[0]
    assert first_of_001.id == s000, first_of_001.to_dict()
    assert first_of_000.id == s001, first_of_000.to_dict()
    assert set(first_of_001.parts) == {"text", "entities", "recency"}


def test_stored_related_lists_match_ranking_now(seeded_store: Store) -> None:
    from newsdesk.stories.related import rank

    con = seeded_store.connection
    stored = con.execute("SELECT count(*) FROM story_related").fetchone()[0]
    assert stored == seeded_store.count()  # every processed article has its list
    for aid in [_seed_id(seeded_store, "000_"), _seed_id(seeded_store, "001_")]:
        read = stories.related(seeded_store, aid, 8)
        now = rank(con, aid, 8)  # times in UTC, as the tables keep them: the same instants
        assert [(r.id, r.score, r.parts, r.time) for r in read] == [
            (r.id, r.score, r.parts, r.time) for r in now
        ]


def test_stored_lists_follow_new_and_deleted_articles(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add([_pair(_article("q1", QUAKE, title="四川平溪县发生5.4级地震"))])
        stories.update(store)
        assert stories.related(store, "q1", 5) == []
        store.add([_pair(_article("q2", QUAKE_FOLLOWUP, title="平溪震区记录余震37次", hours=20))])
        stories.update(store)  # q2 joins q1's story: q1's stored list takes it in
        assert [r.id for r in stories.related(store, "q1", 5)] == ["q2"]
        store.delete("q2")
        assert stories.related(store, "q1", 5) == []  # gone at once, before any update
        stories.update(store)
        row = store.connection.execute("SELECT 1 FROM story_related WHERE article_id = 'q2'")
        assert row.fetchone() is None


def test_related_leaves_out_the_articles_own_copies(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add(
            [
                _pair(_article("orig", QUAKE, title="四川平溪县发生5.4级地震")),
                _pair(_article("copy", ["来源：新华社", *QUAKE], title="重磅！平溪地震", hours=1)),
                _pair(_article("other", QUAKE_FOLLOWUP, title="平溪震区记录余震37次", hours=2)),
                _pair(_article("far", UNRELATED, title="江城女排首夺联赛冠军", hours=3)),
            ]
        )
        stories.update(store)
        got = stories.related(store, "orig", 5)
        assert [r.id for r in got][:1] == ["other"]
        assert "copy" not in {r.id for r in got}
        json.dumps([r.to_dict() for r in got], ensure_ascii=False)
        copy_story = stories.story_of(store, "copy")
        assert copy_story is not None
        (copy,) = [a for a in copy_story.articles if a.id == "copy"]
        assert copy.reprint_of == "orig" and copy.reason == "reprint"


# --- hot ------------------------------------------------------------------------------------


def test_bursts_rank_first_and_every_score_has_its_parts(shared_dir: Path, tmp_path: Path) -> None:
    texts = [t for t in _cnews(shared_dir) if len(t) > 500]
    pairs = []
    for n in range(12):  # steady: one article a day for five days, one site
        body = _paragraphs(texts[n])
        for day in range(5):
            a = _article(
                f"s{n}-{day}",
                body[: len(body) - day % 2],
                title=body[0][:18],
                hours=-24 * day - 3,
                site=f"steady{n}",
            )
            pairs.append(_pair(a))
    for n in range(2):  # bursts: five sites within two hours
        body = _paragraphs(texts[20 + n])
        for k in range(5):
            a = _article(f"b{n}-{k}", body, title=body[0][:18], hours=-0.3 * k, site=f"wire{k}")
            pairs.append(_pair(a))
    listed = _paragraphs(texts[0])[0][:18]
    portal = _article("portal", _paragraphs(texts[40]), title="门户首页", hours=-1, site="portal")
    portal.lists = [Block("hot", "热点", [ListItem(listed), ListItem("无关的热门标题")])]
    pairs.append(_pair(portal))
    with Store.open(tmp_path / "h.db") as store:
        store.add(pairs)
        stories.refresh(store)  # ingest ranks and stores what is hot
        ranked = stories.hot(store, 5)
        bursts = {stories.story_of(store, f"b{n}-0").id for n in range(2)}  # type: ignore[union-attr]
        assert {h.story.id for h in ranked[:2]} == bursts
        for h in ranked:
            assert set(h.parts) == {"growth", "sources", "hotlist", "recency"}
            assert h.to_dict()["parts"]
        listed_story = stories.story_of(store, "s0-0")
        assert listed_story is not None
        scored = {h.story.id: h for h in stories.hot(store, 50)}
        assert scored[listed_story.id].parts["hotlist"] > 0
        stored = store.connection.execute("SELECT count(*) FROM story_hot").fetchone()[0]
        assert stored >= len(scored)


# --- the API's records ------------------------------------------------------------------------


def test_stories_listing_and_records_serialise(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add(
            [
                _pair(_article("q1", QUAKE, title="四川平溪县发生5.4级地震", site="江南日报")),
                _pair(
                    _article(
                        "q2", QUAKE_FOLLOWUP, title="平溪震区记录余震37次", hours=3, site="城市晚报"
                    )
                ),
                _pair(_article("v1", UNRELATED, title="江城女排首夺联赛冠军", hours=4)),
            ]
        )
        stories.update(store)
        listed = stories.stories(store, 10)
        assert [s.size for s in listed] == [2]
        story = stories.story(store, listed[0].id)
        assert story is not None and story.sites == ["城市晚报", "江南日报"]
        assert story.title == "四川平溪县发生5.4级地震"
        assert story.first < story.last
        json.dumps(story.to_dict(), ensure_ascii=False)
        assert stories.story(store, 10**9) is None
        assert stories.related(store, "missing", 5) == []


# --- any text ---------------------------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(
    title=st.one_of(st.none(), st.text(max_size=40)),
    body=st.lists(st.text(max_size=300), max_size=5),
)
def test_any_text_goes_through_the_story_step(title: str | None, body: list[str]) -> None:
    """Emoji, full-width forms, lone surrogates, empty bodies: features, copies, stories."""
    from newsdesk.stories.dedup import needs_signature, signature

    article = _article("any", body, title=title)
    f = extract(article, T0)
    if needs_signature(f.text):
        assert signature(f.text).size > 0
    engine = StoryEngine()
    first = engine.process(f)
    again = engine.process(extract(_article("again", body, title=title, hours=1), T0))
    assert first.assignment.reason == "opened"
    if f.text:  # the same body twice is an exact duplicate, in the same story
        assert again.copies and again.assignment.story_id == first.assignment.story_id


@hypothesis.settings(max_examples=80, deadline=None)
@hypothesis.given(text=st.text(min_size=1, max_size=2000))
def test_signature_is_datasketchs(text: str) -> None:
    """The numpy MinHash gives datasketch's values, so stored signatures stay comparable."""
    import numpy as np
    from datasketch import MinHash

    from newsdesk.stories.dedup import NUM_PERM, SEED, shingle_hashes, signature

    hashes = shingle_hashes(text)
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
    m.update_batch(hashes.tolist())
    got = signature(text)
    assert got.size == len(hashes)
    assert got.hashvalues.dtype == np.uint32
    assert np.array_equal(got.hashvalues, np.asarray(m.hashvalues, dtype=np.uint32))
