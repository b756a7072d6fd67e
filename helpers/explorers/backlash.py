"""The backlash risk explorer: likelihood and impact per risk, July 2023 and with hindsight."""

from __future__ import annotations

import ipywidgets as widgets

from helpers.charts.backlash import BacklashChart
from helpers.charts.style import as_of
from helpers.explorers.base import ControlSpec, ExplorerSpec, data_note
from helpers.explorers.controls import RatingTable
from helpers.models import backlash as model

_DATA = model.load_data()  # small; the presets are read from the register itself
SCALES = (
    "Likelihood: "
    + ", ".join(f"{k} {v}" for k, v in model.LIKELIHOOD.items())
    + ". Impact on South Korea: "
    + ", ".join(f"{k} {v}" for k, v in model.IMPACT.items())
    + "."
)


def _sources_line(result: model.BacklashResult) -> str:
    hindsight = (
        " Signposts observed are HINDSIGHT (events after July 2023)."
        if (result.state.show_signposts)
        else ""
    )
    return (
        f"Ratings: {result.label}. {SCALES} Signposts and what happened are sourced "
        f"({len(result.source_ids)} sources, under “Sources” below).{hindsight} "
        + data_note("risks", "signposts")
    )


def _ratings() -> widgets.Widget:
    labels = [f"{i}. {r.risk} ({r.actor})" for i, r in enumerate(_DATA.risks.itertuples(), start=1)]
    return RatingTable(labels, description="Your ratings (likelihood, impact):")


SPEC: ExplorerSpec = ExplorerSpec(
    name="backlash",
    title="Backlash risks: Russia, China, North Korea",
    presets=model.make_presets(_DATA),
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: BacklashChart(as_of("risks"), list(data.risks["risk"])),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    controls=(
        ControlSpec(
            "ratings",
            _ratings,
            "For each risk the commentary names, how likely it is and how much it "
            "would hurt South Korea, each from 1 to 5. " + SCALES + " The two presets "
            "are the briefing's judgments: as the risks looked in July 2023, and with "
            "2026 hindsight; any other setting is yours.",
        ),
        ControlSpec(
            "show_signposts",
            lambda: widgets.Checkbox(
                description="Show signposts observed since July 2023 (hindsight)",
                indent=False,
                layout=widgets.Layout(width="auto"),
            ),
            "Marks each risk with how many of its signposts have been observed; the "
            "table lists them with dates.",
        ),
    ),
    assumptions=(
        "Likelihood and impact are judgments on the stated scales, not measurements.",
        "‘Not established’ for a signpost means the briefing's sources do not record it, not "
        "that it did not happen.",
        "Impact is impact on South Korea's security and interests.",
    ),
    sources_line=_sources_line,
)
