"""The backlash risk model, the risk register and the scorecard."""

from __future__ import annotations

import dataclasses
import random

import pytest

from helpers.data import load
from helpers.explorers import REGISTRY, explore
from helpers.models import backlash as m
from helpers.views import scorecard

DATA = m.load_data()
PRESETS = m.make_presets(DATA)


def test_presets_reproduce_the_register() -> None:
    risks = load("risks")
    for year, name in ((2023, "As the risks looked in July 2023"), (2026, "With 2026 hindsight")):
        ratings = PRESETS[name].ratings
        assert [r[0] for r in ratings] == list(risks[f"likelihood_{year}"])
        assert [r[1] for r in ratings] == list(risks[f"impact_{year}"])
    assert m.compute(PRESETS["With 2026 hindsight"], DATA).label.startswith("with 2026 hindsight")


def test_every_rating_in_the_register_stays_on_the_scale() -> None:
    risks = load("risks")
    for col in ("likelihood_2023", "impact_2023", "likelihood_2026", "impact_2026"):
        assert risks[col].between(1, 5).all()


def test_heat_map_cells_match_the_inputs() -> None:
    rng = random.Random(3)
    chart = REGISTRY["backlash"].chart(DATA)
    for _ in range(20):
        ratings = tuple((rng.randint(1, 5), rng.randint(1, 5)) for _ in range(len(DATA.risks)))
        result = m.compute(m.BacklashState(ratings), DATA)
        chart.render(result)
        for point, (likelihood, impact) in zip(result.points, ratings, strict=True):
            assert (point.likelihood, point.impact, point.score) == (likelihood, impact,
                                                                      likelihood * impact)
        drawn = sorted((round(x), round(y)) for coll in chart.markers.values()
                       for x, y in coll.get_offsets())
        assert drawn == sorted((i, lk) for lk, i in ratings)
        assert result.label == "your own ratings" or ratings in (
            PRESETS["As the risks looked in July 2023"].ratings,
            PRESETS["With 2026 hindsight"].ratings)


@pytest.mark.parametrize("bad", [((0, 3),), ((6, 1),)])
def test_off_scale_or_short_ratings_are_refused(bad: tuple) -> None:
    with pytest.raises(ValueError):
        m.compute(m.BacklashState(bad * len(DATA.risks)), DATA)
    with pytest.raises(ValueError):
        m.compute(m.BacklashState(((3, 3),)), DATA)


def test_signposts_counts_and_hindsight_marking() -> None:
    result = m.compute(dataclasses.replace(PRESETS["With 2026 hindsight"]), DATA)
    united = next(p for p in result.points if p.risk_id == "dprk-united-front")
    assert (united.observed, united.signposts) == (3, 3)
    view = explore("backlash", preset="With 2026 hindsight")
    assert "HINDSIGHT" in view.sources_line.value


def test_scorecard_counts_every_expectation() -> None:
    predictions = load("predictions")
    panel = scorecard()
    assert f"Scorecard: {len(predictions)} expectations" in repr(panel)
    for verdict, n in predictions["verdict"].value_counts().items():
        assert f"<b>{n}</b> {verdict}" in panel.value
    assert "HINDSIGHT" in panel.value


def test_the_scorecard_scores_only_expectations_worded_on_the_icd_203_scale() -> None:
    panel = scorecard()
    assert repr(panel).endswith("; 2 scored>")
    # 'likely' is 55–80% on ICD 203; read as its middle, 0.675; both happened:
    # Brier (1 - 0.675)^2 = 0.105625, and 0.04–0.2025 across the range.
    assert panel.value.count("<b>Brier 0.106</b> (0.040–0.202 across the range)") == 2
    assert panel.value.count("[ASSUMPTION]") == 2
    assert "gave words, not numbers" in panel.value
    assert panel.value.count("its &#39;may&#39; names a possibility") == 3
    assert panel.value.count("it reports an event") == 1
