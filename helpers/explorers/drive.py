"""Drive an explorer the way a reader does: random but valid control values.

Used by the tests (every explorer, many states) and by the benchmark, so both pick up new
explorers from the registry without edits. Values are drawn from the controls' declarations
(``helpers.models.controls``), the same ones the widgets are built from.
"""

from __future__ import annotations

import random
from typing import Any

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


def random_value(control: Control, data: Any, rng: random.Random, current: Any = None) -> Any:
    """A value the reader could set on ``control`` with the mouse or keyboard."""
    if isinstance(control, Range):
        stops = control.stops()
        a, b = sorted(rng.sample(range(len(stops)), 2))
        return (stops[a], stops[b])
    if isinstance(control, Number):
        return rng.choice(control.stops())
    if isinstance(control, Choice):
        return rng.choice([v for _, v in control.points(data)])
    if isinstance(control, Subset):
        return tuple(v for _, v in control.points(data) if rng.random() < 0.6)
    if isinstance(control, StopRange):
        values = [v for _, v in control.points(data)]
        a, b = sorted(rng.sample(range(len(values)), 2))
        return (values[a], values[b])
    if isinstance(control, Grid):
        rows = control.rows(data)
        return tuple(tuple(rng.choice(control.scale) for _ in control.columns) for _ in rows)
    if isinstance(control, Toggle):
        return not current if isinstance(current, bool) else rng.random() < 0.5
    raise TypeError(f"no random value for a {control.kind} control")


def change_something(view: Any, rng: random.Random) -> str:
    """Set one random control of ``view`` to a new random value; return its field name."""
    field = rng.choice(list(view.controls))
    widget = view.controls[field]
    control = view.session.spec.control(field)
    for _ in range(20):
        value = random_value(control, view.session.data, rng, widget.value)
        if value != widget.value:
            widget.value = value
            break
    return field
