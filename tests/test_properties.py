"""Property tests: every registered explorer model, many random control states.

States are drawn the way a reader sets them (the controls' own ranges and options), so a new
explorer in the registry is covered without edits. Each model must not raise, must give
finite outputs, and must keep its ranges ordered; model-specific invariants follow.
"""

from __future__ import annotations

import dataclasses
import math
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.explorers import REGISTRY
from helpers.explorers.drive import random_value
from helpers.models import timeline

NAMES = sorted(REGISTRY)
_CACHE: dict[str, tuple] = {}


def _setup(name: str) -> tuple:
    """The spec, its data and its reset state, made once per explorer (the presets are
    computed from the data: once, not once per example)."""
    if name not in _CACHE:
        spec = REGISTRY[name]
        data = spec.load()
        presets = spec.make_presets(data)
        _CACHE[name] = (spec, data, presets[next(iter(presets))])
    return _CACHE[name]


def _random_state(name: str, seed: int) -> object:
    """A state drawn the way a reader sets one: each control's declared bounds and options."""
    spec, data, state = _setup(name)
    rng = random.Random(seed)
    changes = {c.field: random_value(c, data, rng) for c in spec.controls}
    return dataclasses.replace(state, **changes)


def _finite(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return bool(np.isfinite(value[~np.isnan(value)]).all())
    if isinstance(value, (tuple, list)):
        return all(_finite(v) for v in value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    return True


def _timeline(result) -> None:
    ev = result.events
    assert (ev["date"].dt.date >= result.start).all()
    if result.horizon is not None:
        assert (ev["date"].dt.date <= timeline.ARTICLE_HORIZON).all()
    assert sum(result.counts.values()) == len(ev)


def _unsc(result) -> None:
    assert len(result.values) == len(result.years) == len(result.sanctions)
    assert (result.sanctions >= 0).all() and (result.renewals >= 0).all()
    spread = ~np.isnan(result.low)
    assert (result.low[spread] <= result.values[spread]).all()


def _money(result) -> None:
    for block in (result.theft, result.reaching, result.denied):
        assert (np.diff(block, axis=0) >= -1e-9).all()  # low <= central <= high
    assert (result.denied <= result.reaching + 1e-9).all()
    assert (result.reaching <= result.theft + 1e-9).all()
    low, central, high = result.total_denied
    assert low <= central + 1e-9 <= high + 2e-9


def _race(result) -> None:
    assert np.allclose(result.shares.sum(axis=1), 100)
    low, central, high = result.korea_share
    assert low <= central + 1e-9 <= high + 2e-9
    assert result.korea_rank[0] >= result.korea_rank[1] >= result.korea_rank[2]


def _backlash(result) -> None:
    for p in result.points:
        assert 1 <= p.likelihood <= 5 and 1 <= p.impact <= 5
        assert p.score == p.likelihood * p.impact
        assert 0 <= p.observed <= p.signposts


def _ach(result) -> None:
    assert all(v >= 0 for v in result.inconsistency.values())
    best = min(result.inconsistency.values())
    assert set(result.top) == {h for h, v in result.inconsistency.items() if v - best < 1e-9}
    assert set(result.non_diagnostic) <= set(result.evidence_ids)


def _forecasts(result) -> None:
    scored = result.table.dropna(subset=["Brier score"])
    assert len(scored) == result.n_scored >= 2  # the resolved questions are always scored
    assert all(0.0 <= b <= 1.0 for b in scored["Brier score"])
    assert all(0.0 <= p <= 1.0 for p in result.table["Scored probability"].dropna())
    assert result.mean == pytest.approx(scored["Brier score"].mean())
    if result.state.sharpen == 0.0:
        assert result.mean == pytest.approx(0.25)  # always 50%, whatever happens
    assert sum(b.n for b in result.calibration) == result.n_scored
    if result.state.open_as == "open":
        assert result.n_hypothetical == 0
        assert not result.table["Outcome"].str.contains("hypothetical").any()


# Each explorer's own invariants, beyond the generic ones (finite, ordered, a table).
INVARIANTS = {
    "timeline": _timeline,
    "unsc": _unsc,
    "money": _money,
    "race": _race,
    "backlash": _backlash,
    "ach": _ach,
    "forecasts": _forecasts,
}


@pytest.mark.parametrize("name", NAMES)
@settings(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_random_states_keep_every_invariant(name: str, seed: int) -> None:
    spec, data, _ = _setup(name)
    result = spec.compute(_random_state(name, seed), data)
    assert _finite(vars(result))
    table = spec.table(result)
    assert len(table.columns) > 1
    assert all(isinstance(s, str) for s in spec.source_ids(result))
    INVARIANTS[name](result)


def test_every_registered_explorer_has_invariants_here() -> None:
    """A new explorer must add its own invariants above, not pass on the generic ones alone."""
    assert set(INVARIANTS) == set(REGISTRY)


@pytest.mark.parametrize("name", NAMES)
def test_random_states_render(name: str) -> None:
    """Fewer states (rendering is slower), but every one gives a PNG and alt text."""
    spec, data, _ = _setup(name)
    chart = spec.chart(data)
    for seed in range(max(8, settings().max_examples // 25)):  # 8; 40 in the long profile
        result = spec.compute(_random_state(name, seed), data)
        assert chart.render(result).startswith(b"\x89PNG")
        assert len(chart.alt_text(result)) > 40
