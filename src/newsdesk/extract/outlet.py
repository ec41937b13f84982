"""The outlet an article is from (`site`), and whether a credited `source` is a name at all.

A story page names the outlets that carried a story, so an article needs its outlet
even when the page declares none.  Both readers settle it here, from the best evidence
the page gives:

1. the name the page declares (`og:site_name`, `application-name`), when it is a
   name; the site its breadcrumb names when that reads as an outlet;
2. else the site part of the page's `<title>` (`…_新闻中心_新华网`, `… | 中央社`),
   cut as `title` cuts headlines: the last part of a three-part title, or a part that
   reads as an outlet (`网`, `报`, `社`, `News`…), since a lone second part is as
   often a section or a column (`_商业频道`); a hyphen no headline cut takes
   (`…-中新网`) only before an outlet's name;
3. else the credited source, when the page marks itself as the outlet's own (原创);
4. else the URL's host: a well-known outlet's name, or its registrable domain
   (`news.xinhuanet.com` → 新华网, `blog.example.com.cn` → `example.com.cn`).

A name is short, carries no markup (`size="20"`), no address, no sentence punctuation,
is no navigation label (`您现在的位置：`, `首页`) and, unless it reads as an outlet,
is not the headline.  The same test cleans `source`: a label (`来源：`) and brackets
(`[ 人民网 ]`) come off, words that name no outlet (`转载文章`) go, and `本网`/`原创`
become the site's own name.

Registrable domains are cut with a short rule (two labels, three under a country's
generic second level: `com.cn`, `co.uk`) rather than the public suffix list: a
dependency for what a table of a dozen labels does here.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence

from newsdesk.article import Article
from newsdesk.extract import credits, measure
from newsdesk.extract.html.title import split_parts, strip_site
from newsdesk.text.urls import split_url

# A longer value is a headline or a sentence, not an outlet's name (`measure.weight`).
NAME_MAX_WEIGHT = 12
# Words that make a value read as an outlet's name; `社` and `台` only at a word's end
# (`中央社 CNA`, not the `台` of `出台`), `报` not as in `报道`.
_OUTLET_WORD = re.compile(
    r"网|網|(?:报|報)(?!道|導|告|名)|(?:社|台)(?=$|\W|[A-Za-z])"
    r"|新闻|新聞|传媒|傳媒|媒体|媒體|百科|客户端|在线|在線"
    r"|\b(?:news|times|post|daily|press|radio|tv|herald|journal|tribune)\b|\.com\b",
    re.IGNORECASE,
)
# A label before the name: `来源：`, and a breadcrumb's `您现在的位置：`.
_LABEL = re.compile(
    r"^(?:来源|來源|稿源|出处|出處|导航|導航|source|via|[您你]?(?:现在|現在|当前|當前|所在)?的?位置)"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)
_EDGES = " \t\u3000[]【】〖〗()（）<>《》-_|｜丨>：:·•»"
# A note in brackets after the name: a place, `综合`, an empty pair.
_NOTE = re.compile(r"\s*[(（\[【][^()（）\[\]【】]*[)）\]】]$")
_HOME_TAIL = re.compile(r"(?:首页|首頁|主页|主頁)$")
_MARKUP = re.compile(r"[<>={}\"\\]|&\w+;")
_SENTENCE = re.compile(r"[。！？；，、]|[!?;,]\s*\S")
_NAVIGATION = re.compile(
    r"位置|当前|當前|^第\s*\d+\s*[页頁]|powered by|更多|\ufffd|^(?:home|index)$"
    r"|(?:频道|頻道|栏目|欄目|专题|專題|板块|版块)$",  # a section of a site, not the site
    re.IGNORECASE,
)
# The last part of a title after a hyphen or a dash with no spaces around it.
_DASH_TAIL = re.compile(r"(?:-|――|——|—)\s*([^-—―_|]{2,16})$")
# Words a source line holds that name no outlet.
_NO_OUTLET = frozenset(
    [
        "转载",
        "轉載",
        "转载文章",
        "轉載文章",
        "网络",
        "網絡",
        "網路",
        "互联网",
        "互聯網",
        "未知",
        "综合",
        "綜合",
        "网友",
        "網友",
        "投稿",
        "网友投稿",
        "佚名",
        "新闻",
        "新聞",
        "新闻中心",
        "新聞中心",
        "资讯",
        "資訊",
        "首页",
        "首頁",
        "admin",
        "null",
        "none",
        "unknown",
        "news",
    ]
)
# Words by which a page credits itself.
_OWN = frozenset(["原创", "原創", "本网", "本網", "本站", "本报", "本報", "本台", "本刊"])
# A country's generic second level, under which the registrable domain has three labels.
_SECOND_LEVEL = frozenset(
    ["com", "net", "org", "gov", "edu", "ac", "co", "or", "ne", "go", "mil", "int", "gob", "nic"]
)
# Well-known Chinese-language outlets by registrable domain (others keep the domain).
_HOSTS = {
    "xinhuanet.com": "新华网",
    "news.cn": "新华网",
    "people.com.cn": "人民网",
    "chinanews.com": "中国新闻网",
    "chinanews.com.cn": "中国新闻网",
    "cctv.com": "央视网",
    "cnr.cn": "央广网",
    "cri.cn": "国际在线",
    "china.com.cn": "中国网",
    "chinadaily.com.cn": "中国日报网",
    "gmw.cn": "光明网",
    "ce.cn": "中国经济网",
    "youth.cn": "中国青年网",
    "huanqiu.com": "环球网",
    "thepaper.cn": "澎湃新闻",
    "caixin.com": "财新网",
    "sina.com.cn": "新浪网",
    "sohu.com": "搜狐网",
    "163.com": "网易",
    "qq.com": "腾讯网",
    "ifeng.com": "凤凰网",
    "zaobao.com": "联合早报",
    "zaobao.com.sg": "联合早报",
    "cna.com.tw": "中央社",
    "udn.com": "联合新闻网",
    "ltn.com.tw": "自由时报",
    "rfi.fr": "法国国际广播电台",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "dw.com": "德国之声",
    "voachinese.com": "美国之音",
}


def settle(
    article: Article,
    *,
    declared: str | None = None,
    titles: Sequence[str | None] = (),
    crumb: str | None = None,
) -> None:
    """Set `article.site` from the evidence above, and clean `article.source` the same way.

    `crumb` is the site a breadcrumb names: as often a section (`科技时代 > 正文`), so
    taken only when it reads as an outlet.
    """
    source = source_name(article.source, headline=article.title)
    site = as_name(declared, headline=article.title)
    for title in filter(None, titles) if site is None else ():
        site = _title_site(title, declared, article.title)
        if site:
            break
    if site is None and (named := as_name(crumb, headline=article.title)):
        site = named if _OUTLET_WORD.search(named) else None
    if site is None and article.original and source and source not in _OWN:
        site = source
    site = site or host_name(article.url or article.canonical_url)
    article.site = site
    article.source = (site if source in _OWN else source) if source else None


def as_name(value: str | None, *, headline: str | None = None) -> str | None:
    """`value` as an outlet's name, normalised, or None when it cannot be one."""
    if not value:
        return None
    name = _normalise(value)
    if not name or name.casefold() in _NO_OUTLET or name.isdigit():
        return None
    if _MARKUP.search(name) or _SENTENCE.search(name) or _NAVIGATION.search(name):
        return None
    if credits.is_address(name) or "http" in name.casefold() or "www." in name.casefold():
        return None
    if measure.weight(name) > NAME_MAX_WEIGHT:
        return None
    if headline and _key(name) == _key(headline) and not _OUTLET_WORD.search(name):
        return None  # the headline, taken for the site's name
    return name


def source_name(value: str | None, *, headline: str | None = None) -> str | None:
    """A credited source, normalised; `本网`/`原创` kept as they are (the site's own)."""
    if value and _normalise(value) in _OWN:
        return _normalise(value)
    return as_name(value, headline=headline)


def host_name(url: str | None) -> str | None:
    """The outlet a URL's host names: a well-known outlet's name, else its registrable domain."""
    parts = split_url(url) if url else None
    host = (parts.hostname or "") if parts and parts.scheme in ("http", "https", "") else ""
    domain = registrable_domain(host)
    return _HOSTS.get(domain, domain) if domain else None


def registrable_domain(host: str) -> str | None:
    """`news.xinhuanet.com` → `xinhuanet.com`, `www.chinadaily.com.cn` → `chinadaily.com.cn`."""
    host = host.strip().rstrip(".").casefold()
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    generic = len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL
    return ".".join(labels[-3:] if generic else labels[-2:])


def _title_site(title: str, declared: str | None, headline: str | None) -> str | None:
    """The site part of a `<title>`: the last part, the first, then the middle ones."""
    parts = split_parts(title)
    heads = {_key(strip_site(title, declared)), _key(headline or "")}
    if len(parts) > 1:
        ordered = [parts[-1], parts[0], *reversed(parts[1:-1])]
        for i, part in enumerate(p for p in ordered if _key(p) not in heads):
            name = as_name(part, headline=headline)
            outer = i == 0 and part == parts[-1] and len(parts) > 2  # `Headline_Section_Site`
            if name and (outer or _OUTLET_WORD.search(name)):
                return name
    tail = _DASH_TAIL.search(title)  # `Headline-中新网`: a hyphen no headline cut takes
    name = as_name(tail.group(1), headline=headline) if tail else None
    return name if name and _OUTLET_WORD.search(name) else None


def _normalise(value: str) -> str:
    name = _LABEL.sub("", " ".join(value.split())).strip(" []【】")
    name = _NOTE.sub("", name)  # `中国广播网(北京)`, `正北方网(综合)`
    return _HOME_TAIL.sub("", name.strip(_EDGES)).strip(_EDGES)


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()
