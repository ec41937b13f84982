"""The channel of an article in one taxonomy that covers the portals' channels.

Portals file news under channels (时政, 国际, 军事, 财经, 体育, …) with different
names and cuts; newsdesk keeps one taxonomy (`CHANNELS`, English ids) and maps every
portal's label into it.  Two readers fill it:

* `channel_from_heading`: a headline listed under `军事要闻` is a military headline:
  the page's own label, when there is one, beats any model;
* `classify`: a linear model over character n-grams and jieba words of the title (and
  the start of the body), trained by `scripts/train_channel.py` on the shared sets.

Why a linear model stored as arrays: it is exact to reload (no pickled sklearn object,
so no version lock), loads in a fraction of a second, and scores a title in well under
a millisecond.  The file holds the vocabulary, the idf weights and the coefficients.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from functools import cache
from pathlib import Path

import numpy as np

from newsdesk.enrich.keywords import cut
from newsdesk.enrich.normalize import normal_form

CHANNELS: tuple[str, ...] = (
    "politics",
    "world",
    "military",
    "society",
    "finance",
    "stocks",
    "realty",
    "autos",
    "tech",
    "sports",
    "entertainment",
    "games",
    "education",
    "travel",
    "culture",
    "home",
    "fashion",
    "agriculture",
)

MODEL_PATH = Path(__file__).with_name("models") / "channel.npz"

# Only the start of a body is read: the topic is set in the first paragraphs, and
# reading a 3,000-character article whole would cost more than all other steps.
BODY_CHARS = 600
# Character n-grams of the title catch names jieba splits; longer ones add little.
CHAR_NGRAMS = (1, 2, 3)

# Heading words → channel, first match wins (so `国际财经` is finance, `军事要闻` military).
_HEADING_WORDS: tuple[tuple[str, str], ...] = (
    ("军事|国防|军情|military|defen[cs]e", "military"),
    ("股票|股市|证券|a股|港股|美股|stocks?|markets", "stocks"),
    ("财经|经济|金融|理财|基金|商业|产经|business|financ|econom|money", "finance"),
    ("房产|楼市|地产|房地产|real ?estate|property|housing", "realty"),
    ("汽车|车市|新车|autos?|cars?\\b|motoring", "autos"),
    ("科技|数码|互联网|手机|\\bit\\b|tech|science|digital", "tech"),
    ("体育|足球|篮球|nba|cba|中超|奥运|sports?", "sports"),
    ("娱乐|明星|影视|电影|综艺|音乐|entertainment|showbiz|movies?|music", "entertainment"),
    ("游戏|电竞|手游|games?|gaming|esports", "games"),
    ("教育|高考|考研|留学|校园|education|schools?", "education"),
    ("旅游|旅行|出行|travel|tourism", "travel"),
    ("文化|艺术|读书|历史|收藏|书画|culture|arts?\\b|books|history", "culture"),
    ("家居|装修|家装|home|interiors?", "home"),
    ("时尚|女性|美容|美妆|服饰|fashion|style|beauty", "fashion"),
    ("农业|三农|农村|乡村|农民|agricultur|farming|rural", "agriculture"),
    ("国际|环球|世界|全球|海外|world|international|global", "world"),
    ("时政|政务|政治|国内|中国|政策|politics|national", "politics"),
    ("社会|民生|法治|society|local news", "society"),
)
_HEADING_PATTERNS = tuple((re.compile(p, re.IGNORECASE), c) for p, c in _HEADING_WORDS)


def channel_from_heading(heading: str | None) -> str | None:
    """The channel a page's list heading names (`军事要闻` → military), else None."""
    if not heading:
        return None
    text = normal_form(heading)
    for pattern, channel in _HEADING_PATTERNS:
        if pattern.search(text):
            return channel
    return None


def features(title: str, text: str | None = None) -> Counter[str]:
    """The feature counts of a title and the start of its body (one space for both)."""
    counts: Counter[str] = Counter()
    head = normal_form(title or "")
    compact = re.sub(r"\s+", " ", head).strip()
    for n in CHAR_NGRAMS:
        counts.update(compact[i : i + n] for i in range(len(compact) - n + 1))
    counts.update("w:" + w for w in cut(head) if w.strip())
    if text:
        body = normal_form(text[:BODY_CHARS])
        counts.update("w:" + w for w in cut(body) if w.strip())
        flat = re.sub(r"\s+", "", body)
        counts.update("b:" + flat[i : i + 2] for i in range(len(flat) - 1))
    counts.pop(" ", None)
    return counts


class ChannelModel:
    """A linear model over tf-idf features, reloaded from the arrays it was saved as."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: Iterable[str],
        temperature: float = 1.0,
    ) -> None:
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.idf = idf.astype(np.float32)
        self.coef = coef.astype(np.float32)  # (n_features, n_classes)
        self.intercept = intercept.astype(np.float32)
        self.classes = tuple(classes)
        self.temperature = float(temperature)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ChannelModel:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                [str(t) for t in data["vocabulary"]],
                data["idf"],
                data["coef"],
                data["intercept"],
                [str(c) for c in data["classes"]],
                float(data["temperature"]),
            )

    def save(self, path: Path) -> None:
        vocabulary = np.array(sorted(self.index, key=self.index.__getitem__))
        np.savez_compressed(
            path,
            vocabulary=vocabulary,
            idf=self.idf.astype(np.float16),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept,
            classes=np.array(self.classes),
            temperature=np.float32(self.temperature),
        )

    def vectorize(self, counts: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        """Indices and l2-normalised sublinear tf-idf values of the known features."""
        idx = [self.index[t] for t in counts if t in self.index]
        if not idx:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        tf = np.array([1.0 + math.log(counts[t]) for t in counts if t in self.index])
        cols = np.array(idx, dtype=np.int64)
        vals = (tf * self.idf[cols]).astype(np.float32)
        norm = float(np.linalg.norm(vals))
        return cols, vals / norm if norm else vals

    def scores(self, counts: Counter[str]) -> np.ndarray:
        cols, vals = self.vectorize(counts)
        return vals @ self.coef[cols] + self.intercept

    def predict(
        self, title: str, text: str | None = None, *, channels: Collection[str] | None = None
    ) -> tuple[str, float]:
        raw = self.scores(features(title, text))
        allowed = np.array([channels is None or c in channels for c in self.classes])
        raw = np.where(allowed, raw * self.temperature, -np.inf)
        probs = np.exp(raw - raw.max())
        probs /= probs.sum()
        best = int(probs.argmax())
        return self.classes[best], float(probs[best])


@cache
def _model() -> ChannelModel:
    return ChannelModel.load()


def classify(
    title: str, text: str | None = None, *, channels: Collection[str] | None = None
) -> tuple[str, float]:
    """The channel of an article and the model's probability for it.

    `channels` limits the answer to a set of ids (a portal whose channel list is
    known); by default every channel of the taxonomy may be the answer.
    """
    return _model().predict(title, text, channels=channels)


def model_size(path: Path = MODEL_PATH) -> int:
    """Bytes of the shipped model file (the budget is 20 MB)."""
    return path.stat().st_size if path.exists() else 0


def enrich(title: str | None, text: str | None = None) -> dict[str, dict[str, object]]:
    """The `channel` field for `article.extra`: the id and the model's probability."""
    if not (title or text):
        return {}
    channel, probability = classify(title or "", text)
    return {"channel": {"id": channel, "confidence": round(probability, 3)}}
