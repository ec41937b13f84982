"""The plain-text page-dump reader against the gold readings of the seeds and examples.

Each seed (`../shared/seeds/*.txt`) has a `*.gold.json` saying what a correct reading
gives; each page under `examples/` has an `*.expected.json` saying the same for the
fields it lists.  Times are compared as the wall time the page shows.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fixtures import paths

from newsdesk.article import Article
from newsdesk.errors import EmptyInput
from newsdesk.extract import credits, dates, patterns
from newsdesk.extract.language import detect_language
from newsdesk.extract.lists import classify_heading, parse_items
from newsdesk.extract.textdump import read_dump

ROOT = paths.REPO
EXAMPLES = ROOT / "examples"
SEEDS = paths.SEEDS
SEED_FIELDS = (
    "site",
    "title",
    "author",
    "original",
    "body",
    "captions",
    "statement",
    "disclaimers",
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "seed_name" in metafunc.fixturenames:
        names = sorted(p.stem for p in SEEDS.glob("*.txt")) or ["no-seeds"]
        metafunc.parametrize("seed_name", names)
    if "example_name" in metafunc.fixturenames:
        names = sorted(
            p.name.removesuffix(".expected.json") for p in EXAMPLES.glob("*.expected.json")
        )
        metafunc.parametrize("example_name", names)


def read(path: Path) -> Article:
    return read_dump(path.read_text(encoding="utf-8"), id="test", origin=path.name)


def wall(value: str | datetime | None) -> str | None:
    """An ISO time as the wall clock the page shows, whatever its offset."""
    if value is None:
        return None
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return when.replace(tzinfo=None).isoformat()


def lists_of(article: Article) -> list[dict[str, Any]]:
    """The article's lists in the gold's form: no None keys, times as wall times."""
    out = []
    for block in article.lists:
        items = []
        for item in block.items:
            d = item.to_dict()
            if "time" in d:
                d["time"] = wall(d["time"])
            items.append(d)
        out.append({"kind": block.kind, "heading": block.heading, "items": items})
    return out


def gold_lists(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "kind": b["kind"],
            "heading": b["heading"],
            "items": [
                {k: (wall(v) if k == "time" else v) for k, v in i.items() if v is not None}
                for i in b["items"]
            ],
        }
        for b in blocks
    ]


@pytest.fixture
def seed(seeds_dir: Path, seed_name: str) -> tuple[Article, dict[str, Any]]:
    path = seeds_dir / f"{seed_name}.txt"
    if not path.exists():
        pytest.skip("no seed pages")
    gold = json.loads((seeds_dir / f"{seed_name}.gold.json").read_text(encoding="utf-8"))
    return read(path), gold


# --- the seeds, field by field -----------------------------------------------------------------


@pytest.mark.parametrize("field", SEED_FIELDS)
def test_seed_field(seed: tuple[Article, dict[str, Any]], field: str) -> None:
    article, gold = seed
    assert getattr(article, field) == gold.get(field)


def test_seed_published(seed: tuple[Article, dict[str, Any]]) -> None:
    article, gold = seed
    assert wall(article.published) == gold["published"]
    if article.published is not None:
        assert article.published_source == "text"
        assert article.timezone_assumed is True
        assert 0 < (article.published_confidence or 0) <= 1


def test_seed_page_time(seed: tuple[Article, dict[str, Any]]) -> None:
    article, gold = seed
    assert wall(article.page_time) == gold.get("page_time")


def test_seed_author_card(seed: tuple[Article, dict[str, Any]]) -> None:
    article, gold = seed
    card = article.author_card.to_dict() if article.author_card else None
    assert card == gold.get("author_card")


def test_seed_lists(seed: tuple[Article, dict[str, Any]]) -> None:
    article, gold = seed
    assert [(b.kind, b.heading) for b in article.lists] == [
        (b["kind"], b["heading"]) for b in gold["lists"]
    ]
    assert lists_of(article) == gold_lists(gold["lists"])


def test_seed_metadata_of_the_reader(seed: tuple[Article, dict[str, Any]]) -> None:
    article, _ = seed
    assert article.extractor == "text"
    assert article.language == "zh"


# --- the example pages ---------------------------------------------------------------------------


def test_example(example_name: str) -> None:
    expected = json.loads((EXAMPLES / f"{example_name}.expected.json").read_text("utf-8"))
    article = read(EXAMPLES / f"{example_name}.txt")
    got = article.to_dict()
    for field, want in expected.items():
        if field in ("published", "page_time"):
            assert wall(got[field]) == want, field
        elif field == "lists":
            assert lists_of(article) == gold_lists(want)
        else:
            assert got[field] == want, field


def test_there_are_enough_examples() -> None:
    assert len(list(EXAMPLES.glob("*.expected.json"))) >= 8


# --- targeted -------------------------------------------------------------------------------------

PARAGRAPHS = (
    "市交通部门今天发布消息，新开通的三条公交线路将连接城东的三个大型居住区和地铁站，"
    "早晚高峰发车间隔缩短到五分钟，预计每天可服务乘客两万人次。\n\n"
    "据介绍，新线路采用纯电动车辆，车内配备了无障碍设施，并支持多种移动支付方式乘车。"
    "市民可以通过官方应用查询车辆的实时位置。\n"
)


def test_a_list_items_time_is_never_the_published_time() -> None:
    text = (
        "新开三条公交线路 连接城东居住区\n\n"
        + PARAGRAPHS
        + "\n相关推荐\n地铁五号线南延段开始试运行\n城南客运站\n2025-06-01 08:00:00\n"
        + "共享单车停放新规实施\n城市晚报\n2025-05-30 18:30:00\n"
    )
    article = read_dump(text, id="t", origin="t")
    assert article.published is None
    assert article.lists[0].kind == "related"
    assert [wall(i.time) for i in article.lists[0].items] == [
        "2025-06-01T08:00:00",
        "2025-05-30T18:30:00",
    ]


def test_no_time_on_the_page_gives_no_published_time() -> None:
    article = read_dump("新开三条公交线路 连接城东居住区\n\n" + PARAGRAPHS, id="t", origin="t")
    assert article.title == "新开三条公交线路 连接城东居住区"
    assert len(article.body) == 2
    assert article.published is None
    assert article.published_confidence is None
    assert article.page_time is None


def test_a_time_under_the_title_is_published_with_an_assumed_zone() -> None:
    text = "新开三条公交线路 连接城东居住区\n城市晚报\n2025-06-04 09:30\n\n" + PARAGRAPHS
    article = read_dump(text, id="t", origin="t")
    assert wall(article.published) == "2025-06-04T09:30:00"
    assert article.timezone_assumed is True
    assert article.published_source == "text"
    assert article.source == "城市晚报"


def test_a_statement_claiming_originality_is_not_the_badge() -> None:
    text = "新开三条公交线路 连接城东居住区\n\n" + PARAGRAPHS + "\n声明:个人原创,仅供参考\n"
    article = read_dump(text, id="t", origin="t")
    assert article.statement == "声明:个人原创,仅供参考"
    assert article.original is False


def test_the_badge_before_the_title_sets_original() -> None:
    article = read_dump("原创 新开三条公交线路 连接城东居住区\n\n" + PARAGRAPHS, id="t", origin="t")
    assert article.title == "新开三条公交线路 连接城东居住区"
    assert article.original is True


def test_a_time_beside_the_author_card_is_page_time() -> None:
    text = (
        "新开三条公交线路 连接城东居住区\n\n"
        + PARAGRAPHS
        + "\n2025-06-05 10:00:00\n出行观察\n关注城市交通\n120文章数 3400关注度\n"
    )
    article = read_dump(text, id="t", origin="t")
    assert article.published is None
    assert wall(article.page_time) == "2025-06-05T10:00:00"
    assert article.author_card is not None
    assert (article.author_card.name, article.author_card.articles) == ("出行观察", 120)
    assert article.author == "出行观察"


def test_an_empty_dump_is_rejected_with_a_reason() -> None:
    with pytest.raises(EmptyInput):
        read_dump(" \n\n\t\n", id="t", origin="t")


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("相关推荐", "related"),
        ("相关阅读：", "related"),
        ("Related", "related"),
        ("热点推荐", "hot"),
        ("热门资讯", "hot"),
        ("Most read", "hot"),
        ("Trending", "hot"),
        ("军事要闻", "channel"),
        ("本地新闻", "channel"),
        ("网友评论", "comments"),
        ("Comments", "comments"),
        ("态度原创", None),
        ("普京到现在终于明白，怪不得俄军苦战三年多", None),
    ],
)
def test_classify_heading(heading: str, kind: str | None) -> None:
    assert classify_heading(heading) == kind


def test_parse_items_splits_teaser_and_snippet_on_one_line() -> None:
    items = parse_items(["某公司申请一项专利,提... 国家知识产权局信息显示,某公司申请一项..."])
    assert items[0].title == "某公司申请一项专利,提..."
    assert items[0].snippet == "国家知识产权局信息显示,某公司申请一项..."


def test_parse_items_title_twice_then_source_then_time() -> None:
    items = parse_items(["标题甲乙丙丁", "", "标题甲乙丙丁", "", "某报", "2025-06-01 08:00:00"])
    assert len(items) == 1
    assert (items[0].title, items[0].source, wall(items[0].time)) == (
        "标题甲乙丙丁",
        "某报",
        "2025-06-01T08:00:00",
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("市交通部门今天发布消息，新开通的三条公交线路将连接城东。", "zh"),
        ("赤字が続く地方鉄道の路線を維持するため、協定を結んだ。", "ja"),
        ("서울시는 오늘 새로운 버스 노선을 발표했다.", "ko"),
        ("The city opened its first wind farm on Tuesday, officials said.", "en"),
        ("", "und"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_year_less_and_relative_item_times_resolve_against_the_fetch_time() -> None:
    text = (
        "新开三条公交线路 连接城东居住区\n\n"
        + PARAGRAPHS
        + "\n热门资讯\n地铁五号线南延段开始试运行 06-01 08:00\n共享单车停放新规实施\n3小时前\n"
    )
    fetched = datetime.fromisoformat("2025-06-05T12:00:00+08:00")
    article = read_dump(text, id="t", origin="t", fetched=fetched)
    assert article.published is None
    items = article.lists[0].items
    assert [(i.title, wall(i.time)) for i in items] == [
        ("地铁五号线南延段开始试运行", "2025-06-01T08:00:00"),
        ("共享单车停放新规实施", "2025-06-05T09:00:00"),
    ]


def test_a_score_is_not_a_time() -> None:
    items = parse_items(["国足主场 3-1", "第二场比赛 2-2"])
    assert [(i.title, i.time) for i in items] == [("国足主场 3-1", None), ("第二场比赛 2-2", None)]


# --- the shared vocabulary both readers use ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("相關新聞", "related"),
        ("延伸閱讀", "related"),
        ("熱門文章", "hot"),
        ("Читайте также", "related"),
        ("Zobacz także:", "related"),
        ("Διαβάστε επίσης", "related"),
        ("Komentarze (12)", "comments"),
        ("Najczęściej czytane", "hot"),
    ],
)
def test_traditional_and_other_language_list_headings(text: str, kind: str) -> None:
    assert classify_heading(text) == kind


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("发布日期： 9/17/2004 5:54:13 AM", "2004-09-17T05:54:13"),
        ("Posted 17/9/2004", "2004-09-17T00:00:00"),
        ("04.01.2012 14:01", "2012-01-04T14:01:00"),
        ("28-12-2011", "2011-12-28T00:00:00"),
    ],
)
def test_year_last_dates(text: str, day: str) -> None:
    found = dates.find_times(text)
    assert found and wall(found[0].value) == day


def test_version_numbers_are_no_dates() -> None:
    assert dates.find_times("release v1.2.2004") == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("新华日报·交汇点记者 徐睿翔", "徐睿翔"),
        ("本报记者罗科苏盈发自北京", "罗科苏盈"),
        ("执笔人：张三", "张三"),
        ("第A04版：小记者训练营", None),
    ],
)
def test_reporter_credit_anywhere_in_a_line(line: str, names: str | None) -> None:
    assert credits.reporter_credit(line) == names


def test_closing_and_forum_credits() -> None:
    assert credits.closing_credit("……事情经过已经查清。（袁源）") == "袁源"
    assert credits.closing_credit("……事情经过已经查清。（完）") is None
    assert credits.posted_by("本贴由大卫于2005年8月12日16:12:21在〖版面〗发表.") == "大卫"
    assert credits.posted_by("由海姑娘张贴 @ 2005-03-21 01:20:44") == "海姑娘"
    assert credits.posted_by("发布时间 2005/03/15 22:36:13 by duscha 〓") == "duscha"


def test_notices_in_other_wordings() -> None:
    assert patterns.is_disclaimer("凡本网注明来源的作品，转载并不代表本网赞同其观点。")
    assert patterns.is_footer("Wszelkie prawa zastrzeżone. " * 20)
    assert patterns.is_footer("Όλα τα δικαιώματα διατηρούνται © 2012")
    assert patterns.split_meta("作者： 周思博 (Joel Spolsky)")[0] == [
        ("author", "周思博 (Joel Spolsky)")
    ]


def test_hard_wrapped_prose_is_the_body() -> None:
    wrapped = (
        "人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但\n"
        "它反过来又抑制了燃烧。拨开灰烬，你会看到重新燃烧的人心，这是作者的\n"
        "一点体会。当今中国最流行的是什么主义？答案恐怕是犬儒主义，它的来龙\n"
        "去脉值得我们略略追溯一下，看看它从古希腊到今天经历了怎样的变化，又\n"
    )
    text = "犬儒病(上)\n\n胡平\n\n" + wrapped + "\n首页 | 新闻 | 论坛 | 博客\n"
    article = read_dump(text, id="t", origin="t")
    assert article.body and article.body[0].startswith("人心不会熄灭")
    assert len(article.body) == 4


def test_relative_times_in_months_years_and_out_of_range() -> None:
    ref = datetime.fromisoformat("2024-05-20T12:00:00+08:00")
    found = dates.parse_relative("10月前", ref)
    assert found is not None and found.value.date().isoformat() == "2023-07-25"
    assert dates.parse_relative("6500万年前", ref) is None
    assert dates.parse_relative("99999999999天前", ref) is None
