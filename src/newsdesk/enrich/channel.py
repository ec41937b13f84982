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

Two additions, both still linear and both plain arrays in the file:

* a word table: at training time every word (of the training rows and of jieba's
  dictionary) gets a vector from a multilingual sentence encoder, and the model reads the
  mean vector of a text's words beside its tf-idf vector.  That part is folded into one
  row of class scores per word, so run time only looks words up; it lets a word the
  labelled rows never showed (a new team, brand or game) still count for its channel.
* two experts and a gate: the labelled sets follow two labelling conventions (portal
  news titles: THUCNews, cnews; Toutiao-style headlines: TNEWS and its 20,000
  pseudo-labelled headlines), and one model fitted on both lost accuracy on each.  The
  model is fitted on the labelled rows only, a second expert on every row, and a
  logistic gate over the same features estimates how much a text is written like the
  headlines (clickbait wording, questions, …) and mixes the two experts' scores.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsdesk.article import Channel
from newsdesk.enrich.keywords import cut
from newsdesk.text.normal import normal_form

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


@dataclass
class Expert:
    """The second expert of a ChannelModel and the logistic gate that weighs it in.

    `coef`, `intercept` and `word_scores` are laid out as the model's own; `gate` (one
    weight per feature) and `gate_bias` give the probability that a text is written like
    the headlines this expert was fitted for.
    """

    coef: np.ndarray
    intercept: np.ndarray
    word_scores: np.ndarray | None
    gate: np.ndarray
    gate_bias: float


class ChannelModel:
    """A linear model over tf-idf features, reloaded from the arrays it was saved as.

    Optionally (`headline_expert`), a second linear model over the same features and a
    gate: the scores are the gate-weighted mix of the two (see `scores`).
    """

    def __init__(
        self,
        vocabulary: Iterable[str],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: Iterable[str],
        temperature: float = 1.0,
        words: Iterable[str] = (),
        word_scores: np.ndarray | None = None,
    ) -> None:
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.idf = idf.astype(np.float32)
        self.coef = coef.astype(np.float32)  # (n_features, n_classes)
        self.intercept = intercept.astype(np.float32)
        self.classes = tuple(classes)
        self.temperature = float(temperature)
        # The word-vector part (see the module docstring): class scores per word.
        self.words = {word: i for i, word in enumerate(words)}
        self.word_scores = (
            np.zeros((0, len(self.classes)), dtype=np.float32)
            if word_scores is None
            else word_scores.astype(np.float32)
        )
        self.headline_expert: Expert | None = None

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ChannelModel:
        with np.load(path, allow_pickle=False) as data:
            model = cls(
                [str(t) for t in data["vocabulary"]],
                data["idf"],
                data["coef"],
                data["intercept"],
                [str(c) for c in data["classes"]],
                float(data["temperature"]),
                [str(w) for w in data["words"]] if "words" in data else (),
                data.get("word_scores"),
            )
            if "h_coef" in data:
                model.headline_expert = Expert(
                    data["h_coef"].astype(np.float32),
                    data["h_intercept"].astype(np.float32),
                    data["h_word_scores"].astype(np.float32) if model.words else None,
                    data["h_gate"].astype(np.float32),
                    float(data["h_gate_bias"]),
                )
            return model

    def save(self, path: Path) -> None:
        vocabulary = np.array(sorted(self.index, key=self.index.__getitem__))
        arrays: dict[str, np.ndarray] = {
            "vocabulary": vocabulary,
            "idf": self.idf.astype(np.float16),
            "coef": self.coef.astype(np.float16),
            "intercept": self.intercept,
            "classes": np.array(self.classes),
            "temperature": np.array(self.temperature, dtype=np.float32),
            "words": np.array(sorted(self.words, key=self.words.__getitem__), dtype=str),
            "word_scores": self.word_scores.astype(np.float16),
        }
        if (h := self.headline_expert) is not None:
            arrays |= {
                "h_coef": h.coef.astype(np.float16),
                "h_intercept": h.intercept.astype(np.float32),
                "h_word_scores": (
                    h.word_scores if h.word_scores is not None else np.zeros((0, 0))
                ).astype(np.float16),
                "h_gate": h.gate.astype(np.float16),
                "h_gate_bias": np.array(h.gate_bias, dtype=np.float32),
            }
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    def vectorize(self, counts: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        """Indices and l2-normalised sublinear tf-idf values of the known features."""
        index = self.index
        idx: list[int] = []
        freq: list[int] = []
        for term, n in counts.items():
            j = index.get(term)
            if j is not None:
                idx.append(j)
                freq.append(n)
        if not idx:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        cols = np.array(idx, dtype=np.int64)
        vals = ((1.0 + np.log(np.array(freq, dtype=np.float32))) * self.idf[cols]).astype(
            np.float32
        )
        norm = float(np.linalg.norm(vals))
        return cols, vals / norm if norm else vals

    def word_rows(self, counts: Counter[str]) -> list[int]:
        """Rows of the word table for the words (`w:` features) of `counts`, repeated."""
        rows: list[int] = []
        for term, n in counts.items():
            if term.startswith("w:") and (i := self.words.get(term[2:])) is not None:
                rows.extend([i] * n)
        return rows

    def scores(self, counts: Counter[str]) -> np.ndarray:
        """Class scores: tf-idf · coef + intercept + the mean word-table row of the words;
        with a headline expert, the gate's mix (1 - g)·own + g·expert's."""
        cols, vals = self.vectorize(counts)
        rows = self.word_rows(counts) if self.words else []
        raw = vals @ self.coef[cols] + self.intercept
        if rows:
            raw = raw + self.word_scores[rows].mean(axis=0)
        h = self.headline_expert
        if h is None:
            return raw
        other = vals @ h.coef[cols] + h.intercept
        if rows and h.word_scores is not None:
            other = other + h.word_scores[rows].mean(axis=0)
        g = 1.0 / (1.0 + math.exp(-float(vals @ h.gate[cols] + h.gate_bias)))
        return (1.0 - g) * raw + g * other

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


def enrich(title: str | None, text: str | None = None) -> Channel | None:
    """The article's channel and the model's probability for it."""
    if not (title or text):
        return None
    channel, probability = classify(title or "", text)
    return Channel(channel, round(probability, 3))
