"""The race-to-fourth chart: projected shares of global arms deliveries, 2023–27.

Bars are the central projection, whiskers the low–high band, ticks the base-window share; rows
re-order as the projection changes, so the exporter names are texts an update moves, not tick
labels. ``draw`` makes the whole chart (``RaceArtists``: what an update changes), ``update``
moves it to another result; ``race_chart`` is the explorer's chart (``helpers.charts.live``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from helpers.charts.live import LiveChart
from helpers.charts.style import (
    FOOTER_STYLE,
    LABEL_PT,
    NOTE_STYLE,
    OKABE_ITO,
    SMALL_PT,
    TITLE_CHARS,
    TITLE_STYLE,
    footer_text,
    wrap_words,
)
from helpers.models.race import BASE_WINDOW, KOREA, REST, TARGET_WINDOW, RaceResult

NAME_STYLE = {"fontsize": LABEL_PT}
GOAL_STYLE = {"fontsize": SMALL_PT, "color": OKABE_ITO["vermillion"]}
KOREA_STYLE = {"fontsize": LABEL_PT, "fontweight": "bold", "color": OKABE_ITO["vermillion"]}
X_MAX = 50.0


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


@dataclass
class RaceArtists:
    """What an update changes; every other artist ``draw`` makes is static."""

    bars: PolyCollection
    band: LineCollection
    base_marks: LineCollection
    goal_line: Line2D
    goal_text: Text
    names: list[Text]
    korea_name: Text
    values: list[Text]
    title: Text


def draw(fig: Figure, result: RaceResult, as_of: str, n_rows: int) -> RaceArtists:
    """The whole chart for ``result`` on ``fig``: one row per exporter (``n_rows``)."""
    ax = fig.add_axes((0.2, 0.2, 0.76, 0.66))
    ax.set_xlim(0, X_MAX)
    ax.set_ylim(n_rows - 0.4, -0.6)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#E3E3E3")
    ax.set_axisbelow(True)
    ax.set_xlabel(
        f"Share of global deliveries of major arms, % (SIPRI TIV; {TARGET_WINDOW} projected)"
    )
    fig.text(
        0.01,
        0.012,
        footer_text(
            f"SIPRI {BASE_WINDOW} shares via news reports; projection "
            "from the growth ranges set above. Deliveries (TIV), not contract values",
            as_of,
        ),
        ha="left",
        va="bottom",
        **FOOTER_STYLE,
    )
    bars = PolyCollection([], edgecolors="none", zorder=2)
    band = LineCollection([], colors="#222222", linewidths=1.6, zorder=3)
    base_marks = LineCollection([], colors="#000000", linewidths=2.2, zorder=4)
    for collection in (bars, band, base_marks):
        ax.add_collection(collection, autolim=False)
    artists = RaceArtists(
        bars=bars,
        band=band,
        base_marks=base_marks,
        goal_line=ax.axvline(
            0, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.2, zorder=1
        ),
        goal_text=ax.text(0, -0.55, "", va="top", ha="left", **GOAL_STYLE),
        names=[ax.text(-0.6, i, "", ha="right", va="center", **NAME_STYLE) for i in range(n_rows)],
        korea_name=ax.text(-0.6, 0, "", ha="right", va="center", **KOREA_STYLE),
        values=[ax.text(0, i, "", ha="left", va="center", **NOTE_STYLE) for i in range(n_rows)],
        title=fig.text(0.02, 0.95, "", ha="left", va="center", **TITLE_STYLE),
    )
    update(artists, result)
    return artists


def update(a: RaceArtists, result: RaceResult) -> None:
    """Rows in order of the central projection, the goal's line, the title."""
    central = result.shares[1]
    order = [i for i in np.argsort(-central) if result.countries[i] != REST][: len(a.names)]
    verts, colours, band, marks = [], [], [], []
    for row, i in enumerate(order):
        is_korea = result.countries[i] == KOREA
        verts.append(
            [(0, row - 0.32), (central[i], row - 0.32), (central[i], row + 0.32), (0, row + 0.32)]
        )
        colours.append(OKABE_ITO["vermillion"] if is_korea else "#9DB9D3")
        band.append([(result.shares[:, i].min(), row), (result.shares[:, i].max(), row)])
        marks.append([(result.base[i], row - 0.38), (result.base[i], row + 0.38)])
        a.names[row].set_text("" if is_korea else result.countries[i])
        if is_korea:
            a.korea_name.set_position((-0.6, row))
            a.korea_name.set_text(f"{KOREA} ({_ordinal(row + 1)})")
        a.values[row].set_position((result.shares[:, i].max() + 0.6, row))
        a.values[row].set_text(f"{central[i]:.1f}%")
    a.bars.set_verts(verts)
    a.bars.set_facecolors(colours)
    a.band.set_segments(band)
    a.base_marks.set_segments(marks)
    a.goal_line.set_xdata([result.goal_share, result.goal_share])
    a.goal_text.set_position((result.goal_share + 0.4, -0.55))
    # The line marks the goal's share only: its rank is read off the bars (a 5% share
    # ranks 6th-7th in the projections, not 4th).
    a.goal_text.set_text(f"Goal's {result.goal_share:g}% share · black tick: {BASE_WINDOW} share")
    a.title.set_text(wrap_words(headline(result), TITLE_CHARS))


def headline(result: RaceResult) -> str:
    lo, mid, hi = result.korea_share
    r_lo, r_mid, r_hi = result.korea_rank
    ranks = (
        _ordinal(r_mid)
        if r_lo == r_hi
        else f"{_ordinal(r_mid)} ({_ordinal(r_hi)}–{_ordinal(r_lo)})"
    )
    # The goal has two halves, and they need different growth: both are named, each
    # with its own figure (the sources line gives the share's).
    return (
        f"{TARGET_WINDOW}: South Korea {ranks} with {mid:.1f}% ({lo:.1f}–{hi:.1f}%); "
        f"a {result.goal_share:g}% share needs about {result.growth_for_goal_share:+.0f}% "
        f"growth, {_ordinal(result.goal_rank)} place about {result.growth_for_fourth:+.0f}%"
    )


def alt_text(result: RaceResult) -> str:
    order = np.argsort(-result.shares[1])
    listing = ", ".join(
        f"{result.countries[i]} {result.shares[1][i]:.1f}%"
        for i in order
        if result.countries[i] != REST
    )
    return (
        f"Horizontal bar chart of projected {TARGET_WINDOW} shares of global arms "
        f"deliveries. {headline(result)}. Central projection: {listing}. The goal "
        f"of {result.goal_share:g}% would need about {result.growth_for_goal_share:+.0f}% "
        "growth in South Korea's deliveries."
    )


def race_chart(as_of: str, n_rows: int) -> LiveChart[RaceResult, RaceArtists]:
    """The explorer's chart: ``n_rows`` exporters, the footer dated ``as_of``."""
    return LiveChart(6.4, partial(draw, as_of=as_of, n_rows=n_rows), update, headline, alt_text)
