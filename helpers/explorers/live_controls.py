"""The live widget of each declared control (``helpers.models.controls``).

One function per kind of declaration: the bounds, step, label and options come from the
declaration, never from here, so a changed declaration changes the widget. Every slider is
``SLIDER_WIDTH`` wide (the offline sweep's slider too).
"""

from __future__ import annotations

import textwrap
from typing import Any

import ipywidgets as widgets

from helpers.explorers.controls import (
    WIDE,
    CheckboxGroup,
    RatingMatrix,
    RatingTable,
    SelectionRange,
)
from helpers.models.controls import (
    Choice,
    Control,
    Grid,
    Number,
    Range,
    StopRange,
    Subset,
    Toggle,
)

SLIDER_WIDTH = "620px"
ROW_LABEL_CHARS = 96  # a grid's row label is cut between words past this (it wraps to 2 lines)


def _readout(control: Number) -> dict[str, Any]:
    return {"readout_format": control.fmt} if control.fmt.endswith("f") else {}


def _number(control: Number) -> widgets.Widget:
    whole = all(isinstance(x, int) for x in (control.low, control.high, control.step))
    if isinstance(control, Range):
        kind = widgets.IntRangeSlider if whole else widgets.FloatRangeSlider
    else:
        kind = widgets.IntSlider if whole else widgets.FloatSlider
    return kind(
        min=control.low,
        max=control.high,
        step=control.step,
        description=f"{control.caption}:",
        style=WIDE,
        layout=widgets.Layout(width=SLIDER_WIDTH),
        continuous_update=False,  # recompute when the reader lets go
        **_readout(control),
    )


def _choice(control: Choice, data: Any) -> widgets.Widget:
    if control.buttons:
        return widgets.ToggleButtons(
            options=control.points(data),
            description=f"{control.caption}:",
            style={**WIDE, "button_width": "auto"},
        )
    return widgets.Dropdown(
        options=control.points(data),
        description=f"{control.caption}:",
        style=WIDE,
        layout=widgets.Layout(width="auto"),
    )


def _grid(control: Grid, data: Any) -> widgets.Widget:
    rows = [textwrap.shorten(r, ROW_LABEL_CHARS, placeholder=" …") for r in control.rows(data)]
    description = f"{control.caption}:"
    if all(isinstance(s, int) for s in control.scale):
        return RatingTable(rows, description, low=min(control.scale), high=max(control.scale))
    return RatingMatrix(rows, control.columns, control.scale, description=description)


def widget_for(control: Control, data: Any) -> widgets.Widget:
    """The live widget for ``control``, its options read from ``data``."""
    if isinstance(control, Number):
        return _number(control)
    if isinstance(control, Choice):
        return _choice(control, data)
    if isinstance(control, Toggle):
        return widgets.Checkbox(
            description=control.caption,
            indent=False,
            style=WIDE,
            layout=widgets.Layout(width="auto"),
        )
    if isinstance(control, Subset):
        return CheckboxGroup(control.points(data), description=f"{control.caption}:")
    if isinstance(control, StopRange):
        return SelectionRange(control.points(data), f"{control.caption}:", SLIDER_WIDTH)
    if isinstance(control, Grid):
        return _grid(control, data)
    raise TypeError(f"no widget for a {control.kind} control ({control.field})")
