"""The timeline chart: events in one lane per category, updated in place for each filter.

``draw`` makes the whole chart (``TimelineArtists``: what an update changes -- points,
labels, shading and the month axis, which follows the range); ``update`` moves them for
another result; ``timeline_chart`` is the explorer's chart (``helpers.charts.live``).
Rebuilding the figure each time would be slower and would flicker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from helpers.charts.axes import StampedXAxis, month_tick_labels
from helpers.charts.live import LiveChart
from helpers.charts.style import (
    FOOTER_STYLE,
    GREY,
    HIDDEN_SHADE,
    HINDSIGHT_SHADE,
    LABEL_PT,
    MARKERS,
    PALETTE,
    SMALL_PT,
    TITLE_CHARS,
    TITLE_STYLE,
    footer_text,
    join_words,
    wrap_words,
)
from helpers.models.timeline import (
    ARTICLE_HORIZON,
    CATEGORIES,
    CATEGORY_LABELS,
    TimelineResult,
)

LABEL_OFFSETS = (0.3, -0.3)  # labels alternate above and below their lane
LABEL_STYLE = {
    "fontsize": SMALL_PT,
    "bbox": {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
}
HORIZON_STYLE = {"fontsize": SMALL_PT, "color": "#333333"}
EMPTY_STYLE = {"fontsize": LABEL_PT, "color": GREY}


def _char_width(left: float, right: float) -> float:
    """About how much of the x-range one character of SMALL_PT text takes (about 100
    characters span the axes)."""
    return (right - left) / 100


def _num(day: dt.date) -> float:
    return float(mdates.date2num(day))


LANE = {cat: i for i, cat in enumerate(CATEGORIES)}
COLOUR = {cat: PALETTE[i % len(PALETTE)] for i, cat in enumerate(CATEGORIES)}


@dataclass
class TimelineArtists:
    """What an update changes, in drawing order (shading under the lanes, spines over the
    shading, as in a full draw); every other artist ``draw`` makes is static."""

    shade: Artist
    lanes: LineCollection
    horizon_line: Line2D
    x_ticks: LineCollection
    points: dict[str, PathCollection]  # per category, hollow when partly verified
    spines: list[Artist]
    x_labels: list[Text]
    labels: list[Text]
    title: Text
    horizon_text: Text
    empty_text: Text
    ax: Axes  # its x-range follows the months shown (no static artist depends on it)
    xaxis: StampedXAxis  # places x_ticks and x_labels


def _footer(fig: Figure, events: pd.DataFrame, as_of: str) -> None:
    n_sources = len({sid for ids in events["source_ids"] for sid in ids})
    fig.text(
        0.01,
        0.012,
        footer_text(
            f"briefing timeline dataset ({n_sources} cited press releases, "
            "communiqués and news reports; see the table)",
            as_of,
            "Hollow marker = only partly verified",
        ),
        ha="left",
        va="bottom",
        **FOOTER_STYLE,
    )


def _points(ax: Axes) -> dict[str, PathCollection]:
    """A marker per event, one collection per category (its own colour and shape)."""
    return {
        cat: ax.scatter(
            [],
            [],
            s=70,
            marker=MARKERS[i % len(MARKERS)],
            edgecolors=COLOUR[cat],
            linewidths=1.6,
            zorder=3,
        )
        for i, cat in enumerate(CATEGORIES)
    }


def draw(fig: Figure, result: TimelineResult, events: pd.DataFrame, as_of: str) -> TimelineArtists:
    """The whole chart for ``result`` on ``fig``: a lane per category, room for a label per
    labelled event of ``events``."""
    ax = fig.add_axes((0.24, 0.23, 0.74, 0.65))
    ax.set_ylim(len(CATEGORIES) - 0.5, -0.95)
    ax.set_yticks(range(len(CATEGORIES)), [CATEGORY_LABELS[c] for c in CATEGORIES])
    # Lane lines are drawn above the hindsight shading (both change with the x-range).
    lanes = LineCollection(
        [[(0, i), (1, i)] for i in range(len(CATEGORIES))],
        colors="#DDDDDD",
        linewidths=0.8,
        transform=ax.get_yaxis_transform(),
        zorder=0.5,
    )
    ax.add_collection(lanes, autolim=False)
    xaxis = StampedXAxis(ax, month_tick_labels)
    artists = TimelineArtists(
        shade=ax.axvspan(0, 1, color=HINDSIGHT_SHADE, zorder=0, linewidth=0),
        lanes=lanes,
        horizon_line=ax.axvline(
            _num(ARTICLE_HORIZON), color=GREY, linestyle="--", linewidth=1.2, zorder=1
        ),
        x_ticks=xaxis.ticks,
        points=_points(ax),
        spines=[ax.spines["bottom"], ax.spines["left"]],
        x_labels=xaxis.labels,
        labels=[
            ax.text(0, 0, "", ha="center", va="center", visible=False, zorder=5, **LABEL_STYLE)
            for _ in range(int(events["chart_label"].notna().sum()))
        ],
        title=ax.set_title("", loc="left", pad=14, **TITLE_STYLE),
        horizon_text=ax.text(
            _num(ARTICLE_HORIZON), -0.62, "", va="bottom", ha="left", zorder=4, **HORIZON_STYLE
        ),
        empty_text=ax.text(
            0.5,
            0.5,
            "No events match these settings",
            transform=ax.transAxes,
            ha="center",
            va="center",
            visible=False,
            **EMPTY_STYLE,
        ),
        ax=ax,
        xaxis=xaxis,
    )
    _footer(fig, events, as_of)
    update(artists, result)
    return artists


def headline(result: TimelineResult) -> str:
    """The chart's title: what the selection shows, in one line."""
    n = len(result.events)
    if n == 0:
        return "No events match these settings"
    if result.horizon is not None:
        # The view ends at the horizon or at the last month shown, whichever comes first.
        until = min(result.horizon, result.end)
        return f"What the commentary could see: {n} events up to {until:%-d %B %Y}"
    if result.after_article:
        return (
            f"With hindsight: {result.after_article} of the {n} events shown came after "
            "the commentary"
        )
    return f"{n} events, all before the commentary was written"


def alt_text(result: TimelineResult) -> str:
    """A description of the chart for screen readers and for anyone who cannot see it."""
    n = len(result.events)
    counts = [f"{v} {CATEGORY_LABELS[c]}" for c, v in result.counts.items() if v]
    text = (
        f"Timeline chart from {result.start:%B %Y} to {result.end:%B %Y}, one lane per "
        f"category. {headline(result)}."
    )
    if n:
        text += f" Events per category: {join_words(counts)}."
        labelled = result.events["chart_label"].dropna().tolist()
        if labelled:
            text += f" Labelled events include: {join_words(labelled)}."
    if result.hidden_by_horizon:
        text += (
            f" {result.hidden_by_horizon} later events are hidden because the view is "
            "as of the commentary."
        )
    return text + " Hollow markers are events only partly verified."


def _event_columns(ev: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per event: its x (matplotlib's date number), its category and whether it is
    verified, as numpy arrays read once per update (pandas' per-category comparisons and a
    ``date2num`` per label took a third of the chart's update in the profile)."""
    xs = mdates.date2num(ev["date"].to_numpy()) if len(ev) else np.array([])
    status = ev["status"].to_numpy()
    return xs, ev["category"].to_numpy(), (status == "VERIFIED") | (status == "DERIVED")


def _place_labels(
    ev: pd.DataFrame, xs: np.ndarray, left: float, right: float
) -> list[tuple[float, float, str, str]]:
    """Put each label above or below its lane where it does not collide; else drop it.

    Widths are estimated from the label's length (about 100 characters span the axes),
    which is enough to keep labels apart without asking the renderer for extents. ``xs``:
    each event's x (``_event_columns``).
    """
    per_char = _char_width(left, right)
    taken: dict[int, list[tuple[float, float]]] = {}
    placed = []
    labelled = ev["chart_label"].notna().to_numpy()
    for cat, label, x in zip(
        ev["category"].to_numpy()[labelled],
        ev["chart_label"].to_numpy()[labelled],
        xs[labelled].tolist(),
        strict=True,
    ):
        half = len(label) * per_char / 2
        if x - half < left:
            ha, lo, hi = "left", x, x + 2 * half
        elif x + half > right:
            ha, lo, hi = "right", x - 2 * half, x
        else:
            ha, lo, hi = "center", x - half, x + half
        for dy in LABEL_OFFSETS:
            # A label below one lane and one above the next share the gap between
            # them: they must not overlap either.
            band = LANE[cat] + (1 if dy > 0 else 0)
            spans = taken.setdefault(band, [])
            if all(hi < a or lo > b for a, b in spans):
                spans.append((lo, hi))
                placed.append((x, LANE[cat] + dy, label, ha))
                break
    return placed


def _place_points(
    a: TimelineArtists, xs: np.ndarray, categories: np.ndarray, verified: np.ndarray
) -> None:
    """Each category's events in its lane, filled when verified, hollow when partly
    (the events' columns as ``_event_columns`` reads them)."""
    for cat, coll in a.points.items():
        mask = categories == cat
        offsets = np.column_stack([xs[mask], np.full(mask.sum(), LANE[cat])])
        coll.set_offsets(offsets if len(offsets) else np.empty((0, 2)))
        faces = np.where(verified[mask], COLOUR[cat], "white") if mask.any() else []
        coll.set_facecolors(list(faces))


def _horizon(a: TimelineArtists, result: TimelineResult, left: float, right: float) -> None:
    """The commentary's line and note, and the shading after it."""
    in_range = left <= _num(ARTICLE_HORIZON) <= right
    a.horizon_line.set_visible(in_range)
    a.horizon_text.set_visible(in_range)
    shade_from = max(_num(ARTICLE_HORIZON + dt.timedelta(days=1)), left)
    a.shade.set_x(shade_from)
    a.shade.set_width(max(right - shade_from, 0))
    if result.horizon is not None:
        a.shade.set_facecolor(HIDDEN_SHADE)
        a.horizon_text.set_text(
            f" Commentary (July 2023) → later events hidden: {result.hidden_by_horizon}"
        )
    else:
        a.shade.set_facecolor(HINDSIGHT_SHADE)
        a.horizon_text.set_text(" Commentary (July 2023) → hindsight")
    # Right of the line if it fits, else left of it (a short range after July 2023).
    fits = _num(ARTICLE_HORIZON) + len(a.horizon_text.get_text()) * _char_width(left, right)
    a.horizon_text.set_ha("left" if fits <= right else "right")


def update(a: TimelineArtists, result: TimelineResult) -> None:
    """Points, labels, the commentary's line and shading, the month axis, the title (no
    static artist depends on the x-range: one static layer)."""
    ev = result.events
    left, right = _num(result.start), _num(result.end + dt.timedelta(days=1))
    a.ax.set_xlim(left, right)
    a.xaxis.update(left, right)
    xs, categories, verified = _event_columns(ev)
    _place_points(a, xs, categories, verified)
    for text in a.labels:
        text.set_visible(False)
    placed = _place_labels(ev, xs, left, right)
    for text, (x, y, label, ha) in zip(a.labels, placed, strict=False):
        text.set_position((x, y))
        text.set_text(label)
        text.set_ha(ha)
        text.set_visible(True)
    _horizon(a, result, left, right)
    a.empty_text.set_visible(len(ev) == 0)
    a.title.set_text(wrap_words(headline(result), TITLE_CHARS))


def timeline_chart(events: pd.DataFrame, as_of: str) -> LiveChart[TimelineResult, TimelineArtists]:
    """The explorer's chart for ``events`` (the footer counts their sources), dated
    ``as_of``."""
    return LiveChart(6.0, partial(draw, events=events, as_of=as_of), update, headline, alt_text)
