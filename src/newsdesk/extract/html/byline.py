"""Who wrote the article, who edited it, where it came from: from markup and bylines.

The author comes from JSON-LD or `<meta>` when the page states it (unless that names
an outlet and the page prints a person's byline), else from the byline near the
headline (`作者：X`, `记者 X`, `文/X`, `By X`) or the credit after the last paragraph
(`（记者 X）`).  `责任编辑` names the editor, never the author; `来源：` the source.
Labelled lines are read with the shared `newsdesk.extract.patterns`; what is left here
is what only markup has (meta tags) and the credits forum pages print.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from newsdesk.extract import patterns
from newsdesk.extract.html.meta import HeadMeta, jsonld_text

# Meta tags that name the author.
AUTHOR_METAS = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
)
# Meta author values that are a site's keywords, a domain or an account id.
_NOT_AUTHOR = re.compile(
    r"www\.|\.(?:com|cn|net|org)\b|[,，;；].*[,，;；]|_\d|^\w*\d{3,}\w*$|^\W+$"
)
# Forum and blog credits: 本贴由X于…, X 发表于…, …22:36:13 by X, …08:19 [ X ].
_POSTED_BY = re.compile(
    r"本[贴帖]由\s*(?P<a>\S{2,20}?)\s*于|"
    r"^\s*(?P<b>[\w&.-]{2,20})\s+(?:发表于|發表於|发布于|posted)\s*\d|"
    r"\d{1,2}:\d{2}(?::\d{2})?\s+by\s+(?P<c>[\w&.-]{2,20})|"
    r"\d{1,2}:\d{2}(?::\d{2})?\s*[\[【]\s*(?P<d>[\u4e00-\u9fff·]{2,8})\s*[\]】]",
    re.IGNORECASE,
)
# A Chinese personal name: two to four ideographs, or a transliteration with a dot;
# several separated by spaces or 、; a place before 报道 is no name.
_ZH_NAME = r"[\u4e00-\u9fff]{2,4}(?:[·•][\u4e00-\u9fff]{1,6})?"
_NOT_PLACE = r"(?![\u4e00-\u9fff]{2,6}(?:报道|報導|发自|電|电))"
_ZH_NAMES = rf"{_ZH_NAME}(?:[\s、,，]+{_NOT_PLACE}{_ZH_NAME}){{0,5}}"
# What may follow a name in a credit: the end, a bracket, a separator, another label.
_AFTER = (
    r"(?=\s*$|\s*[)）\]】|/｜]|\s+|\s*(?:报道|報導|发自|摄|攝|来源|來源|编辑|责编|时间|日期|发布|通讯员|"
    r"实习生|供图|图|文)|[，,。])"
)
# Credits the shared patterns do not read (to move there): a reporter named anywhere in
# a line (`新华日报·交汇点记者 徐睿翔`, `本报记者罗科苏盈发自北京`), `执笔人：`, and a
# bare name in brackets closing the article (`（袁源）`, `（常书香 马丹阳）`).
_REPORTER = re.compile(r"[记記]者\s*[:：]?\s*" + rf"(?P<name>{_ZH_NAMES})" + _AFTER)
_PEN = re.compile(r"(?:执笔人?|撰稿人?)\s*[:：]\s*" + rf"(?P<name>{_ZH_NAMES})" + _AFTER)
_CREDIT = re.compile(
    r"[(（]\s*(?:[\u4e00-\u9fff]{0,6}记者\s*)?"
    rf"(?P<name>{_ZH_NAMES})\s*(?:[\u4e00-\u9fff]{{2,4}}报道|发自[\u4e00-\u9fff]{{2,4}})?\s*[)）]\s*$"
)
# Where a labelled value stops being a name: a colon, a comma, a bracket, `出自`.
_VALUE_STOP = re.compile(r"[:：，,;；【\[]|出自|来自")
# Characters no name has.
_NOT_NAME_CHARS = re.compile(r"[=\"<>{}@#$%^*_+\\/\d]")
# Label words a "name" cannot contain (`章编辑` is 文章编辑 misread).
_LABEL_IN_NAME = re.compile(r"编辑|记者|作者|来源|摄影|报道|通讯员")
# A line (or what follows the headline on its line) that is nothing but names.
_BARE_NAMES = re.compile(
    r"[\u4e00-\u9fff]{2,3}(?:[·•][\u4e00-\u9fff]{1,6})?(?:[\s、,，]+[\u4e00-\u9fff]{2,3}){0,4}"
)
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff·•]+")
# Words that are never names, though they sit where a byline's name would.
_NOT_NAMES = frozenset(
    [
        "本报",
        "本网",
        "新华社",
        "记者",
        "编辑",
        "作者",
        "来源",
        "通讯员",
        "实习生",
        "摄影",
        "图片",
        "视频",
        "责任",
        "原创",
        "转载",
        "发布",
        "正文",
        "首页",
        "新闻",
        "国际",
        "国内",
        "财经",
        "体育",
        "娱乐",
        "科技",
        "评论",
        "专题",
        "热点",
        "推荐",
        "更多",
        "返回",
        "分享",
        "收藏",
        "打印",
        "关闭",
        "字号",
        "了解",
        "详情",
        "查看",
        "点击",
        "登录",
        "注册",
        "社会",
        "文化",
        "教育",
        "健康",
        "汽车",
        "房产",
        "军事",
        "admin",
        "administrator",
    ]
)
# Chinese surnames (common single ones, then double ones): a "name" found by position
# alone that starts with none of them is a word, not a name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈"
    "饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟"
    "邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储"
    "原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平"
    "计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战"
    "慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "張劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧譚陸錢賀顧龔萬嚴戴湯溫莊聶歐關蘭紀龐鄒熊羅"
)
DOUBLE_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
        "呼延",
        "澹台",
        "公冶",
        "太史",
        "申屠",
        "歐陽",
        "司馬",
        "諸葛",
    ]
)
# Words of outlets and organisations.
_ORG = re.compile(
    r"网|報|报|社|集团|公司|出版|媒体|频道|中心|电视台|电台|政府|委员会|News|Media|Press"
)
# A labelled value longer than this is a sentence, not a name.
NAME_MAX_CHARS = 40
# How much of a line a byline is looked for in (bylines are at a line's start), and how
# much of a paragraph's end a closing credit.
LINE_LOOKED = 200
TEXT_LOOKED = 80


def meta_author(head: HeadMeta) -> str | None:
    """The author the markup states, if it is a name and not a link or the site."""
    value = jsonld_text(head.jsonld.get("author")) if head.jsonld else None
    if not value:
        value = head.get(*AUTHOR_METAS)
    if not value or value.startswith(("http://", "https://", "/")) or "@" in value:
        return None
    value = re.sub(r"^(?:by|作者)\s*[:：]?\s*", "", value, flags=re.IGNORECASE).strip()
    site = head.get("og:site_name")
    if not value or (site and value.casefold() == site.casefold()) or _NOT_AUTHOR.search(value):
        return None
    return value


def is_org(name: str) -> bool:
    """A name that reads like an outlet or an organisation rather than a person."""
    return bool(_ORG.search(name)) or patterns.looks_like_outlet(name)


def author_in_lines(header: Iterable[str], tail: Iterable[str]) -> str | None:
    """A byline near the headline, else a credit after the last paragraph."""
    for text in header:
        name = _byline(text) or _credit(text[:TEXT_LOOKED], patterns.paren_byline)
        if name:
            return name
    for text in tail:
        name = _credit(text[-TEXT_LOOKED:], patterns.paren_byline) or _bare_credit(text)
        if name or (name := _byline(text)):
            return name
    return None


def _credit(text: str, reader: Callable[[str], str | None]) -> str | None:
    found = reader(text)
    return _names(found) if found and _plausible(found, strict=False) else None


def _bare_credit(text: str) -> str | None:
    """`（袁源）` closing the last paragraph: a name found by position, so surnamed."""
    m = _CREDIT.search(text[-TEXT_LOOKED:])
    if m is None:
        return None
    strict = "记者" not in m.group(0)
    name = m.group("name")
    return _names(name) if _plausible(name, strict=strict) else None


def _byline(text: str) -> str | None:
    """The author a byline or metadata line names, if it names one."""
    text = text[:LINE_LOOKED]
    if patterns.is_meta_line(text):
        for field, value in patterns.meta_fields(text):
            if field == "author":
                value = _clean_value(value)
                if value and _plausible(value, strict=False):
                    return _names(value)
    names = patterns.byline(text)
    if names:
        # `第A04版：小记者训练营`: a name straight after 记者, with no space or colon,
        # needs a surname to be one.
        strict = re.search(r"(?:记者|作者|文)[\s:：/|｜]+" + re.escape(names[:2]), text) is None
        if _plausible(names, strict=strict):
            return _names(names)
    for pattern in (_PEN, _REPORTER):
        m = pattern.search(text)
        if m:
            strict = pattern is _REPORTER and not m.group(0)[2:3].isspace()
            if _plausible(m.group("name"), strict=strict):
                return _names(m.group("name"))
    m = _POSTED_BY.search(text)
    if m:
        name = next(v for v in m.groups() if v)
        if _plausible(name, strict=False):
            return name
    return None


def _clean_value(value: str) -> str:
    """A labelled author value cut to the name (`赵婕 出自…` -> `赵婕`)."""
    m = _VALUE_STOP.search(value)
    value = (value[: m.start()] if m else value).strip()
    if len(value) > NAME_MAX_CHARS or _NOT_NAME_CHARS.search(value):
        return ""
    return value


def is_byline(text: str) -> bool:
    """A short line that credits a reporter (`記者 陳怡君 報導`, `本报记者 林晓舟`)."""
    return patterns.byline(text) is not None or _REPORTER.match(text.lstrip("□■●◆▲·• ")) is not None


def field_in_lines(field: str, lines: Iterable[str]) -> str | None:
    """The first `source`, `editor` or `original_title` a metadata line in `lines` gives."""
    for text in lines:
        if len(text) > LINE_LOOKED:
            text = text[-TEXT_LOOKED:]  # a long line credits at its end (【编辑:刘欢】)
        if ":" not in text and "：" not in text:
            continue  # every label of these fields is followed by a colon
        for name, value in patterns.meta_fields(text):
            if (
                name == field
                and value
                and (field == "original_title" or len(value) <= NAME_MAX_CHARS)
            ):
                return value
    return None


def editor_in_lines(lines: Iterable[str]) -> str | None:
    value = field_in_lines("editor", lines)
    return _names(value) if value and _plausible(value, strict=False) else None


def author_after_title(title: str | None, header: list[str]) -> str | None:
    """A name printed with the headline (`犬儒病(上) 胡平`) or alone on the line after it."""
    if not title or not header:
        return None
    for i, text in enumerate(header[:3]):
        if text.startswith(title) and len(text) > len(title):
            rest = text[len(title) :].strip()
        elif i > 0 and header[i - 1].startswith(title):
            rest = text.strip()
        else:
            continue
        if _BARE_NAMES.fullmatch(rest) and _plausible(rest):
            return _names(rest)
    return None


def person_as_source(source: str | None) -> str | None:
    """A `来源：` that names a person (来源: 尹娟) credits the author."""
    if source and _BARE_NAMES.fullmatch(source) and _plausible(source):
        return _names(source)
    return None


def _plausible(name: str, *, strict: bool = True) -> bool:
    """No label word; when `strict`, every CJK name starts with a surname (a name found
    by position alone needs that; one behind `作者：` or `记者 ` does not)."""
    parts = [p for p in re.split(r"[\s、,，]+", name.strip()) if p]
    if not parts or parts[0] in _NOT_NAMES or parts[0].isdigit() or patterns.is_address(parts[0]):
        return False
    if _LABEL_IN_NAME.search(name):
        return False
    return not strict or all(_surnamed(p) for p in parts if _CJK_ONLY.fullmatch(p))


def _surnamed(name: str) -> bool:
    if "·" in name or "•" in name:  # a transliterated foreign name
        return True
    return name[:2] in DOUBLE_SURNAMES or name[0] in SURNAMES


def _names(value: str) -> str:
    parts = [p for p in re.split(r"[\s、,，]+|\s+(?:and|und|et|y|и)\s+", value.strip()) if p]
    if all(re.fullmatch(r"[\u4e00-\u9fff·•]+", p) for p in parts):
        if len(parts) > 1 and all(len(p) == 1 for p in parts):
            return "".join(parts)  # a spaced-out name: 赵 培
        return " ".join(p for p in parts if p not in _NOT_NAMES)
    return " ".join(value.split())
