"""The enforcement-gap explorer: does "launches up, Council silent" hold in every count?"""

from __future__ import annotations

import dataclasses

from helpers import markup
from helpers.charts.style import as_of
from helpers.charts.unsc import gap_chart
from helpers.explorers.sources_line import data_note
from helpers.explorers.spec import Axis, ExplorerSpec
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


SPEC: ExplorerSpec = ExplorerSpec(
    name="unsc",
    title="The enforcement gap: launches against Council action",
    make_presets=lambda data: model.PRESETS,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: gap_chart(as_of("launches")),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    declared=lambda: model.CONTROLS,
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
    sweep_axes=(
        Axis("series"),
        Axis("years", "Last year shown", current=lambda state: state.years[1]),
    ),
    sweep_state=lambda base, series, last: dataclasses.replace(
        base, series=series, years=(base.years[0], last)
    ),
    sweep_stays="first year shown, the marks and the grey series",
)
