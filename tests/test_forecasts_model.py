"""Forecasts as scored probabilities: Brier scores by hand, properties, the dataset's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.data import DataError, load
from helpers.models import forecasts as fc

PROBS = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
OUTCOMES = st.lists(st.booleans(), min_size=1, max_size=40)


def test_brier_scores_by_hand() -> None:
    assert fc.brier(0.7, True) == pytest.approx(0.09)  # (0.7 - 1)^2
    assert fc.brier(0.7, False) == pytest.approx(0.49)  # 0.7^2
    assert fc.brier(0.03, False) == pytest.approx(0.0009)
    assert fc.brier(0.675, True) == pytest.approx(0.105625)  # (1 - 0.675)^2
    assert fc.brier(1.0, False) == 1.0 and fc.brier(0.0, False) == 0.0


def test_the_mean_counts_resolved_questions_only() -> None:
    probs = {"a": 0.9, "b": 0.2, "c": 0.5, "d": 0.4}
    outcomes = {"a": "yes", "b": "yes", "c": "open", "e": "no"}
    assert fc.scores(probs, outcomes) == pytest.approx({"a": 0.01, "b": 0.64})
    assert fc.mean_score(probs, outcomes) == pytest.approx((0.01 + 0.64) / 2)
    assert fc.mean_score(probs, {"a": "open"}) is None


def test_a_probability_outside_0_1_is_refused() -> None:
    for bad in (-0.1, 1.2, float("nan")):
        with pytest.raises(ValueError, match="between 0 and 1"):
            fc.brier(bad, True)


@given(OUTCOMES)
def test_a_perfect_forecaster_scores_0(happened: list[bool]) -> None:
    outcomes = {f"q{i}": "yes" if h else "no" for i, h in enumerate(happened)}
    perfect = {q: 1.0 if o == "yes" else 0.0 for q, o in outcomes.items()}
    assert fc.mean_score(perfect, outcomes) == 0.0


@given(OUTCOMES)
def test_always_50_percent_scores_a_quarter(happened: list[bool]) -> None:
    outcomes = {f"q{i}": "yes" if h else "no" for i, h in enumerate(happened)}
    assert fc.mean_score(dict.fromkeys(outcomes, 0.5), outcomes) == pytest.approx(0.25)


@given(PROBS, st.booleans())
def test_a_score_is_between_0_and_1_and_the_opposite_forecast_mirrors_it(
    p: float, happened: bool
) -> None:
    assert 0.0 <= fc.brier(p, happened) <= 1.0
    assert fc.brier(p, happened) == pytest.approx(fc.brier(1 - p, not happened))


@given(st.lists(st.tuples(PROBS, st.booleans()), max_size=50))
def test_calibration_bins_hold_every_forecast_once(pairs: list[tuple[float, bool]]) -> None:
    bins = fc.calibration(pairs)
    assert sum(b.n for b in bins) == len(pairs)
    for b in bins:
        if b.n:
            assert b.low <= b.mean_forecast <= b.high and 0.0 <= b.share_yes <= 1.0


def test_calibration_by_hand() -> None:
    bins = fc.calibration([(0.1, False), (0.15, True), (0.7, True), (0.75, True), (1.0, True)])
    by_low = {b.low: b for b in bins}
    assert by_low[0.0].n == 2 and by_low[0.0].share_yes == 0.5
    assert by_low[0.0].mean_forecast == pytest.approx(0.125)
    assert by_low[0.6].n == 2 and by_low[0.6].share_yes == 1.0
    assert by_low[0.8].n == 1  # 1.0 falls in the last bin
    assert by_low[0.2].n == 0 and by_low[0.2].mean_forecast is None


def test_words_read_as_the_middle_of_their_icd_203_range() -> None:
    ranges = fc.word_ranges(load("estimative_scale"))
    assert fc.implied("likely", ranges) == pytest.approx((0.55 + 0.80) / 2)
    assert fc.brier_range("likely", True, ranges) == pytest.approx((0.04, 0.2025))
    assert fc.fits(0.55, "likely", ranges) and fc.fits(0.55, "roughly even chance", ranges)
    assert not fc.fits(0.9, "likely", ranges)


def test_the_shipped_forecasts_pass_the_checks() -> None:
    data = fc.load_data()
    f = data.forecasts
    assert len(f) >= 10 and (f["outcome"] == "open").sum() >= 10
    briefing = f[f["forecaster"] == "briefing"]
    assert briefing["judgment_id"].notna().all(), "each briefing forecast follows a judgment"
    judged = set(load("judgments")["judgment_id"])
    assert set(briefing["judgment_id"]) <= judged
    for r in f.itertuples():
        assert fc.fits(r.probability, str(r.estimative_word), data.ranges), r.question_id
        assert len(r.resolves_yes_if) > 80, f"{r.question_id}: criteria a stranger can apply"
        assert r.source_ids, r.question_id
    resolved = f[f["outcome"] != "open"]
    assert (resolved["forecaster"] == "commentary (implied)").all()
    for r in resolved.itertuples():  # the commentary's word, read at the middle of its range
        assert r.probability == pytest.approx(fc.implied(str(r.estimative_word), data.ranges))
        assert "kim2023" in r.source_ids


def _edit(data_dir: Path, old: str, new: str) -> None:
    path = data_dir / "forecasts.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_probability_outside_its_word_is_refused_by_row_and_column(data_dir: Path) -> None:
    _edit(data_dir, ",unlikely,0.35,overview-high-point", ",unlikely,0.6,overview-high-point")
    with pytest.raises(DataError) as err:
        fc.load_data(data_dir)
    text = str(err.value)
    assert "forecasts.csv, row 1" in text and "'probability'" in text and "unlikely" in text


def test_a_question_past_its_date_must_be_resolved(data_dir: Path) -> None:
    _edit(data_dir, "2027-04-30", "2026-04-30")
    with pytest.raises(DataError, match="resolution date 2026-04-30 has passed"):
        fc.load_data(data_dir)


def test_rescoring_is_editing_the_outcome(data_dir: Path) -> None:
    before = fc.load_data(data_dir)
    assert before.forecasts.set_index("question_id").loc["commentary-reprimand", "outcome"] == "yes"
    path = data_dir / "forecasts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(k for k, line in enumerate(lines) if line.startswith("commentary-reprimand,"))
    lines[i] = lines[i].replace('"KCNA slammed', '"(test) KCNA slammed').replace(",yes,", ",no,")
    path.write_text("".join(lines), encoding="utf-8")
    after = fc.load_data(data_dir)
    b = fc.scores(fc.briefing_probabilities(before), fc.outcomes(before))
    a = fc.scores(fc.briefing_probabilities(after), fc.outcomes(after))
    assert b["commentary-reprimand"] == pytest.approx(0.325**2)
    assert a["commentary-reprimand"] == pytest.approx(0.675**2)


def test_criteria_say_what_happens_if_the_settling_source_is_late() -> None:
    """A question past its date must be resolved (the loader's check), so criteria cannot
    leave it open while a source is late: each says how it resolves then."""
    for r in load("forecasts").itertuples():
        assert "stays open" not in r.resolves_yes_if, r.question_id
        if "fact sheet" in r.resolves_yes_if:
            assert "resolves no" in r.resolves_yes_if, r.question_id


def test_the_table_twin_writes_scores_for_reading_not_as_raw_floats() -> None:
    """A reader sees 0.106, not 0.10562499999999997 (a float's repr)."""
    from helpers.explorers import REGISTRY, ExplorerSession

    session = ExplorerSession(REGISTRY["forecasts"])
    shown = session.table()
    scored = shown[shown["Brier score"] != ""]
    assert len(scored) >= 2
    for cell in [*scored["Brier score"], *shown["Scored probability"]]:
        assert isinstance(cell, str) and (cell == "" or len(cell.split(".")[-1]) <= 3), cell
    raw = session.result.table.dropna(subset=["Brier score"])  # the model keeps the numbers
    assert [f"{b:.3f}" for b in raw["Brier score"]] == list(scored["Brier score"])
