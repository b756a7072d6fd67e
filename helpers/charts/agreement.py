"""The class-agreement chart: the ACH matrix as the seminar rated it, cell by cell.

Each cell shows the most common rating and the share of participants who gave it, coloured
like the briefing's ACH matrix (blue consistent, vermillion inconsistent). A cell the class
is *split* on -- some consistent, some inconsistent -- is hatched, outlined in black and
labelled "SPLIT", so it reads without colour (greyscale print-outs, colour-blind readers).

``draw_agreement(ax, result)`` draws into axes the caller made (``fig, ax =
plt.subplots()`` in a notebook); ``render_png(result)`` makes its own figure without
pyplot (so a widget's chart never shows up twice) and returns PNG bytes.
"""

from __future__ import annotations

import textwrap

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from helpers.charts.ach import CELL_COLOURS, TEXT_ON
from helpers.charts.style import (
    FOOTER_STYLE,
    NOTE_STYLE,
    OKABE_ITO,
    RC,
    SMALL_PT,
    TITLE_CHARS,
    TITLE_STYLE,
    as_of,
    footer_text,
    join_words,
    new_figure,
    png_bytes,
    wrap_words,
)
from helpers.models.agreement import AgreementResult, Cell

TIE_COLOUR = "#E3E3E3"  # no single modal rating: no rating's colour
SPLIT_EDGE = OKABE_ITO["black"]
SPLIT_HATCH = "///"
CELL_STYLE = {"fontsize": SMALL_PT, "fontweight": "bold"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def headline(result: AgreementResult) -> str:
    """The chart's title: the finding, not the topic."""
    n = len(result.participants)
    if n == 1:
        return "One participant so far: agreement needs at least two"
    splits = len(result.split_cells)
    cells = len(result.cells)
    first = (
        f"The {n} participants split on direction in {splits} of {cells} cells"
        if splits
        else f"The {n} participants never split on direction ({cells} cells)"
    )
    if result.top_differs:
        return first + ", and differ on the least contradicted hypothesis"
    return first + f"; all find {' and '.join(result.scores[0].top)} least contradicted"


def _cell_label(cell: Cell) -> str:
    text = f"{cell.mode} {cell.share:.0%}"
    return f"{text}\nSPLIT" if cell.split else text


def key_text(result: AgreementResult) -> str:
    """The legend beside the matrix, and who finds which hypothesis least contradicted."""
    tops = "\n".join(
        f"  {top}: {_plural(k, 'participant')}" for top, k in result.top_counts().items()
    )
    differ = sum(c.differs_from_briefing for c in result.cells)
    return (
        "Each cell: the most common rating and\n"
        "the share of participants who gave it\n"
        "(CC very consistent … II very inconsistent;\n"
        "'C/I': a tie).\n\n"
        "Hatched, outlined, 'SPLIT': some rated\n"
        "the item consistent (C, CC), others\n"
        "inconsistent (I, II).\n\n"
        f"The class's most common rating differs\n"
        f"from the briefing's in {_plural(differ, 'cell')}.\n\n"
        "Least contradicted (weighted\n"
        "inconsistency, as in the ACH explorer):\n" + tops
    )


def draw_agreement(ax: Axes, result: AgreementResult) -> None:
    """Draw the agreement matrix into ``ax`` (evidence rows × hypothesis columns)."""
    hyps, ids = result.hypotheses, result.evidence_ids
    _draw_grid(ax, result)
    for cell in result.cells:
        _draw_cell(ax, cell, ids.index(cell.evidence_id), hyps.index(cell.hypothesis))
    _draw_words(ax, result)


def _draw_grid(ax: Axes, result: AgreementResult) -> None:
    """The matrix's frame: hypotheses named across the top, evidence ids down the side."""
    hyps, ids = result.hypotheses, result.evidence_ids
    ax.set_xlim(0, len(hyps))
    ax.set_ylim(len(ids), 0)
    ax.set_xticks(
        [j + 0.5 for j in range(len(hyps))],
        [
            f"{h}\n" + textwrap.fill(result.names.get(h, ""), 18, break_long_words=False)
            for h in hyps
        ],
        fontsize=SMALL_PT,
    )
    ax.xaxis.tick_top()
    ax.set_yticks([i + 0.5 for i in range(len(ids))], ids, fontsize=SMALL_PT)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)


def _draw_cell(ax: Axes, cell: Cell, i: int, j: int) -> None:
    """One cell at row ``i``, column ``j``: a split is hatched, outlined and labelled, so it
    reads without colour."""
    single = len(cell.modes) == 1
    fill = CELL_COLOURS[cell.modes[0]] if single else TIE_COLOUR
    ax.add_patch(Rectangle((j + 0.04, i + 0.06), 0.92, 0.88, facecolor=fill, lw=0))
    if cell.split:
        ax.add_patch(
            Rectangle(
                (j + 0.04, i + 0.06),
                0.92,
                0.88,
                facecolor="none",
                edgecolor=SPLIT_EDGE,
                hatch=SPLIT_HATCH,
                lw=2.2,
            )
        )
    on_dark = single and cell.modes[0] in TEXT_ON
    ax.text(
        j + 0.5,
        i + 0.5,
        _cell_label(cell),
        ha="center",
        va="center",
        color="#222222" if cell.split or not on_dark else TEXT_ON[cell.modes[0]],
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5} if cell.split else None,
        linespacing=1.0,
        **CELL_STYLE,
    )


def _draw_words(ax: Axes, result: AgreementResult) -> None:
    """The finding as the title, the key beside the matrix and the source line below it."""
    left, right = ax.get_position().x0, ax.get_position().x1
    ax.set_title(
        wrap_words(headline(result), TITLE_CHARS),
        loc="left",
        x=(0.01 - left) / (right - left),  # from the figure's left edge, not the axes'
        pad=72,
        **TITLE_STYLE,
    )
    ax.text(1.04, 1.0, key_text(result), transform=ax.transAxes, va="top", ha="left", **NOTE_STYLE)
    ax.figure.text(
        0.01,
        0.012,
        footer_text(
            f"ratings by {_plural(len(result.participants), 'participant')} of the "
            "briefing's ACH matrix (evidence from its datasets; see the table)",
            as_of("ach_evidence"),
        ),
        va="bottom",
        **FOOTER_STYLE,
    )


def figure(result: AgreementResult) -> Figure:
    """The chart in a figure of its own (no pyplot), at the designed width."""
    with mpl.rc_context(RC):
        fig = new_figure(7.8)
        ax = fig.subplots()
        fig.subplots_adjust(left=0.06, right=0.60, top=0.75, bottom=0.1)
        draw_agreement(ax, result)
    return fig


def render_png(result: AgreementResult) -> bytes:
    """The chart as PNG bytes."""
    return png_bytes(figure(result))


def alt_text(result: AgreementResult) -> str:
    """What the chart shows, for readers who cannot see it."""
    n = len(result.participants)
    text = (
        f"A matrix of {len(result.evidence_ids)} evidence items against "
        f"{len(result.hypotheses)} hypotheses, showing in each cell the most common rating "
        f"among {_plural(n, 'participant')} and the share who gave it. {headline(result)}."
    )
    splits = [f"{c.evidence_id} against {c.hypothesis}" for c in result.split_cells]
    if splits:
        text += f" Split cells: {join_words(splits)}."
    tops = "; ".join(
        f"{top} for {_plural(k, 'participant')}" for top, k in result.top_counts().items()
    )
    return text + f" Least contradicted hypothesis: {tops}."
