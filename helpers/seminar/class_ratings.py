"""Gather a seminar's ratings of the ACH matrix and show where the class agrees.

``gather_ratings()`` opens on a labelled demonstration: the shipped sample participants (the
briefing's ratings and its two documented alternative readings), so a chair can rehearse.
The room's own files -- uploaded with the button, or ``gather_ratings("ratings/")`` -- are
counted apart from them: once the room has files the view shows the room alone, and a
toggle switches between the room and the demonstration, so the samples never swell the
room's count. A bad file is explained in the widget and participants already loaded are kept.

It is not a registered explorer (it has no state to set, only participants to add), so
it is built here from the same parts: the chart as an ``<img>`` with alt text, a table
twin with a CSV download, the sources line. All of its HTML comes from ``helpers.markup``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from helpers import markup
from helpers.charts import agreement as chart
from helpers.data import Problem
from helpers.data.ratings import Matrix, Ratings, parse_ratings
from helpers.explorers.precomputed import precomputed_note, static_mode
from helpers.explorers.sources_line import data_note
from helpers.models import ach
from helpers.models import agreement as model
from helpers.seminar.room_or_demo import SAMPLES, RoomOrDemonstration, plural
from helpers.static_face import StaticFace

CSS = "class-ratings"


def _how_to_take_part(data: ach.AchData, shape: Matrix) -> markup.Markup:
    """How a participant hands in ratings as a file: the shape and the briefing's matrix as
    a file to start from."""
    template = pd.DataFrame(
        [
            [eid, *row]
            for eid, row in zip(shape.evidence_ids, ach.briefing_ratings(data), strict=True)
        ],
        columns=["evidence_id", *shape.columns],
    )
    return markup.html(
        "<p><b>How to take part</b>: rate each evidence item against each hypothesis "
        "({}), one CSV per participant with the columns "
        "<code>evidence_id,h1,h2,h3,h4</code>, named after the participant "
        "(<code>alice.csv</code>; names match ignoring case and spaces), or one "
        "combined CSV with a <code>participant</code> column first. Start from the "
        "briefing's matrix: {} (rename the file to your name).</p>",
        ", ".join(ach.SCALE),
        markup.csv_download(template, "your-name.csv"),
    )


class ClassRatingsView(RoomOrDemonstration, StaticFace, widgets.VBox):
    """The agreement chart, its table twin, each participant's scores and an upload.

    ``room`` holds the participants read from the room's files; ``samples`` the
    demonstration. ``participants`` is the set shown (and counted) now."""

    static_note = True

    def __init__(
        self,
        room: Mapping[str, Ratings],
        data: ach.AchData,
        samples: Mapping[str, Ratings] | None = None,
        live_room: str | Path | None = None,
    ):
        self.data = data
        self.room: dict[str, Ratings] = dict(room)
        self.samples: dict[str, Ratings] = dict(samples or {})
        self.shape = model.matrix(data)

        self._room_controls(
            CSS,
            "Add participants' CSVs",
            "One CSV per participant (evidence_id,h1,h2,h3,h4), or one combined "
            "CSV with a participant column",
            "The shipped samples: the briefing's ratings and two alternative readings",
        )
        self.label = widgets.HTML()
        self.label.add_class(f"{CSS}-label")
        self.image = widgets.HTML()
        self.image.add_class(f"{CSS}-chart")
        self.scores_html = widgets.HTML()
        self.scores_html.add_class(f"{CSS}-scores")
        self.sources_line = widgets.HTML()
        self.sources_line.add_class(f"{CSS}-sources")
        self.table_html = widgets.HTML()
        self.table_html.add_class(f"{CSS}-table")
        how = widgets.HTML(_how_to_take_part(data, self.shape))
        details = widgets.Accordion(
            children=[self.table_html, how],
            titles=("Table (the chart's data)", "How to add your ratings"),
        )
        details.add_class(f"{CSS}-details")
        static = None
        if static_mode():  # no kernel to read an upload: say so instead of offering one
            who = (
                f"the {plural(len(self.samples), 'sample participant')} below (a demonstration)"
                if self.showing.value == SAMPLES
                else f"the {plural(len(self.room))} below"
            )
            static = precomputed_note(
                f"the agreement of {who} was computed", "To add the room's CSVs"
            )
        super().__init__(
            [
                widgets.HTML("<h3>The seminar's ratings: where the class agrees</h3>"),
                *self._ways_in(live_room, static),
                self.message,
                self.label,
                self.image,
                self.sources_line,
                self.scores_html,
                details,
            ]
        )
        self.add_class(CSS)
        self._first_show()

    @property
    def participants(self) -> dict[str, Ratings]:
        """The participants shown and counted now: the room's, or the demonstration's."""
        return self.participants_shown()

    def __repr__(self) -> str:
        return f"<ACH agreement: {plural(len(self.participants))}>"

    def _show(self) -> None:
        self._label_room_or_demo(
            "<p><b>Demonstration</b>: {} shipped with the briefing (its own ratings and "
            "two documented alternative readings), for rehearsal. They are not the room: "
            "the room's files are counted on their own.</p>",
            "sample participant",
        )
        who = self.participants
        if not who:
            self.image.value = self.scores_html.value = self.table_html.value = ""
            self.sources_line.value = markup.html(
                "<p>No participants' files yet: add them with the button above.</p>"
            )
            return
        self.result = model.compare(who, self.data)
        self.alt_text = chart.alt_text(self.result)
        self.image.value = markup.image(chart.render_png(self.result), self.alt_text, f"{CSS}-img")
        cells = model.table(self.result)
        self.table_html.value = markup.html(
            "{}<p>{}</p>", markup.table(cells), markup.csv_download(cells, "agreement.csv")
        )
        verdict = (
            "Participants differ on the least contradicted hypothesis."
            if self.result.top_differs
            else "Every participant finds the same hypothesis least contradicted."
        )
        self.scores_html.value = markup.html(
            "<p><b>Each participant's weighted inconsistency</b> (lower = less contradicted; "
            "scored as in the ACH explorer). {}</p>{}",
            verdict,
            markup.table(model.scores_table(self.result)),
        )
        self.sources_line.value = markup.html(
            "<p>Cells: the most common rating and the share who gave it; <b>split</b>: some "
            "participants rated the item consistent (C, CC) and others inconsistent (I, II). "
            "The evidence and the briefing's ratings come from its datasets; ratings are "
            "judgments. {}</p>",
            data_note("ach_evidence", "ach_readings"),
        )

    def _parse(self, raw: bytes, label: str, name: str) -> tuple[dict, list[Problem]]:
        return parse_ratings(raw, label, name, self.shape)

    def _answers_in_round(self, round_no: int) -> dict[str, Ratings]:
        return self.store.ratings(round_no, self.shape)


def gather_ratings(
    *paths: str | Path, room: str | Path | None = None, round_no: int | None = None
) -> widgets.Widget:
    """The seminar-agreement widget.

    No paths: the room starts empty and the shipped samples are shown as a labelled
    demonstration until the room's files are added. Paths: the room's CSV files, or
    folders of them. Bad files raise :class:`helpers.data.DataError` naming file, row,
    column, expected and found (shown without a traceback in a notebook). ``round_no``
    reads one round of files saved by the participant page; ``room`` a live room's folder.
    """
    data = model.load_data()
    if room is not None:
        return ClassRatingsView({}, data, live_room=room)
    if paths:
        room_read = model.read_participants(*paths, data=data, round_no=round_no)
        view = ClassRatingsView(room_read, data)
        view.say_skipped(room_read)
        return view
    return ClassRatingsView({}, data, samples=model.read_participants(data=data))
