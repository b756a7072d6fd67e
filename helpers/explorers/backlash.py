"""The backlash risk explorer: likelihood and impact per risk, July 2023 and with hindsight."""

from __future__ import annotations

import dataclasses

from helpers import markup
from helpers.charts.backlash import backlash_chart
from helpers.charts.style import as_of
from helpers.explorers.sources_line import data_note
from helpers.explorers.spec import Axis, ExplorerSpec
from helpers.models import backlash as model


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
        model.SCALES,
        len(result.source_ids),
        hindsight,
        data_note("risks", "signposts"),
    )


def _risks(data: model.BacklashData) -> list[tuple[str, int]]:
    """(label, row) per risk: the sweep's choice of which risk's likelihood moves."""
    return [(label, i) for i, label in enumerate(model.risk_labels(data))]


SPEC: ExplorerSpec = ExplorerSpec(
    name="backlash",
    title="Backlash risks: Russia, China, North Korea",
    make_presets=model.make_presets,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: backlash_chart(as_of("risks"), list(data.risks["risk"])),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    declared=lambda: model.CONTROLS,
    assumptions=(
        "Likelihood and impact are judgments on the stated scales, not measurements.",
        "‘Not established’ for a signpost means the briefing's sources do not record it, not "
        "that it did not happen.",
        "Impact is impact on South Korea's security and interests.",
    ),
    sources_line=_sources_line,
    sweep_axes=(
        Axis("ratings", "Risk", options=_risks, current=lambda state: 0),
        Axis(
            "ratings",
            "Likelihood of that risk",
            values=model.RATINGS.scale,
            label_of=lambda v: f"{v} ({model.LIKELIHOOD[v]})",
            step="1",
            current=lambda state: state.ratings[0][0],
        ),
    ),
    sweep_state=lambda base, row, likelihood: dataclasses.replace(
        base,
        ratings=tuple(
            (likelihood, impact) if i == row else (lk, impact)
            for i, (lk, impact) in enumerate(base.ratings)
        ),
    ),
    sweep_stays="its impact and every other rating",
    static_also=("With 2026 hindsight",),
)
