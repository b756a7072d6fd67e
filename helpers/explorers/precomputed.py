"""The kernel-free face of an explorer, for the offline decks, pages and the handout.

Without a kernel no Python callback runs, so the static build shows each preset's chart
computed in advance: a ``Stack`` of images switched by a dropdown that is ``jslink``-ed to it
(the link runs in the browser). It is labelled as precomputed wherever it appears. The
notebooks call ``explore()`` as usual; the build sets ``BRIEFING_STATIC=1`` for its kernels,
and ``explore()`` returns this view instead of the live one.
"""

from __future__ import annotations

import datetime as dt
import io
import os

import ipywidgets as widgets

from helpers import markup
from helpers.explorers.base import ExplorerSession, ExplorerSpec, Sweep, sources_paragraph
from helpers.static_face import StaticFace

STATIC_ENV = "BRIEFING_STATIC"


def static_mode() -> bool:
    """True when a static build runs this kernel (``BRIEFING_STATIC=1``)."""
    return os.environ.get(STATIC_ENV, "") == "1"


def precomputed_note(what: str, to_do: str = "To set the controls yourself") -> widgets.HTML:
    """The label every kernel-free view carries, so no reader mistakes it for a live one:
    ``what`` ("... was computed") happened when the page was built; ``to_do`` needs the
    live notebook."""
    return widgets.HTML(
        markup.html(
            '<p class="precomputed-note"><b>Precomputed, no kernel:</b> {} when this page was '
            "built, on {:%d %B %Y}; each chart's footer says how current its data are. {}, "
            "open the notebook in JupyterLab or the dashboard (see the README).</p>",
            what,
            dt.date.today(),
            to_do,
        )
    )


def compact_png(png: bytes) -> bytes:
    """A chart's PNG in 256 colours (about a third of the bytes, no visible change on these
    flat-colour charts): a sweep holds dozens of charts and a page must stay under 5 MB."""
    from PIL import Image

    out = io.BytesIO()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()


def _sweep_label(sweep: Sweep, value: int) -> str:
    return f"{value:+d}{sweep.unit}"


def sweep_view(session: ExplorerSession, sweep: Sweep) -> tuple[widgets.Widget, str]:
    """The principal control as a slider over precomputed charts, with a list of the same
    values beside it (a typed alternative to dragging: WCAG 2.5.7), both ``jslink``-ed to
    one ``Stack``; and what the label says was computed."""
    spec: ExplorerSpec = session.spec
    css = f"explorer-{spec.name}"
    base = session.presets[session.reset_preset]
    pages = []
    for value in sweep.values:
        session.state = sweep.state(base, value)
        session._refresh()
        frame = session.table()
        page = widgets.HTML(
            markup.html(
                "{}{}<details><summary>Table (the chart's data, {} rows)</summary>{}</details>",
                markup.image(compact_png(session.png), session.alt_text, f"{css}-img"),
                sources_paragraph(spec.sources_line(session.result)),
                len(frame),
                markup.table(frame),
            )
        )
        page.add_class(f"{css}-sweep-chart")
        pages.append(page)
    default = getattr(base, sweep.field)
    centre = sum(default) / len(default) if isinstance(default, tuple) else default
    start = min(range(len(sweep.values)), key=lambda i: abs(sweep.values[i] - centre))
    labels = [_sweep_label(sweep, v) for v in sweep.values]
    stack = widgets.Stack(pages, selected_index=start)
    stack.add_class(f"{css}-sweep-stack")
    slider = widgets.SelectionSlider(
        options=labels,
        index=start,
        description=f"{sweep.label} ({sweep.unit or 'value'}):",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="620px"),
        continuous_update=True,
    )
    slider.add_class(f"{css}-sweep")
    typed = widgets.Dropdown(
        options=labels,
        index=start,
        description="or choose:",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="auto"),
    )
    typed.add_class(f"{css}-sweep-typed")
    stack.links = [
        widgets.jslink((slider, "index"), (stack, "selected_index")),
        widgets.jslink((typed, "index"), (stack, "selected_index")),
    ]
    step = sweep.values[1] - sweep.values[0]
    points = " points" if sweep.unit == "%" else ""
    what = (
        f"{sweep.label} from {labels[0]} to {labels[-1]} in steps of {step}{points} ({sweep.stays})"
    )
    head = widgets.HTML(markup.html("<h4>Move {}: a precomputed sweep</h4>", sweep.label))
    return widgets.VBox([head, widgets.HBox([slider, typed]), stack]), what


class PrecomputedView(StaticFace, widgets.VBox):
    """Every preset of one explorer as a precomputed chart, switchable without a kernel."""

    def __init__(self, session: ExplorerSession, start: str | None = None):
        spec: ExplorerSpec = session.spec
        css = f"explorer-{spec.name}"
        names = list(session.scenarios)
        pages = []
        for name in names:
            session.apply_preset(name)
            frame = session.table()
            page = widgets.HTML(
                markup.html(
                    "{}{}<details><summary>Table (the chart's data, {} rows)</summary>{}"
                    "</details><details><summary>Sources</summary>{}</details>",
                    markup.image(session.png, session.alt_text, f"{css}-img"),
                    sources_paragraph(spec.sources_line(session.result)),
                    len(frame),
                    markup.table(frame),
                    markup.bibliography(spec.source_ids(session.result)),
                )
            )
            page.add_class(f"{css}-chart")
            pages.append(page)
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
        self.picker.add_class(f"{css}-preset")
        self.link = widgets.jslink((self.picker, "index"), (self.stack, "selected_index"))
        what = f"the {len(names)} scenarios in the list were computed"
        sweep: list[widgets.Widget] = []
        to_do = "To set the controls yourself"
        if spec.sweep is not None:
            section, swept = sweep_view(session, spec.sweep)
            sweep = [section]
            what = f"the {len(names)} scenarios in the list, and {swept}, were computed"
            to_do = "To move any other control, or to a value between the steps"
        session.apply_preset(names[first])
        note = precomputed_note(what, to_do)
        self._title = spec.title
        super().__init__(
            [
                widgets.HTML(markup.html("<h3>{}</h3>", spec.title)),
                note,
                self.picker,
                self.stack,
                *sweep,
            ]
        )
        self.add_class("explorer")
        self.add_class("explorer-precomputed")
        self.add_class(css)

    def __repr__(self) -> str:
        return f"<{self._title} explorer, precomputed>"
