"""The enforcement-gap model, the launch data and the claim ledger."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from helpers.data import load
from helpers.models import unsc as m
from helpers.views import claim_checks

DATA = m.load_data()
BASE = m.GapState(years=(m.FIRST_YEAR, m.LAST_YEAR))
SEED = (Path(__file__).resolve().parents[1] / "seeds"
        / "kim-2023-what-is-yoons-nato-strategy.txt").read_text(encoding="utf-8")


def _state(**changes: object) -> m.GapState:
    return dataclasses.replace(BASE, **changes)


def test_switching_series_changes_the_data_and_the_unit() -> None:
    events = m.compute(_state(series="japan-mod-events"), DATA)
    missiles = m.compute(_state(series="japan-mod-missiles"), DATA)
    assert (events.unit, missiles.unit) == ("events", "missiles")
    i = list(events.years).index(2022)
    launches = load("launches")
    stated = {
        sid: launches[(launches["series_id"] == sid) & (launches["year"] == 2022)]["value"].item()
        for sid in ("japan-mod-events", "japan-mod-missiles")
    }  # read from the data, so a logged correction of a count does not break the test
    assert (events.values[i], missiles.values[i]) == (
        stated["japan-mod-events"],
        stated["japan-mod-missiles"],
    )
    assert missiles.values[i] > events.values[i]  # several missiles per launch event
    assert missiles.at_least[i] and not events.at_least[i]


def test_year_range_filters_everything() -> None:
    r = m.compute(_state(series="csis-bp-all", years=(2020, 2023), show_forums=True), DATA)
    assert list(r.years) == [2020, 2021, 2022, 2023]
    assert all(2020 <= s.x < 2024 for s in r.signals)
    actions = load("unsc_actions")
    in_range = actions[actions["year"].between(2020, 2023)]["kind"].astype(str)
    assert r.sanctions.sum() == (in_range == "sanctions resolution").sum() == 0
    assert r.renewals.sum() == (in_range == "panel renewal").sum() > 0
    assert len(m.table(r)) == 4


def test_gaps_stay_gaps_not_zeros() -> None:
    r = m.compute(_state(series="japan-mod-events"), DATA)
    by_year = dict(zip(r.years, r.values, strict=True))
    assert np.isnan(by_year[2024]) and np.isnan(by_year[2010])
    counted = load("launches").query("series_id == 'japan-mod-events' and year == 2020")
    assert by_year[2020] == counted["value"].item()  # a counted year keeps its count
    assert "no count (gap)" in set(m.table(r).iloc[:, 1])


def test_no_launch_is_double_counted_across_series() -> None:
    launches = load("launches")
    assert not launches.duplicated(["series_id", "year"]).any()
    for sid in DATA.series.index:
        r = m.compute(_state(series=sid, show_other_series=True), DATA)
        expected = launches[launches["series_id"] == sid].set_index("year")["value"]
        shown = {int(y): v for y, v in zip(r.years, r.values, strict=True) if np.isfinite(v)}
        assert shown == {int(y): float(v) for y, v in expected.items()}
        assert sid not in r.others  # the chosen series is never drawn twice
        unit = DATA.series.loc[sid, "counts"]
        assert all(DATA.series.loc[o, "counts"] == unit for o in r.others)


def test_every_series_has_its_definition_and_sources() -> None:
    launches = load("launches")
    for sid, row in DATA.series.iterrows():
        assert row["counts"] in ("events", "missiles") and len(row["definition"]) > 40
        assert (launches["series_id"] == sid).sum() >= 1


def test_finding_council_silent_since_2017_in_every_series() -> None:
    for sid in DATA.series.index:
        r = m.compute(_state(series=sid), DATA)
        assert r.last_sanctions == (2017, "2397")
        after = r.years > 2017
        assert r.sanctions[after].sum() == 0
        peak = r.peak
        assert peak is not None and peak[0] >= 2016


def test_signal_toggles() -> None:
    none = m.compute(_state(show_vetoes=False, show_blocked=False, show_forums=False), DATA)
    assert none.signals == ()
    vetoes = m.compute(_state(show_blocked=False, show_forums=False), DATA)
    assert [s.label for s in vetoes.signals] == ["Veto, May 2022", "Veto, Mar 2024"]
    forums = m.compute(_state(show_vetoes=False, show_blocked=False, show_forums=True), DATA)
    assert {s.kind for s in forums.signals} == {"forums"} and len(forums.signals) == 3


def test_ranges_and_bounds_are_ordered() -> None:
    launches = load("launches").dropna(subset=["low", "high"])
    assert (launches["low"] <= launches["value"]).all()
    assert (launches["value"] <= launches["high"]).all()


@pytest.mark.parametrize("bad", [{"series": "nope"}, {"years": (2020, 2010)},
                                 {"years": (1990, 2000)}])
def test_impossible_states_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        m.compute(_state(**bad), DATA)


def test_every_claim_quotes_the_seed_verbatim() -> None:
    claims = load("claims")
    for row in claims.itertuples():
        assert row.quote in SEED, f"{row.claim_id}: quote not found in the seed"
        paragraphs = [p for p in SEED.split("\n\n") if p.strip()][1:]  # title excluded
        assert row.quote in paragraphs[row.paragraph - 1], f"{row.claim_id}: wrong paragraph"


def test_claim_checks_view_counts_verdicts() -> None:
    view = claim_checks("unsc")
    n = int((load("claims")["section"] == "unsc").sum())
    assert repr(view) == f"<Claim checks: unsc ({n} claims)>"
    assert f"{n} claims checked" in view.value and "needs nuance" in view.value
    with pytest.raises(ValueError):
        claim_checks("weather")


def test_unknown_series_in_launches_names_the_reference(data_dir: Path) -> None:
    from helpers.data import DataError
    path = data_dir / "launches.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "csis-mdp-missiles,2017", "csis-mdp-missile,2017", 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load("launches", data_dir)
    (p,) = info.value.problems
    assert p.column == "series_id" and "unknown launch_series key 'csis-mdp-missile'" in p.found


def test_every_series_covering_2022_peaks_there() -> None:
    """The notebook says so; this keeps the sentence true if the data change."""
    launches = load("launches")
    for sid, rows in launches.groupby("series_id", observed=True):
        if 2022 in set(rows["year"]):
            assert rows.loc[rows["value"].idxmax(), "year"] == 2022, sid


def test_a_series_without_counts_in_the_years_says_so_in_plain_words() -> None:
    """The headline names the series, then what is missing (it read "No UN Secretariat —
    launches counts for 2006–2015", the series' name wedged into the sentence)."""
    from helpers.explorers import explore

    session = explore("unsc").session
    session.update(series="un-secretariat-launches", years=(2006, 2015))
    assert session.result.peak is None
    assert session.chart.headline(session.result) == (
        "UN Secretariat — launches: no counts for 2006–2015"
    )
