"""The timeline explorer: what the commentary could see in July 2023, and what came after."""

from __future__ import annotations

import dataclasses

import ipywidgets as widgets

from helpers import markup
from helpers.charts.style import as_of
from helpers.charts.timeline import TimelineChart
from helpers.data import load
from helpers.explorers.base import Axis, ControlSpec, ExplorerSpec, Sweep, data_note
from helpers.explorers.controls import WIDE, CheckboxGroup, SelectionRange
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


def _periods(_data: object = None) -> list[tuple[str, str]]:
    """(label, key) for the view control and its sweep."""
    return [(label, key) for key, label in model.PERIOD_LABELS.items()]


def _period(_data: object = None) -> widgets.Widget:
    return widgets.ToggleButtons(
        options=_periods(),
        description="View:",
        style={**WIDE, "button_width": "auto"},
        tooltips=["Only what had happened by mid-July 2023", "Everything to the end of 2025"],
    )


def _month(month: object) -> str:
    """A month as the control and the offline sweep both show it ("Jul 2023")."""
    return f"{month:%b %Y}"


def _months(_data: object = None) -> widgets.Widget:
    return SelectionRange([(_month(m), m) for m in model.month_starts()], "Months shown:", "640px")


def _categories(_data: object = None) -> widgets.Widget:
    return CheckboxGroup(
        [(label, key) for key, label in model.CATEGORY_LABELS.items()],
        description="Kinds of event:",
    )


def _verified(_data: object = None) -> widgets.Widget:
    return widgets.Checkbox(description="Only fully verified events", indent=False, style=WIDE)


SPEC: ExplorerSpec = ExplorerSpec(
    name="timeline",
    title="Timeline: from Madrid (2022) to The Hague (2025)",
    make_presets=lambda data: model.PRESETS,
    load=lambda: load("timeline"),
    compute=model.compute,
    chart=lambda events: TimelineChart(events, as_of("timeline")),
    table=model.table,
    source_ids=lambda result: result.source_ids,
    controls=(
        ControlSpec(
            "period",
            _period,
            "“As of the commentary” shows only what had happened by 16 July 2023, the "
            "end of the week of the trip it describes; “With hindsight” adds what "
            "happened next, to December 2025.",
        ),
        ControlSpec(
            "months",
            _months,
            "The first and last month on the chart. Drag either end, move it with the "
            "arrow keys, or pick the months from the two lists under it.",
        ),
        ControlSpec(
            "categories",
            _categories,
            "Which lanes to fill. Arms deals are contract (order) values as reported, "
            "not deliveries.",
        ),
        ControlSpec(
            "verified_only", _verified, "Hide events that the cited sources only partly confirm."
        ),
    ),
    assumptions=(
        model.ARTICLE_HORIZON_ASSUMPTION,
        "The timeline is a selection of events that bear on the commentary's three "
        "explanations and its backlash warning, not a complete record.",
        "An event dated to a month only (North Korean troops in Russia) is drawn on the first "
        "of that month.",
    ),
    sources_line=_sources_line,
    sweep=Sweep(
        axes=(
            Axis("period", "View", options=_periods),
            Axis(
                "months",
                "Last month shown",
                values=tuple(model.month_starts()[5::6]),  # every June and December
                label_of=_month,
                step="6 months",
                current=lambda state: state.months[1],
            ),
        ),
        state=lambda base, period, last: dataclasses.replace(
            base, period=period, months=(base.months[0], last)
        ),
        stays="first month shown, the kinds of event and the verified filter",
    ),
)
