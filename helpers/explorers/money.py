"""The follow-the-money explorer: what allied cyber cooperation could take out of
Pyongyang's weapons budget, as a range, with every assumption beside it."""

from __future__ import annotations

import dataclasses

from helpers import markup
from helpers.charts.money import money_chart
from helpers.charts.style import as_of
from helpers.explorers.sources_line import data_note
from helpers.explorers.spec import Axis, ExplorerSpec
from helpers.models import money as model


def _sources_line(result: model.MoneyResult) -> markup.Markup:
    return markup.html(
        "<div class='explorer-assumptions'><b>Assumptions behind this result</b>{}</div>"
        "Sources: {} cited reports (listed under "
        "“Sources” below): {}'s figures as reported, and the published estimates with their "
        "owners. {}",
        markup.items(model.assumptions_text(result.state), ordered=False),
        len(result.source_ids),
        result.state.source,
        data_note("crypto_theft", "funding_estimates"),
    )


SPEC: ExplorerSpec = ExplorerSpec(
    name="money",
    title="Follow the money: what cyber cooperation could deny",
    make_presets=lambda data: model.PRESETS,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: money_chart(as_of("crypto_theft")),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    declared=lambda: model.CONTROLS,
    assumptions=(
        "Funds denied = theft × (1 − laundering loss) × share reaching weapons × share "
        "prevented. Each share is a low–high range; the low result combines every low "
        "input with the highest loss, the high result the opposite; the central result uses "
        "the middle of each range.",
        "Theft figures are in US dollars at the time of the theft; crypto prices move, so "
        "what the regime finally realises may differ.",
        "The presets are the briefing's judgments, not data: “The US estimates” spans the two "
        "US official statements; “Sceptical” and “Optimistic” bracket them.",
    ),
    sources_line=_sources_line,
    sweep_axes=(Axis("source"), Axis("prevented")),
    sweep_state=lambda base, source, share: dataclasses.replace(
        base, source=source, prevented=(share, share)
    ),
    sweep_stays="one value, low = high; the years, the share reaching weapons and the "
    "laundering loss",
)
