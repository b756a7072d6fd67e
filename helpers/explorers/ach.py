"""The ACH explorer: rate the evidence yourself and see which explanation survives."""

from __future__ import annotations

import html
import textwrap

import ipywidgets as widgets

from helpers.charts.ach import AchChart
from helpers.charts.style import as_of, join_words
from helpers.explorers.base import ControlSpec, ExplorerSpec, data_note
from helpers.explorers.controls import WIDE, CheckboxGroup, RatingMatrix
from helpers.models import ach as model

_DATA = model.load_data()  # small; presets and control labels come from the datasets
NAMES = dict(zip(_DATA.hypotheses["hypothesis_id"], _DATA.hypotheses["name"], strict=True))


def _sources_line(result: model.AchResult) -> str:
    sensitive = join_words(list(result.sensitive)) or "none"
    nondiag = join_words(list(result.non_diagnostic)) or "none"
    hyps = "; ".join(f"{h} {html.escape(NAMES[h])}" for h in model.HYPOTHESES)
    return (
        f"<b>Sensitivity</b>: removing or flipping any one of {html.escape(sensitive)} would "
        f"change which hypothesis is least contradicted. <b>Not diagnostic</b> (rated alike "
        f"for every hypothesis): {html.escape(nondiag)}. Hypotheses: {hyps}. Evidence from "
        f"the briefing's datasets, {len(result.source_ids)} sources (under “Sources”). Ratings "
        "are judgments. " + data_note("ach_evidence", "ach_readings")
    )


def _matrix() -> widgets.Widget:
    rows = [  # cut between words, never inside one (the label wraps onto two lines)
        textwrap.shorten(f"{r.evidence_id} {r.evidence}", 96, placeholder=" …")
        for r in _DATA.evidence.itertuples()
    ]
    return RatingMatrix(
        rows,
        model.HYPOTHESES,
        model.SCALE,
        description="Ratings (CC very consistent … II very inconsistent):",
    )


def _included() -> widgets.Widget:
    return CheckboxGroup(
        [(eid, eid) for eid in _DATA.evidence["evidence_id"]], description="Evidence used:"
    )


def _weight(label: str) -> widgets.Widget:
    return widgets.FloatSlider(
        min=0,
        max=1,
        step=0.05,
        description=label,
        style=WIDE,
        layout=widgets.Layout(width="420px"),
    )


SPEC: ExplorerSpec = ExplorerSpec(
    name="ach",
    title="Weighing the explanations: an analysis of competing hypotheses",
    presets=model.make_presets(_DATA),
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: AchChart(as_of("ach_evidence"), list(data.evidence["evidence_id"]), NAMES),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    controls=(
        ControlSpec(
            "ratings",
            _matrix,
            "How consistent each evidence item is with each hypothesis: CC very "
            "consistent, C consistent, N neutral, I inconsistent, II very inconsistent, "
            "NA not applicable. Only I and II count against a hypothesis (1 and 2).",
        ),
        ControlSpec(
            "included",
            _included,
            "Untick an item to leave it out and see whether the result depends on it.",
        ),
        ControlSpec(
            "weight_primary",
            lambda: _weight("Weight: primary sources"),
            "How much an item from a primary source (the body that acted) counts.",
        ),
        ControlSpec(
            "weight_secondary",
            lambda: _weight("Weight: secondary sources"),
            "How much an item from press reporting counts.",
        ),
        ControlSpec(
            "weight_estimate",
            lambda: _weight("Weight: estimates"),
            "How much an estimate (an official's figure, the briefing's mapping) counts.",
        ),
        ControlSpec(
            "weight_unverified",
            lambda: _weight("Weight: unverified"),
            "How much an unverified item counts.",
        ),
    ),
    assumptions=(
        "Heuer's scoring: a hypothesis is judged by the evidence against it; consistent "
        "evidence does not add up in its favour, because it often fits several hypotheses.",
        "The hypotheses are not exclusive: a tie means the evidence does not choose between "
        "them, not that each is a third of the story.",
        "The presets are judgments: the briefing's own ratings, and two alternative readings "
        "(ach_readings) that change only the items they list.",
    ),
    sources_line=_sources_line,
)
