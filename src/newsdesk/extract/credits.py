"""Names and credit lines: who wrote, edited or is credited in a line (作者:, 文/, By, a
reporter's bracketed credit), whether a found name is one, and an outlet told from a
person.  Both readers (HTML and text dumps) parse credits here."""

from __future__ import annotations

import re

from newsdesk.extract.han_patterns import HanPattern
from newsdesk.extract.measure import over

# Names of outlets rather than of people or accounts: 新华网, 新京报, 中新社, Reuters.
_OUTLET = re.compile(
    r"(?:网|報|报|社|台|新闻|新聞|日报|晚报|早报|周刊|杂志|客户端|通信|News|Times|Post|Press|"
    r"Journal|Reuters|AFP|AP|Xinhua|Agency)$",
    re.IGNORECASE,
)
# Pieces of a metadata line that only say where the poster was (`发布于北京`, `IP属地:上海`).
_PLACE_NOTE = re.compile(r"^(?:发布于|发表于|来自|IP属地|IP\s*[:：]|ip属地)", re.IGNORECASE)


def looks_like_outlet(name: str) -> bool:
    """`新华网`, `新京报`, `Reuters`: a publication, credited as source rather than author."""
    return _OUTLET.search(name.strip()) is not None


def is_place_note(piece: str) -> bool:
    return _PLACE_NOTE.match(piece.strip()) is not None


# `本报记者 张三`, `新京报记者 彭冲 山东冠县报道`, `光明日报记者 王建宏 张文攀`: a reporter's
# credit on a line of its own, with the outlet before and `报道` or `摄` after.
_NAME = r"[\u4e00-\u9fff·]{2,5}"
_BYLINE = HanPattern(
    r"^[□■●◆▲·•\s【\[]*(?:\S{0,12}?(?:记者|記者|通讯员|通訊員|实习生|實習生)|作者|撰文|文)"
    r"\s*[:：/|｜╱／]?\s*"
    rf"(?P<names>{_NAME}(?:[\s、,，]+{_NAME}){{0,5}}?)"
    r"(?:\s*[╱／/]\s*\S{0,10}|\s+\S{0,10}(?:报道|報導|采写|摄影?)|\s*(?:报道|報導|摄影?))?"
    r"[\s】\]]*$"
)
# `（记者 张三 李四）` inside a paragraph, as wire copy credits its reporters.
_PAREN_BYLINE = HanPattern(
    r"[(（]\s*(?:\S{0,8}?[记記]者\s*[/／:：]?\s*(?P<names>[^()（）/／]{2,30}?)"
    rf"|(?P<reporter>{_NAME}(?:[\s、,，]+{_NAME}){{0,3}})\s+\S{{0,6}}(?:报道|報導))\s*[)）]"
)
# What follows 记者 in a sentence rather than in a credit (`记者从…获悉`, `记者近日了解到`).
_NOT_CREDIT = re.compile(r"^(?:从|在|对|近日|日前|今天|昨天)|获悉|表示|了解|看到|发现|注意到|采访")
_BYLINE_WORDS = ("记者", "記者", "文", "作者", "通讯员", "通訊員", "实习生", "實習生")
# A byline is a few names; a longer line is a sentence about a reporter.
BYLINE_MAX_WEIGHT = 30


def byline(line: str) -> str | None:
    """The names a reporter's credit line gives (`本报记者 张三` -> `张三`), or None."""
    text = line.strip()
    if over(text, BYLINE_MAX_WEIGHT) or not any(word in text for word in _BYLINE_WORDS):
        return None
    m = _BYLINE.match(text)
    if m is None or _NOT_CREDIT.search(m.group("names")):
        return None
    return m.group("names").strip()


def paren_byline(text: str) -> str | None:
    """The reporters named in a `（记者 张三 李四）` credit inside a paragraph."""
    m = _PAREN_BYLINE.search(text)
    if m is None:
        return None
    names = re.sub(r"\s*(?:报道|報導|摄影?|攝影?)$", "", m.group("names") or m.group("reporter"))
    names = names.strip()
    return names or None


_DOMAIN = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")


def is_address(piece: str) -> bool:
    """`BUSINESS.SOHU.COM`, `http://www.sina.net`: a web address, never a name."""
    return _DOMAIN.match(piece.strip()) is not None


# --- credits found anywhere in a line, and whether a found name is one -----------------------

# A Chinese personal name: two to four ideographs, or a transliteration with a dot;
# several separated by spaces or 、; a place before 报道 is no name.
_ZH_NAME = r"[\u4e00-\u9fff]{2,4}(?:[·•][\u4e00-\u9fff]{1,6})?"
_NOT_PLACE = r"(?![\u4e00-\u9fff]{2,6}(?:报道|報導|发自|發自|電|电))"
_ZH_NAMES = rf"{_ZH_NAME}(?:[\s、,，]+{_NOT_PLACE}{_ZH_NAME}){{0,5}}"
# What may follow a name in a credit: the end, a bracket, a separator, another label.
_AFTER = (
    r"(?=\s*$|\s*[)）\]】|/｜／]|\s+|\s*(?:报道|報導|发自|發自|摄|攝|来源|來源|编辑|編輯|责编|責編|"
    r"时间|時間|日期|发布|發佈|通讯员|通訊員|实习生|實習生|供图|图|圖|文)|[，,。])"
)
# A reporter named anywhere in a line (`新华日报·交汇点记者 徐睿翔`, `本报记者罗科苏盈发自北京`).
_REPORTER = HanPattern(r"[记記]者\s*[:：]?\s*" + rf"(?P<name>{_ZH_NAMES})" + _AFTER)
# The writer of a report or a commentary (`执笔人：张三`, `撰稿：李四`).
_PEN = HanPattern(r"(?:执笔人?|執筆人?|撰稿人?)\s*[:：]\s*" + rf"(?P<name>{_ZH_NAMES})" + _AFTER)
# A bare name in brackets closing the article (`（袁源）`, `（常书香 马丹阳）`, `（记者 X 北京报道）`).
_CLOSING = HanPattern(
    r"[(（]\s*(?:[\u4e00-\u9fff]{0,6}[记記]者\s*)?"
    rf"(?P<name>{_ZH_NAMES})\s*(?:[\u4e00-\u9fff]{{2,4}}(?:报道|報導)|[发發]自[\u4e00-\u9fff]{{2,4}})?"
    r"\s*[)）]\s*$"
)
# Forum and blog credits: 本贴由X于…, 由X张贴 @…, X 发表于…, …22:36:13 by X, …08:19 [ X ].
_POSTED_BY = re.compile(
    r"本[贴帖]由\s*(?P<a>\S{2,20}?)\s*于|"
    r"^\s*由\s*(?P<e>\S{2,20}?)\s*(?:张贴|張貼|发表|發表|发布|發佈)|"
    r"^\s*(?P<b>[\w&.-]{2,20})\s+(?:发表于|發表於|发布于|發佈於|posted)\s*\d|"
    r"\d{1,2}:\d{2}(?::\d{2})?\s+by\s+(?P<c>[\w&.-]{2,20})|"
    r"\d{1,2}:\d{2}(?::\d{2})?\s*[\[【]\s*(?P<d>[\u4e00-\u9fff·]{2,8})\s*[\]】]",
    re.IGNORECASE,
)
# A poster's credit holds 由, a clock time's colon, or one of these words.
_POSTED_WORDS = ("发表于", "發表於", "发布于", "發佈於", "posted")
# Label words a name cannot contain (`章编辑` is 文章编辑 misread).
_LABEL_IN_NAME = re.compile(r"编辑|編輯|记者|記者|作者|来源|來源|摄影|攝影|报道|報導|通讯员|通訊員")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff·•]+")
_NAME_SPLIT = re.compile(r"[\s、,，]+")
# A credit's names, alone: 2-3 ideographs each (a transliteration may have a dot).
_BARE_NAMES = HanPattern(
    r"[\u4e00-\u9fff]{2,3}(?:[·•][\u4e00-\u9fff]{1,6})?(?:[\s、,，]+[\u4e00-\u9fff]{2,3}){0,4}"
)
# Words that are never names, though they sit where a byline's name would.
_NOT_NAME_TEXT = (
    "本报 本网 新华社 记者 编辑 作者 来源 通讯员 实习生 摄影 图片 视频 责任 原创 转载 发布 正文 "
    "首页 新闻 国际 国内 财经 体育 娱乐 科技 评论 专题 热点 推荐 更多 返回 分享 收藏 打印 关闭 "
    "字号 了解 详情 查看 点击 登录 注册 社会 文化 教育 健康 汽车 房产 军事 前言 引言 摘要 正文 "
    "记者 本報 記者 編輯 來源 编者按 导语 導語 题记 題記 引子 序言 后记 後記 附录 附錄 "
    "admin administrator"
)
NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())
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
_DOUBLE_SURNAME_TEXT = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 "
    "西门 百里 呼延 澹台 公冶 太史 申屠 歐陽 司馬 諸葛"
)
DOUBLE_SURNAMES = frozenset(_DOUBLE_SURNAME_TEXT.split())
# Words of outlets and organisations, anywhere in a name.
_ORG_WORD = re.compile(
    r"网|網|報|报|社|集团|集團|公司|出版|媒体|媒體|频道|頻道|中心|电视台|電視台|电台|電台|政府|"
    r"委员会|委員會|News|Media|Press"
)


def reporter_credit(line: str) -> str | None:
    """The reporter or writer a line credits anywhere in it: `交汇点记者 徐睿翔`,
    `本报记者罗科苏盈发自北京`, `执笔人：张三`.  A name run on to `记者` with no space
    or colon needs a surname to be taken (`小记者训练营` is no credit)."""
    for pattern in (_PEN, _REPORTER):
        m = pattern.search(line)
        if m:
            strict = pattern is _REPORTER and not m.group(0)[2:3].isspace()
            if plausible_names(m.group("name"), strict=strict):
                return clean_names(m.group("name"))
    return None


def is_reporter_line(line: str) -> bool:
    """A line that opens with a reporter's credit (`記者 陳怡君 報導`, `本报记者 林晓舟`)."""
    return byline(line) is not None or _REPORTER.match(line.lstrip("□■●◆▲·• ")) is not None


def closing_credit(line: str, looked: int = 80) -> str | None:
    """`（袁源）`, `（记者 张三）` closing a paragraph: the names, if they are names.

    A bare name in brackets is found by position alone, so it must be surnamed."""
    m = _CLOSING.search(line[-looked:])
    if m is None:
        return None
    strict = "记者" not in m.group(0) and "記者" not in m.group(0)
    name = m.group("name")
    return clean_names(name) if plausible_names(name, strict=strict) else None


def posted_by(line: str) -> str | None:
    """The poster a forum or blog credit names (`本贴由大卫于…发表`, `… 22:36 by duscha`)."""
    if "由" not in line and ":" not in line:
        # (A cheap first look: a failed search of the credits costs a step per character.)
        low = line.lower()
        if not any(word in low for word in _POSTED_WORDS):
            return None
    m = _POSTED_BY.search(line)
    if m is None:
        return None
    name = next(v for v in m.groups() if v)
    return name if plausible_names(name, strict=False) else None


def bare_names(text: str, *, all_surnamed: bool = True) -> str | None:
    """`胡平`, `赵延东、风笑天`: a line that is nothing but surnamed personal names (or,
    where the position says "credit", names the first of which is surnamed)."""
    text = text.strip()
    if not _BARE_NAMES.fullmatch(text):
        return None
    if all_surnamed:
        ok = plausible_names(text)
    else:
        first = _NAME_SPLIT.split(text)[0]
        ok = plausible_names(text, strict=False) and is_surnamed(first)
    return clean_names(text) if ok else None


def plausible_names(value: str, *, strict: bool = True) -> bool:
    """Whether `value` can be a credit's names: no label word, no section word; when
    `strict`, every CJK name starts with a surname (a name found by position alone
    needs that; one behind `作者：` or `记者 ` does not)."""
    parts = [p for p in _NAME_SPLIT.split(value.strip()) if p]
    if not parts or parts[0] in NOT_NAME_WORDS or parts[0].isdigit() or is_address(parts[0]):
        return False
    if _LABEL_IN_NAME.search(value):
        return False
    return not strict or all(is_surnamed(p) for p in parts if _CJK_NAME.fullmatch(p))


def is_surnamed(name: str) -> bool:
    """A CJK name that starts with a surname (a transliteration with a dot always does)."""
    if "·" in name or "•" in name:
        return True
    return name[:2] in DOUBLE_SURNAMES or name[:1] in SURNAMES


def clean_names(value: str) -> str:
    """A credit's names, one space apart (`赵 培`, a name spaced out, is one name)."""
    parts = [p for p in re.split(r"[\s、,，]+|\s+(?:and|und|et|y|и)\s+", value.strip()) if p]
    if all(re.fullmatch(r"[\u4e00-\u9fff·•]+", p) for p in parts):
        if len(parts) > 1 and all(len(p) == 1 for p in parts):
            return "".join(parts)
        return " ".join(p for p in parts if p not in NOT_NAME_WORDS)
    return " ".join(value.split())


# --- the credits of an article's body, shared by the HTML and text-dump readers ----------------

# How much of a paragraph's end a closing credit is looked for in.
CREDIT_TAIL_CHARS = 80


def paren_credit(text: str) -> str | None:
    """The names of a `（记者 张三、李四）` credit in `text`, as written, if they can be names."""
    found = paren_byline(text)
    return found if found and plausible_names(found, strict=False) else None


def paragraph_credit(paragraph: str, looked: int | None = None) -> str | None:
    """The reporters a paragraph credits, in brackets (`新华社…电（记者 张三）`, anywhere
    in it or in its last `looked` characters) or closing it (`…（袁源）`)."""
    where = paragraph[-looked:] if looked else paragraph
    return paren_credit(where) or closing_credit(paragraph, looked or CREDIT_TAIL_CHARS)


def credit_line(line: str) -> str | None:
    """The reporters a credit line names: a byline (`本报记者 张三`, `文/李四`) or a
    reporter named anywhere in it (`新华日报·交汇点记者 徐睿翔`).  A name run on to its
    label with no space or colon (`第A04版：小记者训练营`) needs a surname to be one."""
    names = byline(line)
    if names:
        spaced = re.search(r"(?:记者|作者|文)[\s:：/|｜]+" + re.escape(names[:2]), line)
        if plausible_names(names, strict=spaced is None):
            return names
    return reporter_credit(line)


def body_credit(line: str, *, paragraph: bool) -> str | None:
    """The reporters a line at the top or bottom of the body credits: a paragraph in
    brackets (`（记者 张三）`), a short line as a whole (`本报记者 张三`)."""
    return paragraph_credit(line) if paragraph else credit_line(line)


def is_organisation(name: str) -> bool:
    """A name that reads like an outlet or an organisation rather than a person."""
    return bool(_ORG_WORD.search(name)) or looks_like_outlet(name)
