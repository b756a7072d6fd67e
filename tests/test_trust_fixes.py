"""The first audit's list of wrong or self-contradicting rows: each check fails on the old data."""

from __future__ import annotations

import re

import pandas as pd

from helpers.data import DATA_DIR, dataset_names, load, sources


def _all_text() -> str:
    """Every dataset and the catalog; not the corrections log, which quotes the old values."""
    files = [p for p in sorted(DATA_DIR.glob("*.csv")) if p.name != "corrections.csv"]
    return "\n".join(p.read_text(encoding="utf-8") for p in files) + (
        DATA_DIR / "catalog.toml"
    ).read_text(encoding="utf-8")


def test_no_value_rests_on_recollection() -> None:
    assert "recollection" not in _all_text().lower()


def test_finland_first_k9_order_is_sourced() -> None:
    k9 = load("k9_europe").set_index("order_id")
    row = k9.loc["finland-2017"]
    assert row["quantity"] == 48
    assert row["status"] == "VERIFIED"
    assert "shephard-finland-2017" in row["source_ids"]


def test_the_latest_sipri_window_has_every_top_ten_share() -> None:
    sipri = load("sipri_exporters")
    latest = sipri[sipri["window_end"] == sipri["window_end"].max()]
    assert sorted(latest["rank"].dropna().astype(int)) == list(range(1, 11))
    assert latest["share_pct"].notna().all()


def test_no_sipri_share_is_copied_from_another_window() -> None:
    """2018–22 China 5.2 / Germany 4.2 were the 2014–18 China / UK shares: not sourced."""
    sipri = load("sipri_exporters").set_index(["window", "country"])
    for country in ("China", "Germany"):
        assert pd.isna(sipri.loc[("2018–22", country), "share_pct"])


def test_north_korean_statements_against_seouls_nato_ties_are_on_record() -> None:
    signposts = load("signposts").set_index("signpost_id")
    assert signposts.loc["dprk-statements", "observed"] == "yes"
    assert "kbs-183134" in signposts.loc["dprk-statements", "source_ids"]
    risks = load("risks").set_index("risk_id")
    assert "No statement" not in risks.loc["dprk-reprimand", "reason_2026"]
    predictions = load("predictions").set_index("prediction_id")
    assert predictions.loc["pyongyang-reprimand", "verdict"] == "happened"


def test_the_scorecard_counts_only_backlash_expectations() -> None:
    """Seoul keeping its aid non-lethal is the commentary's description of Seoul, not a
    backlash that could 'happen'."""
    assert "non-lethal" not in set(load("predictions")["prediction_id"])


def test_the_2021_theft_range_credits_each_figure_to_its_source() -> None:
    theft = load("crypto_theft").set_index(["source", "year"])
    note = theft.loc[("Chainalysis", 2021), "note"]
    assert "BBC" not in note or "$429m (BBC)" not in note
    assert "429" in note and "2023" in note
    bib = sources()
    assert "$429m (BBC)" not in " ".join(bib["note"].dropna())


def test_kbs_171230_is_dated_and_titled_as_the_page_shows() -> None:
    entry = sources().loc["kbs-171230"]
    assert entry["published"] == "2022-07-24"
    assert "177%" in entry["title"] and not entry["title"].startswith("[")


def test_panel_renewals_before_2018_and_the_2017_count() -> None:
    actions = load("unsc_actions")
    renewals = actions[actions["kind"] == "panel renewal"]
    assert {2010, 2011, 2014, 2017, 2018} <= set(renewals["year"])
    meetings = load("unsc_meetings").set_index("year")
    in_2017 = actions[
        (actions["year"] == 2017) & actions["kind"].isin(["sanctions resolution", "panel renewal"])
    ]
    assert len(in_2017) == meetings.loc[2017, "resolutions"]
    res_2407 = actions.set_index("action_id").loc["res-2407"]
    assert res_2407["date"] == pd.Timestamp("2018-03-21")


def test_no_earlier_veto_is_implied() -> None:
    text = _all_text()
    assert "since 2006" not in re.sub(r"\[Brief:[^\]]*\]|https?://\S+", "", text)


def test_the_december_2023_k9_contract_rests_on_more_than_one_source() -> None:
    deals = load("poland_deals").set_index("deal_id")
    row = deals.loc["k9-2"]
    assert len(row["source_ids"]) >= 2
    assert "single" not in row["value_note"].lower()
    tiers = sources()["tier"]
    assert any(tiers[s] != "other" for s in row["source_ids"])


def test_the_2022_polish_contracts_have_one_value_everywhere() -> None:
    """DAPA's $12.4bn for four Korean-announced contracts (five Polish ones: the FA-50 buy
    was signed as two); the listed values sum to $12.33bn, shown as a derivation."""
    deals = load("poland_deals")
    first = deals[(deals["stage"] == "executive contract") & (deals["date"].dt.year == 2022)]
    assert abs(float(first["value_usd_bn"].sum()) - 12.325) < 1e-9  # $12.33bn, rounded half up
    evidence = load("ach_evidence").set_index("evidence_id").loc["E07", "evidence"]
    assert "12.3bn" not in evidence and "$12.4bn" in evidence
    claim = load("claims").set_index("claim_id").loc["industry-poland-12-4bn", "evidence"]
    assert "$12.4bn" in claim and "12.33" in claim and "five" in claim


def test_every_dataset_still_loads() -> None:
    for name in dataset_names():
        assert len(load(name)) > 0


def test_the_race_explorer_starts_from_the_latest_window() -> None:
    from helpers.models import race

    sipri = load("sipri_exporters")
    latest = sipri.loc[sipri["window_end"].idxmax(), "window"]
    assert latest == race.BASE_WINDOW
    data = race.load_data()
    assert data.base["share_pct"].notna().all()
