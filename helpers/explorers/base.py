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

import base64
import dataclasses
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import ipywidgets as widgets
import pandas as pd

from helpers.charts.style import DISPLAY_WIDTH_PX, as_of
from helpers.citation import bibliography
from helpers.data import DataError
from helpers.explorers import scenarios
from helpers.explorers.scenarios import Scenario

S = TypeVar("S")  # the state dataclass
D = TypeVar("D")  # the data the explorer computes from
R = TypeVar("R")  # the result of compute()


class Chart(Protocol[R]):
    def render(self, result: R) -> bytes: ...

    def alt_text(self, result: R) -> str: ...

    def headline(self, result: R) -> str: ...


@dataclass(frozen=True)
class ControlSpec:
    """A control bound to one state field: how to make it and what it means."""

    field: str
    make: Callable[[], widgets.Widget]
    definition: str


@dataclass(frozen=True)
class ExplorerSpec(Generic[S, D, R]):
    name: str
    title: str
    presets: Mapping[str, S]
    load: Callable[[], D]
    compute: Callable[[S, D], R]
    chart: Callable[[D], Chart[R]]
    table: Callable[[R], pd.DataFrame]
    source_ids: Callable[[R], Sequence[str]]
    controls: tuple[ControlSpec, ...]
    assumptions: tuple[str, ...]
    sources_line: Callable[[R], str]

    @property
    def reset_preset(self) -> str:
        return next(iter(self.presets))


class ExplorerSession(Generic[S, D, R]):
    """An explorer's state and result, without widgets."""

    def __init__(self, spec: ExplorerSpec[S, D, R]):
        self.spec = spec
        self.data: D = spec.load()
        self.chart: Chart[R] = spec.chart(self.data)
        self.scenarios: dict[str, S] = dict(spec.presets)  # presets, then any loaded
        self.state: S = spec.presets[spec.reset_preset]
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
        text = str(source).strip()
        if text.startswith("{"):
            return self.add_scenario(scenarios.parse(text, self.spec, self.data))
        return self.add_scenario(scenarios.read(source, self.spec, self.data))

    def add_scenario(self, loaded: Scenario) -> R:
        """Add a checked scenario to the named ones (never replacing a different one of the
        same name) and switch to it."""
        name = loaded.name
        if name in self.scenarios and self.scenarios[name] != loaded.state:
            name = f"{name} (loaded)"
        self.scenarios[name] = loaded.state
        return self.apply_preset(name)

    def reset(self) -> R:
        return self.apply_preset(self.spec.reset_preset)

    @property
    def alt_text(self) -> str:
        return self.chart.alt_text(self.result)

    def table(self) -> pd.DataFrame:
        return self.spec.table(self.result)


def data_note(*datasets: str) -> str:
    """The end of every sources line: how current the data are and how to cite them."""
    cites = ", ".join(f"<code>helpers.cite('{d}')</code>" for d in datasets)
    return f"Data as of {as_of(datasets[0])}. Cite the data: {cites}."


def img_html(png: bytes, alt: str, css_class: str) -> str:
    """A chart as an <img> shown at the width it is designed for (narrower only if the page
    is), whatever its pixel size, never squashed: see helpers.charts.style. (A page-wide
    ``max-height`` on images would, with a set width, distort the chart.)"""
    data = base64.b64encode(png).decode("ascii")
    style = f"width:{DISPLAY_WIDTH_PX}px;max-width:100%;height:auto;max-height:none"
    return (
        f'<img class="{css_class}" style="{style}" '
        f'alt="{html.escape(alt)}" src="data:image/png;base64,{data}"/>'
    )


def csv_link(frame: pd.DataFrame, filename: str) -> str:
    data = base64.b64encode(frame.to_csv(index=False).encode("utf-8")).decode("ascii")
    return (
        f'<a download="{html.escape(filename)}" href="data:text/csv;base64,{data}">'
        f"Download these {len(frame)} rows as CSV</a>"
    )


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


def table_html(frame: pd.DataFrame) -> str:
    """A plain, escaped HTML table (several times faster than ``DataFrame.to_html``)."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False, name=None)
    )
    return (
        f'<table class="explorer-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


class ExplorerView(widgets.VBox):
    """The widgets of one explorer, bound to an ``ExplorerSession``."""

    def __init__(self, session: ExplorerSession):
        self.session = session
        spec = session.spec
        self._syncing = False
        css = f"explorer-{spec.name}"

        self.controls: dict[str, widgets.Widget] = {}
        for control in spec.controls:
            w = control.make()
            w.add_class("explorer-control")
            w.add_class(f"{css}-{control.field}")
            w.value = getattr(session.state, control.field)
            w.observe(self._on_control(control.field), names="value")
            self.controls[control.field] = w

        self.preset_picker = widgets.Dropdown(
            options=list(session.scenarios),
            value=session.preset,
            description="Scenario:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
            tooltip="Named settings: the commentary's view, hindsight, and others",
        )
        self.preset_picker.add_class(f"{css}-preset")
        self.preset_picker.observe(self._on_preset, names="value")
        self.reset_button = widgets.Button(
            description=f"Reset to: {spec.reset_preset}",
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
        definitions = "".join(
            f"<li><b>{html.escape(self._label(c.field))}</b> {html.escape(c.definition)}</li>"
            for c in spec.controls
        )
        assumptions = "".join(f"<li>{html.escape(a)}</li>" for a in spec.assumptions)
        notes = widgets.HTML(
            f"<p><b>What the controls mean</b></p><ul>{definitions}</ul>"
            f"<p><b>Assumptions</b></p><ul>{assumptions}</ul>"
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
                widgets.HTML(f"<h3>{html.escape(spec.title)}</h3>"),
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
        return widgets.VBox(
            [
                self.save_link,
                self.scenario_line,
                widgets.HBox([self.paste, load_button]),
                self.upload,
                self.scenario_status,
            ]
        )

    def _load(self, text: str, label: str = "the pasted line") -> None:
        """Load scenario ``text`` (pasted or uploaded); report the outcome under the
        controls. A misfit changes nothing."""
        try:
            loaded = scenarios.parse(text, self.session.spec, self.session.data, origin=label)
        except DataError as exc:
            lines = "".join(f"<li>{html.escape(str(p))}</li>" for p in exc.problems)
            self.scenario_status.value = (
                f'<p style="color:#B23A00"><b>Not loaded: {html.escape(label)} does not fit '
                f"this explorer.</b> Nothing else changed.</p><ul>{lines}</ul>"
            )
            return
        self.session.add_scenario(loaded)
        self._refresh_options()
        self.scenario_status.value = (
            f"<p>Loaded <b>{html.escape(self.session.preset or '')}</b> from "
            f"{html.escape(label)}.</p>"
        )
        self._show()

    def _on_upload(self, change: dict) -> None:
        for item in change["new"]:
            # Bytes that are not UTF-8 become replacement characters: parse() then reports
            # the file as not JSON, by name.
            text = bytes(item["content"]).decode("utf-8-sig", errors="replace")
            self._load(text, label=item["name"])

    def _refresh_options(self) -> None:
        self._syncing = True
        try:
            self.preset_picker.options = list(self.session.scenarios)
        finally:
            self._syncing = False

    def load_scenario(self, source: str | Path) -> None:
        """Load a scenario file or pasted line (see ``helpers.explorers.scenarios``)."""
        self.session.load_scenario(source)
        self._refresh_options()
        self._show()

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
        if not self._syncing and change["new"] is not None:
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
            self.preset_picker.value = s.preset
        finally:
            self._syncing = False
        self.image.value = img_html(s.png, s.alt_text, f"explorer-{spec.name}-img")
        scenario = s.scenario()
        data = base64.b64encode(scenario.to_json().encode("utf-8")).decode("ascii")
        self.save_link.value = (
            f'<a download="{html.escape(scenario.filename)}" '
            f'href="data:application/json;base64,{data}">Save this setting as a file '
            f"({html.escape(scenario.filename)})</a>"
        )
        self.scenario_line.value = scenario.to_line()
        self.sources_line.value = f'<p style="font-size:90%">{spec.sources_line(s.result)}</p>'
        frame = s.table()
        self.table_html.value = csv_link(frame, f"{spec.name}.csv") + frame.to_html(
            index=False, escape=True, border=0, classes="explorer-table"
        )
        entries = bibliography(list(spec.source_ids(s.result)))
        self.bibliography.value = (
            "<ol>" + "".join(f"<li>{html.escape(e)}</li>" for e in entries) + "</ol>"
        )

    def __repr__(self) -> str:
        """Short and stable: it is the text nbval compares for an explorer cell."""
        return f"<{self.session.spec.title} explorer>"
