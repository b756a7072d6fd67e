"""The race-to-fourth explorer: is "fourth by 2027" within reach?"""

from __future__ import annotations

import dataclasses

from helpers import markup
from helpers.charts.race import race_chart
from helpers.charts.style import as_of
from helpers.explorers.sources_line import data_note
from helpers.explorers.spec import Axis, ExplorerSpec
from helpers.models import race as model


def _sources_line(result: model.RaceResult) -> markup.Markup:
    return markup.html(
        "Sources: SIPRI's {window} shares as reported ({n} cited reports, listed under "
        "“Sources” below); the goal from Yonhap and the National Assembly Budget Office. To "
        "reach a {share:g}% share South Korea's deliveries would need to grow about "
        "{growth:+.0f}% on {window}, others at their central growth. {note}",
        window=model.BASE_WINDOW,
        n=len(result.source_ids),
        share=result.goal_share,
        growth=result.growth_for_goal_share,
        note=data_note("sipri_exporters"),
    )


SPEC: ExplorerSpec = ExplorerSpec(
    name="race",
    title="Race to fourth: projected shares of arms deliveries, 2023–27",
    make_presets=model.make_presets,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: race_chart(as_of("sipri_exporters"), len(data.base) - 1),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    declared=lambda: model.CONTROLS,
    assumptions=(
        "Deliveries in SIPRI trend-indicator values (TIV), a volume index, not money: contract "
        "values ($17.3bn in 2022 and so on) are a different measure and never enter this model.",
        *model.IGNORED,
        "The presets are judgments: “SIPRI trend” continues the growth SIPRI reported; "
        "“Polish deliveries on schedule” assumes the K2/K9/Chunmoo contracts roughly double "
        "South Korea's volume; “The government's target” sets the growth that gives about a 5% "
        "share.",
    ),
    sources_line=_sources_line,
    sweep_axes=(Axis("korea_growth"),),
    sweep_state=lambda base, g: dataclasses.replace(base, korea_growth=(g, g)),
    sweep_stays="one value, low = high; rivals and Russia",
)
