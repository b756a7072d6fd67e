"""Gather a seminar's ratings of the ACH matrix and show where the class agrees.

``gather_ratings()`` shows the shipped sample participants (the briefing's ratings and its
two documented alternative readings); ``gather_ratings("ratings/")`` reads a folder (or
files) of participants' CSVs instead. In the browser, more participants' files can be added
with the upload button: a bad file is explained in the widget and the participants already
loaded are kept.

It is not a registered explorer (it has no state to set, only participants to add), so
it is built here from the same parts: the chart as an ``<img>`` with alt text, a table
twin with a CSV download, the sources line.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from helpers.charts import agreement as chart
from helpers.data import Problem
from helpers.data.ratings import Ratings, parse_ratings
from helpers.explorers.base import csv_link, data_note, img_html, table_html
from helpers.explorers.precomputed import precomputed_note, static_mode
from helpers.models import ach
from helpers.models import agreement as model

CSS = "class-ratings"


def _problems_html(problems: list[Problem]) -> str:
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
    return f"<ul>{items}</ul>"


class ClassRatingsView(widgets.VBox):
    """The agreement chart, its table twin, each participant's scores and an upload."""

    def __init__(self, participants: Mapping[str, Ratings], data: ach.AchData):
        self.data = data
        self.participants: dict[str, Ratings] = dict(participants)
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
        self.message = widgets.HTML()
        self.message.add_class(f"{CSS}-message")
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
            "<p><b>How to take part</b>: rate each evidence item against each hypothesis "
            f"({html.escape(', '.join(ach.SCALE))}), one CSV per participant with the "
            "columns <code>evidence_id,h1,h2,h3,h4</code>, named after the participant "
            "(<code>alice.csv</code>), or one combined CSV with a <code>participant</code> "
            "column first. Start from the briefing's matrix: "
            + csv_link(template, "your-name.csv")
            + " (rename the file to your name).</p>"
        )
        details = widgets.Accordion(
            children=[self.table_html, how],
            titles=("Table (the chart's data)", "How to add your ratings"),
        )
        details.add_class(f"{CSS}-details")
        if static_mode():  # no kernel to read an upload: say so instead of offering one
            adding: widgets.Widget = precomputed_note(
                f"the agreement of the {len(self.participants)} participants below was computed",
                "To add the room's CSVs",
            )
        else:
            adding = widgets.HBox([self.upload])
        super().__init__(
            [
                widgets.HTML("<h3>The seminar's ratings: where the class agrees</h3>"),
                adding,
                self.message,
                self.image,
                self.sources_line,
                self.scores_html,
                details,
            ]
        )
        self.add_class(CSS)
        self._show()

    def __repr__(self) -> str:
        n = len(self.participants)
        return f"<ACH agreement: {n} participant{'' if n == 1 else 's'}>"

    def _show(self) -> None:
        self.result = model.compare(self.participants, self.data)
        self.alt_text = chart.alt_text(self.result)
        self.image.value = img_html(chart.render_png(self.result), self.alt_text, f"{CSS}-img")
        cells = model.table(self.result)
        self.table_html.value = table_html(cells) + "<p>" + csv_link(cells, "agreement.csv")
        self.table_html.value += "</p>"
        scores = model.scores_table(self.result)
        verdict = (
            "Participants differ on the least contradicted hypothesis."
            if self.result.top_differs
            else "Every participant finds the same hypothesis least contradicted."
        )
        self.scores_html.value = (
            "<p><b>Each participant's weighted inconsistency</b> (lower = less contradicted; "
            f"scored as in the ACH explorer). {verdict}</p>" + table_html(scores)
        )
        self.sources_line.value = (
            "<p>Cells: the most common rating and the share who gave it; <b>split</b>: some "
            "participants rated the item consistent (C, CC) and others inconsistent (I, II). "
            "The evidence and the briefing's ratings come from its datasets; ratings are "
            "judgments. " + data_note("ach_evidence", "ach_readings") + "</p>"
        )

    def add_files(self, files: Mapping[str, bytes]) -> list[Problem]:
        """Add the participants in uploaded files; return the problems found (if any).

        A file with any problem adds no one (half a matrix would score misleadingly);
        good files in the same upload are still added, and participants loaded before
        are kept. A participant uploaded again replaces their earlier ratings.
        """
        problems: list[Problem] = []
        added: dict[str, Ratings] = {}
        for name, raw in files.items():
            if not name.lower().endswith(".csv"):
                problems.append(Problem(name, None, None, "a .csv file", "another kind of file"))
                continue
            found, trouble = parse_ratings(raw, name, Path(name).stem, self.shape)
            problems.extend(trouble)
            added.update(found)
        replaced = [n for n in added if n in self.participants]
        self.participants.update(added)
        notes = []
        if added:
            notes.append(
                f"Added {html.escape(', '.join(added))}"
                + (
                    f" (replacing earlier ratings of {html.escape(', '.join(replaced))})"
                    if replaced
                    else ""
                )
                + "."
            )
        if problems:
            notes.append(
                f"<b>Not added</b>: {len(problems)} problem{'' if len(problems) == 1 else 's'} "
                "to fix in the file(s), then upload them again. The participants already "
                f"loaded ({len(self.participants)}) are kept." + _problems_html(problems)
            )
        style = ' role="alert" style="color:#8B2E00"' if problems else ' role="status"'
        self.message.value = f"<div{style}>" + " ".join(notes) + "</div>"
        if added:
            self._show()
        return problems

    def _on_upload(self, change: dict) -> None:
        uploaded = change["new"]
        if not uploaded:
            return
        files = {f["name"]: bytes(f["content"]) for f in uploaded}
        self.add_files(files)
        self.upload.value = ()  # ready for the next file, even one with the same name


def gather_ratings(*paths: str | Path) -> widgets.Widget:
    """The seminar-agreement widget for participants' rating files.

    No paths: the shipped sample participants. Paths: participants' CSV files, or folders
    of them. Bad files raise :class:`helpers.data.DataError` naming file, row, column,
    expected and found (shown without a traceback in a notebook).
    """
    data = model.load_data()
    return ClassRatingsView(model.read_participants(*paths, data=data), data)
