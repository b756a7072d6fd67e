"""Links that carry a scenario: ``pages/03-defence-industry.html#scenario=race:...`` opens
the offline page (or deck) on that prepared scenario, from the file system, no network.

The link's fragment is the one the live explorer's "Prepared scenarios" box offers, so the
test builds its links from ``Scenario.fragment`` (the live side) and checks them on the
offline build (``scenario_link.js``): the two cannot drift apart unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from labdriver import CHROMIUM, VISIBLE_CHART, browser_page

from helpers.explorers import REGISTRY, scenarios
from helpers.explorers.base import ExplorerSession, ExplorerView

RACE = scenarios.presets(REGISTRY["race"])
TARGET = RACE[-1]  # "The government's target (5% share)"


def test_the_live_explorer_offers_the_link_of_a_prepared_scenario() -> None:
    view = ExplorerView(ExplorerSession(REGISTRY["race"]))
    view.preset_picker.value = TARGET.name
    assert TARGET.fragment == "scenario=race:the-governments-target-5-share"
    assert f'value="#{TARGET.fragment}"' in view.link_note.value
    view.controls["korea_growth"].value = (1, 2)  # no prepared scenario: no link offered
    assert "#scenario=" not in view.link_note.value
    assert "not one of them" in view.link_note.value


@pytest.fixture
def offline_page() -> Iterator[tuple[object, list[str]]]:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} missing under CI")
        pytest.skip(f"{CHROMIUM} not found")
    with browser_page() as pair:
        yield pair


def _selected(pg) -> str:
    return pg.evaluate(
        "() => { const s = document.querySelector('.explorer-race-preset select');"
        " return s.options[s.selectedIndex].text.replace(/\\u00a0/g, ' '); }"
    )


@pytest.mark.browser
@pytest.mark.parametrize("fragment", [TARGET.fragment, "scenario=race:governments-target"])
def test_a_page_link_opens_on_its_scenario(site: Path, fragment: str, offline_page) -> None:
    pg, blocked = offline_page
    plain = (site / "pages" / "03-defence-industry.html").as_uri()
    pg.goto(plain)
    pg.wait_for_selector(".explorer-race-preset select")
    pg.locator(".explorer-race-preset").first.scroll_into_view_if_needed()
    first_chart = pg.evaluate(VISIBLE_CHART, "race")
    assert _selected(pg) == RACE[0].name  # without a fragment: the commentary's view
    pg.goto(plain + "#" + fragment)
    pg.reload()
    pg.wait_for_selector("html[data-scenario-link]", state="attached")
    assert _selected(pg) == TARGET.name
    pg.wait_for_function(
        "([f, before]) => { const s = eval(f)('race'); return s && s !== before; }",
        arg=[VISIBLE_CHART, first_chart],
    )
    assert blocked == []


@pytest.mark.browser
def test_a_deck_link_opens_on_the_explorer_slide_and_scenario(site: Path, offline_page) -> None:
    pg, blocked = offline_page
    deck = (site / "decks" / "03-defence-industry.slides.html").as_uri()
    pg.goto(f"{deck}#{TARGET.fragment}")
    pg.wait_for_selector("html[data-scenario-link]", state="attached")
    assert _selected(pg) == TARGET.name
    pg.wait_for_function(
        "() => Reveal.getCurrentSlide().querySelector('.explorer-race-preset') !== null"
    )
    # reveal's own hash takes over: the clicker still turns slides.
    here = pg.evaluate("() => Reveal.getIndices().h")
    pg.keyboard.press("PageDown")
    pg.wait_for_function(f"() => Reveal.getIndices().h !== {here} || Reveal.isLastSlide()")
    assert blocked == []
