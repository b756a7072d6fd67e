"""What an explorer declares: its parts (``ExplorerSpec``) and the sweep of its principal
control for the offline build (``Sweep`` of one or two ``Axis``).

No widgets here. The controls themselves are declared in the model
(``helpers.models.controls``); an explorer names them through ``declared`` (read at use
time, so a changed declaration reaches every surface), and an axis of its sweep names a
control's field and takes its label, unit, stops and step from the declaration unless it
says otherwise (the timeline's sweep moves only the *last* month shown, say).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import pandas as pd

from helpers import markup
from helpers.models.controls import Choice, Control, Number, StopRange, find

PICKER = "preset"  # the part holding the list of named scenarios, live and precomputed

S = TypeVar("S")  # the state dataclass
D = TypeVar("D")  # the data the explorer computes from
R = TypeVar("R")  # the result of compute()


class Chart(Protocol[R]):
    def render(self, result: R) -> bytes: ...

    def alt_text(self, result: R) -> str: ...

    def headline(self, result: R) -> str: ...


@dataclass(frozen=True)
class Axis:
    """One control moved by a sweep: a *range* (numbers, dates: a slider with a typed list
    beside it) or a *choice* (named options such as a series or a view: a list only, since a
    slider over names means nothing). Left blank, ``label``, ``values``/``options``,
    ``label_of`` and ``step`` come from the declaration of the control that sets ``field``
    (``resolve``); an axis that is not one control's stops (one row of a rating grid, each
    item left out in turn) gives them itself."""

    field: str  # the state field it moves (its control's)
    label: str = ""  # as the reader sees it; default the control's label
    values: tuple[Any, ...] = ()  # a range, in order; default the control's sweep stops
    options: Callable[[Any], Sequence[tuple[str, Any]]] | None = None  # a choice, from the data
    unit: str = ""
    label_of: Callable[[Any], str] | None = None  # a range value as text
    step: str = ""  # a range's step in words
    current: Callable[[Any], Any] | None = None  # the base state's value on this axis

    def resolve(self, control: Control) -> Axis:
        """This axis with its blanks filled from ``control``'s declaration."""
        fill: dict[str, Any] = {"label": self.label or control.label}
        if not self.values and self.options is None:
            if isinstance(control, Choice):
                fill["options"] = control.points
            elif isinstance(control, Number | StopRange):
                fill["values"] = control.sweep_values()
            else:
                raise ValueError(f"axis {self.field!r}: a {control.kind} has no stops to sweep")
        if isinstance(control, Number):
            fill["unit"] = self.unit or control.unit
            fill["label_of"] = self.label_of or control.text
            fill["step"] = self.step or control.step_words(control.sweep_step or control.step)
        elif isinstance(control, StopRange):
            fill["label_of"] = self.label_of or control.text
            fill["step"] = self.step or control.sweep_step_words
        return dataclasses.replace(self, **fill)

    @property
    def kind(self) -> str:
        return "choice" if self.options is not None else "range"

    def points(self, data: Any) -> list[tuple[str, Any]]:
        """``(label, value)`` for every stop, in order."""
        if self.options is not None:
            return [(str(label), value) for label, value in self.options(data)]
        text = self.label_of or str
        return [(text(v), v) for v in self.values]

    def start(self, data: Any, base: Any) -> int:
        """The stop nearest the base state's value (the exact option for a choice)."""
        value = self.current(base) if self.current else getattr(base, self.field)
        values = [v for _, v in self.points(data)]
        if value in values:
            return values.index(value)
        if isinstance(value, tuple) and all(isinstance(x, int | float) for x in value):
            value = sum(value) / len(value)  # a low–high range: its middle
        if isinstance(value, int | float) and all(isinstance(v, int | float) for v in values):
            return min(range(len(values)), key=lambda i: abs(values[i] - value))
        return 0

    def describe(self, data: Any) -> str:
        """What moves and on what step, in words."""
        points = self.points(data)
        if self.kind == "choice":
            return f"each of the {len(points)} options of {self.label}"
        return f"{self.label} from {points[0][0]} to {points[-1][0]} in steps of {self.step}"


@dataclass(frozen=True)
class Sweep:
    """The principal control of an explorer, precomputed for the offline build (no kernel
    there): one axis, or two (a choice, then a range: one chart per pair, the choice picking
    a row of charts that the one slider moves through). ``state(base, *values)`` is the
    state at one stop, from the state the view opens on; ``stays`` says what does not move
    (the label adds the scenario it stays at)."""

    axes: tuple[Axis, ...]
    state: Callable[..., Any]
    stays: str

    def __post_init__(self) -> None:
        kinds = tuple(a.kind for a in self.axes)
        if kinds not in (("range",), ("choice",), ("choice", "range"), ("choice", "choice")):
            raise ValueError(f"a sweep has one axis, or a choice then another axis, not {kinds}")

    @property
    def main(self) -> Axis:
        """The axis that moves within a row: the last (the slider's, if any)."""
        return self.axes[-1]

    def grid(self, data: Any) -> list[list[tuple[Any, ...]]]:
        """Every stop as a tuple of values: one row per value of the first axis (a single
        row for a one-axis sweep)."""
        last = [v for _, v in self.main.points(data)]
        if len(self.axes) == 1:
            return [[(v,) for v in last]]
        return [[(o, v) for v in last] for _, o in self.axes[0].points(data)]

    def describe(self, data: Any) -> str:
        return ", and for each, ".join(a.describe(data) for a in self.axes)


@dataclass(frozen=True)
class ExplorerSpec(Generic[S, D, R]):
    """The parts of one explorer. Presets and controls are made from the data a session
    loaded (never from data read at import), so a CSV edited in a running kernel gives
    controls and presets that match it."""

    name: str
    title: str
    make_presets: Callable[[D], Mapping[str, S]]
    load: Callable[[], D]
    compute: Callable[[S, D], R]
    chart: Callable[[D], Chart[R]]
    table: Callable[[R], pd.DataFrame]
    source_ids: Callable[[R], Sequence[str]]
    declared: Callable[[], Sequence[Control]]  # the model's CONTROLS, read at use time
    assumptions: tuple[str, ...]
    sources_line: Callable[[R], markup.Markup]
    # The principal control, precomputed for the offline build: its axes, what a stop sets,
    # and what stays (see ``Sweep``); ``swept`` resolves the axes against the controls.
    sweep_axes: tuple[Axis, ...] = ()
    sweep_state: Callable[..., Any] | None = None
    sweep_stays: str = ""
    # Prepared scenarios a reader without a kernel also sees, under the chart's static face:
    # for an explorer whose point is a toggle (the commentary's view against hindsight).
    static_also: tuple[str, ...] = ()

    def css(self, part: str = "") -> str:
        """The CSS class of this explorer (``explorer-race``) or of one of its parts
        (``explorer-race-preset``): tests, styles and the offline pages' script select by it."""
        return f"explorer-{self.name}" + (f"-{part}" if part else "")

    @property
    def controls(self) -> tuple[Control, ...]:
        return tuple(self.declared())

    def control(self, field: str) -> Control:
        return find(self.controls, field)

    @property
    def swept(self) -> Sweep | None:
        """The sweep, its axes filled from the controls' declarations as they are now."""
        if not self.sweep_axes or self.sweep_state is None:
            return None
        axes = tuple(a.resolve(self.control(a.field)) for a in self.sweep_axes)
        return Sweep(axes, self.sweep_state, self.sweep_stays)

    @property
    def presets(self) -> Mapping[str, S]:
        """The presets from the data as it is now (a session keeps its own)."""
        return self.make_presets(self.load())

    @property
    def reset_preset(self) -> str:
        return next(iter(self.presets))
