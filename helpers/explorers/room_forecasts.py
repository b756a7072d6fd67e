"""Gather a seminar's forecasts and score them beside the briefing's.

``gather_forecasts()`` opens on a labelled demonstration (the shipped forecasters derived
from the briefing's words), so a chair can rehearse; the room's own files -- uploaded with
the button, or ``gather_forecasts("forecasts/")`` -- are counted apart from them. It shows,
per question, the room's median and spread beside the briefing's probability; each
participant's, the room's (its median forecast) and the briefing's Brier score on the
resolved questions; and the scoring chart of the room's median, whose calibration panel is
drawn once enough questions have resolved. Re-scoring: edit ``outcome`` in
``forecasts.csv`` and re-run. A bad file is explained in the widget, naming file, row and
column, and participants already loaded are kept. All HTML comes from ``helpers.markup``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from helpers import markup
from helpers.charts.forecasts import ForecastChart
from helpers.charts.style import as_of
from helpers.data import Problem
from helpers.data.forecast_files import Forecasts, parse_forecasts
from helpers.data.ratings import MAX_BYTES, merge, participant_key
from helpers.explorers.base import data_note
from helpers.explorers.precomputed import precomputed_note, static_mode
from helpers.explorers.room_or_demo import ROOM, SAMPLES, RoomOrDemonstration, plural
from helpers.models import forecasts as model
from helpers.static_face import StaticFace

CSS = "room-forecasts"
MEDIAN = "the room (median)"


def _fmt(frame: pd.DataFrame) -> pd.DataFrame:
    """Probabilities and scores to two or three decimals, empty cells as '–'."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype.kind == "f" or col in ("Room median", "Lowest", "Highest"):
            digits = 3 if "Brier" in col else 2
            out[col] = [("–" if pd.isna(v) else f"{float(v):.{digits}f}") for v in out[col]]
    return out


class RoomForecastsView(RoomOrDemonstration, StaticFace, widgets.VBox):
    def __init__(
        self,
        room: Mapping[str, Forecasts],
        data: model.ForecastData,
        samples: Mapping[str, Forecasts] | None = None,
    ):
        self.data = data
        self.room: dict[str, Forecasts] = dict(room)
        self.samples: dict[str, Forecasts] = dict(samples or {})
        self.ids = model.question_ids(data)
        self.chart = ForecastChart(as_of("forecasts"), len(self.ids))
        self.upload = widgets.FileUpload(
            accept=".csv",
            multiple=True,
            description="Add participants' forecasts (CSV)",
            tooltip="One CSV per participant (question_id,probability), or one combined CSV "
            "with a participant column",
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
                "The shipped demonstration: the briefing's words at the ends of their ranges, "
                "and always 50%",
            ],
        )
        self.showing.add_class(f"{CSS}-showing")
        self._syncing = False
        self.showing.observe(lambda _: None if self._syncing else self._show(), names="value")
        self.message = widgets.HTML()
        self.message.add_class(f"{CSS}-message")
        self.label = widgets.HTML()
        self.image = widgets.HTML()
        self.image.add_class(f"{CSS}-chart")
        self.scores_html = widgets.HTML()
        self.scores_html.add_class(f"{CSS}-scores")
        self.table_html = widgets.HTML()
        self.table_html.add_class(f"{CSS}-table")
        self.sources_line = widgets.HTML()
        template = pd.DataFrame(
            {"question_id": list(self.ids), "probability": [""] * len(self.ids)}
        )
        questions = data.forecasts[
            ["question_id", "question", "resolves_yes_if", "resolution_date", "settled_by"]
        ].copy()
        questions["resolution_date"] = questions["resolution_date"].dt.strftime("%Y-%m-%d")
        how = widgets.HTML(
            markup.html(
                "<p><b>How to take part</b>: for each question, the probability (0 to 1, or a "
                "percentage) that it resolves yes; leave a cell empty to skip a question. One "
                "CSV per participant with the columns <code>question_id,probability</code>, "
                "named after the participant (<code>alice.csv</code>), or one combined CSV "
                "with a <code>participant</code> column. Start from {} (rename it to your "
                "name). The questions and how each resolves:</p>{}",
                markup.csv_download(template, "your-name.csv"),
                markup.table(questions),
            )
        )
        details = widgets.Accordion(
            children=[self.table_html, how],
            titles=("Per question: the room beside the briefing", "How to add your forecasts"),
        )
        details.add_class(f"{CSS}-details")
        if static_mode():
            adding: widgets.Widget = precomputed_note(
                "the scores of the forecasters below were computed", "To add the room's CSVs"
            )
        else:
            adding = widgets.HBox([self.upload])
        controls = [self.showing] if self.samples and not static_mode() else []
        super().__init__(
            [
                widgets.HTML("<h3>The room's forecasts, scored beside the briefing's</h3>"),
                adding,
                *controls,
                self.message,
                self.label,
                self.scores_html,
                self.image,
                self.sources_line,
                details,
            ]
        )
        self.add_class(CSS)
        self._show()

    @property
    def participants(self) -> dict[str, Forecasts]:
        return self.participants_shown()

    def __repr__(self) -> str:
        return f"<Room forecasts: {plural(len(self.participants))}>"

    def _show(self) -> None:
        self._label_room_or_demo(
            "<p><b>Demonstration</b>: {} derived from the briefing's words (each read at "
            "the low or the high end of its ICD 203 range) and always 50%, for rehearsal. "
            "They are not the room.</p>",
            "sample forecaster",
        )
        who = self.participants
        if not who:
            self.image.value = self.scores_html.value = self.table_html.value = ""
            self.sources_line.value = markup.html(
                "<p>No participants' forecasts yet: add them with the button above.</p>"
            )
            return
        self.result = model.room(who, self.data)
        scored = model.score(model.ScoreState(forecaster=MEDIAN), self.result.median, self.data)
        self.alt_text = self.chart.alt_text(scored)
        self.image.value = markup.image(self.chart.render(scored), self.alt_text, f"{CSS}-img")
        questions = _fmt(self.result.questions)
        self.table_html.value = markup.html(
            "{}<p>{}</p>",
            markup.table(questions),
            markup.csv_download(self.result.questions, "room-forecasts.csv"),
        )
        self.scores_html.value = markup.html(
            "<p><b>Brier scores on the {} resolved questions</b> (lower is better; always 50% "
            "scores 0.25; open questions are not scored). The room's score is that of its "
            "median forecast. The resolved questions so far carry the commentary's implied "
            "probabilities in the briefing's row (an assumption).</p>{}",
            self.result.n_resolved,
            markup.table(_fmt(self.result.scores)),
        )
        self.sources_line.value = markup.html(
            "<p>Probabilities are judgments; outcomes and base rates are sourced in the "
            "dataset <code>forecasts</code>. To re-score, edit <code>outcome</code> in "
            "<code>forecasts.csv</code> and re-run. {}</p>",
            data_note("forecasts", "estimative_scale"),
        )

    def add_files(self, files: Mapping[str, bytes]) -> list[Problem]:
        """Add the room's participants from uploaded files; return the problems found. A
        file with any problem adds no one; participants loaded before are kept; one
        uploaded again later replaces their earlier forecasts."""
        problems: list[Problem] = []
        added: dict[str, Forecasts] = {}
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
            found, trouble = parse_forecasts(raw, name, Path(name).stem, self.ids)
            problems.extend(trouble)
            merge(added, found, name, origin, problems)  # type: ignore[arg-type]
        earlier = {participant_key(n): n for n in self.room}
        for name in added:
            if participant_key(name) in earlier:
                del self.room[earlier[participant_key(name)]]
        self.room.update(added)
        notes = []
        if added:
            notes.append(markup.html("Added {}.", ", ".join(added)))
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
        role = "alert" if problems else "status"
        colour = ' style="color:#8B2E00"' if problems else ""
        self.message.value = markup.html(
            '<div role="{}"{}>{}</div>', role, markup.Markup(colour), markup.join(notes, " ")
        )
        if added:
            if self.showing.value != ROOM:
                self.showing.value = ROOM
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
            while name in files:
                name += " (again)"
            files[name] = bytes(f["content"])
        self.add_files(files)
        self.upload.value = ()


def gather_forecasts(*paths: str | Path) -> widgets.Widget:
    """The room's-forecasts widget. No paths: the room starts empty and the shipped
    demonstration forecasters are shown until the room's files are added. Paths: the room's
    CSV files, or folders of them; bad files raise :class:`helpers.data.DataError` naming
    file, row, column, expected and found."""
    data = model.load_data()
    if paths:
        return RoomForecastsView(model.read_forecasters(*paths, data=data), data)
    return RoomForecastsView({}, data, samples=model.read_forecasters(data=data))
