"""The room's forecasts: read strictly (file, row, column), summarised beside the briefing's,
scored on resolved questions; the shipped demonstration files are derived, not invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.data import DataError
from helpers.data.forecast_files import FORECASTERS_DIR, forecasts_csv, parse_forecasts
from helpers.models import forecasts as fc
from helpers.seminar.room_forecasts import gather_forecasts


@pytest.fixture(scope="module")
def data() -> fc.ForecastData:
    return fc.load_data()


def test_the_shipped_demonstration_files_equal_their_derivation(data: fc.ForecastData) -> None:
    samples = fc.sample_forecasters(data)
    ids = fc.question_ids(data)
    files = {p.stem: p.read_text(encoding="utf-8") for p in FORECASTERS_DIR.glob("*.csv")}
    assert files == {n: forecasts_csv(p, ids) for n, p in samples.items()}, (
        "run tests/tools/make_samples.py"
    )


def test_one_file_per_participant_and_a_combined_file(tmp_path: Path, data) -> None:
    (tmp_path / "Alice.csv").write_text(
        "question_id,probability\nsummit-2027,30%\ncommentary-reprimand,0.9\nitpp-renewed,\n"
    )
    (tmp_path / "class.csv").write_text(
        "participant,question_id,probability\nBob,commentary-reprimand,0.6\n"
        "Cem,commentary-reprimand,0.2\nCem,summit-2027,0.5\n"
    )
    got = fc.read_forecasters(tmp_path, data=data)
    assert got == {
        "Alice": {"summit-2027": 0.3, "commentary-reprimand": 0.9},
        "Bob": {"commentary-reprimand": 0.6},
        "Cem": {"commentary-reprimand": 0.2, "summit-2027": 0.5},
    }
    result = fc.room(got, data)
    q = result.questions.set_index("Question")
    assert q.loc["commentary-reprimand", "Room median"] == pytest.approx(0.6)
    assert (q.loc["commentary-reprimand", "Lowest"], q.loc["commentary-reprimand", "Highest"]) == (
        0.2,
        0.9,
    )
    assert q.loc["summit-2027", "Room median"] == pytest.approx(0.4)  # (0.3 + 0.5) / 2
    assert q.loc["summit-2027", "Briefing"] == 0.35 and q.loc["itpp-renewed", "Answers"] == 0
    s = result.scores.set_index("Forecaster")["Mean Brier score"]
    assert s["Alice"] == pytest.approx(0.01)  # (0.9 - 1)^2; summit-2027 is open
    assert s["Cem"] == pytest.approx(0.64)
    assert s["the room (median)"] == pytest.approx(0.16)  # (0.6 - 1)^2
    assert result.n_resolved == 2


def test_every_problem_is_named_by_file_row_and_column(tmp_path: Path, data) -> None:
    bad = tmp_path / "dana.csv"
    bad.write_text(
        "question_id,probability\nSUMMIT-2027,0.2\nitpp-renewed,70\nsummit-2027,high\n"
        "itpp-renewed,0.1\nitpp-renewed,0.2\n"
    )
    with pytest.raises(DataError) as err:
        fc.read_forecasters(bad, data=data)
    text = str(err.value)
    assert "dana.csv, row 1 (line 2), column 'question_id'" in text and "lower case" in text
    assert "row 2 (line 3), column 'probability'" in text and "write 70% or 0.7" in text
    assert "row 3 (line 4), column 'probability'" in text and "'high'" in text
    assert "'itpp-renewed' again (first at row 4)" in text


def test_a_missing_column_and_a_participant_twice_are_refused(tmp_path: Path, data) -> None:
    (tmp_path / "a.csv").write_text("question,probability\nsummit-2027,0.2\n")
    with pytest.raises(DataError, match="question_id"):
        fc.read_forecasters(tmp_path / "a.csv", data=data)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "Eve.csv").write_text("question_id,probability\nsummit-2027,0.2\n")
    (tmp_path / "b" / "all.csv").write_text(
        "participant,question_id,probability\neve ,summit-2027,0.3\n"
    )
    with pytest.raises(DataError, match="already read from"):
        fc.read_forecasters(tmp_path / "b", data=data)


def test_a_file_of_empty_cells_adds_no_one(data) -> None:
    found, problems = parse_forecasts(
        b"question_id,probability\nsummit-2027,\n", "x.csv", "x", fc.question_ids(data)
    )
    assert found == {} and "every cell empty" in str(problems[0])


def test_the_widget_keeps_the_room_when_a_bad_file_comes() -> None:
    view = gather_forecasts()
    assert repr(view) == "<Room forecasts: 3 participants>"  # the demonstration
    problems = view.add_files(
        {
            "amy.csv": b"question_id,probability\ncommentary-reprimand,0.9\n",
            "bob.csv": b"question_id,probability\nsummit-2027,1.4\n",
        }
    )
    assert len(problems) == 1 and repr(view) == "<Room forecasts: 1 participant>"
    assert "bob.csv, row 1 (line 2), column &#39;probability&#39;" in view.message.value
    assert 'role="alert"' in view.message.value
    view.add_files({"bob.csv": b"question_id,probability\ncommentary-reprimand,<b>x</b>\n"})
    assert "<b>x</b>" not in view.message.value and "&lt;b&gt;x&lt;/b&gt;" in view.message.value
    assert repr(view) == "<Room forecasts: 1 participant>"
    assert "Brier scores on the 2 resolved questions" in view.scores_html.value
    assert "Needs 5 scored" in view.alt_text or "Calibration not drawn" in view.alt_text


def test_the_calibration_panel_appears_once_enough_questions_resolve(data) -> None:
    f = data.forecasts.copy()
    f["outcome"] = ["no" if p < 0.5 else "yes" for p in f["probability"]]
    resolved = fc.ForecastData(f, data.ranges, data.as_of)
    state = fc.ScoreState()
    result = fc.score(state, fc.briefing_probabilities(resolved), resolved)
    assert result.n_scored == len(f) >= fc.MIN_RESOLVED and result.n_hypothetical == 0
    before = fc.score(state, fc.briefing_probabilities(data), data)
    from helpers.charts.forecasts import forecast_chart

    chart = forecast_chart("now", len(f))
    assert "Calibration not drawn" in chart.alt_text(before)
    assert "Calibration: forecasts" in chart.alt_text(result)
    assert chart.render(result) != chart.render(before)


def test_moving_probabilities_moves_the_score(data) -> None:
    score_data = fc.load_score_data()
    stated = fc.compute(fc.ScoreState(), score_data)
    bolder = fc.compute(fc.ScoreState(sharpen=1.4), score_data)
    flat = fc.compute(fc.ScoreState(sharpen=0.0), score_data)
    assert flat.mean == pytest.approx(0.25)
    assert bolder.mean < stated.mean < flat.mean  # both resolved questions went the way leant
    hypo = fc.compute(fc.ScoreState(open_as="no"), score_data)
    n_open = len(fc.open_question_ids(fc.load_data()))
    assert hypo.n_hypothetical == n_open
    assert hypo.table["Outcome"].str.contains("hypothetical").sum()
