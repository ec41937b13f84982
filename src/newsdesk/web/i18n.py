"""The interface's words in Chinese (the default) and English, and the reader's choices.

Why a table and not gettext: two languages and about a hundred strings; one dict
keeps both side by side, so a missing translation is seen at a glance and tested.

The reader's choices — interface language, care mode (关怀版: large type, high
contrast, a simpler layout) and articles' own images — come from the query string
first (`?lang=en`, `?care=1`, `?images=1`), then from cookies, so a link can switch them and every later page keeps
them.  Only values from the fixed sets below are ever used or stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from starlette.requests import Request

from newsdesk.store.queries.records import date_only

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"
LANG_COOKIE, CARE_COOKIE, IMAGES_COOKIE = "lang", "care", "images"
COOKIE_SECONDS = 365 * 24 * 3600

MESSAGES: dict[str, tuple[str, str]] = {
    "site_name": ("新闻台", "newsdesk"),
    "tagline": ("干净、可搜索的新闻", "Clean, searchable news"),
    "skip": ("跳到正文", "Skip to content"),
    "home": ("首页", "Home"),
    "search": ("搜索", "Search"),
    "search_placeholder": ("搜索新闻、人物、地点…", "Search news, people, places…"),
    "care_on": ("关怀版", "Care mode"),
    "care_off": ("标准版", "Standard view"),
    "lang_switch": ("English", "中文"),
    "latest": ("最新", "Latest"),
    "hot": ("热点", "Hot"),
    "no_hot": ("暂无热点。", "Nothing is hot yet."),
    "headlines": ("频道要闻", "Channel headlines"),
    "source_headlines": ("各来源要闻", "Headlines by source"),
    "stories": ("专题", "Stories"),
    "no_stories": ("暂无专题。", "No stories yet."),
    "empty_store": ("还没有文章。先导入一些网页。", "No articles yet. Ingest some pages first."),
    "by": ("作者", "By"),
    "source": ("来源", "Source"),
    "site": ("网站", "Site"),
    "editor": ("责任编辑", "Editor"),
    "published": ("发布时间", "Published"),
    "updated": ("更新时间", "Updated"),
    "no_time": ("网页未显示发布时间", "no publish time shown"),
    "page_time": ("网页所示时间", "time shown on the page"),
    "original_badge": ("原创", "Original"),
    "original_title": ("原标题", "Original title"),
    "read_original": ("阅读原文", "Read the original page"),
    "no_original": ("没有原网页地址", "No address of the original page"),
    "statement": ("作者声明", "Author's statement"),
    "disclaimers": ("平台声明", "Platform notices"),
    "entities": ("文中提到", "Mentioned"),
    "story": ("所属专题", "Part of the story"),
    "related": ("相关文章", "Related articles"),
    "no_related": ("暂无相关文章。", "No related articles yet."),
    "reprints": ("转载", "Reprints"),
    "reprints_earliest": ("仅列出最早的 {n} 篇", "The earliest {n} are listed"),
    "reprint_of": ("本文转载自", "Reprinted from"),
    "reprint_mark": ("转载自", "reprint of"),
    "source_lists": ("原网页列出的内容", "What the source page listed"),
    "source_lists_note": (
        "以下是原网页在文章周围列出的内容，按原样保留，未经核实。",
        "The lists the original page showed around the article, kept as they were, unchecked.",
    ),
    "versions": ("版本", "versions"),
    "kind_related": ("相关", "related"),
    "kind_hot": ("热门", "hot"),
    "kind_channel": ("频道", "channel"),
    "kind_comments": ("评论", "comments"),
    "kind_nav": ("导航", "navigation"),
    "kind_more": ("更多", "more"),
    "kind_other": ("其他", "other"),
    "caption": ("图片说明", "Image caption"),
    "images_on": ("显示原网页图片", "Show the page's images"),
    "images_off": ("不显示图片", "Hide images"),
    "images_note": (
        "图片从原网站加载，原网站会知道有人在看。",
        "Images load from the original site, which learns that someone is reading.",
    ),
    "results_for": ("搜索结果：", "Results for "),
    "no_results": ("没有找到匹配的文章。", "No articles match."),
    "enter_query": ("输入关键词开始搜索。", "Type something to search for."),
    "filters": ("筛选", "Filters"),
    "date_from": ("起始日期", "From"),
    "date_to": ("截止日期", "To"),
    "any": ("不限", "Any"),
    "channel": ("频道", "Channel"),
    "language": ("语言", "Language"),
    "sort": ("排序", "Sort"),
    "sort_relevance": ("相关度", "Relevance"),
    "sort_time": ("时间", "Newest"),
    "apply": ("搜索", "Search"),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "page_n": ("第 {n} 页", "Page {n}"),
    "pagination": ("翻页", "Pagination"),
    "feed": ("订阅", "Feed"),
    "feed_search": ("订阅此搜索", "Subscribe to this search"),
    "entity": ("实体", "Entity"),
    "mentions_over_time": ("提及次数（按月）", "Mentions per month"),
    "mentions": ("提到它的文章", "Articles that mention it"),
    "no_mentions": ("没有文章提到它。", "No article mentions it."),
    "aliases": ("其他写法", "Also written"),
    "type_PER": ("人物", "Person"),
    "type_LOC": ("地点", "Place"),
    "type_ORG": ("机构", "Organisation"),
    "articles_n": ("{n} 篇文章", "{n} articles"),
    "sources_n": ("{n} 个来源", "{n} sources"),
    "outlets": ("报道来源", "Reported by"),
    "and_more": ("另有 {n} 家", "and {n} more"),
    "sources": ("来源", "Sources"),
    "not_found": ("找不到这个页面。", "This page does not exist."),
    "not_found_title": ("未找到", "Not found"),
    "api_docs": ("接口文档", "API docs"),
    "all_sources": ("全部来源", "All sources"),
    "month": ("月份", "Month"),
    "count": ("篇数", "Articles"),
    "story_span": ("时间跨度", "Time span"),
    "coverage": ("各来源报道量", "Coverage by outlet"),
    "coverage_chart": ("各来源每期文章数", "Articles per period by outlet"),
    "coverage_table": ("数据表", "The numbers"),
    "other_sites": ("其他来源", "Other outlets"),
    "period_day": ("日期", "Day"),
    "period_month": ("月份", "Month"),
    "period_year": ("年份", "Year"),
    "error_title": ("出错了", "Something went wrong"),
}


def message(key: str, lang: Lang, **values: object) -> str:
    zh, en = MESSAGES[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


@dataclass(frozen=True, slots=True)
class Prefs:
    """The reader's interface language and care mode, and whether to store them."""

    lang: Lang = DEFAULT_LANG
    care: bool = False
    set_lang: bool = False  # chosen by this request's query string: set the cookie
    set_care: bool = False
    # Articles' own images, loaded from their sites: off until the reader asks.
    images: bool = False
    set_images: bool = False

    def t(self, key: str, **values: object) -> str:
        return message(key, self.lang, **values)

    @property
    def html_lang(self) -> str:
        return "zh-CN" if self.lang == "zh" else "en"


def prefs(request: Request) -> Prefs:
    """The choices of this request: query string, then cookies, then the defaults."""
    q, cookies = request.query_params, request.cookies
    lang: Lang = DEFAULT_LANG
    set_lang = q.get("lang") in LANGS
    raw_lang = q.get("lang") if set_lang else cookies.get(LANG_COOKIE)
    if raw_lang == "en":
        lang = "en"
    care, set_care = _switch(request, "care", CARE_COOKIE)
    images, set_images = _switch(request, "images", IMAGES_COOKIE)
    return Prefs(lang, care, set_lang, set_care, images, set_images)


def _switch(request: Request, param: str, cookie: str) -> tuple[bool, bool]:
    """An on/off choice (`?param=1` or `0`, else its cookie; off by default), and
    whether this request made it."""
    given = request.query_params.get(param)
    chosen = given in ("0", "1")
    return (given if chosen else request.cookies.get(cookie)) == "1", chosen


def format_time(value: datetime | None, lang: Lang) -> str:
    """A time as readers of `lang` write it, in the article's own offset; a date
    without a clock time as the date alone (`queries.date_only`)."""
    if value is None:
        return ""
    if date_only(value):
        return format_date(value, lang)
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    return f"{value.day} {value:%b %Y %H:%M}"


def format_date(value: datetime | None, lang: Lang) -> str:
    if value is None:
        return ""
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {value:%b %Y}"
