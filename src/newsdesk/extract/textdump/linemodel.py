"""The line model: which line of a dump is the headline, the author line and the
publish time line, learnt from rendered pages (`scripts/train_dump_lines.py`).

One small linear-chain CRF per field (python-crfsuite) tags the non-blank lines over
the rules' findings (`features`); each field's model was trained only on pages whose
gold says where that field is (or that the page has none), so no page teaches a field
it has no answer for.  The model's marginals decide only where it is sure: a line it
gives at least `SURE` wins over the rules' choice, and a rules' choice it gives less
than `DOUBT` is dropped when a better line is there; elsewhere the rules stand.
Without the model files (a source tree before training) the rules decide alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from newsdesk.extract.dates import find_times
from newsdesk.extract.textdump.bylines import line_names
from newsdesk.extract.textdump.features import line_features
from newsdesk.extract.textdump.meta import localize
from newsdesk.extract.textdump.model import CAPTION, CONF_DATE_ONLY, CONF_META, Reading, Span

FIELDS = ("title", "author", "time")
OTHER = "O"
# A line the model gives at least this is taken over the rules' choice.
SURE = 0.5
MODEL_DIR = "data"
# Where the training script points the reader at models it has just written.
MODEL_OVERRIDE: Path | None = None
# A time line's time is looked for in its first characters (a byline's tail, a label).
TIME_LOOK_CHARS = 120


def model_file(name: str) -> str:
    return f"lines-{name}.crfsuite"


def model_dir() -> Path:
    with resources.as_file(resources.files("newsdesk.extract.textdump").joinpath(MODEL_DIR)) as p:
        return Path(p)


@cache
def _tagger(name: str, folder: Path | None = None) -> pycrfsuite.Tagger | None:
    path = (folder or model_dir()) / model_file(name)
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@dataclass(slots=True)
class Guess:
    """The model's chances for each field, by line index."""

    lines: list[int] = field(default_factory=list)
    chances: dict[str, list[float]] = field(default_factory=dict)

    def best(self, name: str) -> tuple[int, float] | None:
        chances = self.chances.get(name)
        if not chances:
            return None
        k = max(range(len(chances)), key=chances.__getitem__)
        return self.lines[k], chances[k]

    def ranked(self, name: str) -> list[tuple[int, float]]:
        chances = self.chances.get(name) or []
        pairs = [(self.lines[k], p) for k, p in enumerate(chances) if p >= SURE]
        return sorted(pairs, key=lambda pair: -pair[1])

    def title_at(self, rules: int | None, span: Span = None) -> int | None:
        """The headline: the model's line where it is sure and it stands above the body."""
        best = self.best("title")
        if best is None or best[1] < SURE or (span is not None and best[0] >= span[0]):
            return rules
        return best[0]

    def apply_meta(self, r: Reading, span: Span) -> None:
        """The author and publish time from the lines the model is sure of.  A publish
        time stands above the body: a time below it is a list item's or a comment's."""
        for at, _ in self.ranked("author"):
            if r.lines[at].para or r.lines[at].kind == CAPTION:
                continue  # a paragraph's or a photo's credit is the body reader's to take
            names = line_names(r.lines[at].text)
            if names:
                r.fields["model_author"] = names
                break
        for at, _ in self.ranked("time"):
            if span is not None and at >= span[0]:
                continue
            line = r.lines[at]
            found = line.time or next(iter(find_times(line.text[:TIME_LOOK_CHARS])), None)
            if found is not None:
                confidence = CONF_META - (0 if found.has_time else CONF_DATE_ONLY)
                r.published = (localize(found, r.tz), confidence, not found.tz_stated)
                break


def guess(r: Reading, title_at: int | None, span: Span, folder: Path | None = None) -> Guess:
    taggers = {name: _tagger(name, folder or MODEL_OVERRIDE) for name in FIELDS}
    if not any(taggers.values()):
        return Guess()
    at, rows = line_features(r, title_at, span)
    out = Guess(at)
    for name, tagger in taggers.items():
        if tagger is None or not rows:
            continue
        tagger.set(pycrfsuite.ItemSequence(rows))
        tagger.tag()
        out.chances[name] = [tagger.marginal(name, k) for k in range(len(rows))]
    return out
