"""Scores that teach: the log score beside the Brier score, the shift from round 1 to
round 2, and every cohort scored on the questions that have resolved."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.models import forecasts as model


def test_the_log_score_punishes_a_confident_miss_and_floors_certainty() -> None:
    assert model.log_score(0.9, True) == pytest.approx(math.log(0.9))
    assert model.log_score(0.9, False) == pytest.approx(math.log(0.1))
    assert model.log_score(1.0, False) == pytest.approx(math.log(model.LOG_FLOOR))
    assert model.log_score(0.0, False) == pytest.approx(math.log(1 - model.LOG_FLOOR))
    with pytest.raises(ValueError):
        model.log_score(1.2, True)


def test_the_room_is_scored_by_brier_and_log_on_resolved_questions() -> None:
    data = model.load_data()
    done = model.resolved(model.outcomes(data))
    if not done:
        pytest.skip("no question has resolved yet")
    q, happened = next(iter(done.items()))
    result = model.room({"Ana": {q: 0.8}}, data)
    ana = result.scores.set_index("Forecaster").loc["Ana"]
    assert ana["Mean Brier score"] == pytest.approx(model.brier(0.8, happened))
    assert ana["Mean log score"] == pytest.approx(model.log_score(0.8, happened))


def test_the_shift_says_whether_the_discussion_moved_the_room_towards_the_briefing() -> None:
    data = model.load_data()
    briefing = model.briefing_probabilities(data)
    a, b, c = model.open_question_ids(data)[:3]
    far = {q: (0.99 if briefing[q] < 0.5 else 0.01) for q in (a, b, c)}
    before = {"Ana": {a: far[a], b: briefing[b], c: 0.5}, "Ben": {a: far[a]}}
    after = {"Ana": {a: briefing[a], b: far[b], c: 0.5}, "Ben": {a: briefing[a]}}
    shift = model.shift(before, after, data).set_index("Question")
    assert shift.loc[a, "Moved"] == "towards the briefing"
    assert shift.loc[b, "Moved"] == "away from the briefing"
    assert shift.loc[c, "Moved"] == "no change"
    assert shift.loc[a, "Answers (round 1, round 2)"] == "2, 2"


def test_every_cohort_is_scored_on_the_questions_it_answered_that_resolved() -> None:
    data = model.load_data()
    done = model.resolved(model.outcomes(data))
    open_q = model.open_question_ids(data)[0]
    rooms = {"2026-12-02": {"Ana": {open_q: 0.3}}}
    if done:
        q, happened = next(iter(done.items()))
        rooms["2025-05-01"] = {"Ana": {q: 0.2}, "Ben": {q: 0.6}}
    table = model.cohorts(rooms, data).set_index("Cohort")
    assert table.loc["2026-12-02", "Resolved questions scored"] == 0
    assert pd.isna(table.loc["2026-12-02", "Room median, Brier"])
    if done:
        row = table.loc["2025-05-01"]
        assert row["Participants"] == 2 and row["Resolved questions scored"] == 1
        assert row["Room median, Brier"] == pytest.approx(model.brier(0.4, happened))
