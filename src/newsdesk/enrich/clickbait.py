"""How sensational a headline is, in [0, 1], with the features that made it so.

The definition and the labelling guide are in `docs/clickbait.md`; each feature below
is one criterion of that guide, so the explanation a reader sees (`features`) uses the
guide's words.  The score is the logistic of a bias plus the weights of the features
that fired: transparent, and cheap enough to run on every list item of every page.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from newsdesk.article import HeadlineScore

# With nothing firing a headline scores about 0.1: most headlines are plain.
BIAS = -2.2


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    pattern: re.Pattern[str]
    weight: float


def _f(name: str, pattern: str, weight: float, flags: int = 0) -> Feature:
    return Feature(name, re.compile(pattern, flags), weight)


_HYPE = (
    "重磅|震惊|惊呆|吓坏|刚刚|炸裂|局势失控|失控|大结局|大逆转|逆转|大溃败|溃败|全军覆没|"
    "疯了|罕见|史上最|动真格|摊牌|翻车|打脸|细思极恐|泪目|暴击|一幕|惊人|崩溃|彻底|"
    "真相|终于明白|终于|绝了|火了|刷屏|狂|怒了|哭了|笑疯|太炸|坐不住|慌了|急了|变天|"
    "笑死|笑翻|怒撕|撕破脸|命啊|太[^，,。！!？?\\s]{1,3}(?:了|$)"
)
_TEASE = (
    "来了[?？!！]|是什么[?？]|原来|揭秘|竟然|居然|竟是|竟|没想到|怪不得|才知道|"
    "到底|究竟|怎么回事|看完|就懂|你知道吗|背后|后续来了|有多绝|什么是|"
    "你认识吗|你看懂|告诉你|怎么样了[?？]|什么变化|有多[夸张绝厉害牛猛狠]|殊不知"
)
_VAGUE = (
    r"这国|此国|某国|一国|这个国家|此人|这人|这位|这些人|这件事|这事|这\s*\d+\s*[个种句招]|"
    r"这[部艘种款只头]|这个地方|这里的|这样的|成这样|那个|^[她他]"
)
_NUMBER_BAIT = (
    r"(?:记住|这|牢记|盘点)\s*\d+\s*[个种句招件条大]|\d+\s*(?:句话|个属相|种人|招)|"
    r"\d+\s*张(?:图|很|照片)"
)

FEATURES: tuple[Feature, ...] = (
    # 1. stacked or shouted punctuation
    _f("stacked !/?", r"[!！?？][^!！?？]*[!！?？]", 1.6),
    _f("exclamation", r"[!！]", 0.9),
    _f("question", r"[?？]", 0.6),
    _f("emotive word + !", r"^[^,，:：!！]{2,6}[!！]", 1.0),
    # 2. alarm and hype words
    _f("hype word", _HYPE, 1.7),
    # 3. teasers
    _f("teaser", _TEASE, 1.5),
    _f("ellipsis tease", r"\.\.\.$|…$|……$", 0.5),
    # 4. vague referents
    _f("vague referent", _VAGUE, 1.6),
    # 5. number bait
    _f("number bait", _NUMBER_BAIT, 1.5),
    # 6. English
    _f("all caps", r"\b[A-Z]{3,}\b(?:[^a-z]*\b[A-Z]{3,}\b)", 1.0),
    _f(
        "english teaser",
        r"you won'?t believe|this is why|what happened next|here'?s why|"
        r"\b\d+\s+(?:things|reasons|ways|secrets)\b|will blow your mind|shocking",
        1.8,
        re.IGNORECASE,
    ),
)
# Plain headlines quote people; an exclamation inside quotes is theirs, not the editor's.
_QUOTED = re.compile(r"[“\"「『][^”\"」』]*[”\"」』]")


def explain(headline: str) -> list[str]:
    """The names of the features that fire on `headline`."""
    text = _QUOTED.sub("“”", headline.strip())
    fired = [f.name for f in FEATURES if f.pattern.search(text)]
    # `"all caps"` means shouting only in mostly lower-case text (not in acronyms).
    if "all caps" in fired and sum(c.islower() for c in text) < 5:
        fired.remove("all caps")
    return fired


def score(headline: str) -> float:
    """The sensationalism score of `headline` in [0, 1]."""
    weights = {f.name: f.weight for f in FEATURES}
    logit = BIAS + sum(weights[name] for name in explain(headline))
    return 1 / (1 + math.exp(-logit))


def enrich(headline: str | None) -> HeadlineScore | None:
    """The headline's score and the features that fired."""
    if not headline:
        return None
    return HeadlineScore(round(score(headline), 3), explain(headline))
