"""The ACH chart: the rated matrix (left) and each hypothesis' weighted inconsistency (right).

Lower inconsistency = the hypothesis the evidence contradicts least (Heuer). ``draw`` makes
the whole chart (``AchArtists``: what an update changes: cells, bars and their texts),
``update`` moves it to another result (and sets the bars' x-range, which keys the static
layer); ``ach_chart`` is the explorer's chart (``helpers.charts.live``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.charts.live import LiveChart
from helpers.charts.style import (
    FOOTER_STYLE,
    LABEL_PT,
    OKABE_ITO,
    SMALL_PT,
    TITLE_CHARS,
    TITLE_STYLE,
    footer_text,
    join_words,
    nice_top,
    wrap_words,
)
from helpers.models.ach import HYPOTHESES, AchResult

CELL_STYLE = {"fontsize": SMALL_PT, "fontweight": "bold"}
ROW_STYLE = {"fontsize": SMALL_PT}
VALUE_STYLE = {"fontsize": SMALL_PT}
# Blue for consistent, vermillion for inconsistent (Okabe–Ito), light for neutral.
CELL_COLOURS = {
    "CC": "#0072B2",
    "C": "#8CC4E6",
    "N": "#F2F2F2",
    "NA": "#FFFFFF",
    "I": "#F2B48C",
    "II": "#D55E00",
}
TEXT_ON = {"CC": "white", "II": "white"}


def _rect(x0: float, y0: float, w: float, h: float) -> np.ndarray:
    return np.array([(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)])


@dataclass
class AchArtists:
    """What an update changes; every other artist ``draw`` makes is static."""

    cells: PolyCollection
    cell_text: list[Text]
    row_flags: list[Text]
    bars: PolyCollection
    values: list[Text]
    title: Text
    names: dict[str, str]  # hypothesis -> its name, for the title


def _matrix(fig: Figure, evidence_ids: list[str]) -> tuple[PolyCollection, list, list]:
    """The rated matrix: a cell per evidence item and hypothesis, its rating written in it,
    a flag beside each row."""
    n = len(evidence_ids)
    grid = fig.add_axes((0.07, 0.1, 0.42, 0.74))
    grid.set_xlim(0, len(HYPOTHESES))
    grid.set_ylim(n, 0)
    grid.set_xticks(np.arange(len(HYPOTHESES)) + 0.5, HYPOTHESES)
    grid.xaxis.tick_top()
    grid.set_yticks(np.arange(n) + 0.5, evidence_ids, fontsize=SMALL_PT)
    for side in ("top", "right", "bottom", "left"):
        grid.spines[side].set_visible(False)
    cells = PolyCollection(
        [_rect(j + 0.04, i + 0.06, 0.92, 0.88) for i in range(n) for j in range(len(HYPOTHESES))],
        edgecolors="none",
    )
    grid.add_collection(cells, autolim=False)
    cell_text = [
        grid.text(j + 0.5, i + 0.5, "", ha="center", va="center", **CELL_STYLE)
        for i in range(n)
        for j in range(len(HYPOTHESES))
    ]
    row_flags = [
        grid.text(len(HYPOTHESES) + 0.08, i + 0.5, "", ha="left", va="center", **ROW_STYLE)
        for i in range(n)
    ]
    return cells, cell_text, row_flags


def draw(
    fig: Figure, result: AchResult, as_of: str, evidence_ids: list[str], names: dict[str, str]
) -> AchArtists:
    """The whole chart for ``result`` on ``fig``: the matrix, the bars, the key of ``names``."""
    cells, cell_text, row_flags = _matrix(fig, evidence_ids)
    bars = fig.add_axes((0.62, 0.17, 0.35, 0.43))
    bars.set_ylim(len(HYPOTHESES) - 0.5, -0.5)
    bars.set_yticks(range(len(HYPOTHESES)), HYPOTHESES, fontsize=LABEL_PT)
    fig.text(
        0.58,
        0.86,
        "\n".join(f"{h}: {names[h]}" for h in HYPOTHESES),
        fontsize=SMALL_PT,
        va="top",
        ha="left",
        color="#222222",
    )
    bars.set_xlim(0, 4)
    bars.set_xlabel("Weighted inconsistency (lower = stronger)")
    bars.grid(axis="x", color="#E3E3E3")
    bars.set_axisbelow(True)
    fig.text(
        0.01,
        0.012,
        footer_text(
            "the briefing's ACH matrix (ratings are judgments on evidence from its "
            "datasets; see the table)",
            as_of,
        ),
        va="bottom",
        **FOOTER_STYLE,
    )
    artists = AchArtists(
        cells=cells,
        cell_text=cell_text,
        row_flags=row_flags,
        bars=PolyCollection([], edgecolors="none"),
        values=[
            bars.text(0, i, "", va="center", ha="left", **VALUE_STYLE)
            for i in range(len(HYPOTHESES))
        ],
        title=fig.text(0.01, 0.955, "", ha="left", va="center", **TITLE_STYLE),
        names=names,
    )
    bars.add_collection(artists.bars, autolim=False)
    update(artists, result)
    return artists


def update(a: AchArtists, result: AchResult) -> tuple[float, float]:
    """Cells coloured by rating (greyed when left out), bars, title; returns the bars'
    x-range (the static layer's key: its ticks are static)."""
    included = result.state.included
    colours, k = [], 0
    for i, (eid, row) in enumerate(zip(result.evidence_ids, result.state.ratings, strict=True)):
        used = included is None or eid in included
        for rating in row:
            colours.append(CELL_COLOURS[rating] if used else "#FBFBFB")
            t = a.cell_text[k]
            t.set_text(rating)
            t.set_color(TEXT_ON.get(rating, "#222222") if used else "#BBBBBB")
            k += 1
        flag = "left out" if not used else "not diagnostic" if eid in result.non_diagnostic else ""
        a.row_flags[i].set_text(flag)
    a.cells.set_facecolors(colours)
    top = max(result.inconsistency.values())
    a.bars.axes.set_xlim(0, max(4.0, nice_top(top)))
    verts, fills = [], []
    for i, h in enumerate(HYPOTHESES):
        v = result.inconsistency[h]
        verts.append(_rect(0, i - 0.3, v, 0.6))
        fills.append(OKABE_ITO["bluish_green"] if h in result.top else "#B7B7B7")
        a.values[i].set_position((v + 0.05, i))
        a.values[i].set_text(f"{v:.2f}" + ("  ← strongest" if h in result.top else ""))
    a.bars.set_verts(verts)
    a.bars.set_facecolors(fills)
    a.title.set_text(wrap_words(headline(result, a.names), TITLE_CHARS))
    return a.bars.axes.get_xlim()


def headline(result: AchResult, names: dict[str, str]) -> str:
    top = [f"{h} ({names[h].lower()})" for h in result.top]
    if len(top) == 1:
        return f"Least contradicted by the evidence: {top[0]}"
    return f"No single winner: {join_words(result.top)} tie as least contradicted"


def alt_text(result: AchResult, names: dict[str, str]) -> str:
    scores = join_words([f"{h} {result.inconsistency[h]:.2f}" for h in HYPOTHESES])
    text = (
        f"A matrix of {len(result.evidence_ids)} evidence items against four "
        f"hypotheses, and a bar chart of weighted inconsistency: {scores}. "
        f"{headline(result, names)}."
    )
    if result.non_diagnostic:
        text += f" Non-diagnostic: {join_words(list(result.non_diagnostic))}."
    return text


def ach_chart(
    as_of: str, evidence_ids: list[str], names: dict[str, str]
) -> LiveChart[AchResult, AchArtists]:
    """The explorer's chart: a row per evidence item, hypotheses named by ``names``."""
    return LiveChart(
        6.6,
        partial(draw, as_of=as_of, evidence_ids=evidence_ids, names=names),
        update,
        partial(headline, names=names),
        partial(alt_text, names=names),
    )
