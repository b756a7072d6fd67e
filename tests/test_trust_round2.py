"""The second trust audit: each check fails on the data as it was before.

Also the rule behind the three contradictions the audit found: one verdict per question.
A judgment or base rate that states a count another dataset also holds is recomputed here
from that dataset, so the prose cannot drift from the rows.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd

from helpers.data import load, sources
from helpers.models import ach, base_rates
from helpers.models import forecasts as fmodel

REPO = Path(__file__).resolve().parents[1]
COMMENTARY = pd.Timestamp("2023-07-11")  # Vilnius, the week before the commentary
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _judgment(jid: str) -> str:
    return str(load("judgments").set_index("judgment_id").loc[jid, "judgment"])


def _tiers(ids: tuple[str, ...] | list[str]) -> set[str]:
    bib = sources()
    return {str(bib.loc[s, "tier"]) for s in ids}


# --- The listed fixes ---------------------------------------------------------------------


def test_estonia_2023_rests_on_the_agencys_statement_of_14_january_2023() -> None:
    row = load("k9_europe").set_index("order_id").loc["estonia-2023"]
    assert str(row["date"]) == "2023-01-14"
    bib = sources()
    stating = [s for s in row["source_ids"] if str(bib.loc[s, "published"]) == "2023-01-14"]
    assert stating, "a source of the day of the contract"
    assert all(bib.loc[s, "tier"] == "originating" for s in stating)
    assert "Defence Investment" in str(bib.loc[stating[0], "publisher"])


def test_cyber_defence_is_named_in_the_commentary() -> None:
    areas = load("itpp_areas").set_index("area_no")
    assert areas.loc[5, "area"] == "Cyber defence"
    assert areas.loc[5, "named_in_commentary"] == "yes"
    text = (REPO / "seeds" / "kim-2023-what-is-yoons-nato-strategy.txt").read_text("utf-8")
    assert "main highlights of their future cooperation will be on cyber defense" in text
    nb = (REPO / "notebooks" / "02-institutionalizing-partnership.ipynb").read_text("utf-8")
    assert "names three areas" not in nb


def test_the_martial_law_row_times_the_vote_and_the_lifting_apart() -> None:
    text = load("timeline").set_index("event_id").loc["martial-law", "description"]
    assert "six hours later" not in text
    assert "three hours" in text and "cabinet" in text


def test_a_russian_state_outlet_is_not_an_established_source() -> None:
    bib = sources()
    state = bib[bib["publisher"].str.contains("Sputnik|TASS|RIA", regex=True)]
    sputnik = state[state["publisher"].str.contains("Sputnik")]
    assert len(sputnik) and (sputnik["tier"] == "other").all()


def test_counts_read_from_a_scrape_name_the_scrape_they_were_read_on() -> None:
    bib = sources()
    scraped = bib[bib["publisher"].str.contains("scrape")]
    assert len(scraped)
    assert scraped["via"].notna().all()


def test_the_treaty_and_the_troops_rest_on_more_than_other_sources() -> None:
    timeline = load("timeline").set_index("event_id")
    for event in ("russia-dprk-treaty", "dprk-troops-russia"):
        assert _tiers(timeline.loc[event, "source_ids"]) & {"originating", "established"}
    signposts = load("signposts").set_index("signpost_id")
    for sp in ("russia-arms-dprk", "dprk-treaty", "dprk-troops"):
        assert _tiers(signposts.loc[sp, "source_ids"]) & {"originating", "established"}


def test_bibliography_dates_and_headlines() -> None:
    bib = sources()
    assert str(bib.loc["zawya-reuters-2022", "published"]).startswith("2023-12")
    rusi = bib.loc["rusi-2023-practice"]
    assert not str(rusi["title"]).startswith("[")
    assert "not found again" not in str(rusi["note"])
    assert "headline not known" in str(bib.loc["pravda-treaty-art4", "title"])


def test_forecast_wordings_say_what_counts() -> None:
    f = load("forecasts").set_index("question_id")
    assert "whether or not it names South Korea" in f.loc["dprk-condemns-2027", "resolves_yes_if"]
    assert "announce" in f.loc["lethal-aid-2027", "question"]
    assert "agreed but not announced" in f.loc["itpp-renewed", "resolves_yes_if"]
    assert "2026" in f.loc["summit-2027", "base_rate"]
    assert "record nothing on 2026" not in f.loc["summit-2027", "base_rate"]


def test_questions_written_after_their_outcomes_say_so_where_scored() -> None:
    from helpers import views
    from helpers.explorers import forecasts as explorer

    data = fmodel.load_data()
    late = fmodel.written_after_outcome(data)
    assert set(late) == {"commentary-reprimand", "commentary-united-front"}
    note = fmodel.hindsight_note(data)
    assert "after their outcomes were known" in note
    assert note in html.unescape(views.scorecard().value)
    result = fmodel.compute(fmodel.ScoreState(), fmodel.load_score_data())
    assert note in html.unescape(str(explorer._sources_line(result)))


def test_every_audit_fix_is_logged_with_its_kind() -> None:
    log = load("corrections").set_index("correction_id")
    round2 = log[log["date"] == pd.Timestamp("2026-12-02")]
    assert len(round2) >= 17
    assert set(round2["kind"]) <= {"correction", "update", "clarification"}
    logged = " ".join(round2["row"].astype(str))
    for row in ("estonia-2023", "Cyber defence", "unsc-dprk-2027", "overview-high-point",
                "seminar-split", "martial-law", "sputnik", "csis-bp-provocations",
                "zawya-reuters-2022", "rusi-2023-practice", "dprk-condemns-2027",
                "lethal-aid-2027", "itpp-renewed", "summit-2027", "commentary-reprimand"):
        assert row in logged, row


# --- One verdict per question -------------------------------------------------------------


def test_every_row_counting_base_rate_is_what_its_rows_say() -> None:
    """forecasts.csv stores each derived base rate as text; the rows decide it."""
    assert base_rates.stale_base_rates() == {}


def test_a_base_rate_that_disagrees_with_its_rows_is_caught(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(REPO / "helpers" / "data", data)
    actions = (data / "unsc_actions.csv").read_text("utf-8")
    # Drop the 2023 renewal: the last resolution becomes 2627 and the stored text is stale.
    kept = "\n".join(line for line in actions.splitlines() if not line.startswith("res-2680,"))
    (data / "unsc_actions.csv").write_text(kept + "\n", "utf-8")
    stale = base_rates.stale_base_rates(str(data))
    assert set(stale) == {"unsc-dprk-2027"}
    assert "2627" in stale["unsc-dprk-2027"][1]


def test_the_unsc_base_rate_names_the_last_resolution_in_the_rows() -> None:
    actions = load("unsc_actions")
    adopted = actions[actions["kind"].astype(str).isin(base_rates.ADOPTED)]
    last = adopted.sort_values("year").iloc[-1]
    text = load("forecasts").set_index("question_id").loc["unsc-dprk-2027", "base_rate"]
    assert f"resolution {last['resolution']}" in text
    assert "since 2022 concerns" not in text


def test_the_ach_judgments_say_what_the_model_computes() -> None:
    """Notebook 05 (weighing-no-winner), notebook 03 (industry-order-book) and the seminar
    kit (seminar-split) all state the tie; the ACH model decides it."""
    data = ach.load_data()
    result = ach.compute(ach.make_presets(data)[ach.BRIEFING_READING], data)
    worst = max(result.inconsistency.values())
    weakest = [h for h, s in result.inconsistency.items() if s == worst]
    assert len(result.top) == 3 and len(weakest) == 1
    for jid in ("weighing-no-winner", "seminar-split"):
        text = _judgment(jid)
        assert f"({weakest[0]})" in text and "most contradicted" in text, jid
        assert re.search(r"\bthree\b", text) or all(f"({h})" in text for h in result.top), jid
        assert "The hypotheses tie" not in text
    assert "ties with the partnership and standing" in _judgment("industry-order-book")
    assert "H3" in result.top


def test_the_summit_counts_in_the_overview_judgment_match_the_milestones() -> None:
    ms = load("partnership_milestones")
    summits = ms[ms["kind"] == "summit"]
    before = int((summits["date"] <= COMMENTARY).sum())
    after = summits[summits["date"] > COMMENTARY]
    lasting_after = int(((ms["date"] > COMMENTARY) & (ms["lasting"] == "yes")).sum())
    text = _judgment("overview-high-point")
    words = {v: k for k, v in NUMBERS.items()}
    assert f"attended {words[before]} summits" in text
    if len(after):
        assert "none is recorded" not in load("judgments").set_index("judgment_id").loc[
            "overview-high-point", "what_would_change"
        ]
        for d in after["date"]:
            assert str(d.year) in text
    assert f"record {words[lasting_after]} new lasting step" in text


def test_no_judgment_or_base_rate_says_the_sources_are_silent_on_2026_when_searched() -> None:
    searched = load("searches")
    assert (searched["searched"].astype(str) >= "2026-12").all()
    texts = " ".join(load("judgments")["judgment"]) + " ".join(load("forecasts")["base_rate"])
    assert "record nothing on 2026" not in texts


def test_the_notebooks_render_judgments_rather_than_restate_them() -> None:
    """A judgment's sentence is written once (judgments.csv): no notebook's markdown repeats
    the old, contradicted wordings."""
    for path in sorted((REPO / "notebooks").glob("0*.ipynb")):
        cells = json.loads(path.read_text("utf-8"))["cells"]
        md = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        assert "The hypotheses tie" not in md, path.name
        assert "none is recorded in the briefing" not in md, path.name
