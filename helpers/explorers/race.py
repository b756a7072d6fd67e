"""The race-to-fourth explorer: is "fourth by 2027" within reach?"""

from __future__ import annotations

from helpers.charts.race import RaceChart
from helpers.charts.style import as_of
from helpers.explorers.base import ControlSpec, ExplorerSpec, data_note
from helpers.explorers.controls import range_slider
from helpers.models import race as model


def _sources_line(result: model.RaceResult) -> str:
    return (
        f"Sources: SIPRI's {model.BASE_WINDOW} shares as reported ({len(result.source_ids)} "
        "cited reports, listed under “Sources” below); the goal from Yonhap and the National "
        f"Assembly Budget Office. To reach a {result.goal_share:g}% share South Korea's "
        f"deliveries would need to grow about {result.growth_for_goal_share:+.0f}% on "
        f"{model.BASE_WINDOW}, others at their central growth. " + data_note("sipri_exporters")
    )


SPEC: ExplorerSpec = ExplorerSpec(
    name="race",
    title="Race to fourth: projected shares of arms deliveries, 2023–27",
    presets=model.PRESETS,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: RaceChart(as_of("sipri_exporters"), len(data.base) - 1),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    controls=(
        ControlSpec(
            "korea_growth",
            lambda: range_slider("South Korea's delivery growth (%):", -50, 300),
            f"How much more (or less) South Korea delivers in 2023–27 than in {model.BASE_WINDOW}. "
            "SIPRI reported +12% for 2019–23 and +24% for 2021–25 on the previous "
            "windows.",
        ),
        ControlSpec(
            "rivals_growth",
            lambda: range_slider("Rivals around 4th place (%):", -50, 300),
            "Growth for China, Germany, Italy, the UK, Israel and Spain together. SIPRI "
            "reported Italy +86% (2019–23) and +157% (2021–25).",
        ),
        ControlSpec(
            "russia_growth",
            lambda: range_slider("Russia's delivery growth (%):", -100, 100),
            "Russia's deliveries fell 64% in 2021–25 against 2016–20 (SIPRI).",
        ),
    ),
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
)
