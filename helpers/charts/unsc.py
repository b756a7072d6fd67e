"""The enforcement-gap chart: three panels sharing a year axis.

Top: launches per year in the chosen counting series (other series of the same unit as
thin grey lines; ranges where sources disagree as whiskers; lower bounds as triangles).
Middle: the Council's resolutions per year. Bottom: dated signals -- vetoes, blocked
statements and meetings without a product, other forums -- in lanes. ``draw`` makes the
whole chart (``GapArtists``: what an update changes, the year and launch axes too: they follow
the range and the counts), ``update`` moves it to another result; ``gap_chart`` is the
explorer's chart (``helpers.charts.live``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from helpers.charts.axes import StampedXAxis, StampedYAxis, year_tick_labels
from helpers.charts.live import LiveChart
from helpers.charts.style import (
    FOOTER_STYLE,
    NOTE_STYLE,
    OKABE_ITO,
    PANEL_STYLE,
    SMALL_PT,
    TITLE_CHARS,
    TITLE_STYLE,
    centre_note,
    footer_text,
    join_words,
    nice_top,
    wrap_words,
)
from helpers.models.unsc import GapResult

SIGNAL_STYLE = {"fontsize": SMALL_PT, "color": "#222222"}
MAIN = OKABE_ITO["blue"]
SANCTIONS = OKABE_ITO["vermillion"]
RENEWALS = OKABE_ITO["sky_blue"]
LANES = {"vetoes": 2, "blocked": 1, "forums": 0}
LANE_LABELS = {"vetoes": "Vetoes", "blocked": "No product", "forums": "Other forums"}
LANE_STYLE = {
    "vetoes": {"marker": "X", "color": OKABE_ITO["vermillion"]},
    "blocked": {"marker": "o", "color": OKABE_ITO["orange"]},
    "forums": {"marker": "D", "color": OKABE_ITO["bluish_green"]},
}
MAX_OTHERS = 8
MAX_SIGNAL_LABELS = 12


def _bars(x: np.ndarray, base: np.ndarray, height: np.ndarray) -> list[np.ndarray]:
    """Rectangles 0.7 wide centred on ``x``, from ``base`` up by ``height`` (zero: none)."""
    return [
        np.array([(xi - 0.35, b), (xi + 0.35, b), (xi + 0.35, b + h), (xi - 0.35, b + h)])
        for xi, b, h in zip(x, base, height, strict=True)
        if h > 0
    ]


@dataclass
class GapArtists:
    """What an update changes, in drawing order (the launch axis's grid first, under the
    lines, and its spines last, over them, as a full draw has it); every other artist
    ``draw`` makes is static."""

    y_lines: list[Artist]
    others: list[Line2D]  # other series of the same unit, thin grey
    ranges: LineCollection
    line: Line2D
    bounds: PathCollection
    sanction_bars: PolyCollection
    renewal_bars: PolyCollection
    signal_points: dict[str, PathCollection]
    x_ticks: LineCollection
    spines: list[Artist]  # the launch panel's: over a line at zero, as in a full draw
    title: Text
    legend_note: Text
    top_label: Text
    gap_note: Text
    footer: Text
    empty_note: Text
    signal_labels: list[Text]
    x_labels: list[Text]
    y_labels: list[Text]
    top: Axes  # its limits follow the years and the counts (the axes above are stamped)
    xaxis: StampedXAxis
    yaxis: StampedYAxis
    as_of: str  # the footer's date


def _panels(fig: Figure) -> tuple[Axes, Axes, Axes]:
    """Launches (top), resolutions (middle, fixed scale), signals in lanes (bottom)."""
    top = fig.add_axes((0.11, 0.52, 0.86, 0.34))
    mid = fig.add_axes((0.11, 0.31, 0.86, 0.14), sharex=top)
    low = fig.add_axes((0.11, 0.155, 0.86, 0.11), sharex=top)
    for ax in (top, mid):
        ax.tick_params(axis="x", labelbottom=False)
    mid.grid(axis="y", color="#E3E3E3", linewidth=0.8)
    mid.set_axisbelow(True)
    mid.set_ylim(0, 5.5)  # room for the note above a bar of 4
    mid.set_yticks([0, 2, 4])
    low.set_ylim(-0.6, 2.6)
    low.set_yticks(list(LANES.values()), [LANE_LABELS[k] for k in LANES], fontsize=SMALL_PT)
    low.spines["left"].set_visible(False)
    low.tick_params(axis="y", length=0)
    mid.text(
        0.0,
        1.04,
        "UN Security Council resolutions on the DPRK per year (red: sanctions; blue: Panel of "
        "Experts renewals)",
        transform=mid.transAxes,
        ha="left",
        va="bottom",
        **PANEL_STYLE,
    )
    return top, mid, low


def draw(fig: Figure, result: GapResult, as_of: str) -> GapArtists:
    """The whole chart for ``result`` on ``fig``."""
    top, mid, low = _panels(fig)
    # The launch axis follows the data: stamped, so one static layer serves every range (a
    # layer per axis top cost 8 MB each at the projector resolution).
    yaxis = StampedYAxis(top)
    xaxis = StampedXAxis(low, year_tick_labels)
    grey = {"color": "#B5B5B5", "linewidth": 1.2, "marker": "o", "markersize": 3.5, "zorder": 1}
    artists = GapArtists(
        y_lines=yaxis.artists,
        others=[top.plot([], [], **grey)[0] for _ in range(MAX_OTHERS)],
        ranges=LineCollection([], colors=MAIN, linewidths=1.6, zorder=3),
        line=top.plot([], [], color=MAIN, linewidth=2.4, marker="o", markersize=6, zorder=3)[0],
        bounds=top.scatter([], [], marker="^", s=70, color=MAIN, zorder=4),
        # Bars as two polygon collections: one artist each, cheap to redraw.
        sanction_bars=PolyCollection([], facecolors=SANCTIONS, edgecolors="none", zorder=2),
        renewal_bars=PolyCollection([], facecolors=RENEWALS, edgecolors="none", zorder=2),
        signal_points={
            kind: low.scatter([], [], s=60, zorder=3, **style) for kind, style in LANE_STYLE.items()
        },
        x_ticks=xaxis.ticks,
        spines=[top.spines["bottom"], top.spines["left"]],
        title=fig.text(0.01, 0.955, "", ha="left", va="center", **TITLE_STYLE),
        legend_note=top.text(
            0.01, 0.95, "", transform=top.transAxes, ha="left", va="top", **NOTE_STYLE
        ),
        top_label=top.text(
            0.0, 1.03, "", transform=top.transAxes, ha="left", va="bottom", **PANEL_STYLE
        ),
        gap_note=mid.text(0, 4.9, "", ha="left", va="center", visible=False, **NOTE_STYLE),
        footer=fig.text(0.01, 0.012, "", ha="left", va="bottom", **FOOTER_STYLE),
        empty_note=centre_note(top),
        signal_labels=[
            low.text(0, 0, "", ha="left", va="center", visible=False, **SIGNAL_STYLE)
            for _ in range(MAX_SIGNAL_LABELS)
        ],
        x_labels=xaxis.labels,
        y_labels=yaxis.labels,
        top=top,
        xaxis=xaxis,
        yaxis=yaxis,
        as_of=as_of,
    )
    top.add_collection(artists.ranges, autolim=False)
    mid.add_collection(artists.sanction_bars, autolim=False)
    mid.add_collection(artists.renewal_bars, autolim=False)
    update(artists, result)
    return artists


def headline(result: GapResult) -> str:
    first, last = int(result.years[0]), int(result.years[-1])
    peak = result.peak
    last_year, resolution = result.last_sanctions
    silence = (
        f"no sanctions resolution since {resolution} ({last_year})"
        if last > last_year
        else f"the last sanctions resolution is {resolution}"
    )
    if peak is None:
        return f"{result.label}: no counts for {first}–{last}"
    unit = "launch events" if result.unit == "events" else "missiles"
    return f"Launches peak at {peak[1]} {unit} in {peak[0]}; {silence}"


def alt_text(result: GapResult) -> str:
    known = [
        f"{int(y)}: {int(v)}"
        for y, v in zip(result.years, result.values, strict=True)
        if np.isfinite(v)
    ]
    gaps = [
        str(int(y)) for y, v in zip(result.years, result.values, strict=True) if not np.isfinite(v)
    ]
    res_years = [str(int(y)) for y, n in zip(result.years, result.sanctions, strict=True) if n]
    text = (
        f"Three-panel chart, {int(result.years[0])} to {int(result.years[-1])}. "
        f"{headline(result)}. Top: {result.label} per year"
        f"{' — ' + join_words(known) if known else ''}"
    )
    if gaps:
        text += f"; no count for {join_words(gaps)}"
    text += (
        ". Middle: sanctions resolutions in "
        f"{join_words(res_years) if res_years else 'none of these years'}."
    )
    if result.signals:
        text += " Bottom: " + join_words([s.label for s in result.signals]) + "."
    return text


def _place_signals(
    result: GapResult, left: float, right: float
) -> list[tuple[float, float, str, str]]:
    """Label each signal to the right of its marker, or to the left; skip a label that
    would collide with one already placed in its lane (the table lists them all)."""
    per_char = (right - left) / 115  # about 115 characters span the axes
    pad = 0.012 * (right - left)
    ordered = sorted(result.signals, key=lambda s: s.x)
    markers = [(s.kind, s.x - pad, s.x + pad) for s in ordered]
    labels: list[tuple[str, float, float]] = []
    placed = []
    for i, sig in enumerate(ordered):
        width = len(sig.label) * per_char
        blocked = [(a, b) for j, (k, a, b) in enumerate(markers) if k == sig.kind and j != i]
        blocked += [(a, b) for k, a, b in labels if k == sig.kind]
        for ha, lo, hi in (
            ("left", sig.x + pad, sig.x + pad + width),
            ("right", sig.x - pad - width, sig.x - pad),
        ):
            if lo >= left and hi <= right and all(hi < a or lo > b for a, b in blocked):
                labels.append((sig.kind, lo - pad, hi + pad))
                x = sig.x + (pad if ha == "left" else -pad)
                placed.append((x, LANES[sig.kind], sig.label, ha))
                break
    return placed


def _launches(a: GapArtists, result: GapResult, x: np.ndarray) -> None:
    """The chosen series, the other series, whiskers, lower bounds and the launch axis."""
    a.line.set_data(x, result.values)
    highest = np.nanmax(result.values) if result.covered else 0.0
    for line, (_, values) in zip(a.others, list(result.others.items()), strict=False):
        line.set_data(x, values)
        line.set_visible(True)
        highest = max(highest, float(np.nanmax(values)))
    for line in a.others[len(result.others) :]:
        line.set_visible(False)
    whiskers = [
        [(xi, lo), (xi, hi)]
        for xi, lo, hi in zip(x, result.low, result.high, strict=True)
        if np.isfinite(lo) and np.isfinite(hi)
    ]
    a.ranges.set_segments(whiskers)
    a.bounds.set_offsets(
        np.column_stack([x[result.at_least], result.values[result.at_least]])
        if result.at_least.any()
        else np.empty((0, 2))
    )
    top_limit = nice_top(max(highest, 1.0))
    a.top.set_ylim(0, top_limit)
    a.yaxis.update(top_limit)
    unit = "Launch events" if result.unit == "events" else "Missiles"
    a.top_label.set_text(f"{unit} per year — {result.label}")
    a.legend_note.set_text(
        ("Grey: other series counting " + result.unit + ". " if result.others else "")
        + "A break in a line: no count that year."
    )
    a.empty_note.set_text(f"{result.label}: no counts for these years")
    a.empty_note.set_visible(result.covered == 0)


def _resolutions(
    a: GapArtists, result: GapResult, x: np.ndarray, left: float, right: float
) -> None:
    """Sanctions and renewal bars, and the note on the years since the last sanctions."""
    a.sanction_bars.set_verts(_bars(x, np.zeros_like(x), result.sanctions))
    a.renewal_bars.set_verts(_bars(x, result.sanctions, result.renewals))
    last_year, resolution = result.last_sanctions
    a.gap_note.set_visible(right > last_year + 2)
    note = f"No sanctions resolution after {resolution} (December {last_year})"
    at = max(last_year + 1.1, left + 0.1)
    # Right of the last sanctions year if it fits, else ending at the panel's right edge.
    fits = at + len(note) * (right - left) / 115 <= right  # as in _place_signals
    a.gap_note.set_ha("left" if fits else "right")
    a.gap_note.set_position((at if fits else right - 0.1, 4.9))
    a.gap_note.set_text(note)


def _signals(a: GapArtists, result: GapResult, left: float, right: float) -> None:
    """Signals as markers in their lanes, labelled where a label fits."""
    for kind, points in a.signal_points.items():
        xs = [s.x for s in result.signals if s.kind == kind]
        points.set_offsets(
            np.column_stack([xs, [LANES[kind]] * len(xs)]) if xs else np.empty((0, 2))
        )
    for text in a.signal_labels:
        text.set_visible(False)
    for text, (x, y, label, ha) in zip(
        a.signal_labels, _place_signals(result, left, right), strict=False
    ):
        text.set_ha(ha)
        text.set_position((x, y))
        text.set_text(label)
        text.set_visible(True)


def update(a: GapArtists, result: GapResult) -> None:
    """All three panels, both moving axes (stamped: no static artist depends on them), the
    title and the footer."""
    years = result.years.astype(float)
    left, right = years[0], years[-1] + 1.0
    a.top.set_xlim(left, right)
    x = years + 0.5
    _launches(a, result, x)
    _resolutions(a, result, x, left, right)
    _signals(a, result, left, right)
    a.xaxis.update(left, right)
    a.title.set_text(wrap_words(headline(result), TITLE_CHARS))
    a.footer.set_text(
        footer_text(
            f"{result.label.split(' — ')[0]} (launches); UN Security Council records "
            "(resolutions, vetoes, meetings); see the table",
            a.as_of,
        )
    )


def gap_chart(as_of: str) -> LiveChart[GapResult, GapArtists]:
    """The explorer's chart, the footer dated ``as_of``."""
    return LiveChart(7.2, partial(draw, as_of=as_of), update, headline, alt_text)
