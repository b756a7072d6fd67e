"""Typed corrections: every log entry has a kind, a changed verdict keeps its
earlier verdict and date in view, ClaimReview carries dateModified, the overview summarises."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pandas as pd

from helpers.data import catalog_for, load
from helpers.present.claimreview import claim_reviews
from helpers.record_views import corrections, what_happened_next
from helpers.views import earlier_verdicts, scorecard

REPO = Path(__file__).resolve().parents[1]


def test_every_entry_is_typed_with_the_catalogs_kinds() -> None:
    log = load("corrections")
    kinds = set(catalog_for()["corrections"].column("kind").choices)
    assert kinds == {"correction", "update", "clarification"}
    assert log["kind"].notna().all()
    assert set(log["kind"].astype(str)) == kinds  # all three are in use


def test_a_changed_verdict_shows_what_it_was_and_when() -> None:
    earlier = earlier_verdicts("predictions")
    assert earlier, "the scorecard's changed verdicts are logged"
    shown = html.unescape(scorecard().value)
    for key, (was, when) in earlier.items():
        verdict = load("predictions").set_index("prediction_id").loc[key, "verdict"]
        assert f"{verdict} (earlier: {was}, until {when})" in shown.replace("<b>", "").replace(
            "</b>", ""
        ).replace("<i>", "").replace("</i>", "")


def test_the_log_summary_counts_kinds_and_lists_the_latest_five() -> None:
    log = load("corrections")
    panel = corrections()
    text = html.unescape(panel.value)
    for kind, n in log["kind"].astype(str).value_counts().items():
        assert f"<b>{n}</b> {kind}" in text
    assert "Latest 5" in text
    newest = log.sort_values(["date", "correction_id"]).iloc[-1]
    assert str(newest["what_changed"])[:40] in text.split("The full log follows")[0]
    assert "Earlier verdict: not established" in text


def test_claimreview_carries_date_modified_from_the_log(tmp_path: Path) -> None:
    reviews = {r["identifier"]: r for r in claim_reviews()}
    assert all(r["dateModified"] >= r["datePublished"] for r in reviews.values())
    data = tmp_path / "data"
    shutil.copytree(REPO / "helpers" / "data", data)
    log = (data / "corrections.csv").read_text("utf-8")
    row = "c99,2026-12-02,correction,claims,industry-17-3bn,x,y,,kim2023,VERIFIED\n"
    (data / "corrections.csv").write_text(log + row, "utf-8")
    changed = {r["identifier"]: r for r in claim_reviews(data)}
    assert changed["industry-17-3bn"]["dateModified"] == "2026-12-02"
    assert changed["industry-fourth-by-2027"]["dateModified"] < "2026-12-02"


def test_the_overview_shows_2026_found_and_not_found() -> None:
    rows = load("searches")
    text = html.unescape(what_happened_next().value)
    assert f"{len(rows)} questions searched" in text
    for r in rows.itertuples():
        assert r.question in text
    assert (rows["result"] == "not found").any() and (rows["result"] == "found").any()
    assert pd.to_datetime(rows["searched"]).max() <= pd.Timestamp(
        catalog_for()["searches"].as_of
    )
    nb = (REPO / "notebooks" / "00-overview.ipynb").read_text("utf-8")
    assert "what_happened_next()" in nb


def test_2026_is_searched_on_every_track_the_issue_names() -> None:
    """Summits, the ITPP, arms contracts, SIPRI's release, Pyongyang and the Council."""
    topics = set(load("searches")["topic"].astype(str))
    assert {"summit", "itpp", "arms", "sipri", "dprk-statements", "unsc"} <= topics
