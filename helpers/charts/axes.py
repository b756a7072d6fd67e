"""Axis pieces drawn as dynamic artists, so that moving the x-limits needs no full redraw.

Matplotlib's own tick labels belong to the static layer of ``LayeredRenderer``; a chart
whose x-range follows a control would redraw everything (about 100 ms) on every change.
``StampedXAxis`` draws the ticks as one line collection and the labels as stamped texts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.text import Text
from matplotlib.ticker import NullLocator

from helpers.charts.style import SMALL_PT

TICK_STYLE: dict[str, Any] = {"fontsize": SMALL_PT}
MAX_TICKS = 24

Ticks = Callable[[float, float], list[tuple[float, str]]]


def month_ticks(left: dt.date, right: dt.date) -> list[dt.date]:
    """First-of-month tick dates between ``left`` and ``right``: monthly for short ranges,
    quarterly for a couple of years, half-yearly beyond."""
    months = (right.year - left.year) * 12 + right.month - left.month
    step = 1 if months <= 9 else 3 if months <= 27 else 6
    ticks, year, month = [], left.year, left.month
    while (year, month) <= (right.year, right.month):
        day = dt.date(year, month, 1)
        if left <= day <= right and (month - 1) % step == 0:
            ticks.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks[:MAX_TICKS]


def month_tick_labels(left: float, right: float) -> list[tuple[float, str]]:
    """Ticks for an axis in matplotlib date numbers."""
    first = mdates.num2date(left).date()
    last = mdates.num2date(right).date() - dt.timedelta(days=1)
    return [(float(mdates.date2num(d)), f"{d:%b}\n{d:%Y}") for d in month_ticks(first, last)]


def year_tick_labels(left: float, right: float) -> list[tuple[float, str]]:
    """Ticks for an axis in decimal years, where year Y spans [Y, Y + 1): label its middle."""
    first, last = int(left + 0.5), int(right - 0.5)
    span = last - first + 1
    step = 1 if span <= 12 else 2 if span <= 24 else 5
    return [(y + 0.5, str(y)) for y in range(first, last + 1) if (y - first) % step == 0]


def _label_pool(ax: Axes, transform: Any, ha: str, va: str, style: dict[str, Any]) -> list[Text]:
    """Hidden text artists to reuse as tick labels (stamped by LayeredRenderer)."""
    return [
        ax.text(0, 0, "", transform=transform, ha=ha, va=va, visible=False, clip_on=False, **style)
        for _ in range(MAX_TICKS)
    ]


def _show_labels(labels: list[Text], placed: list[tuple[tuple[float, float], str]]) -> None:
    for text in labels:
        text.set_visible(False)
    for text, (position, label) in zip(labels, placed, strict=False):
        text.set_position(position)
        text.set_text(label)
        text.set_visible(True)


class StampedXAxis:
    def __init__(self, ax: Axes, ticks: Ticks, style: dict[str, Any] = TICK_STYLE):
        self.style = style
        self.tick_fn = ticks
        ax.xaxis.set_major_locator(NullLocator())
        ax.xaxis.set_minor_locator(NullLocator())
        transform = ax.get_xaxis_transform()  # x in data units, y in axes units
        self.ticks = LineCollection(
            [], colors="black", linewidths=0.8, transform=transform, clip_on=False
        )
        ax.add_collection(self.ticks, autolim=False)
        self.labels = _label_pool(ax, transform, "center", "top", style)
        self._offset = -0.025 / max(ax.get_position().height / 0.7, 0.1)

    def update(self, left: float, right: float) -> None:
        ticks = self.tick_fn(left, right)[:MAX_TICKS]
        self.ticks.set_segments([[(x, 0.0), (x, self._offset * 0.6)] for x, _ in ticks])
        _show_labels(self.labels, [((x, self._offset), label) for x, label in ticks])


def value_ticks(top: float) -> list[tuple[float, str]]:
    """About five round ticks from 0 to ``top``, labelled with thousands separators."""
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks, value = [], 0.0
    while value <= top + 1e-9:
        ticks.append((value, f"{value:,.0f}" if step >= 1 else f"{value:g}"))
        value += step
    return ticks


class StampedYAxis:
    """Y ticks, labels and horizontal grid lines as dynamic artists (see StampedXAxis)."""

    def __init__(self, ax: Axes, style: dict[str, Any] = TICK_STYLE):
        ax.yaxis.set_major_locator(NullLocator())
        ax.yaxis.set_minor_locator(NullLocator())
        transform = ax.get_yaxis_transform()  # x in axes units, y in data units
        self.grid = LineCollection(
            [], colors="#E3E3E3", linewidths=0.8, transform=transform, zorder=0.5
        )
        self.ticks = LineCollection(
            [], colors="black", linewidths=0.8, transform=transform, clip_on=False
        )
        ax.add_collection(self.grid, autolim=False)
        ax.add_collection(self.ticks, autolim=False)
        self.labels = _label_pool(ax, transform, "right", "center", style)

    def update(self, top: float) -> None:
        ticks = value_ticks(top)[:MAX_TICKS]
        self.grid.set_segments([[(0, y), (1, y)] for y, _ in ticks])
        self.ticks.set_segments([[(-0.008, y), (0, y)] for y, _ in ticks])
        _show_labels(self.labels, [((-0.012, y), label) for y, label in ticks])

    @property
    def artists(self) -> list:
        return [self.grid, self.ticks]
