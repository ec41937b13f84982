"""Coverage charts drawn on the server: stacked bars in inline SVG, no script.

The page's policy forbids inline script and style, so the chart is markup alone:
geometry computed here, colours from the stylesheet's `c0`…`c6` classes, every text
escaped by the template.  The SVG has a title and each bar segment says what it
counts; the same numbers follow as a table for readers who cannot see the bars.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.store.queries import Coverage

WIDTH, HEIGHT = 640, 160  # the drawing's own units; it scales to the column's width
PLOT_TOP, PLOT_BOTTOM = 14, 136  # bars stand on PLOT_BOTTOM; labels go below
GAP = 0.15  # of a bar's slot, left empty between bars
MAX_BAR = 40  # a story of a few days still draws bars, not slabs
OTHER = 6  # the colour class of the sites counted together


@dataclass(frozen=True, slots=True)
class Bar:
    """One segment: a site's articles in one period."""

    x: float
    y: float
    width: float
    height: float
    colour: int
    label: str  # "site · period: n", its tooltip and accessible text
    site: str | None
    period: str
    count: int


@dataclass(frozen=True, slots=True)
class Chart:
    coverage: Coverage
    bars: list[Bar]
    peak: int
    ticks: list[tuple[float, str, str]]  # x, period and text-anchor of the labelled periods
    colours: list[int]  # of each series, in order

    @property
    def rows(self) -> list[tuple[str, list[int]]]:
        """The table: each period with its counts per series."""
        c = self.coverage
        return [(p, [s.counts[i] for s in c.series]) for i, p in enumerate(c.periods)]


def chart(coverage: Coverage, other: str) -> Chart | None:
    """The chart of `coverage` (None when there is nothing to draw); `other` names the
    sites counted together, in the reader's language."""
    periods = coverage.periods
    if not periods or not coverage.series:
        return None
    totals = [sum(s.counts[i] for s in coverage.series) for i in range(len(periods))]
    peak = max(totals) or 1
    slot = WIDTH / len(periods)
    scale = (PLOT_BOTTOM - PLOT_TOP) / peak
    width = min(slot * (1 - GAP), MAX_BAR)
    colours = [OTHER if s.site is None else k for k, s in enumerate(coverage.series)]
    bars: list[Bar] = []
    for i, period in enumerate(periods):
        base = float(PLOT_BOTTOM)
        for s, colour in zip(coverage.series, colours, strict=True):
            n = s.counts[i]
            if not n:
                continue
            height = n * scale
            base -= height
            site = s.site or other
            bars.append(
                Bar(
                    round(i * slot + (slot - width) / 2, 2),
                    round(base, 2),
                    round(width, 2),
                    round(height, 2),
                    colour,
                    f"{site} · {period}: {n}",
                    s.site,
                    period,
                    n,
                )
            )
    return Chart(coverage, bars, peak, _ticks(periods, slot), colours)


def _ticks(periods: list[str], slot: float) -> list[tuple[float, str, str]]:
    """The first, middle and last periods under their bars (the outer ones kept inside
    the drawing)."""
    last = len(periods) - 1
    picked = sorted({0, last // 2, last}) if last >= 2 else list(range(last + 1))
    anchor = {0: "start", last: "end"} if last else {0: "middle"}
    return [(round((i + 0.5) * slot, 2), periods[i], anchor.get(i, "middle")) for i in picked]
