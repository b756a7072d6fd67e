"""Links that carry a scenario: ``pages/03-defence-industry.html#scenario=race:...`` opens
the offline page (or deck) on that prepared scenario, from the file system, no network.

The link's fragment is the one the live explorer's "Prepared scenarios" box offers, so the
test builds its links from ``Scenario.fragment`` (the live side) and checks them on the
offline build (``scenario_link.js``): the two cannot drift apart unnoticed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from labdriver import CHROMIUM, VISIBLE_CHART, browser_page, open_sweep_tab

from helpers.explorers import REGISTRY, ExplorerSession, ExplorerView, scenarios

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


def test_the_offline_pages_get_every_prepared_scenarios_link_from_python() -> None:
    """The pages' script follows a link with the slugs the build writes (no copy of
    ``link_slug`` in JavaScript): the same links the live explorers offer."""
    table = scenarios.link_table(REGISTRY)
    assert set(table) == set(REGISTRY)
    for name, spec in REGISTRY.items():
        links = [f"scenario={name}:{slug}" for slug in table[name]["slugs"]]
        assert links == [s.fragment for s in scenarios.presets(spec)]
        assert table[name]["picker"] == f".explorer-{name}-preset select"
    script = (Path(scenarios.__file__).parents[1] / "present" / "templates").joinpath(
        "scenario_link.js"
    ).read_text(encoding="utf-8")
    assert "toLowerCase().replace(/[" not in script, "the script slugs names itself again"


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
@pytest.mark.parametrize("fragment", ["scenario=race:no-such-scenario", "scenario=nope:anything"])
def test_a_link_to_a_scenario_the_page_lacks_says_so_on_the_page(
    site: Path, fragment: str, offline_page
) -> None:
    """A stale or mistyped link opens the first scenario, and the reader is told, in the page
    (not only in the console), which scenario was asked for and is missing."""
    pg, blocked = offline_page
    pg.goto((site / "pages" / "03-defence-industry.html").as_uri() + "#" + fragment)
    notice = pg.locator(".scenario-link-missing")
    notice.wait_for(state="visible")
    asked = fragment.split(":", 1)[1]
    assert asked in notice.inner_text() and notice.get_attribute("role") == "status"
    assert _selected(pg) == RACE[0].name
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


# --- the principal control, live offline: the race explorer's growth, swept --------------

SWEEP = REGISTRY["race"].swept.main
RANK = re.compile(r"South Korea (\d+)(?:st|nd|rd|th)")


def _fourth_or_better(alt: str | None) -> bool:
    """The chart's central projection puts South Korea fourth or higher."""
    m = RANK.search(alt or "")
    return bool(m) and int(m[1]) <= 4


def _first_growth_in_fourth() -> int:
    """What the model says: the first swept growth at which South Korea is fourth or
    higher (it passes Germany and China together, so it may go straight to third)."""
    session = ExplorerSession(REGISTRY["race"])
    base = session.presets[session.reset_preset]
    for g in SWEEP.values:
        session.show(REGISTRY["race"].swept.state(base, g))
        if _fourth_or_better(session.alt_text):
            return g
    raise AssertionError("no swept growth gives fourth place")


def test_the_precomputed_view_sweeps_growth_and_says_what_moves(monkeypatch) -> None:
    from helpers.explorers.precomputed import PrecomputedView

    monkeypatch.setenv("BRIEFING_STATIC", "1")
    view = PrecomputedView(ExplorerSession(REGISTRY["race"]))
    note = view.children[1].value
    assert "South Korea&#39;s delivery growth from -50% to +300% in steps of 10 points" in note
    assert "rivals and Russia as in “SIPRI trend”" in note
    assert "To move any other control" in note
    sweep = view.children[-1].children[1]  # the tab after the prepared scenarios
    stack = next(w for w in sweep.children if isinstance(w, type(view.stack)))
    assert len(stack.children) == len(SWEEP.values) == 36
    assert all('alt="2023–27: ' in p.value or "alt=" in p.value for p in stack.children)


@pytest.mark.browser
def test_the_offline_race_answers_what_growth_takes_korea_to_fourth(
    site: Path, offline_page
) -> None:
    """One control, no kernel, no network: move South Korea's growth until the chart says
    fourth; the value agrees with the model."""
    pg, blocked = offline_page
    pg.goto((site / "pages" / "03-defence-industry.html").as_uri())
    pg.wait_for_selector(".explorer-race.explorer-precomputed .lm-TabBar-tab")
    open_sweep_tab(pg, "race")
    handle = pg.locator(".explorer-race-sweep .noUi-handle").first
    handle.wait_for()
    handle.scroll_into_view_if_needed()
    visible_alt = """() => { const i = Array.from(document.querySelectorAll(
        '.explorer-race-sweep-chart img')).find(i => i.offsetParent !== null);
        return i ? i.alt : null; }"""
    typed = pg.locator(".explorer-race-sweep-typed select").first
    start = pg.evaluate(visible_alt)
    assert start and not _fourth_or_better(start)
    handle.focus()
    found = None
    for _ in range(len(SWEEP.values)):
        pg.keyboard.press("ArrowRight")
        pg.wait_for_timeout(50)
        if _fourth_or_better(pg.evaluate(visible_alt)):
            found = int(typed.evaluate("s => s.options[s.selectedIndex].text").rstrip("%"))
            break
    assert found == _first_growth_in_fourth(), found
    # The typed alternative (WCAG 2.5.7) moves the same chart.
    typed.select_option(index=0)
    pg.wait_for_function(f"() => /South Korea 10th/.test(({visible_alt})())")
    assert blocked == []


MAX_PAGE_BYTES = 5_000_000


def test_every_offline_page_and_deck_stays_under_5_mb(site: Path) -> None:
    """The sweeps add dozens of charts: a page must still open quickly from a USB stick. The
    handout too: it is the file most often mailed."""
    files = sorted([*(site / "pages").glob("*.html"), *(site / "decks").glob("*.html")])
    files.append(site / "handout.html")
    assert len(files) == 15
    big = {p.name: p.stat().st_size for p in files if p.stat().st_size > MAX_PAGE_BYTES}
    assert big == {}
