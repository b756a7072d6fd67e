"""The backlash risk explorer: likelihood and impact per risk, July 2023 and with hindsight."""

from __future__ import annotations

import dataclasses

import ipywidgets as widgets

from helpers import markup
from helpers.charts.backlash import BacklashChart
from helpers.charts.style import as_of
from helpers.explorers.base import Axis, ControlSpec, ExplorerSpec, Sweep, data_note
from helpers.explorers.controls import RatingTable
from helpers.models import backlash as model

SCALES = (
    "Likelihood: "
    + ", ".join(f"{k} {v}" for k, v in model.LIKELIHOOD.items())
    + ". Impact on South Korea: "
    + ", ".join(f"{k} {v}" for k, v in model.IMPACT.items())
    + "."
)


def _sources_line(result: model.BacklashResult) -> markup.Markup:
    hindsight = (
        " Signposts observed are HINDSIGHT (events after July 2023)."
        if (result.state.show_signposts)
        else ""
    )
    return markup.html(
        "Ratings: {}. {} Signposts and what happened are sourced ({} sources, under "
        "“Sources” below).{} {}",
        result.label,
        SCALES,
        len(result.source_ids),
        hindsight,
        data_note("risks", "signposts"),
    )


def _risks(data: model.BacklashData) -> list[tuple[str, int]]:
    """(label, row) per risk: the rating table's rows and the sweep's choice."""
    return [(f"{i}. {r.risk} ({r.actor})", i - 1) for i, r in enumerate(data.risks.itertuples(), 1)]


def _ratings(data: model.BacklashData) -> widgets.Widget:
    return RatingTable(
        [label for label, _ in _risks(data)],
        description="Your ratings (likelihood, impact):",
        low=min(model.LIKELIHOOD),
        high=max(model.LIKELIHOOD),
    )


SPEC: ExplorerSpec = ExplorerSpec(
    name="backlash",
    title="Backlash risks: Russia, China, North Korea",
    make_presets=model.make_presets,
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
            lambda _data: widgets.Checkbox(
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
    sweep=Sweep(
        axes=(
            Axis("ratings", "Risk", options=_risks, current=lambda state: 0),
            Axis(
                "ratings",
                "Likelihood of that risk",
                values=tuple(model.LIKELIHOOD),
                label_of=lambda v: f"{v} ({model.LIKELIHOOD[v]})",
                step="1",
                current=lambda state: state.ratings[0][0],
            ),
        ),
        state=lambda base, row, likelihood: dataclasses.replace(
            base,
            ratings=tuple(
                (likelihood, impact) if i == row else (lk, impact)
                for i, (lk, impact) in enumerate(base.ratings)
            ),
        ),
        stays="its impact and every other rating",
    ),
)
