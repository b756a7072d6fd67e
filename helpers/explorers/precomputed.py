"""The kernel-free face of an explorer, for the offline decks, pages and the handout.

Without a kernel no Python callback runs, so the static build shows each preset's chart
computed in advance: a ``Stack`` of images switched by a dropdown that is ``jslink``-ed to it
(the link runs in the browser). It is labelled as precomputed wherever it appears. The
notebooks call ``explore()`` as usual; the build sets ``BRIEFING_STATIC=1`` for its kernels,
and ``explore()`` returns this view instead of the live one.

The static-mode switch, the "precomputed" label and the PNG compaction live here too: they
exist only for this face (the seminar views reuse the label, the build the compaction).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import ipywidgets as widgets
import numpy as np

from helpers import markup
from helpers.charts import render
from helpers.charts.style import SVG_ENV
from helpers.explorers.live_controls import SLIDER_WIDTH
from helpers.explorers.session import ExplorerSession
from helpers.explorers.sources_line import sources_paragraph
from helpers.explorers.spec import PICKER, Axis, ExplorerSpec, Sweep
from helpers.static_face import StaticFace

STATIC_ENV = "BRIEFING_STATIC"


def static_mode() -> bool:
    """True when a static build runs this kernel (``BRIEFING_STATIC=1``)."""
    return os.environ.get(STATIC_ENV, "") == "1"


def precomputed_note(what: str, to_do: str = "To set the controls yourself") -> widgets.HTML:
    """The label every kernel-free view carries, so no reader mistakes it for a live one:
    one line that says so, opening on the whole note: ``what`` ("... was computed")
    happened when the page was built; ``to_do`` needs the live notebook. One line, because
    on a slide the chart needs the room (printed, the note is opened)."""
    return widgets.HTML(
        markup.html(
            '<details class="precomputed-note"><summary><b>Precomputed, no kernel</b>'
            "</summary><p>{} when this page was built, on {:%d %B %Y}; each chart's footer "
            "says how current its data are. {}, open the notebook in JupyterLab or the "
            "dashboard (see the README).</p></details>",
            what[:1].upper() + what[1:],
            dt.date.today(),
            to_do,
        )
    )


def compact_png(png: bytes, smallest: bool = True) -> bytes:
    """A chart's PNG in 256 colours (about a third of the bytes, no visible change on these
    flat-colour charts): a sweep holds dozens of charts and a page must stay under 5 MB.
    ``smallest`` spends zlib's most effort (about 50 ms a chart, for the presets, which the
    handout prints too); without it, the default effort (about 10 ms, some 10% more bytes):
    the sweeps' hundreds of charts must keep the build under a minute."""
    from PIL import Image

    return _paletted(Image.open(io.BytesIO(png)).convert("RGB"), smallest)


def compact_pixels(rgb: np.ndarray) -> bytes:
    """``compact_png`` (default effort) from a chart's pixels: a chart's ``encode``."""
    from PIL import Image

    return _paletted(Image.fromarray(np.ascontiguousarray(rgb)), smallest=False)


def _paletted(image: object, smallest: bool) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    paletted = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    paletted.save(out, "PNG", **({"optimize": True} if smallest else {"compress_level": 6}))
    return out.getvalue()


SWEEP_SECTION = "explorer-sweep-section"  # a sweep's whole section (the handout drops it)
SWEEP_TABS = "explorer-sweep-tabs"  # the tabs that hold the prepared scenarios and the sweep
# The label, twice where a sweep is precomputed: with the sweep (pages, decks), and without
# it for print (hidden until the handout drops the sweep and shows it).
NOTE_WITH_SWEEP = "precomputed-note-with-sweep"
NOTE_FOR_PRINT = "precomputed-note-for-print"


def _sweep_page(session: ExplorerSession, state: object) -> widgets.HTML:
    """One stop of a sweep: its chart (256 colours), sources line and table."""
    spec: ExplorerSpec = session.spec
    css = spec.css()
    chart = session.chart
    chart.encode = compact_pixels  # straight from the pixels: no PNG to decode
    try:
        session.show(state)
        png = session.png  # drawn now, while the paletted encoder is set
    finally:
        chart.encode = render.encode_png
    frame = session.table()
    page = widgets.HTML(
        markup.html(
            '{}<div class="explorer-details"><details><summary>Table (the chart\'s data, {} '
            "rows)</summary>{}</details><details><summary>Sources</summary>{}</details></div>",
            markup.image(png, session.alt_text, f"{css}-img"),
            len(frame),
            markup.table(frame),
            sources_paragraph(spec.sources_line(session.result)),
        )
    )
    page.add_class(f"{css}-sweep-chart")
    return page


def _picker(axis: Axis, labels: list[str], index: int, css_class: str) -> widgets.Dropdown:
    picker = widgets.Dropdown(
        options=labels,
        index=index,
        description=f"{axis.label}:",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="auto"),
    )
    picker.add_class(css_class)
    return picker


def sweep_view(
    session: ExplorerSession, sweep: Sweep, base_name: str
) -> tuple[widgets.Widget, str]:
    """The principal control over precomputed charts, from the scenario ``base_name``.

    A range is a slider with a list of the same values beside it (a typed alternative to
    dragging: WCAG 2.5.7); a choice is a list. With two axes, the first (a choice) picks a
    row of charts (an outer ``Stack`` of inner ``Stack``s) and the second moves along every
    row at once (its control is ``jslink``-ed to each inner ``Stack``). Returns the section
    and what the label says was computed."""
    spec: ExplorerSpec = session.spec
    css = spec.css()
    data, base = session.data, session.scenarios[base_name]
    main = sweep.main
    at = main.start(data, base)
    stacks = []
    for row in sweep.grid(data):
        stack = widgets.Stack([_sweep_page(session, sweep.state(base, *v)) for v in row])
        stack.selected_index = at
        stack.add_class(f"{css}-sweep-stack")
        stacks.append(stack)
    labels = [label for label, _ in main.points(data)]
    controls: list[widgets.Widget] = []
    links = []
    shown: widgets.Widget = stacks[0]
    if len(sweep.axes) == 2:
        first = sweep.axes[0]
        row_at = first.start(data, base)
        shown = widgets.Stack(stacks, selected_index=row_at)
        shown.add_class(f"{css}-sweep-rows")
        outer = _picker(first, [lb for lb, _ in first.points(data)], row_at, f"{css}-sweep-outer")
        links.append(widgets.jslink((outer, "index"), (shown, "selected_index")))
        controls.append(outer)
    if main.kind == "range":
        mover, typed, link = _range_controls(main, labels, at, css)
        links.append(link)
        controls += [mover, typed]
    else:
        mover = _picker(main, labels, at, f"{css}-sweep-choice")
        controls.append(mover)
    links += [widgets.jslink((mover, "index"), (s, "selected_index")) for s in stacks]
    shown.links = links  # keep the links alive with the view
    session.show(base)
    what = f"{sweep.describe(data)} ({sweep.stays} as in “{base_name}”)"
    section = widgets.VBox(
        [widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap")), shown]
    )
    section.add_class(SWEEP_SECTION)
    return section, what


def _range_controls(
    axis: Axis, labels: list[str], at: int, css: str
) -> tuple[widgets.Widget, widgets.Dropdown, widgets.Widget]:
    """A range's slider and, linked to it, a list of the same values: a typed alternative to
    dragging (WCAG 2.5.7)."""
    unit = f" ({axis.unit})" if axis.unit else ""
    mover: widgets.Widget = widgets.SelectionSlider(
        options=labels,
        index=at,
        description=f"{axis.label}{unit}:",
        style={"description_width": "initial"},
        layout=widgets.Layout(width=SLIDER_WIDTH),
        continuous_update=True,
    )
    mover.add_class(f"{css}-sweep")
    typed = widgets.Dropdown(
        options=labels,
        index=at,
        description="or choose:",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="auto"),
    )
    typed.add_class(f"{css}-sweep-typed")
    return mover, typed, widgets.jslink((typed, "index"), (mover, "index"))


def sweep_title(sweep: Sweep) -> str:
    """The sweep's tab: what it steps through."""
    return "Step through " + " × ".join(a.label for a in sweep.axes)


def _preset_page(session: ExplorerSession, name: str) -> widgets.HTML:
    """One preset's page: its chart (256 colours), table, sources and downloads, computed now
    because no kernel will run when the page is read."""
    spec: ExplorerSpec = session.spec
    css = spec.css()
    session.apply_preset(name)
    frame = session.table()
    png = compact_png(session.png)
    stem = Path(session.scenario().filename).stem
    page = widgets.HTML(
        markup.html(
            '{}<div class="explorer-details"><details><summary>Table (the chart\'s '
            "data, {} rows)</summary>{}</details><details><summary>Sources</summary>"
            "{}{}</details><details class='chart-download'><summary>Download this "
            "chart</summary><p>With its title, source and date: {}</p></details></div>",
            markup.image(png, session.alt_text, f"{css}-img"),
            len(frame),
            markup.table(frame),
            sources_paragraph(spec.sources_line(session.result)),
            markup.bibliography(spec.source_ids(session.result)),
            markup.join(
                [
                    markup.png_download(f"{stem}.png"),
                    # An SVG takes a third of a second: drawn where the built pages
                    # need it (the build's kernels), not in every precomputed view.
                    *(
                        [markup.file_download(session.svg(), f"{stem}.svg", "image/svg+xml", "SVG")]
                        if os.environ.get(SVG_ENV) == "1"
                        else []
                    ),
                ],
                " · ",
            ),
        )
    )
    page.add_class(f"{css}-chart")
    return page


def _with_sweep(
    session: ExplorerSession,
    presets: widgets.Widget,
    printed: widgets.HTML,
    names: list[str],
    first: int,
) -> tuple[list[widgets.Widget], widgets.Tab]:
    """The notes and body of a view with a sweep: the label says the sweep was computed too
    (the one without it kept for print), and the presets and sweep share the chart's place."""
    spec: ExplorerSpec = session.spec
    section, swept = sweep_view(session, spec.swept, names[first])
    printed.add_class(NOTE_FOR_PRINT)
    printed.layout.display = "none"  # the handout shows it (build.without_sweeps)
    with_sweep = precomputed_note(
        f"the {len(names)} scenarios in the list, and {swept}, were computed",
        "To move any other control, or to a value between the steps",
    )
    with_sweep.add_class(NOTE_WITH_SWEEP)
    # The scenarios and the sweep share the chart's place: one shows at a time, in
    # tabs (a kernel-free switch), so a slide holds one chart, not two.
    body = widgets.Tab([presets, section], titles=["Prepared scenarios", sweep_title(spec.swept)])
    body.add_class(SWEEP_TABS)
    return [with_sweep, printed], body


class PrecomputedView(StaticFace, widgets.VBox):
    """Every preset of one explorer as a precomputed chart, switchable without a kernel."""

    def __init__(self, session: ExplorerSession, start: str | None = None):
        spec: ExplorerSpec = session.spec
        css = spec.css()
        names = list(session.scenarios)
        pages = [_preset_page(session, name) for name in names]
        first = names.index(start) if start in names else 0
        self.stack = widgets.Stack(pages, selected_index=first)
        self.stack.add_class(f"{css}-stack")
        self.picker = widgets.Dropdown(
            options=names,
            index=first,
            description="Precomputed scenario:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.picker.add_class(spec.css(PICKER))
        self.link = widgets.jslink((self.picker, "index"), (self.stack, "selected_index"))
        presets_only = f"the {len(names)} scenarios in the list were computed"
        notes = [precomputed_note(presets_only)]
        presets = widgets.VBox([self.picker, self.stack])
        body: widgets.Widget = presets
        if spec.swept is not None:
            notes, body = _with_sweep(session, presets, notes[0], names, first)
        session.apply_preset(names[first])
        self._title = spec.title
        super().__init__([widgets.HTML(markup.html("<h3>{}</h3>", spec.title)), *notes, body])
        self.add_class("explorer")
        self.add_class("explorer-precomputed")
        self.add_class(css)

    def __repr__(self) -> str:
        return f"<{self._title} explorer, precomputed>"
