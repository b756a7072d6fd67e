"""The backlash risk matrix: likelihood × impact, one 5×5 grid per actor.

The shaded grid is static; the numbered risk markers move as ratings change. ``draw`` makes
the whole chart (``BacklashArtists``: what an update changes), ``update`` moves it to another
result; ``backlash_chart`` is the explorer's chart (``helpers.charts.live``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.charts.live import LiveChart
from helpers.charts.style import (
    FOOTER_STYLE,
    LABEL_PT,
    LINE_CHARS,
    NOTE_STYLE,
    OKABE_ITO,
    SMALL_PT,
    TITLE_CHARS,
    TITLE_STYLE,
    footer_text,
    join_words,
    wrap_words,
)
from helpers.models.backlash import ACTORS, IMPACT, LIKELIHOOD, BacklashResult

NUMBER_STYLE = {"fontsize": SMALL_PT, "fontweight": "bold", "color": "white"}
ACTOR_COLOUR = {
    "Russia": OKABE_ITO["vermillion"],
    "China": OKABE_ITO["blue"],
    "North Korea": OKABE_ITO["black"],
}
# Light greys by score (likelihood × impact): readable under markers, fine in greyscale.
SHADES = ("#FFFFFF", "#F1F1F1", "#E0E0E0", "#CACACA")
MAX_RISKS = 12
OFFSETS = ((0, 0), (-0.22, 0.2), (0.22, -0.2), (0.22, 0.2))


def _shade(score: int) -> str:
    return SHADES[0 if score <= 4 else 1 if score <= 9 else 2 if score <= 15 else 3]


def _matrix(fig: Figure, k: int, actor: str) -> Axes:
    """One actor's 5×5 grid, shaded by score."""
    ax = fig.add_axes((0.08 + k * 0.31, 0.38, 0.26, 0.47))
    for li in range(1, 6):
        for im in range(1, 6):
            ax.add_patch(
                mpl.patches.Rectangle(
                    (im - 0.5, li - 0.5), 1, 1, facecolor=_shade(li * im), edgecolor="white"
                )
            )
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_title(actor, fontsize=LABEL_PT, color=ACTOR_COLOUR[actor])
    ax.set_xlabel("Impact on South Korea →", fontsize=SMALL_PT)
    if k == 0:
        ax.set_ylabel("Likelihood →", fontsize=SMALL_PT)
    return ax


def _key_and_footer(fig: Figure, as_of: str, risks: list[str]) -> None:
    """The key, wrapped to the chart's width (names of risks, then the scales), and the
    footer."""
    names = [f"{i}. {r}" for i, r in enumerate(risks, start=1)]
    fig.text(
        0.01,
        0.235,
        wrap_words("   ".join(names), LINE_CHARS, separator="   "),
        fontsize=SMALL_PT,
        color="#111111",
        va="top",
    )
    scales = (
        "Likelihood: "
        + ", ".join(f"{k} {v}" for k, v in LIKELIHOOD.items())
        + ". Impact: "
        + ", ".join(f"{k} {v}" for k, v in IMPACT.items())
        + "."
    )
    fig.text(
        0.01,
        0.085,
        wrap_words(scales, LINE_CHARS, separator=". "),
        fontsize=SMALL_PT,
        color="#333333",
        va="bottom",
    )
    fig.text(
        0.01,
        0.012,
        footer_text(
            "the briefing's risk register (ratings are judgments; signposts sourced, "
            "see the table)",
            as_of,
        ),
        va="bottom",
        **FOOTER_STYLE,
    )


@dataclass
class BacklashArtists:
    """What an update changes; every other artist ``draw`` makes is static."""

    markers: dict[str, PathCollection]  # per actor, on that actor's grid
    numbers: list[Text]
    notes: list[Text]
    title: Text


def draw(fig: Figure, result: BacklashResult, as_of: str, risks: list[str]) -> BacklashArtists:
    """The whole chart for ``result`` on ``fig``: a grid per actor, the key of ``risks``."""
    axes = [_matrix(fig, k, actor) for k, actor in enumerate(ACTORS)]
    _key_and_footer(fig, as_of, risks)
    artists = BacklashArtists(
        markers={
            actor: ax.scatter(
                [],
                [],
                s=420,
                color=ACTOR_COLOUR[actor],
                zorder=3,
                edgecolors="white",
                linewidths=1.5,
            )
            for actor, ax in zip(ACTORS, axes, strict=True)
        },
        numbers=[
            fig.text(0, 0, "", ha="center", va="center", visible=False, **NUMBER_STYLE)
            for _ in range(MAX_RISKS)
        ],
        notes=[
            fig.text(0, 0, "", ha="left", va="center", visible=False, **NOTE_STYLE)
            for _ in range(MAX_RISKS)
        ],
        title=fig.text(0.01, 0.94, "", ha="left", va="center", **TITLE_STYLE),
    )
    update(artists, result)
    return artists


def update(a: BacklashArtists, result: BacklashResult) -> None:
    """A numbered marker per risk (side by side when they share a cell), its signposts note
    with hindsight, the title."""
    for text in [*a.numbers, *a.notes]:
        text.set_visible(False)
    placed: dict[tuple[str, int, int], int] = {}
    by_actor: dict[str, list] = {actor: [] for actor in ACTORS}
    for i, p in enumerate(result.points):
        key = (p.actor, p.likelihood, p.impact)
        dx, dy = OFFSETS[placed.get(key, 0) % len(OFFSETS)]
        placed[key] = placed.get(key, 0) + 1
        x, y = p.impact + dx, p.likelihood + dy
        by_actor[p.actor].append((x, y))
        marker = a.markers[p.actor]
        to_figure = marker.figure.transFigure.inverted()
        fx, fy = to_figure.transform(marker.axes.transData.transform((x, y)))
        a.numbers[i].set_position((fx, fy))
        a.numbers[i].set_text(str(p.number))
        a.numbers[i].set_visible(True)
        if result.state.show_signposts:
            left = p.impact >= 5  # keep the note inside the figure
            a.notes[i].set_ha("right" if left else "left")
            a.notes[i].set_position((fx + (-0.018 if left else 0.018), fy - 0.035))
            a.notes[i].set_text(f"{p.observed}/{p.signposts} seen")
            a.notes[i].set_visible(True)
    for actor, points in by_actor.items():
        a.markers[actor].set_offsets(np.array(points) if points else np.empty((0, 2)))
    a.title.set_text(wrap_words(headline(result), TITLE_CHARS))


def headline(result: BacklashResult) -> str:
    short = {
        "as the risks looked in July 2023 (a judgment)": "as seen in July 2023",
        "with 2026 hindsight (a judgment)": "with 2026 hindsight",
    }.get(result.label, "on your ratings")
    return f"Top risk {short}: {result.top.risk}"


def alt_text(result: BacklashResult) -> str:
    parts = [
        f"{p.number} {p.risk} ({p.actor}): likelihood {p.likelihood}, impact {p.impact}"
        for p in result.points
    ]
    text = (
        f"Three 5-by-5 risk matrices, one each for Russia, China and North Korea. "
        f"{headline(result)}. Risks: {join_words(parts)}."
    )
    if result.state.show_signposts:
        seen = [
            f"{p.observed} of {p.signposts} signposts observed for risk {p.number}"
            for p in result.points
        ]
        text += " Hindsight: " + join_words(seen) + "."
    return text


def backlash_chart(as_of: str, risks: list[str]) -> LiveChart[BacklashResult, BacklashArtists]:
    """The explorer's chart: the key lists ``risks``, the footer is dated ``as_of``."""
    return LiveChart(7.0, partial(draw, as_of=as_of, risks=risks), update, headline, alt_text)
