"""The follow-the-money explorer: what allied cyber cooperation could take out of
Pyongyang's weapons budget, as a range, with every assumption beside it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import ipywidgets as widgets

from helpers import markup
from helpers.charts.money import MoneyChart
from helpers.charts.style import as_of
from helpers.explorers.base import Axis, ControlSpec, ExplorerSpec, Sweep, data_note
from helpers.explorers.controls import WIDE, range_slider
from helpers.models import money as model


def _sources_line(result: model.MoneyResult) -> markup.Markup:
    return markup.html(
        "<b>Assumptions behind this result</b>{}Sources: {} cited reports (listed under "
        "“Sources” below): {}'s figures as reported, and the published estimates with their "
        "owners. {}",
        markup.items(model.assumptions_text(result.state), ordered=False),
        len(result.source_ids),
        result.state.source,
        data_note("crypto_theft", "funding_estimates"),
    )


def _sources(data: model.MoneyData) -> list[str]:
    """The theft counts in the data, in the catalog's order."""
    return [s for s in data.theft["source"].cat.categories if s in data.by_source]


def _share(description: str) -> Callable[[object], widgets.Widget]:
    """A percentage range over the limits the model declares."""
    return lambda _data: range_slider(description, *model.SHARE_LIMITS)


SPEC: ExplorerSpec = ExplorerSpec(
    name="money",
    title="Follow the money: what cyber cooperation could deny",
    make_presets=lambda data: model.PRESETS,
    load=model.load_data,
    compute=model.compute,
    chart=lambda data: MoneyChart(as_of("crypto_theft")),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    controls=(
        ControlSpec(
            "source",
            lambda data: widgets.ToggleButtons(
                options=_sources(data),
                description="Theft count:",
                style={**WIDE, "button_width": "auto"},
            ),
            "Whose yearly figure for North Korean crypto theft to use. TRM Labs' method gives "
            "lower figures than Chainalysis'; the UN Panel figure (2023 only) is what it was "
            "investigating, a floor.",
        ),
        ControlSpec(
            "years",
            lambda _data: range_slider("Years:", model.FIRST_YEAR, model.LAST_YEAR),
            "The years to add up. A source without a figure for a year leaves it out "
            "(the footer says which).",
        ),
        ControlSpec(
            "weapons_share",
            _share("Share reaching weapons, % (published: 33 · 40 · 50):"),
            "Of what is stolen and cashed out, the share that funds weapons programmes. "
            "Published estimates: up to 33% (US official, July 2022), about 50% (US "
            "official, May 2023), 40% of WMD programmes (a member state to the UN "
            "Panel, 2024). All are estimates without a published method.",
        ),
        ControlSpec(
            "laundering_loss",
            _share("Lost in laundering (%):"),
            "The share lost converting stolen crypto into usable money. An assumption: "
            "no source in the briefing measures it.",
        ),
        ControlSpec(
            "prevented",
            _share("Prevented or recovered (%):"),
            "The share of theft that allied cyber cooperation (NATO's cyber centre, the "
            "US–ROK framework) could prevent or claw back. An assumption: no source in "
            "the briefing measures it.",
        ),
    ),
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
    sweep=Sweep(
        axes=(
            Axis("source", "Theft count", options=lambda data: [(s, s) for s in _sources(data)]),
            Axis(
                "prevented",
                "Prevented or recovered",
                values=tuple(range(model.SHARE_LIMITS[0], model.SHARE_LIMITS[1] + 1, 10)),
                unit="%",
                label_of=lambda share: f"{share}%",
            ),
        ),
        state=lambda base, source, share: dataclasses.replace(
            base, source=source, prevented=(share, share)
        ),
        stays="one value, low = high; the years, the share reaching weapons and the "
        "laundering loss",
    ),
)
