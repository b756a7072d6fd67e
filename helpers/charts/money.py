"""The follow-the-money chart: theft and what reaches weapons (top), funds denied (bottom).

Every bar carries a whisker from its low to its high value: the model never gives a point
estimate alone, and neither does the chart.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.collections import LineCollection, PolyCollection

from helpers.charts.axes import TICK_STYLE, StampedXAxis, StampedYAxis, year_tick_labels
from helpers.charts.render import LayeredRenderer
from helpers.charts.style import (
    EMPTY_NOTE_STYLE,
    FOOTER_STYLE,
    OKABE_ITO,
    PANEL_STYLE,
    RC,
    TITLE_CHARS,
    TITLE_STYLE,
    centre_note,
    footer_text,
    join_words,
    new_figure,
    nice_top,
    wrap_words,
)
from helpers.models.money import MoneyResult, range_text

THEFT, REACHING, DENIED = "#BBBBBB", OKABE_ITO["orange"], OKABE_ITO["blue"]


def _bars(x: np.ndarray, heights: np.ndarray, width: float, shift: float = 0.0) -> list:
    return [
        np.array(
            [
                (xi + shift - width / 2, 0),
                (xi + shift + width / 2, 0),
                (xi + shift + width / 2, h),
                (xi + shift - width / 2, h),
            ]
        )
        for xi, h in zip(x, heights, strict=True)
    ]


def _whiskers(x: np.ndarray, low: np.ndarray, high: np.ndarray, shift: float = 0.0) -> list:
    return [[(xi + shift, lo), (xi + shift, hi)] for xi, lo, hi in zip(x, low, high, strict=True)]


class MoneyChart:
    def __init__(self, as_of: str):
        self.as_of = as_of
        with mpl.rc_context(RC):
            self.fig = fig = new_figure(6.8)
            self.top = top = fig.add_axes((0.09, 0.55, 0.88, 0.31))
            self.low = low = fig.add_axes((0.09, 0.19, 0.88, 0.27), sharex=top)
            top.tick_params(axis="x", labelbottom=False)
            self.yaxes = (StampedYAxis(top), StampedYAxis(low))
            self.theft_bars = PolyCollection([], facecolors=THEFT, edgecolors="none", zorder=2)
            self.reach_bars = PolyCollection([], facecolors=REACHING, edgecolors="none", zorder=3)
            self.denied_bars = PolyCollection([], facecolors=DENIED, edgecolors="none", zorder=2)
            self.theft_err = LineCollection([], colors="#555555", linewidths=1.4, zorder=4)
            self.reach_err = LineCollection([], colors="#7A4F00", linewidths=1.4, zorder=4)
            self.denied_err = LineCollection([], colors="#002E4D", linewidths=1.6, zorder=4)
            for artist in (self.theft_bars, self.reach_bars, self.theft_err, self.reach_err):
                top.add_collection(artist, autolim=False)
            for artist in (self.denied_bars, self.denied_err):
                low.add_collection(artist, autolim=False)
            self.xaxis = StampedXAxis(low, year_tick_labels)
            self.title = fig.text(0.01, 0.955, "", ha="left", va="center", **TITLE_STYLE)
            self.top_label = top.text(
                0.0, 1.03, "", transform=top.transAxes, ha="left", va="bottom", **PANEL_STYLE
            )
            self.low_label = low.text(
                0.0, 1.03, "", transform=low.transAxes, ha="left", va="bottom", **PANEL_STYLE
            )
            self.empty_note = centre_note(top)
            self.footer = fig.text(0.01, 0.012, "", ha="left", va="bottom", **FOOTER_STYLE)
            self.renderer = LayeredRenderer(
                fig,
                dynamic=[
                    *self.yaxes[0].artists,
                    *self.yaxes[1].artists,
                    self.theft_bars,
                    self.reach_bars,
                    self.denied_bars,
                    self.theft_err,
                    self.reach_err,
                    self.denied_err,
                    self.xaxis.ticks,
                ],
                texts={
                    self.title: TITLE_STYLE,
                    self.top_label: PANEL_STYLE,
                    self.low_label: PANEL_STYLE,
                    self.footer: FOOTER_STYLE,
                    self.empty_note: EMPTY_NOTE_STYLE,
                    **dict.fromkeys(self.xaxis.labels, TICK_STYLE),
                    **dict.fromkeys(self.yaxes[0].labels, TICK_STYLE),
                    **dict.fromkeys(self.yaxes[1].labels, TICK_STYLE),
                },
            )

    def headline(self, result: MoneyResult) -> str:
        if not len(result.years):
            return f"No {result.state.source} figures for these years"
        first, last = int(result.years[0]), int(result.years[-1])
        span = str(first) if first == last else f"{first}–{last}"
        return f"Funds cooperation could deny, {span}: {range_text(*result.total_denied)}"

    def alt_text(self, result: MoneyResult) -> str:
        if not len(result.years):
            return f"Empty chart: {self.headline(result)}."
        per_year = [
            f"{int(y)}: {range_text(lo, c, hi)}"
            for y, (lo, c, hi) in zip(result.years, result.denied.T, strict=True)
        ]
        return (
            f"Two-panel bar chart. {self.headline(result)}. Top: crypto theft per year "
            f"({result.state.source}) and the part reaching weapons programmes. Bottom: funds "
            f"denied per year, {join_words(per_year)}. Whiskers show each low–high range."
        )

    def render(self, result: MoneyResult) -> bytes:
        first, last = result.state.years
        left, right = float(first), float(last + 1)
        self.top.set_xlim(left, right)
        x = result.years.astype(float) + 0.5
        self.theft_bars.set_verts(_bars(x, result.theft[1], 0.7))
        self.reach_bars.set_verts(_bars(x, result.reaching[1], 0.36))
        self.denied_bars.set_verts(_bars(x, result.denied[1], 0.5))
        self.theft_err.set_segments(_whiskers(x, result.theft[0], result.theft[2], -0.22))
        self.reach_err.set_segments(_whiskers(x, result.reaching[0], result.reaching[2]))
        self.denied_err.set_segments(_whiskers(x, result.denied[0], result.denied[2]))
        top_limit = nice_top(float(result.theft[2].max()) if len(x) else 1.0)
        low_limit = nice_top(float(result.denied[2].max()) if len(x) else 1.0)
        self.top.set_ylim(0, top_limit)
        self.low.set_ylim(0, max(low_limit, 5))
        self.yaxes[0].update(top_limit)
        self.yaxes[1].update(max(low_limit, 5))
        self.top_label.set_text(
            f"Crypto theft per year, US$ million ({result.state.source}; grey) and the part "
            "reaching weapons programmes (orange)"
        )
        self.low_label.set_text("Funds allied cyber cooperation could deny, US$ million per year")
        self.empty_note.set_text(self.headline(result))
        self.empty_note.set_visible(not len(x))
        self.xaxis.update(left, right)
        self.title.set_text(wrap_words(self.headline(result), TITLE_CHARS))
        missing = (
            f" · no {result.state.source} figure for "
            f"{join_words([str(y) for y in result.missing_years])}"
            if result.missing_years
            else ""
        )
        self.footer.set_text(
            footer_text(
                f"{result.state.source} via news reports (theft); shares are the reader's "
                f"assumptions (see beside the chart){missing}",
                self.as_of,
            )
        )
        return self.renderer.png(static_key=None)  # axes are dynamic: one static layer
