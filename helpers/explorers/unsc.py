"""The enforcement-gap explorer: does "launches up, Council silent" hold in every count?"""

from __future__ import annotations

import dataclasses

import ipywidgets as widgets

from helpers import markup
from helpers.charts.style import as_of
from helpers.charts.unsc import GapChart
from helpers.explorers.base import Axis, ControlSpec, ExplorerSpec, Sweep, data_note
from helpers.explorers.controls import WIDE, range_slider
from helpers.models import unsc as model


def _sources_line(result: model.GapResult) -> markup.Markup:
    return markup.html(
        "Sources: {} cited sources for what is shown (listed under “Sources” below): launch "
        "counts from {}; resolutions, vetoes and meetings from UN records and press reports. "
        "<b>{}</b>: {}. {}",
        len(result.source_ids),
        result.label.split(" — ")[0],
        result.label,
        result.definition,
        data_note("launches", "unsc_actions"),
    )


def _series(data: model.GapData) -> widgets.Widget:
    return widgets.Dropdown(
        options=model.series_options(data),
        description="Launch count:",
        style=WIDE,
        layout=widgets.Layout(width="560px"),
    )


def _years(_data: object = None) -> widgets.Widget:
    return range_slider("Years shown:", model.FIRST_YEAR, model.LAST_YEAR, "560px")


def _toggle(text: str) -> widgets.Widget:
    return widgets.Checkbox(
        description=text, indent=False, style=WIDE, layout=widgets.Layout(width="auto")
    )


SPEC: ExplorerSpec = ExplorerSpec(
    name="unsc",
    title="The enforcement gap: launches against Council action",
    make_presets=lambda data: model.PRESETS,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: GapChart(as_of("launches"), model.FIRST_YEAR, model.LAST_YEAR),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    controls=(
        ControlSpec(
            "series",
            _series,
            "Whose count of North Korean launches to draw. “Launch events” count "
            "occasions (several missiles fired together are one event); “missiles” "
            "count each missile. Series also differ on cruise missiles and satellite "
            "launchers; the definition of the chosen series is under the chart.",
        ),
        ControlSpec("years", _years, "The first and last year on the chart."),
        ControlSpec(
            "show_vetoes",
            lambda _data: _toggle("Mark vetoes"),
            "Drafts vetoed by a permanent member: China and Russia in May 2022, "
            "Russia in March 2024.",
        ),
        ControlSpec(
            "show_blocked",
            lambda _data: _toggle("Mark meetings without a product"),
            "Council meetings on North Korea that ended without a resolution or "
            "statement, and blocked statements, where a source documents them.",
        ),
        ControlSpec(
            "show_forums",
            lambda _data: _toggle("Mark other forums"),
            "Statements on North Korea by NATO, the AP4 leaders and the US–Japan–ROK "
            "summit in 2023.",
        ),
        ControlSpec(
            "show_other_series",
            lambda _data: _toggle("Show other series (grey)"),
            "Draw the other series that count the same thing (events or missiles), "
            "to see whether the finding depends on whose count you use. Series are "
            "never added together.",
        ),
    ),
    assumptions=(
        "Each counting series is shown as published; a year a series does not cover is a "
        "gap in its line, not a zero.",
        "Where sources of one series disagree, the whiskers show the range and the line the "
        "figure most often cited; a triangle marks a lower bound ('at least').",
        "The CSIS Beyond Parallel counts are derived from a third-party scrape of its "
        "database, not official CSIS totals.",
        "Counts of Council meetings without a product exist only where a source gives them "
        "(2022, partly 2023): the 'no product' lane is a floor, not a tally.",
        "Years are calendar years; the commentary was written in July 2023, so the 2023 "
        "column includes months it could not see.",
    ),
    sources_line=_sources_line,
    sweep=Sweep(
        axes=(
            Axis("series", "Launch count", options=model.series_options),
            Axis(
                "years",
                "Last year shown",
                # The last decade in 2-year steps, ending on the last year of the data.
                values=tuple(range(model.LAST_YEAR - 10, model.LAST_YEAR + 1, 2)),
                label_of=str,
                step="2 years",
                current=lambda state: state.years[1],
            ),
        ),
        state=lambda base, series, last: dataclasses.replace(
            base, series=series, years=(base.years[0], last)
        ),
        stays="first year shown, the marks and the grey series",
    ),
)
