"""The forecast-scoring explorer: change a forecaster's probabilities, watch the scores move.

Pick a forecaster (the briefing, or a shipped demonstration forecaster), move all of its
probabilities towards 50% or away from it, and, to see how calibration would read once
questions resolve, suppose outcomes for the open ones (labelled hypothetical everywhere).
"""

from __future__ import annotations

import dataclasses

import ipywidgets as widgets

from helpers import markup
from helpers.charts.forecasts import ForecastChart
from helpers.charts.style import as_of
from helpers.explorers.base import Axis, ControlSpec, ExplorerSpec, Sweep, data_note
from helpers.explorers.controls import WIDE
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
        "middle of its range (an assumption). Outcomes and base rates are sourced (under "
        "“Sources” below).{} {}",
        hypo,
        data_note("forecasts", "estimative_scale"),
    )


def _forecaster(data: model.ScoreData) -> widgets.Widget:
    return widgets.Dropdown(
        options=list(data.forecasters),
        description="Forecaster:",
        style=WIDE,
        layout=widgets.Layout(width="auto"),
    )


def _sharpen(_data: model.ScoreData) -> widgets.Widget:
    low, high, step = model.SHARPEN
    return widgets.FloatSlider(
        min=low,
        max=high,
        step=step,
        description="Move probabilities from 50% (1 = as stated):",
        style=WIDE,
        layout=widgets.Layout(width="620px"),
        continuous_update=False,
        readout_format=".1f",
    )


def _open_as_options(_data: object = None) -> list[tuple[str, str]]:
    """(label, key) for the open-questions control and its sweep."""
    return [(label, key) for key, label in model.OPEN_AS.items()]


def _open_as(_data: model.ScoreData) -> widgets.Widget:
    return widgets.Dropdown(
        options=_open_as_options(),
        description="Open questions:",
        style=WIDE,
        layout=widgets.Layout(width="auto"),
    )


SWEEP_STEP = 0.5  # a multiple of the slider's step: 5 stops from the model's limits
_LOW, _HIGH, _ = model.SHARPEN
SHARPEN_STOPS = tuple(
    round(_LOW + i * SWEEP_STEP, 6) for i in range(round((_HIGH - _LOW) / SWEEP_STEP) + 1)
)

SPEC: ExplorerSpec = ExplorerSpec(
    name="forecasts",
    title="Forecasts scored: Brier scores and calibration",
    make_presets=model.make_presets,
    load=model.load_score_data,
    compute=model.compute,
    chart=lambda data: ForecastChart(as_of("forecasts"), len(data.forecasts.forecasts)),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    controls=(
        ControlSpec(
            "forecaster",
            _forecaster,
            "Whose probabilities are scored: the briefing's dataset (its own forecasts, all "
            "still open, and the commentary's two implied ones, resolved), or a shipped "
            "demonstration forecaster derived from them (the low or high end of each word's "
            "ICD 203 range; always 50%). The room's own forecasts are gathered below the "
            "explorer.",
        ),
        ControlSpec(
            "sharpen",
            _sharpen,
            "Moves every probability of the chosen forecaster towards 50% (below 1) or away "
            "from it (above 1): 0 turns every forecast into 50%, 2 doubles each one's "
            "distance from 50% (kept within 1%–99%). Bolder forecasts score better when "
            "right and much worse when wrong.",
        ),
        ControlSpec(
            "open_as",
            _open_as,
            "Open questions have no outcome yet and are not scored. To see how the scores "
            "and the calibration chart would move once they resolve, suppose outcomes: as "
            "the forecaster leans (50% or more: yes), all yes or all no. These outcomes are "
            "HYPOTHETICAL and marked so in the chart and the table.",
        ),
    ),
    assumptions=(
        "A probability is a judgment, not a measurement; the Brier score measures it only "
        "against the outcomes, and a handful of questions says little about a forecaster.",
        "The commentary gave words, not numbers: its 'likely' is read as the middle of "
        "ICD 203's range for the word (an assumption), with the end date the briefing chose.",
        f"Calibration is drawn once {model.MIN_RESOLVED} questions are scored; with fewer, "
        "a bin's share of yes is mostly chance.",
    ),
    sources_line=_sources_line,
    sweep=Sweep(
        axes=(
            Axis("open_as", "Open questions", options=_open_as_options),
            Axis(
                "sharpen",
                "Distance from 50% (1 = as stated)",
                values=SHARPEN_STOPS,
                label_of=lambda k: f"{k:.1f}",
                step=f"{SWEEP_STEP:g}",
            ),
        ),
        state=lambda base, open_as, k: dataclasses.replace(base, open_as=open_as, sharpen=k),
        stays="the forecaster",
    ),
)
