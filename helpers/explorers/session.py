"""An explorer's state and result, without widgets.

Tests, the benchmark, the offline build and the live view drive every explorer through
this one object: it loads the data once, makes the presets from it, computes and renders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Generic

import numpy as np
import pandas as pd

from helpers.data import DataError
from helpers.data.names import NameRefused
from helpers.explorers import scenarios
from helpers.explorers.scenarios import Scenario
from helpers.explorers.spec import Chart, D, ExplorerSpec, R, S

# Charts shared by the sessions of one explorer over equal data: a notebook that shows an
# explorer twice, a cell run again, the offline build and the tests each made a new figure and
# drew it whole (70-280 ms an explorer on this 2-core machine) where the one drawn before
# would do. Sharing is safe because every render sets all the chart's result-dependent
# artists (``helpers.charts.live``): what a session gets depends on its result alone.
# The spec is compared by identity (kept alive here so an id is never reused), the data by
# its content (``_content_digest``: each load is a fresh copy, so identity never matches,
# and pickled bytes did not either: equal frames pickled to different bytes once a
# computation had run on the data they were copied from). The
# oldest goes first past one per explorer and a spare.
_SHARED_CHARTS: dict[tuple[int, bytes], tuple[object, Chart]] = {}
SHARED_CHARTS_KEPT = 8


def _feed(obj: object, h: Any) -> None:
    """Feed ``obj``'s content to the hash ``h``: frames as their columns, dtypes, index and
    values (each column's values as ``repr`` of the list: exact for floats, which ``repr``
    round-trips, for dates to the nanosecond, strings and lists), dataclasses, mappings and
    sequences item by item, scalars as ``repr``; anything else raises TypeError. An object
    whose ``repr`` is not its content (an address, a set's order) can only miss a match."""
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    if isinstance(obj, pd.DataFrame):
        h.update(repr((list(obj.columns), [str(t) for t in obj.dtypes], obj.shape)).encode())
        h.update(repr(obj.index.tolist()).encode())
        for i in range(obj.shape[1]):
            h.update(repr(obj.iloc[:, i].tolist()).encode())
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        h.update(type(obj).__qualname__.encode())
        for field in dataclasses.fields(obj):
            _feed(getattr(obj, field.name), h)
    elif isinstance(obj, dict):
        h.update(b"{")
        for key, value in obj.items():
            _feed(key, h)
            _feed(value, h)
        h.update(b"}")
    elif isinstance(obj, list | tuple):
        h.update(b"[")
        for item in obj:
            _feed(item, h)
        h.update(b"]")
    elif obj is None or isinstance(obj, str | int | float | bool | dt.date | np.generic):
        h.update(f"{type(obj).__name__}:{obj!r};".encode())
    else:
        raise TypeError(f"no content digest for {type(obj).__name__}")


def _content_digest(data: object) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    _feed(data, h)
    return h.digest()


def shared_chart(spec: ExplorerSpec[S, D, R], data: D) -> Chart[R]:
    """The chart of ``spec`` over data equal to ``data``, made once (see ``_SHARED_CHARTS``)."""
    try:
        digest = _content_digest(data)
    except (TypeError, ValueError):  # data of a kind not compared here: a chart of its own
        return spec.chart(data)
    key = (id(spec), digest)
    held = _SHARED_CHARTS.pop(key, None)
    if held is None or held[0] is not spec:
        held = (spec, spec.chart(data))
    _SHARED_CHARTS[key] = held  # last used last: the first key is the oldest
    while len(_SHARED_CHARTS) > SHARED_CHARTS_KEPT:
        del _SHARED_CHARTS[next(iter(_SHARED_CHARTS))]
    return held[1]


class ExplorerSession(Generic[S, D, R]):
    """An explorer's state and result, without widgets."""

    def __init__(self, spec: ExplorerSpec[S, D, R]):
        self.spec = spec
        self.data: D = spec.load()
        self.chart: Chart[R] = shared_chart(spec, self.data)
        self.presets: dict[str, S] = dict(spec.make_presets(self.data))
        self.reset_preset: str = next(iter(self.presets))
        self.scenarios: dict[str, S] = dict(self.presets)  # presets, then any loaded
        self.state: S = self.presets[self.reset_preset]
        self._refresh()

    def _refresh(self) -> None:
        self.result: R = self.spec.compute(self.state, self.data)
        self._png: bytes | None = None

    @property
    def png(self) -> bytes:
        """The chart for the current result, drawn when first asked for: a state nobody
        looks at (a test or a tool reading only the result) costs no drawing. Every update
        sets all the chart's result-dependent artists, so skipping a drawing changes no
        pixel of the next."""
        if self._png is None:
            self._png = self.chart.render(self.result)
        return self._png

    @png.setter
    def png(self, value: bytes) -> None:
        self._png = value

    @property
    def preset(self) -> str | None:
        """The name of the preset the current state equals, if any."""
        return next((n for n, s in self.scenarios.items() if s == self.state), None)

    def show(self, state: S) -> R:
        """Compute and render ``state`` (a whole state, e.g. one stop of a sweep)."""
        self.state = state
        self._refresh()
        return self.result

    def update(self, **changes: Any) -> R:
        return self.show(dataclasses.replace(self.state, **changes))  # type: ignore[type-var]

    def apply_preset(self, name: str) -> R:
        if name not in self.scenarios:
            raise KeyError(f"no scenario {name!r}; scenarios: {list(self.scenarios)}")
        return self.show(self.scenarios[name])

    def scenario(self, name: str | None = None) -> Scenario:
        """The current state as a named scenario (by default named after the matching
        preset or loaded scenario, else "My scenario"). A name given here follows the rule
        a loaded file's name follows (``scenarios.scenario_name``): a saved file must load."""
        if name is not None:
            try:
                name = scenarios.scenario_name(name)
            except NameRefused as why:
                raise DataError.one(
                    "the scenario's name", None, "name", scenarios.NAME_RULE, str(why)
                ) from None
        return Scenario(self.spec.name, name or self.preset or "My scenario", self.state)

    def read_scenario(self, source: str | Path) -> Scenario:
        """A scenario file (a path) or a pasted line (text starting with ``{``), checked
        whole against this explorer; nothing changes here."""
        text = source.strip() if isinstance(source, str) else ""
        if text.startswith("{") and not _is_file(source):  # a file may be named "{x}.json"
            return scenarios.parse(text, self.spec, self.data)
        return scenarios.read(source, self.spec, self.data)

    def load_scenario(self, source: str | Path) -> R:
        """Load a scenario file or a pasted line, add it to the named scenarios and switch
        to it."""
        return self.add_scenario(self.read_scenario(source))

    def add_scenario(self, loaded: Scenario) -> R:
        """Add a checked scenario to the named ones (never replacing a different one of the
        same name) and switch to it."""
        name, n = loaded.name, 1
        while name in self.scenarios and self.scenarios[name] != loaded.state:
            n += 1  # a second clash must not replace the first loaded one either
            name = f"{loaded.name} (loaded)" if n == 2 else f"{loaded.name} (loaded {n - 1})"
        self.scenarios[name] = loaded.state
        return self.apply_preset(name)

    def reset(self) -> R:
        return self.apply_preset(self.reset_preset)

    def svg(self) -> bytes:
        """The current chart as SVG (title, source and "as of" included, text as text)."""
        self.chart.render(self.result)  # the chart's artists as this result sets them
        return self.chart.renderer.svg()

    @property
    def alt_text(self) -> str:
        return self.chart.alt_text(self.result)

    def table(self) -> pd.DataFrame:
        return self.spec.table(self.result)


def _is_file(text: str | Path) -> bool:
    """Whether ``text`` names an existing file (never an error: pasted JSON may be too long
    for a path or hold a NUL byte)."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False
