"""Where the text-dump reader finds the body on layouts other than a plain news page.

Constructed dumps for each class of layout (a short article above a heavier teaser
list, a blog's front page, a forum thread, an article with its comments, a page with
no paragraph at all, a box of headlines set inside an article, a row of links), then
real pages of the evaluation data rendered to dumps the way the benchmark renders
them, each with a floor on its body F1.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from fixtures import paths

from newsdesk.extract.textdump import read_dump

ROOT = paths.REPO
DATA = paths.DATA


def read(text: str) -> list[str]:
    return read_dump(text, id="t", origin="t.txt").body


def _teaser(n: int) -> str:
    return (
        f"第{n}条推荐新闻的标题写在这里\n"
        f"这是第{n}条推荐新闻的摘要，它比正文还长一些，讲的是另一件事情，和本文没有关系，"
        "只是为了吸引读者点开另一篇文章，所以写得很长很长，有好几个分句，读起来像正文。\n"
    )


SHORT_ARTICLE = (
    "首页 > 体育 > 正文\n"
    "市队在决赛中击败对手夺得冠军\n"
    "2024年5月20日 14:05 来源：本地日报\n"
    "分享\n"
    "市队昨晚在决赛中以三比一击败对手，时隔五年再次夺冠。\n"
    "主教练赛后表示，这座奖杯属于每一位球员。\n"
    "相关阅读\n" + "".join(_teaser(n) for n in range(1, 5)) + "版权所有 本地日报社\n"
)


def test_a_short_article_beats_the_heavier_teasers_under_it() -> None:
    body = read(SHORT_ARTICLE)
    assert body[0].startswith("市队昨晚在决赛中")
    assert not any("推荐新闻" in line for line in body)


def _post(title: str, when: str, text: str) -> str:
    return f"{title}\t{when}\n\n{text}\n\n[打印]\n\n由小海张贴 @ {when} (12) 共 3 篇评论\n"


BLOG_FRONT = (
    "小海的博客\n"
    "[查看我的博客目录] [加入个人书签]\n"
    + _post(
        "周末去海边",
        "2005-03-21 01:20:44",
        "周末和朋友去了海边，天气很好，我们走了很久，看了日落。",
    )
    + _post(
        "读书笔记",
        "2005-03-18 01:28:08",
        "这本书讲的是一个家族三代人的故事，" * 12 + "读完以后我想了很久。",
    )
    + "公司简介 - 联系我们 - 广告服务\n"
)


def test_a_blogs_front_page_gives_its_first_post() -> None:
    body = read(BLOG_FRONT)
    assert body == ["周末和朋友去了海边，天气很好，我们走了很久，看了日落。"]


THREAD = (
    "论坛首页 > 闲聊\n"
    "大家元旦都放几天假？\n"
    "楼主小鹿\n"
    "发布于 2020-12-30 19:24:15\n"
    "公司通知放三天，大家呢？\n"
    + "".join(
        f"网友{n}\n2020-12-31 1{n}:00:00\n我们放{n}天，{'挺好' if n % 2 else '不够'}的\n点赞\n"
        for n in range(1, 6)
    )
    + "© 2022 Powered by 某论坛\n"
)


def test_a_forum_thread_gives_every_post() -> None:
    body = read(THREAD)
    assert "公司通知放三天，大家呢？" in body
    assert "我们放5天，挺好的" in body


ARTICLE_WITH_COMMENTS = (
    "很高兴加入这个社区\n"
    "承蒙朋友邀请，很高兴来到这里写博客。作为一个老程序员，我会在这里分享一些技术心得，"
    "也希望和各位多多交流，互相学习，一起进步。\n"
    "以后每周至少写一篇，欢迎大家监督。\n"
    "发表于 2004年12月27日 12:40 - (阅读:3727;评论:4)\n"
    "评论\n"
    + "".join(
        f"# re: 很高兴加入这个社区 2004-12-27 13:0{n} 读者{n}\n"
        f"欢迎欢迎，你写的第{n}本书我读过，收获很大，期待你以后的文章，也期待新书早日出版。\n"
        for n in range(1, 6)
    )
)


def test_comments_under_an_article_are_not_its_body() -> None:
    body = read(ARTICLE_WITH_COMMENTS)
    assert body[0].startswith("承蒙朋友邀请")
    assert not any(line.startswith("欢迎欢迎") for line in body)


TABLE_OF_CONTENTS = (
    "首页 > 期刊 > 2022年第4期\n"
    "《某某学报》2022年第4期\n"
    "目录\n"
    "新发展阶段的区域协调发展\n"
    "张三\n"
    "基层治理现代化的路径研究\n"
    "李四;王五\n"
    "数字经济与就业结构\n"
    "赵六\n"
    "版权所有 某某学报编辑部\n"
)


def test_a_page_without_prose_still_gives_its_text() -> None:
    body = read(TABLE_OF_CONTENTS)
    assert "基层治理现代化的路径研究" in body
    assert not any("版权所有" in line for line in body)


def test_a_short_forum_post_under_its_time_line() -> None:
    dump = (
        "论坛 首页 登录\n"
        "资料分享\n"
        "小傅\n"
        "2020.03.11 10:51发布于资料区\n"
        "5400\n"
        "商标审查的资料\n"
        "审查标准.pdf 10.12MB\n"
        "收藏\n"
        "分享\n"
        "最新发布\n"
        "另一个帖子的标题\n"
    )
    body = read(dump)
    assert body == ["商标审查的资料", "审查标准.pdf 10.12MB"]


def test_an_article_goes_on_under_a_box_of_headlines_set_inside_it() -> None:
    dump = (
        "某县法院一审宣判一起偷逃通行费诈骗案\n"
        "2011年12月16日00:22  来源：某报\n"
        "本报讯 引起关注的一起诈骗案，15日在某县人民法院一审宣判，被告人被判有期徒刑两年。\n"
        "推荐阅读\n"
        "某公司总裁卸任\n"
        "库存超过五万亿\n"
        "发改委约谈涨价企业\n"
        "建筑业合同范本出炉\n"
        "在犯罪事实认定方面，法院审理查明，被告人购买了两辆货车，并伪造了车牌和证件，逃缴通行费。\n"
        "【免责声明】本文仅代表作者本人观点，与本网无关。\n"
    )
    body = read(dump)
    assert body[0].startswith("本报讯")
    assert body[-1].startswith("在犯罪事实认定方面")
    assert "发改委约谈涨价企业" not in body


def test_a_row_of_links_is_not_prose() -> None:
    dump = (
        "某地延续税收优惠政策助企纾困\n"
        "发布日期：2022-02-11 08:52\n"
        "财政厅传出消息：今年起，延续部分到期的税收优惠政策，预计为纳税人减负一百八十亿元。\n"
        "打印 关闭\n"
        "外交部 国防部 国家发展和改革委员会 教育部 科学技术部 工业和信息化部 "
        "国家民族事务委员会 公安部 民政部 司法部 财政部 人力资源和社会保障部 自然资源部\n"
        "网站声明 网站地图 联系我们\n"
    )
    body = read(dump)
    assert body == [
        "财政厅传出消息：今年起，延续部分到期的税收优惠政策，预计为纳税人减负一百八十亿元。"
    ]


# --- real pages, rendered to dumps --------------------------------------------------------------

# (folder, id, floor): each a layout the reader once got wrong; floors a little under
# what it reaches today.
PAGES = (
    ("cwced", "8f1cdd94-6326-49be-bfd0-f3681cc7e89d", 0.9),  # a blog's front page
    ("cwced", "d232c5df-4a6a-47f7-8c63-2dd47719ffe7", 0.9),  # a row of links below
    ("cwced", "a6e8b739-734a-4962-b1e3-b5ac29ecf4ab", 0.9),  # a forum's list below
    ("cwced", "54e89e4e-6d47-424f-b172-12b7e360c25c", 0.9),  # comments below
    ("magic_html", "article_b5b26f9fb331612d", 0.9),  # teasers below
    ("magic_html", "forum_b5bb37137a346f6d", 0.9),  # a page of reviews
    ("magic_html", "forum_064630183c160b4e", 0.85),  # a post without prose
    ("daniel", "20111209_tech.sina.com.cn_0fa41e8e44da0e347e00b35c8bca43b2ee", 0.8),
)


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@cache
def _tools() -> tuple[ModuleType, ModuleType]:
    bench = ROOT / "benchmarks"
    return _load("bench_scoring", bench / "scoring.py"), _load(
        "bench_render", bench / "render_text.py"
    )


@cache
def _gold(folder: str) -> dict[str, str]:
    rows = (DATA / folder / "gold.jsonl").read_text("utf-8").splitlines()
    return {row["id"]: row["body"] for row in map(json.loads, filter(None, rows))}


@pytest.mark.skipif(not DATA.is_dir(), reason="the shared evaluation data is absent")
@pytest.mark.parametrize(("folder", "page_id", "floor"), PAGES, ids=[p[1][:24] for p in PAGES])
def test_rendered_page_body_f1_stays_above_its_floor(
    folder: str, page_id: str, floor: float
) -> None:
    scoring, render = _tools()
    html = (DATA / folder / "html" / f"{page_id}.html").read_bytes().decode("utf-8", "replace")
    body = read_dump(render.render_text(html), id=page_id, origin=page_id).body
    assert scoring.body_score("\n".join(body), _gold(folder)[page_id]).f1 >= floor
