"""The ACH explorer: rate the evidence yourself and see which explanation survives."""

from __future__ import annotations

import dataclasses
import textwrap

import ipywidgets as widgets

from helpers import markup
from helpers.charts.ach import AchChart
from helpers.charts.style import as_of, join_words
from helpers.explorers.base import Axis, ControlSpec, ExplorerSpec, Sweep, data_note
from helpers.explorers.controls import WIDE, CheckboxGroup, RatingMatrix
from helpers.models import ach as model


def _names(data: model.AchData) -> dict[str, str]:
    return dict(zip(data.hypotheses["hypothesis_id"], data.hypotheses["name"], strict=True))


def _sources_line(result: model.AchResult) -> markup.Markup:
    sensitive = join_words(list(result.sensitive)) or "none"
    nondiag = join_words(list(result.non_diagnostic)) or "none"
    return markup.html(
        "<b>Sensitivity</b>: removing or flipping any one of {} would change which hypothesis "
        "is least contradicted. <b>Not diagnostic</b> (rated alike for every hypothesis): {}. "
        "Hypotheses: {}. Evidence from the briefing's datasets, {} sources (under “Sources”). "
        "Ratings are judgments. {}",
        sensitive,
        nondiag,
        "; ".join(f"{h} {result.names[h]}" for h in model.HYPOTHESES),
        len(result.source_ids),
        data_note("ach_evidence", "ach_readings"),
    )


def _matrix(data: model.AchData) -> widgets.Widget:
    rows = [  # cut between words, never inside one (the label wraps onto two lines)
        textwrap.shorten(f"{r.evidence_id} {r.evidence}", 96, placeholder=" …")
        for r in data.evidence.itertuples()
    ]
    return RatingMatrix(
        rows,
        model.HYPOTHESES,
        model.SCALE,
        description="Ratings (CC very consistent … II very inconsistent):",
    )


def _included(data: model.AchData) -> widgets.Widget:
    return CheckboxGroup(
        [(eid, eid) for eid in data.evidence["evidence_id"]], description="Evidence used:"
    )


def _left_out(data: model.AchData) -> list[tuple[str, tuple[str, ...]]]:
    """The evidence used with each item left out in turn (the sensitivity question: does
    the strongest hypothesis rest on one item?), after every item used."""
    every = tuple(data.evidence["evidence_id"])
    return [("None: every item used", every)] + [
        (
            textwrap.shorten(f"{r.evidence_id} left out: {r.evidence}", 80, placeholder=" …"),
            tuple(e for e in every if e != r.evidence_id),
        )
        for r in data.evidence.itertuples()
    ]


def _weight(label: str) -> widgets.Widget:
    low, high = model.WEIGHT_LIMITS
    return widgets.FloatSlider(
        min=low,
        max=high,
        step=model.WEIGHT_STEP,
        description=label,
        style=WIDE,
        layout=widgets.Layout(width="420px"),
    )


SPEC: ExplorerSpec = ExplorerSpec(
    name="ach",
    title="Weighing the explanations: an analysis of competing hypotheses",
    make_presets=model.make_presets,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: AchChart(
        as_of("ach_evidence"), list(data.evidence["evidence_id"]), _names(data)
    ),
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
            lambda _data: _weight("Weight: primary sources"),
            "How much an item from a primary source (the body that acted) counts.",
        ),
        ControlSpec(
            "weight_secondary",
            lambda _data: _weight("Weight: secondary sources"),
            "How much an item from press reporting counts.",
        ),
        ControlSpec(
            "weight_estimate",
            lambda _data: _weight("Weight: estimates"),
            "How much an estimate (an official's figure, the briefing's mapping) counts.",
        ),
        ControlSpec(
            "weight_unverified",
            lambda _data: _weight("Weight: unverified"),
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
    sweep=Sweep(
        axes=(Axis("included", "Evidence left out", options=_left_out),),
        state=lambda base, included: dataclasses.replace(base, included=included),
        stays="the ratings and the weights",
    ),
)
