"""ACH scoring, the evidence's provenance, and the full claim ledger."""

from __future__ import annotations

import dataclasses

import pytest

from helpers.data import catalog_for, load
from helpers.models import ach as m
from helpers.views import claim_ledger

DATA = m.load_data()
BRIEFING = m.make_presets(DATA)["The briefing's ratings"]
N = len(DATA.evidence)


def test_all_neutral_matrix_ranks_hypotheses_equal() -> None:
    r = m.compute(dataclasses.replace(BRIEFING, ratings=(("N",) * 4,) * N), DATA)
    assert set(r.inconsistency.values()) == {0}
    assert r.top == m.HYPOTHESES
    assert set(r.non_diagnostic) == set(r.evidence_ids)


@pytest.mark.parametrize("column", range(4))
def test_flipping_cc_to_ii_raises_that_hypothesis_inconsistency(column: int) -> None:
    ratings = [list(row) for row in BRIEFING.ratings]
    i = next(k for k, row in enumerate(ratings) if row[column] in ("CC", "C", "N"))
    before = m.compute(BRIEFING, DATA).inconsistency[m.HYPOTHESES[column]]
    ratings[i][column] = "II"
    after = m.compute(dataclasses.replace(BRIEFING, ratings=tuple(map(tuple, ratings))), DATA)
    weight = {"primary": 1.0, "secondary": 0.8, "estimate": 0.5, "unverified": 0.25}[
        str(DATA.evidence["credibility"].iloc[i])]
    assert after.inconsistency[m.HYPOTHESES[column]] == pytest.approx(before + 2 * weight)


def test_non_diagnostic_items_are_detected() -> None:
    ratings = list(BRIEFING.ratings)
    ratings[0] = ("C", "C", "C", "C")
    r = m.compute(dataclasses.replace(BRIEFING, ratings=tuple(ratings)), DATA)
    assert "E01" in r.non_diagnostic
    assert "E03" not in r.non_diagnostic  # CC, N, N, N discriminates


@pytest.mark.parametrize("bad", ["X", "cc", "", "I "])
def test_ratings_outside_the_scale_are_refused_clearly(bad: str) -> None:
    ratings = list(BRIEFING.ratings)
    ratings[2] = ("N", bad, "N", "N")
    wanted = r"ratings row 3 must be one of CC, C, N, I, II, NA for each rating"
    with pytest.raises(ValueError, match=wanted):
        m.compute(dataclasses.replace(BRIEFING, ratings=tuple(ratings)), DATA)


def test_dropping_items_and_weights_change_scores() -> None:
    base = m.compute(BRIEFING, DATA)
    without = m.compute(dataclasses.replace(
        BRIEFING, included=tuple(e for e in base.evidence_ids if e != "E01")), DATA)
    assert without.inconsistency["H1"] < base.inconsistency["H1"]
    light = m.compute(dataclasses.replace(BRIEFING, weight_primary=0.0), DATA)
    assert light.inconsistency["H1"] < base.inconsistency["H1"]


def test_sensitivity_lists_items_that_change_the_top() -> None:
    r = m.compute(m.make_presets(DATA)["A UN-centred reading"], DATA)
    assert r.top == ("H1",)
    for eid in r.sensitive:
        i = r.evidence_ids.index(eid)
        removed = m.compute(dataclasses.replace(
            r.state, included=tuple(e for e in r.evidence_ids if e != eid)), DATA)
        flipped = list(r.state.ratings)
        flipped[i] = tuple(m.OPPOSITE[x] for x in flipped[i])
        flip = m.compute(dataclasses.replace(r.state, ratings=tuple(flipped)), DATA)
        assert removed.top != r.top or flip.top != r.top


def test_presets_differ_only_where_the_readings_say() -> None:
    readings = load("ach_readings")
    # Every reading in the data has the name a reader sees (never its key on a slide).
    assert set(m.READINGS) == set(readings["reading"])
    for key, name in (("sceptic-arms", "A sceptic of arms-export motives"),
                      ("un-centred", "A UN-centred reading")):
        changed = set(readings[readings["reading"] == key]["evidence_id"])
        preset = m.make_presets(DATA)[name]
        for eid, a, b in zip(DATA.evidence["evidence_id"], BRIEFING.ratings, preset.ratings,
                             strict=True):
            if eid not in changed:
                assert a == b


def test_evidence_is_drawn_from_dataset_rows_that_exist() -> None:
    catalog = catalog_for()
    for row in DATA.evidence.itertuples():
        for ref in row.drawn_from:
            name, key = ref.split(":", 1)
            frame = load(name)
            first_key = catalog[name].key[0]
            assert key in set(frame[first_key].astype(str)), f"{row.evidence_id}: {ref}"


def test_claim_ledger_covers_every_section_and_counts() -> None:
    claims = load("claims")
    assert set(claims["section"]) == set(claims["section"].cat.categories)
    view = claim_ledger()
    assert repr(view) == f"<Claim ledger: {len(claims)} claims>"
    verdict, section = view.children[1].children
    verdict.value = "needs nuance"
    body = view.shown
    assert f"{int((claims['verdict'] == 'needs nuance').sum())} shown" in body
    section.value = "opening"
    both = ((claims["verdict"] == "needs nuance") & (claims["section"] == "opening")).sum()
    assert f"<p>{int(both)} shown</p>" in view.shown


def test_claim_ledger_filters_work_without_a_kernel() -> None:
    """The filters are linked to precomputed pages in the browser (jslink), so they work in
    the offline page; every page lists exactly the claims its two filters select."""
    claims = load("claims")
    view = claim_ledger()
    verdict, section = view.children[1].children
    body = view.children[2]
    assert body.link.source == (verdict, "index") and body.link.target == (body, "selected_index")
    for i, v in enumerate(verdict.options):
        inner = body.children[i]
        assert inner.links.source == (section, "index")
        assert inner.links.target == (inner, "selected_index")
        for j, s in enumerate(section.options):
            rows = claims
            rows = rows if v == "all" else rows[rows["verdict"] == v]
            rows = rows if s == "all" else rows[rows["section"] == s]
            assert f"<p>{len(rows)} shown</p>" in inner.children[j].value
    assert "without a kernel" in view.children[3].value
