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
from helpers.charts.forecasts import forecast_chart
from helpers.charts.style import as_of
from helpers.data import Problem
from helpers.data.forecast_files import Forecasts, parse_forecasts
from helpers.data.room_store import RoomStore
from helpers.explorers.precomputed import precomputed_note, static_mode
from helpers.explorers.sources_line import data_note
from helpers.models import forecasts as model
from helpers.seminar.room_or_demo import RoomOrDemonstration, plural
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


def _how_to_take_part(data: model.ForecastData, ids: tuple[str, ...]) -> markup.Markup:
    """How a participant hands in forecasts as a file: the shape, a template to start from,
    and every question with how it resolves."""
    template = pd.DataFrame({"question_id": list(ids), "probability": [""] * len(ids)})
    questions = data.forecasts[
        ["question_id", "question", "resolves_yes_if", "resolution_date", "settled_by"]
    ].copy()
    questions["resolution_date"] = questions["resolution_date"].dt.strftime("%Y-%m-%d")
    questions.columns = ["Question id (for your CSV)"] + [
        markup.column_label(c) for c in questions.columns[1:]
    ]
    return markup.html(
        "<p><b>How to take part</b>: for each question, the probability (0 to 1, or a "
        "percentage) that it resolves yes; leave a cell empty to skip a question. One "
        "CSV per participant with the columns <code>question_id,probability</code>, "
        "named after the participant (<code>alice.csv</code>), or one combined CSV "
        "with a <code>participant</code> column. Start from {} (rename it to your "
        "name). The questions and how each resolves:</p>{}",
        markup.csv_download(template, "your-name.csv"),
        markup.table(questions),
    )


class RoomForecastsView(RoomOrDemonstration, StaticFace, widgets.VBox):
    handed_in = "forecasts"

    def __init__(
        self,
        room: Mapping[str, Forecasts],
        data: model.ForecastData,
        samples: Mapping[str, Forecasts] | None = None,
        live_room: str | Path | None = None,
    ):
        self.data = data
        self.room: dict[str, Forecasts] = dict(room)
        self.samples: dict[str, Forecasts] = dict(samples or {})
        self.ids = model.question_ids(data)
        self.shift_html = widgets.HTML()
        self.shift_html.add_class(f"{CSS}-shift")
        self.chart = forecast_chart(as_of("forecasts"), len(self.ids))
        self._room_controls(
            CSS,
            "Add participants' forecasts (CSV)",
            "One CSV per participant (question_id,probability), or one combined CSV "
            "with a participant column",
            "The shipped demonstration: the briefing's words at the ends of their ranges, "
            "and always 50%",
        )
        self.label = widgets.HTML()
        self.image = widgets.HTML()
        self.image.add_class(f"{CSS}-chart")
        self.scores_html = widgets.HTML()
        self.scores_html.add_class(f"{CSS}-scores")
        self.table_html = widgets.HTML()
        self.table_html.add_class(f"{CSS}-table")
        self.sources_line = widgets.HTML()
        how = widgets.HTML(_how_to_take_part(data, self.ids))
        details = widgets.Accordion(
            children=[self.table_html, how],
            titles=("Per question: the room beside the briefing", "How to add your forecasts"),
        )
        details.add_class(f"{CSS}-details")
        static = precomputed_note(
            "the scores of the forecasters below were computed", "To add the room's CSVs"
        )
        super().__init__(
            [
                widgets.HTML("<h3>The room's forecasts, scored beside the briefing's</h3>"),
                *self._ways_in(live_room, static if static_mode() else None),
                self.message,
                self.label,
                self.scores_html,
                self.shift_html,
                self.image,
                self.sources_line,
                details,
            ]
        )
        self.add_class(CSS)
        self._first_show()

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
            "probabilities in the briefing's row (an assumption). {}</p>{}",
            self.result.n_resolved,
            model.hindsight_note(self.data),
            markup.table(_fmt(self.result.scores)),
        )
        self.sources_line.value = markup.html(
            "<p>Probabilities are judgments; outcomes and base rates are sourced in the "
            "briefing's forecasts.{} {}</p>",
            markup.for_notebook(
                markup.html(
                    " To re-score, edit <code>outcome</code> in <code>forecasts.csv</code> and "
                    "re-run."
                )
            ),
            data_note("forecasts", "estimative_scale"),
        )

    def _parse(self, raw: bytes, label: str, name: str) -> tuple[dict, list[Problem]]:
        return parse_forecasts(raw, label, name, self.ids)

    def _answers_in_round(self, round_no: int) -> dict[str, Forecasts]:
        return self.store.forecasts(round_no)

    def read_room(self) -> None:
        super().read_room()
        shift = model.shift(self.store.forecasts(1), self.store.forecasts(2), self.data)
        if shift.empty:
            self.shift_html.value = ""
            return
        moved = shift["Moved"].value_counts()
        self.shift_html.value = markup.html(
            "<p><b>Did the discussion move the room?</b> The room's median from round 1 to "
            "round 2, on the {} questions answered in both: {} towards the briefing, {} away "
            "from it, {} unchanged (under one percentage point).</p>{}",
            len(shift),
            int(moved.get("towards the briefing", 0)),
            int(moved.get("away from the briefing", 0)),
            int(moved.get("no change", 0)),
            markup.table(_fmt(shift)),
        )


def gather_forecasts(
    *paths: str | Path, room: str | Path | None = None, round_no: int | None = None
) -> widgets.Widget:
    """The room's-forecasts widget. No paths: the room starts empty and the shipped
    demonstration forecasters are shown until the room's files are added. Paths: the room's
    CSV files, or folders of them; bad files raise :class:`helpers.data.DataError` naming
    file, row, column, expected and found; ``round_no`` reads one round of files saved by
    the participant page (round 1 and round 2 files of one participant may then share a
    folder). ``room``: the folder of a live room (``make
    room``), read as it fills, with the shift from round 1 to round 2."""
    data = model.load_data()
    if room is not None:
        return RoomForecastsView({}, data, live_room=room)
    if paths:
        room_read = model.read_forecasters(*paths, data=data, round_no=round_no)
        view = RoomForecastsView(room_read, data)
        view.say_skipped(room_read)
        return view
    return RoomForecastsView({}, data, samples=model.read_forecasters(data=data))


def score_cohorts(*folders: str | Path) -> widgets.Widget:
    """Every seminar that used the briefing, scored on the questions resolved since: one row
    per room folder (its date and title), the room's median in its last round answered, by
    the Brier and log scores, beside the briefing's Brier score on the same questions."""
    data = model.load_data()
    rooms: dict[str, dict[str, Forecasts]] = {}
    for folder in folders:
        store = RoomStore(folder, read_only=True)
        status = store.status()
        last = max((r for r, n in status.answered.items() if n), default=1)
        rooms[f"{status.created} {status.title} (round {last})"] = store.forecasts(last)
        store.close()
    table = model.cohorts(rooms, data)
    view = widgets.HTML(
        markup.html(
            "<p><b>Every cohort, scored as questions resolve</b> ({} resolved so far; lower "
            "Brier and higher log scores are better).</p>{}",
            len(model.resolved(model.outcomes(data))),
            markup.table(_fmt(table)),
        )
    )
    view.add_class(f"{CSS}-cohorts")
    return view
