"""`make freshness`: the report lists what has gone stale, offline, and today nothing is due."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from helpers.data import load
from helpers.present import freshness

REPO = Path(__file__).resolve().parents[1]


def test_no_forecast_has_fallen_due_unresolved() -> None:
    """Fails on the day an open forecast passes its resolution date: resolve it (outcome,
    outcome_note and sources in forecasts.csv) from the source its row names."""
    due = freshness.due_forecasts(dt.date.today())
    assert due == [], "\n".join(f"{i.what}: {i.why}; check {i.check}" for i in due)


def test_a_forecast_past_its_date_is_listed_with_its_settling_source() -> None:
    f = load("forecasts")
    open_ = f[f["outcome"] == "open"]
    first = open_["resolution_date"].min().date()
    assert freshness.due_forecasts(first) == []
    later = freshness.due_forecasts(first + dt.timedelta(days=1))
    assert later and all("SIPRI" in i.check for i in later if "sipri" in i.what)
    everything = freshness.due_forecasts(dt.date(2030, 1, 1))
    assert len(everything) == len(open_)


def test_releases_fall_due_in_march_and_january() -> None:
    last_end = int(load("sipri_exporters")["window_end"].max())
    before = freshness.releases_due(dt.date(last_end + 2, 2, 28))
    after = freshness.releases_due(dt.date(last_end + 2, 3, 1))
    assert not any("sipri" in i.what for i in before)
    assert any("sipri" in i.what for i in after)


def test_old_datasets_are_listed_by_their_as_of_date() -> None:
    assert freshness.old_datasets(dt.date(2026, 12, 2)) == []
    names = {i.what for i in freshness.old_datasets(dt.date(2027, 12, 2))}
    assert "dataset forecasts" in names and "dataset searches" in names


def test_make_freshness_runs_offline_and_prints_every_section() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "helpers.present.freshness", "--today", "2028-06-01"],
        cwd=REPO, capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    assert "Freshness report, as of 2028-06-01" in out
    for title in ("Forecasts past their resolution date", "Series with a newer release due",
                  "Datasets older than", "Searches to run again", "Sources with no stored"):
        assert title in out
    assert "forecast sipri-2026-top10" in out


def test_every_notebook_opens_with_the_briefings_as_of_date() -> None:
    """The as-of line under each title (and so on each deck's title slide) is the newest
    as-of date of the catalog: one date, not typed per notebook."""
    import json

    from helpers.data import catalog_for

    as_of = max(s.as_of for s in catalog_for().datasets.values())
    expected = f"**As of {as_of.day} {as_of:%B %Y}**"
    for path in sorted((REPO / "notebooks").glob("0*.ipynb")):
        first = "".join(json.loads(path.read_text("utf-8"))["cells"][0]["source"])
        assert expected in first, path.name


def test_a_dataset_whose_newest_row_is_old_is_listed() -> None:
    newest = load("forums")["date"].max().date()
    assert not any(i.what == "dataset forums"
                   for i in freshness.quiet_datasets(newest, max_age_days=365))
    later = newest + dt.timedelta(days=366)
    assert any(i.what == "dataset forums"
               for i in freshness.quiet_datasets(later, max_age_days=365))
