"""The ACH chart: the rated matrix (left) and each hypothesis' weighted inconsistency (right).

Lower inconsistency = the hypothesis the evidence contradicts least (Heuer). Cells and bars
are updated in place; the matrix labels are stamped texts.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.collections import PolyCollection

from helpers.charts.render import LayeredRenderer
from helpers.charts.style import (
    FOOTER_STYLE,
    LABEL_PT,
    OKABE_ITO,
    RC,
    SMALL_PT,
    TITLE_CHARS,
    TITLE_STYLE,
    footer_text,
    join_words,
    new_figure,
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


class AchChart:
    def __init__(self, as_of: str, evidence_ids: list[str], names: dict[str, str]):
        self.names = names
        n = len(evidence_ids)
        with mpl.rc_context(RC):
            self.fig = fig = new_figure(6.6)
            self.grid = grid = fig.add_axes((0.07, 0.1, 0.42, 0.74))
            grid.set_xlim(0, len(HYPOTHESES))
            grid.set_ylim(n, 0)
            grid.set_xticks(np.arange(len(HYPOTHESES)) + 0.5, HYPOTHESES)
            grid.xaxis.tick_top()
            grid.set_yticks(np.arange(n) + 0.5, evidence_ids, fontsize=SMALL_PT)
            for side in ("top", "right", "bottom", "left"):
                grid.spines[side].set_visible(False)
            self.cells = PolyCollection(
                [
                    _rect(j + 0.04, i + 0.06, 0.92, 0.88)
                    for i in range(n)
                    for j in range(len(HYPOTHESES))
                ],
                edgecolors="none",
            )
            grid.add_collection(self.cells, autolim=False)
            self.cell_text = [
                grid.text(j + 0.5, i + 0.5, "", ha="center", va="center", **CELL_STYLE)
                for i in range(n)
                for j in range(len(HYPOTHESES))
            ]
            self.row_flags = [
                grid.text(len(HYPOTHESES) + 0.08, i + 0.5, "", ha="left", va="center", **ROW_STYLE)
                for i in range(n)
            ]
            self.bars_ax = bars = fig.add_axes((0.62, 0.17, 0.35, 0.43))
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
            self.bars = PolyCollection([], edgecolors="none")
            bars.add_collection(self.bars, autolim=False)
            self.values = [
                bars.text(0, i, "", va="center", ha="left", **VALUE_STYLE)
                for i in range(len(HYPOTHESES))
            ]
            self.title = fig.text(0.01, 0.955, "", ha="left", va="center", **TITLE_STYLE)
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
            texts = {
                self.title: TITLE_STYLE,
                **dict.fromkeys(self.values, VALUE_STYLE),
                **dict.fromkeys(self.row_flags, ROW_STYLE),
            }
            for t in self.cell_text:
                texts[t] = CELL_STYLE
            self.renderer = LayeredRenderer(fig, dynamic=[self.cells, self.bars], texts=texts)

    def headline(self, result: AchResult) -> str:
        top = [f"{h} ({self.names[h].lower()})" for h in result.top]
        if len(top) == 1:
            return f"Least contradicted by the evidence: {top[0]}"
        return f"No single winner: {join_words(result.top)} tie as least contradicted"

    def alt_text(self, result: AchResult) -> str:
        scores = join_words([f"{h} {result.inconsistency[h]:.2f}" for h in HYPOTHESES])
        text = (
            f"A matrix of {len(result.evidence_ids)} evidence items against four "
            f"hypotheses, and a bar chart of weighted inconsistency: {scores}. "
            f"{self.headline(result)}."
        )
        if result.non_diagnostic:
            text += f" Non-diagnostic: {join_words(list(result.non_diagnostic))}."
        return text

    def render(self, result: AchResult) -> bytes:
        included = result.state.included
        colours, k = [], 0
        for i, (eid, row) in enumerate(zip(result.evidence_ids, result.state.ratings, strict=True)):
            used = included is None or eid in included
            for rating in row:
                colours.append(CELL_COLOURS[rating] if used else "#FBFBFB")
                t = self.cell_text[k]
                t.set_text(rating)
                t.set_color(TEXT_ON.get(rating, "#222222") if used else "#BBBBBB")
                k += 1
            flag = (
                "left out" if not used else "not diagnostic" if eid in result.non_diagnostic else ""
            )
            self.row_flags[i].set_text(flag)
        self.cells.set_facecolors(colours)
        top = max(result.inconsistency.values())
        self.bars_ax.set_xlim(0, max(4.0, nice_top(top)))
        verts, fills = [], []
        for i, h in enumerate(HYPOTHESES):
            v = result.inconsistency[h]
            verts.append(_rect(0, i - 0.3, v, 0.6))
            fills.append(OKABE_ITO["bluish_green"] if h in result.top else "#B7B7B7")
            self.values[i].set_position((v + 0.05, i))
            self.values[i].set_text(f"{v:.2f}" + ("  ← strongest" if h in result.top else ""))
        self.bars.set_verts(verts)
        self.bars.set_facecolors(fills)
        self.title.set_text(wrap_words(self.headline(result), TITLE_CHARS))
        return self.renderer.png(static_key=self.bars_ax.get_xlim())
