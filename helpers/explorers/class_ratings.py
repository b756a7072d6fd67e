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
from helpers.data.ratings import MAX_BYTES, Ratings, merge, parse_ratings, participant_key
from helpers.explorers.base import data_note
from helpers.explorers.precomputed import precomputed_note, static_mode
from helpers.explorers.room_or_demo import ROOM, SAMPLES, RoomOrDemonstration, plural
from helpers.models import ach
from helpers.models import agreement as model
from helpers.static_face import StaticFace

CSS = "class-ratings"


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
    ):
        self.data = data
        self.room: dict[str, Ratings] = dict(room)
        self.samples: dict[str, Ratings] = dict(samples or {})
        self._origin = {participant_key(n): "an earlier file" for n in self.room}
        self.shape = model.matrix(data)

        self.upload = widgets.FileUpload(
            accept=".csv",
            multiple=True,
            description="Add participants' CSVs",
            tooltip="One CSV per participant (evidence_id,h1,h2,h3,h4), or one combined "
            "CSV with a participant column",
            layout=widgets.Layout(width="auto"),
        )
        self.upload.add_class(f"{CSS}-upload")
        self.upload.observe(self._on_upload, names="value")
        self.showing = widgets.ToggleButtons(
            options=self._showing_options(),
            value=ROOM if self.room or not self.samples else SAMPLES,
            description="Show:",
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=[
                "Only the files the room handed in",
                "The shipped samples: the briefing's ratings and two alternative readings",
            ],
        )
        self.showing.add_class(f"{CSS}-showing")
        self._syncing = False
        self.showing.observe(lambda _: None if self._syncing else self._show(), names="value")
        self.message = widgets.HTML()
        self.message.add_class(f"{CSS}-message")
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
        template = pd.DataFrame(
            [
                [eid, *row]
                for eid, row in zip(
                    self.shape.evidence_ids, ach.briefing_ratings(data), strict=True
                )
            ],
            columns=["evidence_id", *self.shape.columns],
        )
        how = widgets.HTML(
            markup.html(
                "<p><b>How to take part</b>: rate each evidence item against each hypothesis "
                "({}), one CSV per participant with the columns "
                "<code>evidence_id,h1,h2,h3,h4</code>, named after the participant "
                "(<code>alice.csv</code>; names match ignoring case and spaces), or one "
                "combined CSV with a <code>participant</code> column first. Start from the "
                "briefing's matrix: {} (rename the file to your name).</p>",
                ", ".join(ach.SCALE),
                markup.csv_download(template, "your-name.csv"),
            )
        )
        details = widgets.Accordion(
            children=[self.table_html, how],
            titles=("Table (the chart's data)", "How to add your ratings"),
        )
        details.add_class(f"{CSS}-details")
        if static_mode():  # no kernel to read an upload: say so instead of offering one
            who = (
                f"the {plural(len(self.samples), 'sample participant')} below (a demonstration)"
                if self.showing.value == SAMPLES
                else f"the {plural(len(self.room))} below"
            )
            adding: widgets.Widget = precomputed_note(
                f"the agreement of {who} was computed", "To add the room's CSVs"
            )
        else:
            adding = widgets.HBox([self.upload])
        # Offline no Python runs to switch: the static page shows the demonstration alone.
        controls = [self.showing] if self.samples and not static_mode() else []
        super().__init__(
            [
                widgets.HTML("<h3>The seminar's ratings: where the class agrees</h3>"),
                adding,
                *controls,
                self.message,
                self.label,
                self.image,
                self.sources_line,
                self.scores_html,
                details,
            ]
        )
        self.add_class(CSS)
        self._show()

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

    def add_files(self, files: Mapping[str, bytes]) -> list[Problem]:
        """Add the room's participants in uploaded files; return the problems found.

        A file with any problem adds no one (half a matrix would score misleadingly); good
        files in the same upload are still added, and participants loaded before are kept.
        A participant uploaded again in a later upload replaces their earlier ratings; two
        files of one upload naming the same participant (in any case or spacing) is a
        problem, not a silent merge. The view then shows the room.
        """
        problems: list[Problem] = []
        added: dict[str, Ratings] = {}
        origin: dict[str, str] = {}
        for name, raw in files.items():
            if not name.lower().endswith(".csv"):
                problems.append(Problem(name, None, None, "a .csv file", "another kind of file"))
                continue
            if len(raw) > MAX_BYTES:
                problems.append(
                    Problem(name, None, None, f"at most {MAX_BYTES:,} bytes", f"{len(raw):,}")
                )
                continue
            found, trouble = parse_ratings(raw, name, Path(name).stem, self.shape)
            problems.extend(trouble)
            merge(added, found, name, origin, problems)
        earlier = {participant_key(n): n for n in self.room}
        replaced = [n for n in added if participant_key(n) in earlier]
        for name in replaced:
            del self.room[earlier[participant_key(name)]]
        self.room.update(added)
        notes = []
        if added:
            notes.append(
                markup.html(
                    "Added {}{}.",
                    ", ".join(added),
                    markup.html(" (replacing earlier ratings of {})", ", ".join(replaced))
                    if replaced
                    else "",
                )
            )
        if problems:
            notes.append(
                markup.html(
                    "<b>Not added</b>: {} to fix in the file(s), then upload them again. The "
                    "participants already loaded ({}) are kept.{}",
                    plural(len(problems), "problem"),
                    len(self.room),
                    markup.problem_list(problems),
                )
            )
        if problems:
            self.message.value = markup.html(
                '<div role="alert" style="color:#8B2E00">{}</div>', markup.join(notes, " ")
            )
        else:
            self.message.value = markup.html('<div role="status">{}</div>', markup.join(notes, " "))
        if added:
            if self.showing.value != ROOM:
                self.showing.value = ROOM  # observed: redraws
            else:
                self._show()
        return problems

    def _on_upload(self, change: dict) -> None:
        uploaded = change["new"]
        if not uploaded:
            return
        files: dict[str, bytes] = {}
        for f in uploaded:
            name = f["name"]
            while name in files:  # the browser can send two files of one name
                name += " (again)"
            files[name] = bytes(f["content"])
        self.add_files(files)
        self.upload.value = ()  # ready for the next file, even one with the same name


def gather_ratings(*paths: str | Path) -> widgets.Widget:
    """The seminar-agreement widget.

    No paths: the room starts empty and the shipped samples are shown as a labelled
    demonstration until the room's files are added. Paths: the room's CSV files, or
    folders of them. Bad files raise :class:`helpers.data.DataError` naming file, row,
    column, expected and found (shown without a traceback in a notebook).
    """
    data = model.load_data()
    if paths:
        return ClassRatingsView(model.read_participants(*paths, data=data), data)
    return ClassRatingsView({}, data, samples=model.read_participants(data=data))
