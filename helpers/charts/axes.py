"""Axis pieces drawn as dynamic artists, so that moving the x-limits needs no full redraw.

Matplotlib's own tick labels belong to the static layer of ``LayeredRenderer``; a chart
whose x-range follows a control would redraw everything (about 100 ms) on every change.
``MonthAxis`` draws the ticks as one line collection and the labels as stamped texts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.text import Text
from matplotlib.ticker import NullLocator

TICK_STYLE: dict[str, Any] = {"fontsize": 10}
MAX_TICKS = 16


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


class MonthAxis:
    def __init__(self, ax: Axes, style: dict[str, Any] = TICK_STYLE):
        self.style = style
        ax.xaxis.set_major_locator(NullLocator())
        ax.xaxis.set_minor_locator(NullLocator())
        transform = ax.get_xaxis_transform()  # x in data units, y in axes units
        self.ticks = LineCollection(
            [], colors="black", linewidths=0.8, transform=transform, clip_on=False
        )
        ax.add_collection(self.ticks, autolim=False)
        self.labels: list[Text] = [
            ax.text(
                0,
                -0.025,
                "",
                transform=transform,
                ha="center",
                va="top",
                visible=False,
                clip_on=False,
                **style,
            )
            for _ in range(MAX_TICKS)
        ]

    def update(self, left: dt.date, right: dt.date) -> None:
        days = month_ticks(left, right)
        xs = [float(mdates.date2num(d)) for d in days]
        self.ticks.set_segments([[(x, 0.0), (x, -0.015)] for x in xs])
        for text in self.labels:
            text.set_visible(False)
        for text, x, day in zip(self.labels, xs, days, strict=False):
            text.set_position((x, -0.025))
            text.set_text(f"{day:%b}\n{day:%Y}")
            text.set_visible(True)

    @property
    def tick_labels(self) -> list[str]:
        return [t.get_text() for t in self.labels if t.get_visible()]
