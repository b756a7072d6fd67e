"""One contract for every explorer: a spec, a kernel-free session (the model) and a view.

* ``ExplorerSpec`` names the parts an explorer module provides: presets (the first is the
  reset target), ``load``, ``compute``, a chart, the table twin, sources, control factories
  and the assumptions it rests on.
* ``ExplorerSession`` holds the state and the current result and renders the chart. It has
  no widgets, so tests, the benchmark and a static build can drive any explorer the same way.
* ``ExplorerView`` is the ipywidgets face of a session: controls bound to the state fields,
  the chart as an ``<img>`` with alt text, a sources line, the table twin with a CSV
  download, definitions of the controls, the assumptions, presets and a reset button.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import ipywidgets as widgets
import pandas as pd

from helpers import markup
from helpers.charts.style import as_of
from helpers.data import DataError
from helpers.explorers import scenarios
from helpers.explorers.scenarios import Scenario
from helpers.static_face import StaticFace

# Keyboard focus drawn on every control, carried by each live explorer into JupyterLab, which
# loads none of the briefing's CSS (the pages and decks load the same file).
FOCUS_FILE = Path(__file__).with_name("focus.css")
FOCUS_CSS = FOCUS_FILE.read_text(encoding="utf-8")
# The rules alone, for the <style> each explorer stores in its notebook (the why stays in the file).
FOCUS_RULES = re.sub(r"/\*.*?\*/", "", FOCUS_CSS, flags=re.S).strip()

S = TypeVar("S")  # the state dataclass
D = TypeVar("D")  # the data the explorer computes from
R = TypeVar("R")  # the result of compute()


class Chart(Protocol[R]):
    def render(self, result: R) -> bytes: ...

    def alt_text(self, result: R) -> str: ...

    def headline(self, result: R) -> str: ...


@dataclass(frozen=True)
class ControlSpec:
    """A control bound to one state field: how to make it from the session's data (its
    range and options come from the model's declaration) and what it means."""

    field: str
    make: Callable[[Any], widgets.Widget]
    definition: str


@dataclass(frozen=True)
class Axis:
    """One control moved by a sweep: a *range* (numbers, dates: a slider with a typed list
    beside it) or a *choice* (named options such as a series or a view: a list only, since a
    slider over names means nothing). A range's ``values`` are read from the model's declared
    limits; a choice's ``options`` are the very function its control reads, from the data,
    as ``(label, value)`` pairs: one declaration per control."""

    field: str  # the state field it moves (its control's)
    label: str  # the control's name, as the reader sees it
    values: tuple[Any, ...] = ()  # a range, in order
    options: Callable[[Any], Sequence[tuple[str, Any]]] | None = None  # a choice, from the data
    unit: str = ""
    label_of: Callable[[Any], str] | None = None  # a range value as text; default "+12%"
    step: str = ""  # a range's step in words; default the difference of the first two values
    current: Callable[[Any], Any] | None = None  # the base state's value on this axis

    def __post_init__(self) -> None:
        if (self.options is None) == (not self.values):
            raise ValueError(f"axis {self.field!r}: give either values (a range) or options")

    @property
    def kind(self) -> str:
        return "choice" if self.options is not None else "range"

    def points(self, data: Any) -> list[tuple[str, Any]]:
        """``(label, value)`` for every stop, in order."""
        if self.options is not None:
            return [(str(label), value) for label, value in self.options(data)]
        text = self.label_of or (lambda v: f"{v:+d}{self.unit}")
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
        step = self.step or f"{self.values[1] - self.values[0]:g}" + (
            " points" if self.unit == "%" else ""
        )
        return f"{self.label} from {points[0][0]} to {points[-1][0]} in steps of {step}"


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

    # The single-axis view of a sweep (the race's growth), by the main axis's names.
    @property
    def field(self) -> str:
        return self.main.field

    @property
    def label(self) -> str:
        return self.main.label

    @property
    def values(self) -> tuple[Any, ...]:
        return self.main.values

    @property
    def unit(self) -> str:
        return self.main.unit

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
    controls: tuple[ControlSpec, ...]
    assumptions: tuple[str, ...]
    sources_line: Callable[[R], markup.Markup]
    sweep: Sweep | None = None  # the principal control, precomputed for the offline build

    @property
    def presets(self) -> Mapping[str, S]:
        """The presets from the data as it is now (a session keeps its own)."""
        return self.make_presets(self.load())

    @property
    def reset_preset(self) -> str:
        return next(iter(self.presets))


class ExplorerSession(Generic[S, D, R]):
    """An explorer's state and result, without widgets."""

    def __init__(self, spec: ExplorerSpec[S, D, R]):
        self.spec = spec
        self.data: D = spec.load()
        self.chart: Chart[R] = spec.chart(self.data)
        self.presets: dict[str, S] = dict(spec.make_presets(self.data))
        self.reset_preset: str = next(iter(self.presets))
        self.scenarios: dict[str, S] = dict(self.presets)  # presets, then any loaded
        self.state: S = self.presets[self.reset_preset]
        self._refresh()

    def _refresh(self) -> None:
        self.result: R = self.spec.compute(self.state, self.data)
        self.png: bytes = self.chart.render(self.result)

    @property
    def preset(self) -> str | None:
        """The name of the preset the current state equals, if any."""
        return next((n for n, s in self.scenarios.items() if s == self.state), None)

    def update(self, **changes: Any) -> R:
        self.state = dataclasses.replace(self.state, **changes)  # type: ignore[type-var]
        self._refresh()
        return self.result

    def apply_preset(self, name: str) -> R:
        if name not in self.scenarios:
            raise KeyError(f"no scenario {name!r}; scenarios: {list(self.scenarios)}")
        self.state = self.scenarios[name]
        self._refresh()
        return self.result

    def scenario(self, name: str | None = None) -> Scenario:
        """The current state as a named scenario (by default named after the matching
        preset or loaded scenario, else "My scenario")."""
        return Scenario(self.spec.name, name or self.preset or "My scenario", self.state)

    def load_scenario(self, source: str | Path) -> R:
        """Load a scenario file (a path) or a pasted line (text starting with ``{``), add it
        to the named scenarios and switch to it."""
        text = source.strip() if isinstance(source, str) else ""
        if text.startswith("{"):
            return self.add_scenario(scenarios.parse(text, self.spec, self.data))
        return self.add_scenario(scenarios.read(source, self.spec, self.data))

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

    @property
    def alt_text(self) -> str:
        return self.chart.alt_text(self.result)

    def table(self) -> pd.DataFrame:
        return self.spec.table(self.result)


def data_note(*datasets: str) -> markup.Markup:
    """The end of every sources line: how current the data are and how to cite them."""
    cites = markup.join(
        (markup.html("<code>helpers.cite('{}')</code>", d) for d in datasets), sep=", "
    )
    return markup.html("Data as of {}. Cite the data: {}.", as_of(datasets[0]), cites)


def sources_paragraph(line: object) -> markup.Markup:
    """An explorer's sources line as shown under its chart (plain text is escaped)."""
    return markup.html('<p style="font-size:90%">{}</p>', line)


def _rows(controls: list[widgets.Widget]) -> list[widgets.Widget]:
    """Consecutive checkboxes share one wrapping row; other controls get a row each."""
    rows: list[widgets.Widget] = []
    run: list[widgets.Widget] = []
    for w in [*controls, None]:
        if isinstance(w, widgets.Checkbox):
            run.append(w)
            continue
        if run:
            rows.append(widgets.HBox(run, layout=widgets.Layout(flex_flow="row wrap")))
            run = []
        if w is not None:
            rows.append(w)
    return rows


CUSTOM = "Custom (your setting)"  # the picker's entry when no named scenario matches


class ExplorerView(StaticFace, widgets.VBox):
    """The widgets of one explorer, bound to an ``ExplorerSession``."""

    static_note = True

    def __init__(self, session: ExplorerSession):
        self.session = session
        spec = session.spec
        self._syncing = False
        css = f"explorer-{spec.name}"

        self.controls: dict[str, widgets.Widget] = {}
        for control in spec.controls:
            w = control.make(session.data)
            w.add_class("explorer-control")
            w.add_class(f"{css}-{control.field}")
            w.value = getattr(session.state, control.field)
            w.observe(self._on_control(control.field), names="value")
            self.controls[control.field] = w

        self.preset_picker = widgets.Dropdown(
            options=self._options(),
            value=session.preset or CUSTOM,
            description="Scenario:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
            tooltip="Named settings: the commentary's view, hindsight, and others",
        )
        self.preset_picker.add_class(f"{css}-preset")
        self.preset_picker.observe(self._on_preset, names="value")
        self.reset_button = widgets.Button(
            description=f"Reset to: {session.reset_preset}",
            icon="undo",
            tooltip="Put every control back to the commentary's view",
            layout=widgets.Layout(width="auto"),
        )
        self.reset_button.add_class(f"{css}-reset")
        self.reset_button.on_click(lambda _: self.reset())

        self.image = widgets.HTML()
        self.image.add_class(f"{css}-chart")
        self.sources_line = widgets.HTML()
        self.sources_line.add_class(f"{css}-sources")
        self.table_html = widgets.HTML()
        self.table_html.add_class(f"{css}-table")
        self.bibliography = widgets.HTML()
        definitions = markup.items(
            (
                markup.html("<b>{}</b> {}", self._label(c.field), c.definition)
                for c in spec.controls
            ),
            ordered=False,
        )
        notes = widgets.HTML(
            markup.html(
                "<p><b>What the controls mean</b></p>{}<p><b>Assumptions</b></p>{}",
                definitions,
                markup.items(spec.assumptions, ordered=False),
            )
        )
        details = widgets.Accordion(
            children=[self.table_html, self.bibliography, notes, self._scenario_box(css)],
            titles=(
                "Table (the chart's data)",
                "Sources",
                "Definitions and assumptions",
                "Prepared scenarios: save this setting, load one",
            ),
        )
        details.add_class(f"{css}-details")
        top = widgets.HBox([self.preset_picker, self.reset_button])
        super().__init__(
            [
                widgets.HTML(markup.html("<h3>{}</h3>", spec.title) + markup.style(FOCUS_RULES)),
                top,
                *_rows(list(self.controls.values())),
                self.image,
                self.sources_line,
                details,
            ]
        )
        self.add_class("explorer")
        self.add_class(css)
        self._show()

    def _options(self) -> list[str]:
        """The named scenarios, and "Custom" while the controls match none of them (so the
        box never goes blank after a slider move)."""
        names = list(self.session.scenarios)
        return names if self.session.preset is not None else [*names, CUSTOM]

    def _scenario_box(self, css: str) -> widgets.VBox:
        """Save the current setting (a file or a line of text) and load prepared ones."""
        wide = {"description_width": "initial"}
        self.save_link = widgets.HTML()
        self.save_link.add_class(f"{css}-save")
        self.scenario_line = widgets.Textarea(
            description="This setting as one line (copy it):",
            style=wide,
            layout=widgets.Layout(width="98%", height="4em"),
        )
        self.scenario_line.add_class(f"{css}-line")
        self.paste = widgets.Text(
            description="Paste a scenario line, then press Load:",
            placeholder='{"format": "korea-nato-briefing/scenario", ...}',
            style=wide,
            layout=widgets.Layout(width="70%"),
        )
        self.paste.add_class(f"{css}-paste")
        load_button = widgets.Button(description="Load", icon="upload", tooltip="Load the line")
        load_button.on_click(lambda _: self._load(self.paste.value))
        self.upload = widgets.FileUpload(
            accept=".json", multiple=True, description="Load scenario files (.json)"
        )
        self.upload.layout.width = "auto"
        self.upload.observe(self._on_upload, names="value")
        self.scenario_status = widgets.HTML()
        self.scenario_status.add_class(f"{css}-scenario-status")
        self.link_note = widgets.HTML()
        self.link_note.add_class(f"{css}-link")
        return widgets.VBox(
            [
                self.link_note,
                self.save_link,
                self.scenario_line,
                widgets.HBox([self.paste, load_button]),
                self.upload,
                self.scenario_status,
            ]
        )

    def _link_note(self, scenario: Scenario) -> markup.Markup:
        """The link to the current scenario in the offline page or deck, if it is one of
        the prepared scenarios those pages hold."""
        s = self.session
        if s.preset is None or s.presets.get(s.preset) != s.state:
            return markup.html(
                "<p><b>Link to a scenario</b>: a link can open the offline page or deck on "
                "a prepared scenario ({}); this setting is not one of them. Save it as a "
                "file or a line below.</p>",
                ", ".join(s.presets),
            )
        return markup.html(
            "<p><b>Link to this scenario</b> in this notebook's offline page or deck "
            "(<code>make slides</code>): add <code>#{}</code> to its address, e.g. "
            "<code>pages/NOTEBOOK.html#{}</code>. Copy it:</p>"
            '<p><input type="text" readonly aria-label="Link fragment for this scenario" '
            'value="#{}" style="width:95%"></p>',
            scenario.fragment,
            scenario.fragment,
            scenario.fragment,
        )

    def _load(self, text: str, label: str = "the pasted line") -> None:
        """Load scenario ``text`` (pasted or uploaded); report the outcome under the
        controls. A misfit changes nothing: not the state, the list or any control."""
        try:
            self._apply(lambda: scenarios.parse(text, self.session.spec, self.session.data, label))
        except DataError as exc:
            self.scenario_status.value = markup.html(
                '<p style="color:#B23A00"><b>Not loaded: {} does not fit this explorer.</b> '
                "Nothing else changed.</p>{}",
                label,
                markup.problem_list(exc.problems),
            )
            return
        self.scenario_status.value = markup.html(
            "<p>Loaded <b>{}</b> from {}.</p>", self.session.preset or "", label
        )

    def _apply(self, read: Callable[[], Scenario]) -> None:
        """Read a scenario, then add and show it, all or nothing: if anything refuses it
        (the parser, or a control that cannot take a value), the session, the scenario list
        and the controls are put back as they were."""
        loaded = read()  # validated whole before anything changes
        s = self.session
        before = (s.state, dict(s.scenarios), s.result, s.png)
        try:
            s.add_scenario(loaded)
            self._show()
        except Exception as exc:
            s.state, s.scenarios, s.result, s.png = before
            self._show()
            raise DataError.one(
                loaded.name, None, "state", "values the explorer's controls allow", str(exc)
            ) from None

    def _on_upload(self, change: dict) -> None:
        for item in change["new"]:
            if len(item["content"]) > scenarios.MAX_BYTES:
                self.scenario_status.value = markup.html(
                    '<p style="color:#B23A00"><b>Not loaded: {} is {:,} bytes</b>; a scenario '
                    "file is at most {:,}. Nothing else changed.</p>",
                    item["name"],
                    len(item["content"]),
                    scenarios.MAX_BYTES,
                )
                continue
            # Bytes that are not UTF-8 become replacement characters: parse() then reports
            # the file as not JSON, by name.
            text = bytes(item["content"]).decode("utf-8-sig", errors="replace")
            self._load(text, label=item["name"])

    def load_scenario(self, source: str | Path) -> None:
        """Load a scenario file or pasted line (see ``helpers.explorers.scenarios``); a
        misfit raises ``DataError`` and changes nothing."""
        session = self.session
        text = source.strip() if isinstance(source, str) else ""
        if text.startswith("{"):
            self._apply(lambda: scenarios.parse(text, session.spec, session.data))
        else:
            self._apply(lambda: scenarios.read(source, session.spec, session.data))

    def save_scenario(self, folder: str | Path = ".", name: str | None = None) -> Path:
        """Write the current setting as a scenario file into ``folder``; return its path."""
        return scenarios.write(self.session.scenario(name), folder)

    def _label(self, field: str) -> str:
        return getattr(self.controls[field], "description", field) or field

    def _on_control(self, field: str) -> Callable[[dict], None]:
        def handler(change: dict) -> None:
            if not self._syncing:
                self.session.update(**{field: change["new"]})
                self._show()

        return handler

    def _on_preset(self, change: dict) -> None:
        if not self._syncing and change["new"] not in (None, CUSTOM):
            self.session.apply_preset(change["new"])
            self._show()

    def reset(self) -> None:
        self.session.reset()
        self._show()

    def _show(self) -> None:
        """Push the session's state and result into the widgets (no recomputation)."""
        s, spec = self.session, self.session.spec
        self._syncing = True
        try:
            for field, w in self.controls.items():
                value = getattr(s.state, field)
                if w.value != value:
                    w.value = value
            options = self._options()
            if tuple(self.preset_picker.options) != tuple(options):
                self.preset_picker.options = options
            self.preset_picker.value = s.preset or CUSTOM
        finally:
            self._syncing = False
        self.image.value = markup.image(s.png, s.alt_text, f"explorer-{spec.name}-img")
        scenario = s.scenario()
        self.save_link.value = markup.file_download(
            scenario.to_json(),
            scenario.filename,
            "application/json",
            f"Save this setting as a file ({scenario.filename})",
        )
        self.scenario_line.value = scenario.to_line()
        self.link_note.value = self._link_note(scenario)
        self.sources_line.value = sources_paragraph(spec.sources_line(s.result))
        frame = s.table()
        self.table_html.value = markup.csv_download(frame, f"{spec.name}.csv") + markup.table(frame)
        self.bibliography.value = markup.bibliography(spec.source_ids(s.result))

    def __repr__(self) -> str:
        """Short and stable: it is the text nbval compares for an explorer cell."""
        return f"<{self.session.spec.title} explorer>"
