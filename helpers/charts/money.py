"""The follow-the-money chart: theft and what reaches weapons (top), funds denied (bottom).

Every bar carries a whisker from its low to its high value: the model never gives a point
estimate alone, and neither does the chart. ``draw`` makes the whole chart (``MoneyArtists``:
what an update changes, the axes' ticks and labels too: they follow the years and the
values), ``update`` moves it to another result; ``money_chart`` is the explorer's chart
(``helpers.charts.live``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.charts.axes import StampedXAxis, StampedYAxis, year_tick_labels
from helpers.charts.live import LiveChart
from helpers.charts.style import (
    FOOTER_STYLE,
    OKABE_ITO,
    PANEL_STYLE,
    TITLE_CHARS,
    TITLE_STYLE,
    centre_note,
    footer_text,
    join_words,
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


@dataclass
class MoneyArtists:
    """What an update changes, in drawing order (grid lines under the bars); every other
    artist ``draw`` makes is static."""

    y_lines: list[Artist]  # both panels' grid lines and ticks
    theft_bars: PolyCollection
    reach_bars: PolyCollection
    denied_bars: PolyCollection
    theft_err: LineCollection
    reach_err: LineCollection
    denied_err: LineCollection
    x_ticks: LineCollection
    title: Text
    top_label: Text
    low_label: Text
    footer: Text
    empty_note: Text
    x_labels: list[Text]
    y_labels: list[Text]
    xaxis: StampedXAxis  # the axes that place the ticks and labels above
    yaxes: tuple[StampedYAxis, StampedYAxis]
    as_of: str  # the footer's date


def draw(fig: Figure, result: MoneyResult, as_of: str) -> MoneyArtists:
    """The whole chart for ``result`` on ``fig``: theft above, funds denied below."""
    top = fig.add_axes((0.09, 0.55, 0.88, 0.31))
    low = fig.add_axes((0.09, 0.19, 0.88, 0.27), sharex=top)
    top.tick_params(axis="x", labelbottom=False)
    yaxes = (StampedYAxis(top), StampedYAxis(low))
    bars = {
        "theft_bars": PolyCollection([], facecolors=THEFT, edgecolors="none", zorder=2),
        "reach_bars": PolyCollection([], facecolors=REACHING, edgecolors="none", zorder=3),
        "denied_bars": PolyCollection([], facecolors=DENIED, edgecolors="none", zorder=2),
        "theft_err": LineCollection([], colors="#555555", linewidths=1.4, zorder=4),
        "reach_err": LineCollection([], colors="#7A4F00", linewidths=1.4, zorder=4),
        "denied_err": LineCollection([], colors="#002E4D", linewidths=1.6, zorder=4),
    }
    for name, artist in bars.items():
        (low if name.startswith("denied") else top).add_collection(artist, autolim=False)
    xaxis = StampedXAxis(low, year_tick_labels)
    artists = MoneyArtists(
        y_lines=[*yaxes[0].artists, *yaxes[1].artists],
        **bars,
        x_ticks=xaxis.ticks,
        title=fig.text(0.01, 0.955, "", ha="left", va="center", **TITLE_STYLE),
        top_label=top.text(
            0.0, 1.03, "", transform=top.transAxes, ha="left", va="bottom", **PANEL_STYLE
        ),
        low_label=low.text(
            0.0, 1.03, "", transform=low.transAxes, ha="left", va="bottom", **PANEL_STYLE
        ),
        footer=fig.text(0.01, 0.012, "", ha="left", va="bottom", **FOOTER_STYLE),
        empty_note=centre_note(top),
        x_labels=xaxis.labels,
        y_labels=[*yaxes[0].labels, *yaxes[1].labels],
        xaxis=xaxis,
        yaxes=yaxes,
        as_of=as_of,
    )
    update(artists, result)
    return artists


def update(a: MoneyArtists, result: MoneyResult) -> None:
    """Bars and whiskers per year, both panels' value axes, the years axis, the texts."""
    top, low = a.theft_bars.axes, a.denied_bars.axes
    first, last = result.state.years
    left, right = float(first), float(last + 1)
    top.set_xlim(left, right)
    x = result.years.astype(float) + 0.5
    a.theft_bars.set_verts(_bars(x, result.theft[1], 0.7))
    a.reach_bars.set_verts(_bars(x, result.reaching[1], 0.36))
    a.denied_bars.set_verts(_bars(x, result.denied[1], 0.5))
    a.theft_err.set_segments(_whiskers(x, result.theft[0], result.theft[2], -0.22))
    a.reach_err.set_segments(_whiskers(x, result.reaching[0], result.reaching[2]))
    a.denied_err.set_segments(_whiskers(x, result.denied[0], result.denied[2]))
    top_limit = nice_top(float(result.theft[2].max()) if len(x) else 1.0)
    low_limit = max(nice_top(float(result.denied[2].max()) if len(x) else 1.0), 5)
    top.set_ylim(0, top_limit)
    low.set_ylim(0, low_limit)
    a.yaxes[0].update(top_limit)
    a.yaxes[1].update(low_limit)
    a.top_label.set_text(
        f"Crypto theft per year, US$ million ({result.state.source}; grey) and the part "
        "reaching weapons programmes (orange)"
    )
    a.low_label.set_text("Funds allied cyber cooperation could deny, US$ million per year")
    a.empty_note.set_text(headline(result))
    a.empty_note.set_visible(not len(x))
    a.xaxis.update(left, right)
    a.title.set_text(wrap_words(headline(result), TITLE_CHARS))
    missing = (
        f" · no {result.state.source} figure for "
        f"{join_words([str(y) for y in result.missing_years])}"
        if result.missing_years
        else ""
    )
    a.footer.set_text(
        footer_text(
            f"{result.state.source} via news reports (theft); shares are the reader's "
            f"assumptions (see beside the chart){missing}",
            a.as_of,
        )
    )


def headline(result: MoneyResult) -> str:
    if not len(result.years):
        return f"No {result.state.source} figures for these years"
    first, last = int(result.years[0]), int(result.years[-1])
    span = str(first) if first == last else f"{first}–{last}"
    return f"Funds cooperation could deny, {span}: {range_text(*result.total_denied)}"


def alt_text(result: MoneyResult) -> str:
    if not len(result.years):
        return f"Empty chart: {headline(result)}."
    per_year = [
        f"{int(y)}: {range_text(lo, c, hi)}"
        for y, (lo, c, hi) in zip(result.years, result.denied.T, strict=True)
    ]
    return (
        f"Two-panel bar chart. {headline(result)}. Top: crypto theft per year "
        f"({result.state.source}) and the part reaching weapons programmes. Bottom: funds "
        f"denied per year, {join_words(per_year)}. Whiskers show each low–high range."
    )


def money_chart(as_of: str) -> LiveChart[MoneyResult, MoneyArtists]:
    """The explorer's chart, the footer dated ``as_of`` (axes are dynamic: one static
    layer)."""
    return LiveChart(6.8, partial(draw, as_of=as_of), update, headline, alt_text)
