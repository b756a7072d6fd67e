"""The ACH explorer: rate the evidence yourself and see which explanation survives."""

from __future__ import annotations

import dataclasses
import textwrap

from helpers import markup
from helpers.charts.ach import ach_chart
from helpers.charts.style import as_of, join_words
from helpers.explorers.sources_line import data_note
from helpers.explorers.spec import Axis, ExplorerSpec
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


SPEC: ExplorerSpec = ExplorerSpec(
    name="ach",
    title="Weighing the explanations: an analysis of competing hypotheses",
    make_presets=model.make_presets,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: ach_chart(
        as_of("ach_evidence"), list(data.evidence["evidence_id"]), _names(data)
    ),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    declared=lambda: model.CONTROLS,
    assumptions=(
        "Heuer's scoring: a hypothesis is judged by the evidence against it; consistent "
        "evidence does not add up in its favour, because it often fits several hypotheses.",
        "The hypotheses are not exclusive: a tie means the evidence does not choose between "
        "them, not that each is a third of the story.",
        "The presets are judgments: the briefing's own ratings, and two alternative readings "
        "(ach_readings) that change only the items they list.",
    ),
    sources_line=_sources_line,
    sweep_axes=(Axis("included", "Evidence left out", options=_left_out),),
    sweep_state=lambda base, included: dataclasses.replace(base, included=included),
    sweep_stays="the ratings and the weights",
)
