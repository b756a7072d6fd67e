"""The follow-the-money model: ranges, monotonicity, zeros, and the published estimates."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from helpers.data import load
from helpers.models import money as m

DATA = m.load_data()
BASE = m.PRESETS["The US estimates (a third to a half)"]


def _denied(**changes: object) -> np.ndarray:
    return m.compute(dataclasses.replace(BASE, **changes), DATA).denied


@pytest.mark.parametrize("state", list(m.PRESETS.values()), ids=list(m.PRESETS))
def test_ranges_are_ordered_low_central_high(state: m.MoneyState) -> None:
    r = m.compute(state, DATA)
    for block in (r.theft, r.reaching, r.denied):
        assert (block[0] <= block[1] + 1e-9).all() and (block[1] <= block[2] + 1e-9).all()
    low, central, high = r.total_denied
    assert low <= central <= high


def test_grid_of_states_keeps_ranges_ordered_and_finite() -> None:
    grid = [(0, 0), (0, 50), (20, 40), (100, 100)]
    for share, loss, prev in itertools.product(grid, grid, grid):
        r = m.compute(dataclasses.replace(BASE, weapons_share=share, laundering_loss=loss,
                                          prevented=prev), DATA)
        assert np.isfinite(r.denied).all()
        assert (np.diff(r.denied, axis=0) >= -1e-9).all()


@pytest.mark.parametrize("field", ["weapons_share", "prevented"])
def test_more_of_a_share_never_denies_less(field: str) -> None:
    previous = None
    for high in range(0, 101, 10):
        total = _denied(**{field: (0, high)}).sum(axis=1)
        if previous is not None:
            assert (total >= previous - 1e-9).all()
        previous = total


def test_more_laundering_loss_never_denies_more() -> None:
    previous = None
    for high in range(0, 101, 10):
        total = _denied(laundering_loss=(0, high)).sum(axis=1)
        if previous is not None:
            assert (total <= previous + 1e-9).all()
        previous = total


def test_zero_theft_gives_zero_funds() -> None:
    zero = dataclasses.replace(DATA, by_source={"Chainalysis": {2022: (0.0, 0.0, 0.0)}})
    r = m.compute(dataclasses.replace(BASE, years=(2022, 2022)), zero)
    assert (r.denied == 0).all() and (r.reaching == 0).all()


def test_zero_prevented_or_zero_share_gives_zero() -> None:
    assert (_denied(prevented=(0, 0)) == 0).all()
    assert (_denied(weapons_share=(0, 0)) == 0).all()


def test_the_formula_for_one_year() -> None:
    r = m.compute(dataclasses.replace(BASE, years=(2024, 2024), weapons_share=(50, 50),
                                      laundering_loss=(10, 10), prevented=(20, 20)), DATA)
    assert r.denied[1][0] == pytest.approx(1340 * 0.9 * 0.5 * 0.2)


def test_missing_years_are_named_not_zeroed() -> None:
    r = m.compute(dataclasses.replace(BASE, source="TRM Labs", years=(2020, 2025)), DATA)
    assert list(r.years) == [2022, 2023]
    assert r.missing_years == (2020, 2021, 2024, 2025)


def test_sources_disagree_and_stay_apart() -> None:
    theft = load("crypto_theft")
    both = theft.pivot(index="year", columns="source", values="value_usd_m").dropna(
        subset=["Chainalysis", "TRM Labs"])
    assert (both["TRM Labs"] < both["Chainalysis"]).all()
    assert not theft.duplicated(["source", "year"]).any()


def test_published_estimates_have_owners_and_are_marked_as_estimates() -> None:
    est = load("funding_estimates")
    assert set(est["share_pct"]) == {33, 50, 40}
    assert est["owner"].str.len().min() > 10
    assert set(est["kind"]) <= {"official estimate", "member-state claim"}
    text = " ".join(m.assumptions_text(BASE))
    assert "an assumption" in text and "estimates" in text


@pytest.mark.parametrize("bad", [{"source": "Elliptic"}, {"years": (2025, 2020)},
                                 {"weapons_share": (60, 40)}, {"prevented": (0, 120)}])
def test_impossible_states_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        m.compute(dataclasses.replace(BASE, **bad), DATA)
