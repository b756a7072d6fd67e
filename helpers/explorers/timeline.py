"""The timeline explorer: what the commentary could see in July 2023, and what came after."""

from __future__ import annotations

import dataclasses

from helpers import markup
from helpers.charts.style import as_of
from helpers.charts.timeline import timeline_chart
from helpers.data import load
from helpers.explorers.sources_line import data_note
from helpers.explorers.spec import Axis, ExplorerSpec
from helpers.models import timeline as model


def _sources_line(result: model.TimelineResult) -> markup.Markup:
    ev = result.events
    status = ev["status"].value_counts()
    partly = int(status.get("PARTLY", 0)) + int(status.get("UNVERIFIED", 0))
    return markup.html(
        "Sources: {} cited press releases, communiqués and news reports for the {} events "
        "shown (listed under “Sources” below). {} verified, {} only partly verified. {}",
        len(result.source_ids),
        len(ev),
        len(ev) - partly,
        partly,
        data_note("timeline"),
    )


SPEC: ExplorerSpec = ExplorerSpec(
    name="timeline",
    title="Timeline: from Madrid (2022) to The Hague (2025)",
    make_presets=lambda data: model.PRESETS,
    load=lambda: load("timeline"),
    compute=model.compute,
    chart=lambda events: timeline_chart(events, as_of("timeline")),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    declared=lambda: model.CONTROLS,
    assumptions=(
        model.ARTICLE_HORIZON_ASSUMPTION,
        "The timeline is a selection of events that bear on the commentary's three "
        "explanations and its backlash warning, not a complete record.",
        "An event dated to a month only (North Korean troops in Russia) is drawn on the first "
        "of that month.",
    ),
    sources_line=_sources_line,
    sweep_axes=(
        Axis("period"),
        Axis("months", "Last month shown", current=lambda state: state.months[1]),
    ),
    sweep_state=lambda base, period, last: dataclasses.replace(
        base, period=period, months=(base.months[0], last)
    ),
    sweep_stays="first month shown, the kinds of event and the verified filter",
    static_also=("With hindsight (to 2026)",),
)
