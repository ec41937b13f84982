"""The line model: which line of a dump is the headline, the author line and the
publish time line, learnt from rendered pages (`scripts/train_dump_lines.py`).

One small linear-chain CRF per field (python-crfsuite) tags the non-blank lines over
the rules' findings (`features`); each field's model was trained only on pages whose
gold says where that field is (or that the page has none), so no page teaches a field
it has no answer for.  The model's marginals decide only where it is sure enough: its best
headline wins when it leads the rules' headline by a margin, and an author or time line
is taken when the model gives it at least a threshold; elsewhere the rules stand.  The
margin and thresholds (`lines-thresholds.json`) are chosen by the training script by
cross-validation over the training sites, grouped by site.
Without the model files (a source tree before training) the rules decide alone.
"""

from __future__ import annotations

import json
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
# Where no thresholds file was trained: a line the model gives at least this is taken.
SURE = 0.5
THRESHOLDS_FILE = "lines-thresholds.json"
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


@cache
def thresholds(folder: Path | None = None) -> dict[str, float]:
    """Each field's threshold (the headline's: its margin over the rules' headline)."""
    path = (folder or model_dir()) / THRESHOLDS_FILE
    found = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    return {name: float(found.get(name, SURE)) for name in FIELDS}


@dataclass(slots=True)
class Guess:
    """The model's chances for each field, by line index."""

    lines: list[int] = field(default_factory=list)
    chances: dict[str, list[float]] = field(default_factory=dict)
    sure: dict[str, float] = field(default_factory=dict)

    def best(self, name: str) -> tuple[int, float] | None:
        chances = self.chances.get(name)
        if not chances:
            return None
        k = max(range(len(chances)), key=chances.__getitem__)
        return self.lines[k], chances[k]

    def ranked(self, name: str) -> list[tuple[int, float]]:
        chances = self.chances.get(name) or []
        floor = self.sure.get(name, SURE)
        pairs = [(self.lines[k], p) for k, p in enumerate(chances) if p >= floor]
        return sorted(pairs, key=lambda pair: -pair[1])

    def title_at(self, rules: int | None, span: Span = None) -> int | None:
        """The headline: the model's best line where it leads the rules' headline by the
        margin and stands above the body."""
        best = self.best("title")
        if best is None or (span is not None and best[0] >= span[0]):
            return rules
        chances = self.chances["title"]
        held = chances[self.lines.index(rules)] if rules in self.lines else 0.0
        return best[0] if best[1] - held >= self.sure.get("title", SURE) else rules

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
        held = self._held_time(r)
        for at, p in self.ranked("time"):
            if span is not None and at >= span[0]:
                continue
            if p - held < self.sure.get("time", SURE):
                break  # the rules' own time line is about as likely: theirs stands
            line = r.lines[at]
            found = line.time or next(iter(find_times(line.text[:TIME_LOOK_CHARS])), None)
            if found is not None:
                confidence = CONF_META - (0 if found.has_time else CONF_DATE_ONLY)
                r.published = (localize(found, r.tz), confidence, not found.tz_stated)
                break

    def _held_time(self, r: Reading) -> float:
        """The model's chance for the line the rules took the publish time from (0 when
        they took none)."""
        if r.published is None:
            return 0.0
        chances = self.chances.get("time") or []
        return max(
            (
                p
                for at, p in zip(self.lines, chances, strict=False)
                if (found := r.lines[at].time) is not None
                and localize(found, r.tz) == r.published[0]
            ),
            default=0.0,
        )


def guess(r: Reading, title_at: int | None, span: Span, folder: Path | None = None) -> Guess:
    folder = folder or MODEL_OVERRIDE
    taggers = {name: _tagger(name, folder) for name in FIELDS}
    if not any(taggers.values()):
        return Guess()
    at, rows = line_features(r, title_at, span)
    out = Guess(at, sure=thresholds(folder))
    if not rows:
        return out
    items = pycrfsuite.ItemSequence(rows)
    for name, tagger in taggers.items():
        if tagger is None:
            continue
        tagger.set(items)
        out.chances[name] = [tagger.marginal(name, k) for k in range(len(rows))]
    return out
