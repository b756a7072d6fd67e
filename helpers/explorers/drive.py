"""Drive an explorer the way a reader does: random but valid control values.

Used by the tests (every explorer, many states) and by the benchmark, so both pick up new
explorers from the registry without edits.
"""

from __future__ import annotations

import random
from typing import Any

import ipywidgets as widgets

from helpers.explorers.controls import CheckboxGroup, RatingMatrix, RatingTable, SelectionRange


def random_value(widget: widgets.Widget, rng: random.Random) -> Any:
    """A value the reader could set on ``widget`` with the mouse or keyboard."""
    if isinstance(widget, CheckboxGroup):
        keys = list(widget._keys)
        return tuple(k for k in keys if rng.random() < 0.6)
    if isinstance(widget, RatingMatrix):
        return tuple(tuple(rng.choice(widget.scale) for _ in row) for row in widget.cells)
    if isinstance(widget, widgets.FloatSlider):
        steps = round((widget.max - widget.min) / widget.step)
        return round(widget.min + rng.randint(0, steps) * widget.step, 10)
    if isinstance(widget, RatingTable):
        low, high = widget.rows[0][0].min, widget.rows[0][0].max
        return tuple((rng.randint(low, high), rng.randint(low, high)) for _ in widget.rows)
    if isinstance(widget, widgets.SelectionRangeSlider | SelectionRange):
        values = [v for _, v in widget.options]
        a, b = sorted(rng.sample(range(len(values)), 2))
        return (values[a], values[b])
    if isinstance(widget, widgets.IntRangeSlider):
        a, b = sorted(rng.sample(range(widget.min, widget.max + 1), 2))
        return (a, b)
    if isinstance(widget, (widgets.Dropdown, widgets.ToggleButtons)):
        options = [o[1] if isinstance(o, tuple) else o for o in widget.options]
        return rng.choice(options)
    if isinstance(widget, (widgets.Checkbox, widgets.ToggleButton)):
        return not widget.value
    raise TypeError(f"no random value for {type(widget).__name__}")


def change_something(view: Any, rng: random.Random) -> str:
    """Set one random control of ``view`` to a new random value; return its field name."""
    field = rng.choice(list(view.controls))
    widget = view.controls[field]
    for _ in range(20):
        value = random_value(widget, rng)
        if value != widget.value:
            widget.value = value
            break
    return field
