"""Chinese-aware full-text search: tokens, phrase matching, ranking, snippets, hostile queries."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from conftest import ENGINES, new_target
from fixtures import paths
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsdesk.article import Article, Page, article_id
from newsdesk.store import Store, engines, tokenize
from newsdesk.store.search import SNIPPET_CHARS
from newsdesk.text.normal import fold

SEEDS = paths.SEEDS
ENGLISH = [
    "Ukraine and Russia held talks in Istanbul on Monday.",
    "The delegations discussed a ceasefire; no date was set.",
]


def seed_articles() -> list[tuple[Page, Article]]:
    out = []
    for path in sorted(SEEDS.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = Page(origin=gold["file"], kind="text", text=(SEEDS / gold["file"]).read_text())
        article = Article(
            id=article_id(page.key),
            origin=page.origin,
            site=gold["site"],
            title=gold["title"],
            body=gold["body"],
            captions=gold["captions"],
        )
        out.append((page, article))
    return out


def english_article() -> tuple[Page, Article]:
    page = Page(origin="en.txt", kind="text", text="\n".join(ENGLISH))
    article = Article(
        id=article_id(page.key), origin=page.origin, title="Talks in Istanbul", body=ENGLISH
    )
    return page, article


@pytest.fixture(scope="module", params=ENGINES)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The seeds and an English article, once per engine."""
    target = new_target(request.param, tmp_path_factory.mktemp("search"), request)
    with Store.open(target) as s:
        s.add([*seed_articles(), english_article()])
        yield s


def titles(store: Store, query: str) -> list[str | None]:
    return [h.title for h in store.search(query)]


SEED0 = "局势失控!27国或联合出兵,关键时刻,中方专机直飞俄罗斯"
SEED1 = "俄乌大结局来了?重磅消息传出,普京、泽连斯基将会面?中方收重要信号"


# --- the seed queries ---------------------------------------------------------------------


def test_two_character_names_are_found(store: Store) -> None:
    assert set(titles(store, "普京")) == {SEED0, SEED1}


def test_four_character_names_are_found_and_the_title_ranks_first(store: Store) -> None:
    assert titles(store, "泽连斯基") == [SEED1, SEED0]  # SEED1 has it in its title


def test_names_only_in_one_article(store: Store) -> None:
    assert titles(store, "马克龙") == [SEED0]
    assert titles(store, "乌梅罗夫") == [SEED1]


def test_several_terms_must_all_match(store: Store) -> None:
    assert set(titles(store, "特朗普 普京")) == {SEED0, SEED1}
    assert titles(store, "马克龙 普京") == [SEED0]
    assert titles(store, "马克龙　乌梅罗夫") == []  # ideographic space separates terms too


def test_a_term_matches_as_a_phrase_not_as_scattered_characters(store: Store) -> None:
    assert titles(store, "泽连斯") != []
    assert titles(store, "斯基泽连") == []
    assert titles(store, "普京泽连") == []


def test_one_character_queries_match(store: Store) -> None:
    assert set(titles(store, "京")) == {SEED0, SEED1}


def test_english_words_match_in_any_case_and_width(store: Store) -> None:
    for query in ("Ukraine", "ukraine", "UKRAINE", "ＵＫＲＡＩＮＥ", "istanbul talks"):
        assert titles(store, query) == ["Talks in Istanbul"], query
    assert titles(store, "Ukrain") == []  # Latin text matches whole words


def test_captions_are_searched(store: Store) -> None:
    gold = json.loads(next(SEEDS.glob("000_*.gold.json")).read_text(encoding="utf-8"))
    assert "资料图" in gold["captions"][0]
    assert titles(store, "资料图") != []


def test_limit_and_offset_page_through_hits(store: Store) -> None:
    both = titles(store, "普京")
    assert titles(store, "普京")[:1] == [h.title for h in store.search("普京", limit=1)]
    assert [h.title for h in store.search("普京", limit=1, offset=1)] == both[1:]
    assert store.search("普京", offset=5) == []
    assert store.search("普京", limit=0) == []
    with pytest.raises(ValueError):
        store.search("普京", limit=-1)


def test_scores_are_ordered(store: Store) -> None:
    scores = [h.score for h in store.search("泽连斯基")]
    assert scores == sorted(scores, reverse=True)


# --- snippets ------------------------------------------------------------------------------


def test_the_snippet_is_plain_body_text_around_the_first_match(store: Store) -> None:
    for query in ("马克龙", "乌梅罗夫", "ceasefire", "特朗普 普京"):
        for hit in store.search(query):
            assert len(hit.snippet) <= SNIPPET_CHARS + 2
            assert any(t in fold(hit.snippet) for t in query.lower().split())
            assert " " not in hit.snippet.strip("…")[:2]  # no token soup


def test_the_snippet_comes_from_the_original_text(store_target: str) -> None:
    with Store.open(store_target) as store:
        page = Page(origin="w.txt", kind="text", text="x")
        body = ["无关的一段。", "前文" * 40 + "ＡＢＣ公司宣布新的产品" + "后文" * 40]
        store.add([(page, Article(id="w", origin="w.txt", title="t", body=body))])
        [hit] = store.search("abc公司")
        assert "ＡＢＣ公司" in hit.snippet
        assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
        [hit] = store.search("t")  # a title-only match shows the start of the body
        assert hit.snippet == "无关的一段。"


# --- tokens ------------------------------------------------------------------------------------


def test_index_tokens() -> None:
    assert tokenize.index_text("普京会") == "普京 京会 会"
    assert tokenize.index_text("Ｇ20峰会，A股") == "g20 峰会 会 a 股"
    assert tokenize.index_text("😀 , ; \ud800") == ""


def test_query_expressions_quote_everything() -> None:
    assert tokenize.match_expression("泽连斯基") == '"泽连 连斯 斯基"'
    assert tokenize.match_expression("京") == '"京" *'
    assert tokenize.match_expression('AND "x" NEAR(') == '"and" AND "x" AND "near"'
    assert tokenize.match_expression("峰会G20") == '"峰会 会 g20"'
    assert tokenize.match_expression("*()😀") is None


def test_a_phrase_across_a_script_boundary_is_found(store_target: str) -> None:
    with Store.open(store_target) as store:
        page = Page(origin="g.txt", kind="text", text="x")
        store.add([(page, Article(id="g", origin="g.txt", body=["本次峰会G20成员国出席"]))])
        for query in ("峰会G20", "会G20成", "G20成员国", "次峰会g20成员"):
            assert len(store.search(query)) == 1, query


CJK_TEXT = st.text(st.sampled_from("普京泽连斯基马克龙特朗普俄乌会谈，。 0aＡ"), min_size=1)


def test_every_substring_of_cjk_text_is_found(store: Store) -> None:
    """The core promise of the bigram scheme: exact substring recall for CJK queries,
    on both engines (FTS5 phrases, tsvector `<->` chains)."""
    con = store.connection
    sql = engines.engine(con)

    @settings(max_examples=200, deadline=None)
    @given(text=CJK_TEXT, data=st.data())
    def substrings(text: str, data: st.DataObject) -> None:
        con.execute("BEGIN")  # each example indexes one text and forgets it
        try:
            sql.index_rows(con, [(10**9, "", tokenize.index_text(text), "")])
            check(text, data)
        finally:
            con.execute("ROLLBACK")

    def check(text: str, data: st.DataObject) -> None:
        found = f"SELECT {sql.MATCH_ROWID} FROM {sql.MATCHES} WHERE {sql.MATCH_CONDITION}"
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        query = text[start:end]
        expression = sql.match(query)
        # Latin runs match whole words only, so only queries that cut no Latin word
        # count (checked on the normalized text, which this alphabet keeps one to one).
        norm = fold(text)

        def joins(i: int) -> bool:
            return 0 < i < len(norm) and all(
                c.isascii() and c.isalnum() for c in norm[i - 1 : i + 1]
            )

        if expression is None or joins(start) or joins(end):
            return
        hits = [r[0] for r in con.execute(found, (expression,)) if r[0] == 10**9]
        assert hits == [10**9], (text, query, expression)

    substrings()


# --- hostile queries -----------------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    '"',
    '""',
    "'",
    "AND",
    "OR",
    "NOT",
    "普京 AND",
    "NEAR(普京 泽连斯基, 2)",
    "*",
    "普京*",
    "(",
    ")",
    "title:普京",
    "{title body}: 普京",
    "^普京",
    "-普京",
    "+",
    "😀",
    "\ud800",
    "普京\udfff泽连斯基",
    "\x00",
    "a\x00b",
    "普" * 5000,
    " ".join(["普京"] * 2000),
    "\\",
    "%_",
    "ＡＮＤ",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(store: Store, query: str) -> None:
    store.search(query)


@settings(max_examples=300, deadline=None)
@given(
    query=st.text(
        st.one_of(
            st.characters(exclude_categories=()),
            st.characters(categories=["Cs"]),  # lone surrogates, rare otherwise
            st.sampled_from('"*()^:{}+-普京泽连斯基ＡＮＤ AND OR NOT NEAR'),
        ),
        max_size=60,
    )
)
@example(query='" OR 1=1 --')
@example(query="普京 NEAR/2 泽连斯基")
def test_any_query_never_raises(store: Store, query: str) -> None:
    hits = store.search(query, limit=5)
    assert all(isinstance(h.snippet, str) for h in hits)


def test_long_texts_are_found_to_their_end(store_target: str) -> None:
    """PostgreSQL keeps positions only up to 16383 and 256 per word, and refuses words
    over 2 KB: a long article is still found by a phrase at its very end, by two
    terms far apart, and a giant word does not stop it being stored."""
    with Store.open(store_target) as store:
        filler = ["的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就年"] * 800
        body = ["开头说到马克龙。", *filler, "x" * 3000, "最后提到泽连斯基访问基辅。"]
        page = Page(origin="long.txt", kind="text", text="long")
        store.add([(page, Article(id="long", origin="long.txt", title="长文", body=body))])
        for query in ("泽连斯基访问基辅", "马克龙 泽连斯基", "长文 基辅"):
            assert [h.id for h in store.search(query)] == ["long"], query
        assert store.search("泽连斯基 特朗普") == []
