"""The timeline model, without widgets or plotting."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from helpers.data import load
from helpers.models import timeline as m

EVENTS = load("timeline")
ARTICLE = m.PRESETS["The commentary's view (July 2023)"]
HINDSIGHT = m.PRESETS["With hindsight (to 2026)"]


def test_article_view_hides_everything_after_the_horizon() -> None:
    r = m.compute(ARTICLE, EVENTS)
    assert (r.events["date"].dt.date <= m.ARTICLE_HORIZON).all()
    later = int((EVENTS["date"].dt.date > m.ARTICLE_HORIZON).sum())
    assert later > 0 and r.hidden_by_horizon == later
    assert len(r.events) + r.hidden_by_horizon == len(EVENTS)
    assert r.after_article == 0


def test_hindsight_shows_everything_and_counts_what_came_later() -> None:
    r = m.compute(HINDSIGHT, EVENTS)
    assert len(r.events) == len(EVENTS) and r.hidden_by_horizon == 0
    assert r.after_article == int((EVENTS["date"].dt.date > m.ARTICLE_HORIZON).sum())
    assert r.events["date"].is_monotonic_increasing


def test_category_filter() -> None:
    r = m.compute(dataclasses.replace(HINDSIGHT, categories=("arms",)), EVENTS)
    assert set(r.events["category"]) == {"arms"}
    assert r.counts["arms"] == len(r.events) == int((EVENTS["category"] == "arms").sum())
    assert sum(r.counts.values()) == len(r.events)


def test_no_category_gives_no_events_not_an_error() -> None:
    r = m.compute(dataclasses.replace(HINDSIGHT, categories=()), EVENTS)
    assert r.events.empty and r.source_ids == ()


def test_month_range_is_inclusive_of_whole_months() -> None:
    state = dataclasses.replace(HINDSIGHT, months=(dt.date(2024, 12, 1), dt.date(2024, 12, 1)))
    r = m.compute(state, EVENTS)
    assert set(r.events["event_id"]) == {"martial-law", "impeachment", "dprk-casualties"}
    assert r.end == dt.date(2024, 12, 31)


def test_verified_only_drops_partly_verified_events() -> None:
    r = m.compute(dataclasses.replace(HINDSIGHT, verified_only=True), EVENTS)
    assert "PARTLY" not in set(r.events["status"])
    assert len(r.events) == int(EVENTS["status"].isin(["VERIFIED", "DERIVED"]).sum())


def test_categories_are_kept_in_one_order_so_presets_match() -> None:
    a = m.TimelineState(categories=("politics", "nato"))
    b = m.TimelineState(categories=("nato", "politics", "nato"))
    assert a == b and a.categories == ("nato", "politics")


@pytest.mark.parametrize("bad", [
    {"period": "someday"},
    {"categories": ("weather",)},
    {"months": (dt.date(2025, 1, 1), dt.date(2024, 1, 1))},
])
def test_impossible_states_are_refused_clearly(bad: dict) -> None:
    with pytest.raises(ValueError):
        m.compute(dataclasses.replace(HINDSIGHT, **bad), EVENTS)


def test_table_twin_has_one_row_per_visible_event() -> None:
    r = m.compute(HINDSIGHT, EVENTS)
    t = m.table(r)
    assert len(t) == len(r.events)
    assert list(t.columns) == ["Date", "Until", "Category", "Event", "Status", "Sources"]
    troops = t[r.events["event_id"] == "dprk-troops-russia"]
    assert troops["Date"].item() == "2024-10"  # a month-precision date is shown as a month


def test_every_preset_is_a_valid_state_and_every_category_has_a_label() -> None:
    assert set(EVENTS["category"].cat.categories) == set(m.CATEGORY_LABELS)
    for state in m.PRESETS.values():
        assert isinstance(m.compute(state, EVENTS).events, pd.DataFrame)
    assert next(iter(m.PRESETS.values())) == m.TimelineState()


def test_the_title_dates_the_view_by_its_last_month_when_that_comes_first() -> None:
    """With the months shown ending before the commentary (June 2023), the title counts
    events up to 30 June 2023, not "up to 16 July 2023"."""
    from helpers.charts.timeline import timeline_chart

    events = load("timeline")
    chart = timeline_chart(events, "Data as of now")
    june = dataclasses.replace(ARTICLE, months=(ARTICLE.months[0], dt.date(2023, 6, 1)))
    title = chart.headline(m.compute(june, events))
    assert title.endswith("up to 30 June 2023"), title
    assert chart.headline(m.compute(ARTICLE, events)).endswith("up to 16 July 2023")
