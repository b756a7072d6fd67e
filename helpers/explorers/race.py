"""The race-to-fourth explorer: is "fourth by 2027" within reach?"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import ipywidgets as widgets

from helpers import markup
from helpers.charts.race import RaceChart
from helpers.charts.style import as_of
from helpers.explorers.base import Axis, ControlSpec, ExplorerSpec, Sweep, data_note
from helpers.explorers.controls import range_slider
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


def _growth(field: str, description: str) -> Callable[[object], widgets.Widget]:
    """A growth slider over the range the model declares for ``field``."""
    low, high = model.GROWTH_LIMITS[field]
    return lambda _data: range_slider(description, low, high)


GROWTH_LOW, GROWTH_HIGH = model.GROWTH_LIMITS["korea_growth"]

SPEC: ExplorerSpec = ExplorerSpec(
    name="race",
    title="Race to fourth: projected shares of arms deliveries, 2023–27",
    make_presets=lambda data: model.PRESETS,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: RaceChart(as_of("sipri_exporters"), len(data.base) - 1),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    controls=(
        ControlSpec(
            "korea_growth",
            _growth("korea_growth", "South Korea's delivery growth (%):"),
            f"How much more (or less) South Korea delivers in 2023–27 than in {model.BASE_WINDOW}. "
            "SIPRI reported +12% for 2019–23 and +24% for 2021–25 on the previous "
            "windows.",
        ),
        ControlSpec(
            "rivals_growth",
            _growth("rivals_growth", "Rivals around 4th place (%):"),
            "Growth for China, Germany, Italy, the UK, Israel and Spain together. SIPRI "
            "reported Italy +86% (2019–23) and +157% (2021–25).",
        ),
        ControlSpec(
            "russia_growth",
            _growth("russia_growth", "Russia's delivery growth (%):"),
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
    sweep=Sweep(
        axes=(
            Axis(
                "korea_growth",
                "South Korea's delivery growth",
                values=tuple(range(GROWTH_LOW, GROWTH_HIGH + 1, 10)),  # 10-point step, full range
                unit="%",
            ),
        ),
        state=lambda base, g: dataclasses.replace(base, korea_growth=(g, g)),
        stays="one value, low = high; rivals and Russia",
    ),
)
