"""Controls as data: every control of an explorer declared once, in its model.

Why: a control's range, step, label, unit, default and meaning used to be written in several
places (the model's limits, the slider, the offline sweep, the scenario parser, the README),
and they drifted. A declaration here is the one place. It holds no widget: the live widget
(``helpers.explorers.live_controls``), the offline sweep (``helpers.explorers.spec.Axis``),
the model's validation (``check``), the scenario parser (``problem``) and the README's table
(``helpers.present.controls_table``) all read it.

A model lists its controls in ``CONTROLS``, in the order the reader meets them; ``find``
gets one by its state field. A default is a value, or a function of the model's data where
the data state it (the race's South Korean growth is SIPRI's reported growth).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Options = Sequence[tuple[str, Any]]  # (label, value) pairs, in the order shown


def _options(options: Options | Callable[[Any], Options], data: Any) -> list[tuple[str, Any]]:
    return [
        (str(label), value) for label, value in (options(data) if callable(options) else options)
    ]


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."


@dataclass(frozen=True, kw_only=True)
class Control:
    """What every control has: the state field it sets, its label (without the unit), its
    unit, what it means for a newcomer, and its default."""

    field: str
    label: str
    definition: str
    unit: str = ""
    hint: str = ""  # a short aside the control shows after its label ("published: 33 · 50")
    default: Any = None  # a value, or a function of the model's data

    @property
    def kind(self) -> str:
        return type(self).__name__.lower()

    @property
    def caption(self) -> str:
        """The label as a control shows it: "Rivals around 4th place (%)"."""
        unit = f" ({self.unit})" if self.unit else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.label}{unit}{hint}"

    def default_value(self, data: Any = None) -> Any:
        return self.default(data) if callable(self.default) else self.default

    def accepts(self, data: Any = None) -> str:
        """What the control accepts, in words (for error messages and the README)."""
        raise NotImplementedError

    def fits(self, value: Any, data: Any = None) -> bool:
        raise NotImplementedError

    def problem(self, value: Any, data: Any = None) -> Problem | None:
        """``None`` if the control can show ``value`` unchanged, else where in the value
        (a grid's row, or ""), what the control accepts there, and what it found."""
        try:
            ok = self.fits(value, data)
        except (TypeError, ValueError, KeyError):
            ok = False
        return None if ok else Problem("", self.accepts(data), value)


@dataclass(frozen=True)
class Problem:
    """A value a control cannot show: ``where`` in it ("row 3", or "" for the whole value),
    what the control ``expects`` there, and what was ``found``."""

    where: str
    expects: str
    found: Any


def _on_grid(value: float, low: float, step: float) -> bool:
    n = (value - low) / step
    return math.isfinite(n) and abs(n - round(n)) < 1e-6


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same kind (a JSON ``true`` is not the option ``1``)."""
    return (
        a == b
        and isinstance(a, bool) == isinstance(b, bool)
        and isinstance(a, str) == isinstance(b, str)
    )


def _number(value: Any) -> bool:
    """A finite number a control can show; an integer past a float's range (a 400-digit one
    in a scenario) is not one, rather than an OverflowError from ``math.isfinite``."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


@dataclass(frozen=True, kw_only=True)
class Number(Control):
    """One number on a slider: ``low`` to ``high`` in steps of ``step``; offline, the sweep
    stops every ``sweep_step`` (a multiple of ``step``)."""

    low: float
    high: float
    step: float = 1
    sweep_step: float | None = None
    sweep_from: float | None = None  # the sweep's first stop, if not ``low``
    fmt: str = "g"  # how a value is written: "g", ".1f", "+g" (a signed change)
    step_unit: str = ""  # the step's unit in words, where it is not the value's ("years")

    def __post_init__(self) -> None:
        if not self.low < self.high:
            raise ValueError(f"{self.field}: low {self.low} is not below high {self.high}")
        if self.sweep_step is not None and not _on_grid(self.sweep_step, 0, self.step):
            raise ValueError(f"{self.field}: the sweep step is not a multiple of the step")

    def text(self, value: float) -> str:
        """A value as the reader sees it: "+12%", "40%", "2019", "1.5"."""
        return f"{value:{self.fmt}}{self.unit if self.unit == '%' else ''}"

    def step_words(self, step: float) -> str:
        """A step in words: "10 points" (of a percentage), "2 years", "0.5"."""
        unit = self.step_unit or ("points" if self.unit == "%" else "")
        return f"{step:g} {unit}".strip()

    def _ok(self, v: Any) -> bool:
        return _number(v) and self.low <= v <= self.high and _on_grid(v, self.low, self.step)

    def fits(self, value: Any, data: Any = None) -> bool:
        return self._ok(value)

    def span(self) -> str:
        """The bounds and step in words: "from −50% to +300%"."""
        return f"from {self.text(self.low)} to {self.text(self.high)}" + (
            f" in steps of {self.step:g}" if self.step != 1 else ""
        )

    def accepts(self, data: Any = None) -> str:
        return f"a number {self.span()}"

    def sweep_values(self) -> tuple[float, ...]:
        """The stops of the offline sweep: from ``sweep_from`` (or ``low``) every
        ``sweep_step``, up to ``high``."""
        start = self.low if self.sweep_from is None else self.sweep_from
        return self.stops(self.sweep_step or self.step, start)

    def stops(self, step: float | None = None, start: float | None = None) -> tuple[float, ...]:
        """Every value from ``start`` (default ``low``) to ``high`` on ``step`` (default the
        live slider's): the slider's own values, or a sweep's."""
        step = self.step if step is None else step
        start = self.low if start is None else start
        n = math.floor((self.high - start) / step + 1e-9)
        values = [round(start + i * step, 6) for i in range(n + 1)]
        whole = all(isinstance(x, int) for x in (self.low, self.step, step, start))
        return tuple(int(v) if whole else v for v in values)


@dataclass(frozen=True, kw_only=True)
class Range(Number):
    """A low–high pair on a two-handle slider (a range where the inputs are uncertain)."""

    def fits(self, value: Any, data: Any = None) -> bool:
        return (
            isinstance(value, tuple)
            and len(value) == 2
            and all(self._ok(v) for v in value)
            and value[0] <= value[1]
        )

    def accepts(self, data: Any = None) -> str:
        return f"a low–high pair, each {self.span()}"


@dataclass(frozen=True, kw_only=True)
class Choice(Control):
    """One of named options (a list, or buttons when there are few)."""

    options: Options | Callable[[Any], Options]
    buttons: bool = False

    def points(self, data: Any = None) -> list[tuple[str, Any]]:
        return _options(self.options, data)

    def fits(self, value: Any, data: Any = None) -> bool:
        return any(_same(value, v) for _, v in self.points(data))

    def accepts(self, data: Any = None) -> str:
        return "one of " + ", ".join(_shown(v) for _, v in self.points(data))


@dataclass(frozen=True, kw_only=True)
class Toggle(Control):
    """On or off."""

    def fits(self, value: Any, data: Any = None) -> bool:
        return isinstance(value, bool)

    def accepts(self, data: Any = None) -> str:
        return "true or false"


@dataclass(frozen=True, kw_only=True)
class Subset(Control):
    """Any of named options (a row of checkboxes): a tuple of their values."""

    options: Options | Callable[[Any], Options]

    def points(self, data: Any = None) -> list[tuple[str, Any]]:
        return _options(self.options, data)

    def fits(self, value: Any, data: Any = None) -> bool:
        known = [v for _, v in self.points(data)]
        return (
            isinstance(value, tuple) and len(set(value)) == len(value) and set(value) <= set(known)
        )

    def accepts(self, data: Any = None) -> str:
        return "a list of distinct values from " + ", ".join(
            _shown(v) for _, v in self.points(data)
        )


@dataclass(frozen=True, kw_only=True)
class StopRange(Control):
    """A first–last pair over named stops (months): a two-handle slider with a "from" and a
    "to" list. Offline, the sweep moves the last stop over every ``sweep_every``-th stop,
    from ``sweep_start``."""

    stops: Options | Callable[[Any], Options]
    sweep_every: int = 1
    sweep_start: int = 0
    sweep_step_words: str = ""

    def points(self, data: Any = None) -> list[tuple[str, Any]]:
        return _options(self.stops, data)

    def text(self, value: Any) -> str:
        return next(label for label, v in self.points() if v == value)

    def fits(self, value: Any, data: Any = None) -> bool:
        stops = [v for _, v in self.points(data)]
        return (
            isinstance(value, tuple)
            and len(value) == 2
            and all(v in stops for v in value)
            and value[0] <= value[1]
        )

    def accepts(self, data: Any = None) -> str:
        points = self.points(data)
        return (
            f"a range from {_shown(points[0][1])} to {_shown(points[-1][1])} on the slider's stops"
        )

    def sweep_values(self) -> tuple[Any, ...]:
        return tuple(v for _, v in self.points()[self.sweep_start :: self.sweep_every])


@dataclass(frozen=True, kw_only=True)
class Grid(Control):
    """A rating for every row (an item of the data) and column, on one scale: a table of
    sliders where the scale is numbers, of lists where it is words."""

    rows: Callable[[Any], Sequence[str]]  # the row labels, from the data
    columns: tuple[str, ...]
    scale: tuple[Any, ...]

    def fits(self, value: Any, data: Any = None) -> bool:
        return (
            isinstance(value, tuple)
            and len(value) == len(self.rows(data))
            and all(
                isinstance(row, tuple)
                and len(row) == len(self.columns)
                and all(any(_same(r, s) for s in self.scale) for r in row)
                for row in value
            )
        )

    def problem(self, value: Any, data: Any = None) -> Problem | None:
        """The first row at fault, named, where the shape is right."""
        rows = self.rows(data)
        if not isinstance(value, tuple) or len(value) != len(rows):
            return super().problem(value, data)
        scale = ", ".join(map(str, self.scale))
        for i, row in enumerate(value, start=1):
            if not isinstance(row, tuple) or len(row) != len(self.columns):
                return Problem(f"row {i}", f"{len(self.columns)} ratings", row)
            if not all(any(_same(r, s) for s in self.scale) for r in row):
                return Problem(f"row {i}", f"one of {scale} for each rating", row)
        return None

    def accepts(self, data: Any = None) -> str:
        return (
            f"{len(self.rows(data))} rows of {len(self.columns)} ratings "
            f"({', '.join(self.columns)}), each one of {', '.join(map(str, self.scale))}"
        )


def find(controls: Sequence[Control], field: str) -> Control:
    """The control that sets ``field``."""
    for control in controls:
        if control.field == field:
            return control
    raise KeyError(f"no control sets {field!r}; controls: {[c.field for c in controls]}")


def defaults(controls: Sequence[Control], data: Any = None) -> dict[str, Any]:
    """Every control's default, by field (for a model's first preset)."""
    return {c.field: c.default_value(data) for c in controls}


def problems(
    controls: Sequence[Control], state: Any, data: Any = None
) -> list[tuple[str, Problem]]:
    """``(field, problem)`` for every field of ``state`` its control cannot show."""
    found = []
    for control in controls:
        wrong = control.problem(getattr(state, control.field), data)
        if wrong is not None:
            found.append((control.field, wrong))
    return found


def check(controls: Sequence[Control], state: Any, data: Any = None) -> None:
    """A model's validation: refuse a state no control can show, saying why."""
    wrong = problems(controls, state, data)
    if wrong:
        raise ValueError(
            "; ".join(
                f"{' '.join(filter(None, (field, p.where)))} must be {p.expects}, "
                f"not {_shown(p.found)}"
                for field, p in wrong
            )
        )
