"""The live face of an explorer: ipywidgets bound to an ``ExplorerSession``.

Controls are made from the model's declarations (``live_controls.widget_for``) and bound to
the state fields; the chart is an ``<img>`` with alt text; under it the sources line, the
table twin with a CSV download, what each control means, the assumptions, the prepared
scenarios (save, load, link) and a reset button.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from helpers import markup
from helpers.data import DataError
from helpers.explorers import scenarios
from helpers.explorers.live_controls import widget_for
from helpers.explorers.scenarios import Scenario
from helpers.explorers.session import ExplorerSession
from helpers.explorers.sources_line import sources_paragraph
from helpers.explorers.spec import PICKER
from helpers.models.controls import Grid
from helpers.static_face import StaticFace

# Keyboard focus drawn on every control, carried by each live explorer into JupyterLab, which
# loads none of the briefing's CSS (the pages and decks load the same file).
FOCUS_FILE = Path(__file__).with_name("focus.css")
FOCUS_CSS = FOCUS_FILE.read_text(encoding="utf-8")
# The rules alone, for the <style> each explorer stores in its notebook (the why stays in the file).
FOCUS_RULES = re.sub(r"/\*.*?\*/", "", FOCUS_CSS, flags=re.S).strip()


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


def _html_part(css_class: str) -> widgets.HTML:
    part = widgets.HTML()
    part.add_class(css_class)
    return part


CUSTOM = "Custom (your setting)"  # the picker's entry when no named scenario matches


class ExplorerView(StaticFace, widgets.VBox):
    """The widgets of one explorer, bound to an ``ExplorerSession``."""

    static_note = True

    def __init__(self, session: ExplorerSession):
        self.session = session
        spec = session.spec
        self._syncing = False
        css = spec.css()
        self.controls = self._bound_controls()
        self.preset_picker = widgets.Dropdown(
            options=self._options(),
            value=session.preset or CUSTOM,
            description="Scenario:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
            tooltip="Named settings: the commentary's view, hindsight, and others",
        )
        self.preset_picker.add_class(spec.css(PICKER))
        self.preset_picker.observe(self._on_preset, names="value")
        self.reset_button = widgets.Button(
            description=f"Reset to: {session.reset_preset}",
            icon="undo",
            tooltip="Put every control back to the commentary's view",
            layout=widgets.Layout(width="auto"),
        )
        self.reset_button.add_class(f"{css}-reset")
        self.reset_button.on_click(lambda _: self.reset())
        self.image, self.sources_line, self.table_html = (
            _html_part(f"{css}-{part}") for part in ("chart", "sources", "table")
        )
        grids = {c.field: c for c in spec.controls if isinstance(c, Grid)}
        self.bibliography = widgets.HTML()
        # The controls, then the chart with its sources and details: one under the other in
        # a notebook (the chart wraps under the controls), side by side on a slide (deck.css).
        side = widgets.VBox(
            [
                widgets.HBox([self.preset_picker, self.reset_button]),
                *_rows(
                    [self._grid(grids[f]) if f in grids else w for f, w in self.controls.items()]
                ),
            ]
        ).add_class("explorer-side")
        main = widgets.VBox(
            [self.image, self.sources_line, self._details(css)],
            layout=widgets.Layout(width="100%"),
        ).add_class("explorer-main")
        super().__init__(
            [
                widgets.HTML(markup.html("<h3>{}</h3>", spec.title) + markup.style(FOCUS_RULES)),
                widgets.Box([side, main], layout=widgets.Layout(flex_flow="row wrap")).add_class(
                    "explorer-body"
                ),
            ]
        )
        self.add_class("explorer")
        self.add_class(css)
        self._show()

    def static_more(self) -> markup.Markup:
        """Without a kernel, the other side of a toggle explorer (``spec.static_also``): the
        chart at each of those prepared scenarios, under the one the controls are set to.
        Rendered from the session's data; the session's own state does not change."""
        s = self.session
        return markup.join(
            markup.html(
                "<p><b>The same chart at the prepared scenario “{}”</b>:</p>{}",
                name,
                markup.image(s.chart.render(result), s.chart.alt_text(result), s.spec.css("img")),
            )
            for name in s.spec.static_also
            if name in s.scenarios and name != s.preset
            for result in [s.spec.compute(s.scenarios[name], s.data)]
        )

    def _grid(self, control: Grid) -> widgets.Widget:
        """A table of ratings (one per item and column) behind a header of its own, closed,
        in its declared place among the controls: the chart already shows the ratings, and
        open the table is taller than a screen (on a slide it opens over the slide)."""
        return widgets.Accordion(
            [self.controls[control.field]],
            titles=(f"{control.caption}: open to change them",),
            layout=widgets.Layout(width="auto"),
        ).add_class("explorer-grid-control")

    def _bound_controls(self) -> dict[str, widgets.Widget]:
        """One widget per declared control, set to the state and bound to its field."""
        spec, bound = self.session.spec, {}
        for control in spec.controls:
            w = widget_for(control, self.session.data)
            w.add_class("explorer-control")
            w.add_class(spec.css(control.field))
            w.value = getattr(self.session.state, control.field)
            w.observe(self._on_control(control.field), names="value")
            bound[control.field] = w
        return bound

    def _details(self, css: str) -> widgets.Accordion:
        """Under the chart: its table, the sources, what the controls mean and the
        assumptions, and the prepared scenarios."""
        spec = self.session.spec
        definitions = markup.items(
            (markup.html("<b>{}</b> {}", f"{c.caption}:", c.definition) for c in spec.controls),
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
                "Save this chart or setting; load a setting",
            ),
        )
        details.add_class(f"{css}-details")
        details.add_class("explorer-more")  # on a slide: a row of headers under the chart
        return details

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
        # A larger file is refused in the live pages before it is sent (live_page.js).
        self.upload.add_class(f"briefing-upload-limit-{scenarios.MAX_BYTES}")
        self.upload.observe(self._on_upload, names="value")
        self.scenario_status = widgets.HTML()
        self.scenario_status.add_class(f"{css}-scenario-status")
        self.link_note = widgets.HTML()
        self.link_note.add_class(f"{css}-link")
        # The chart to take away, title, source and "as of" included: made on request (an
        # SVG takes a third of a second), and cleared when the chart changes.
        self.chart_links = widgets.HTML()
        self.chart_links.add_class(f"{css}-chart-links")
        chart_button = widgets.Button(
            description="Download this chart (PNG, SVG)",
            icon="download",
            tooltip="The chart as shown, with its title, source and date",
            layout=widgets.Layout(width="auto"),
        )
        chart_button.on_click(lambda _: self._chart_files())
        return widgets.VBox(
            [
                widgets.HBox([chart_button, self.chart_links]),
                self.link_note,
                self.save_link,
                self.scenario_line,
                widgets.HBox([self.paste, load_button]),
                self.upload,
                self.scenario_status,
            ]
        )

    def _chart_files(self) -> None:
        """Links to the chart as it stands, as PNG and as SVG (text kept as text)."""
        s = self.session
        stem = Path(s.scenario().filename).stem
        self.chart_links.value = markup.join(
            [
                markup.file_download(s.png, f"{stem}.png", "image/png", "PNG"),
                markup.file_download(s.svg(), f"{stem}.svg", "image/svg+xml", "SVG"),
            ],
            " · ",
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
        self._apply(lambda: self.session.read_scenario(source))

    def save_scenario(self, folder: str | Path = ".", name: str | None = None) -> Path:
        """Write the current setting as a scenario file into ``folder``; return its path."""
        return scenarios.write(self.session.scenario(name), folder)

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
        """Push the session's state and result into the widgets (no recomputation).

        The chart goes first, before the controls are brought in line with the state (a
        preset sets several): the page handles the kernel's messages one after another, and
        in JupyterLab in Chromium each control's update took it 5-20 ms on a 2-core machine
        (websocket messages timed in the page), so a chart sent after them was shown that
        much later. Measured in one JupyterLab session, this order and the former one
        alternated on the same page (the round trip of tests/tools/bench_notebooks.py, 18
        preset changes each, every explorer, two runs at load average 1.8-5): the chart
        came sooner in 13 of the 18 pairs, by 6.6 ms at the median, most where a preset sets
        several controls (unsc 104 against 119 and 110 against 127 ms, forecasts 103
        against 118 and 147 against 190 ms)."""
        s, spec = self.session, self.session.spec
        self.image.value = markup.image(s.png, s.alt_text, spec.css("img"))
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
        self.chart_links.value = ""  # made for the chart before: on request again
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
