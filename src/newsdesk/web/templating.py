"""The Jinja2 environment the pages and feeds render with, and its filters.

Autoescape is on for every template (HTML and XML alike), and it is never switched
off: no template uses `|safe`.  Filters that build markup (`highlight`) escape the
text themselves and say so.  Paths are built here, percent-encoded, so a name with
`/`, `?` or `#` in it cannot change where a link goes.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from newsdesk.web import i18n
from newsdesk.web.security import highlight, safe_href

_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

CHANNEL_NAMES: dict[str, str] = {
    "politics": "时政",
    "world": "国际",
    "military": "军事",
    "society": "社会",
    "finance": "财经",
    "stocks": "股票",
    "realty": "房产",
    "autos": "汽车",
    "tech": "科技",
    "sports": "体育",
    "entertainment": "娱乐",
    "games": "游戏",
    "education": "教育",
    "travel": "旅游",
    "culture": "文化",
    "home": "家居",
    "fashion": "时尚",
    "agriculture": "农业",
}
LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "zh": ("中文", "Chinese"),
    "zh-Hans": ("简体中文", "Simplified Chinese"),
    "zh-Hant": ("繁体中文", "Traditional Chinese"),
    "en": ("英文", "English"),
    "ja": ("日文", "Japanese"),
    "ko": ("韩文", "Korean"),
    "ru": ("俄文", "Russian"),
    "fr": ("法文", "French"),
    "de": ("德文", "German"),
}


def lang_attr(value: str | None) -> str | None:
    """A `lang` attribute value from an article's language, None when it is not a tag."""
    if value and _LANG_TAG.match(value):
        return value
    return None


def channel_name(channel: str | None, lang: i18n.Lang) -> str:
    if not channel:
        return ""
    return CHANNEL_NAMES.get(channel, channel) if lang == "zh" else channel.capitalize()


def language_name(code: str | None, lang: i18n.Lang) -> str:
    if not code:
        return ""
    names = LANGUAGE_NAMES.get(code)
    return (names[0] if lang == "zh" else names[1]) if names else code


def path(kind: str, name: str | int | None) -> str:
    """The portal path of an article, story, entity, source or channel feed."""
    return f"/{kind}/{quote(str(name) if name is not None else '', safe='')}"


def with_query(base: str, **params: Any) -> str:
    """`base` with the non-empty `params` as its query string."""
    clean = {k: v for k, v in params.items() if v not in (None, "", False)}
    return base + ("?" + urlencode(clean) if clean else "")


def iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


# Private-use code points: a site's icon font draws them (a play button, a share
# glyph); any other font shows a box.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def shown(value: Any) -> Any:
    """Every value a template prints, as shown: private-use characters left out.

    Done here, where text is displayed, rather than when it is read: the store keeps
    the page's text as it was (its hash, the JSON API and a later re-extraction see
    the same words), and every page and feed prints through this one function.
    Removing characters from escaped markup cannot make markup, so `Markup` stays
    `Markup`.
    """
    if not isinstance(value, str) or value.isascii() or not _PRIVATE_USE.search(value):
        return value  # (`isascii` reads a flag: most printed values are markup and links)
    text = _PRIVATE_USE.sub("", value)
    return Markup(text) if isinstance(value, Markup) else text


@cache
def environment() -> Environment:
    folder = resources.files("newsdesk.web") / "templates"
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(["html", "xml"], default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        finalize=shown,
    )
    env.filters.update(
        highlight=highlight,
        href=safe_href,
        lang_attr=lang_attr,
        iso=iso,
    )
    env.globals.update(
        path=path,
        with_query=with_query,
        channel_name=channel_name,
        language_name=language_name,
        format_time=i18n.format_time,
        format_date=i18n.format_date,
    )
    return env


def compile_all() -> None:
    """Compile every template now: the first page of each kind otherwise pays for it."""
    env = environment()
    for name in env.list_templates():
        env.get_template(name)


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
