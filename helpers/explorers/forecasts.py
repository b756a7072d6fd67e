"""The forecast-scoring explorer: change a forecaster's probabilities, watch the scores move.

Pick a forecaster (the briefing, or a shipped demonstration forecaster), move all of its
probabilities towards 50% or away from it, and, to see how calibration would read once
questions resolve, suppose outcomes for the open ones (labelled hypothetical everywhere).
"""

from __future__ import annotations

import dataclasses

from helpers import markup
from helpers.charts.forecasts import forecast_chart
from helpers.charts.style import as_of
from helpers.explorers.sources_line import data_note
from helpers.explorers.spec import Axis, ExplorerSpec
from helpers.models import forecasts as model


def _sources_line(result: model.ScoreResult) -> markup.Markup:
    hypo = (
        f" {result.n_hypothetical} outcomes are HYPOTHETICAL (open questions scored as if "
        "resolved): a what-if, not a record."
        if result.n_hypothetical
        else ""
    )
    return markup.html(
        "Probabilities are judgments: the briefing's, stated on 28 November 2026 in ICD 203's "
        "words; the two resolved questions carry the commentary's word 'likely' read at the "
        "middle of its range (an assumption). {} Outcomes and base rates are sourced (under "
        "“Sources” below).{} {}",
        result.hindsight,
        hypo,
        data_note("forecasts", "estimative_scale"),
    )


SPEC: ExplorerSpec = ExplorerSpec(
    name="forecasts",
    title="Forecasts scored: Brier scores and calibration",
    make_presets=model.make_presets,
    load=model.load_score_data,
    compute=model.compute,
    chart=lambda data: forecast_chart(as_of("forecasts"), len(data.forecasts.forecasts)),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    declared=lambda: model.CONTROLS,
    assumptions=(
        "A probability is a judgment, not a measurement; the Brier score measures it only "
        "against the outcomes, and a handful of questions says little about a forecaster.",
        "The commentary gave words, not numbers: its 'likely' is read as the middle of "
        "ICD 203's range for the word (an assumption), with the end date the briefing chose.",
        f"Calibration is drawn once {model.MIN_RESOLVED} questions are scored; with fewer, "
        "a bin's share of yes is mostly chance.",
    ),
    sources_line=_sources_line,
    sweep_axes=(
        Axis("open_as"),
        Axis("sharpen", "Distance from 50% (1 = as stated)"),
    ),
    sweep_state=lambda base, open_as, k: dataclasses.replace(base, open_as=open_as, sharpen=k),
    sweep_stays="the forecaster",
)
