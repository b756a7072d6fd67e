"""The kernel-free face of an explorer, for the offline decks, pages and the handout.

Without a kernel no Python callback runs, so the static build shows each preset's chart
computed in advance: a ``Stack`` of images switched by a dropdown that is ``jslink``-ed to it
(the link runs in the browser). It is labelled as precomputed wherever it appears. The
notebooks call ``explore()`` as usual; the build sets ``BRIEFING_STATIC=1`` for its kernels,
and ``explore()`` returns this view instead of the live one.
"""

from __future__ import annotations

import datetime as dt
import os

import ipywidgets as widgets

from helpers import markup
from helpers.explorers.base import ExplorerSession, ExplorerSpec, sources_paragraph
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
        note = precomputed_note(f"the {len(names)} scenarios in the list were computed")
        self._title = spec.title
        super().__init__(
            [widgets.HTML(markup.html("<h3>{}</h3>", spec.title)), note, self.picker, self.stack]
        )
        self.add_class("explorer")
        self.add_class("explorer-precomputed")
        self.add_class(css)

    def __repr__(self) -> str:
        return f"<{self._title} explorer, precomputed>"
