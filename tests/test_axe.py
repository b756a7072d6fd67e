"""Accessibility measured with the field's tool: axe-core (pinned in package.json, from the
npm registry, injected by these tests only) on every offline page, every slide of every
deck, the index and the handout, from the file system with the network blocked.

WCAG 2.2 AA: zero violations of impact "serious" or "critical" (the rules tagged wcag2a,
wcag2aa, wcag21a, wcag21aa, wcag22aa). A failure lists rule, impact and the first elements.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from labdriver import AXE, CHROMIUM, axe_violations, browser_page

from helpers.present import build

NOTEBOOKS = build.notebooks()


@pytest.fixture
def axe_page() -> Iterator[tuple[object, list[str]]]:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} missing under CI")
        pytest.skip(f"{CHROMIUM} not found")
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: `npm ci` installs the pinned axe-core")
    with browser_page() as (pg, blocked):
        pg.set_viewport_size({"width": 1280, "height": 720})
        yield pg, blocked


@pytest.mark.browser
def test_every_offline_page_the_index_and_the_handout_pass_axe(site: Path, axe_page) -> None:
    pg, blocked = axe_page
    found = {}
    for path in [
        site / "index.html",
        site / "handout.html",
        *sorted((site / "pages").glob("*.html")),
    ]:
        pg.goto(path.as_uri())
        pg.wait_for_load_state("load")
        pg.wait_for_timeout(1000)  # the widget manager draws the widgets
        found[path.name] = axe_violations(pg)
    assert {k: v for k, v in found.items() if v} == {}
    assert blocked == []


@pytest.mark.browser
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_slide_of_every_deck_passes_axe(site: Path, nb: Path, axe_page) -> None:
    pg, blocked = axe_page
    pg.goto((site / "decks" / f"{nb.stem}.slides.html").as_uri())
    pg.wait_for_function("() => window.Reveal && window.Reveal.isReady()")
    pg.wait_for_timeout(1000)
    slides = pg.evaluate(
        """() => Array.from(document.querySelectorAll('.reveal .slides > section'))
          .flatMap((h, i) => { const v = h.querySelectorAll(':scope > section').length;
            return Array.from({length: Math.max(v, 1)}, (_, j) => [i, j]); })"""
    )
    found = {"the deck's frame": axe_violations(pg)}  # controls, slide number, the first slide
    for h, v in slides:  # then each slide alone (the others are hidden: axe skips them)
        pg.evaluate(f"() => Reveal.slide({h}, {v})")
        pg.wait_for_timeout(50)
        problems = axe_violations(pg, ".reveal .slides section.present")
        if problems:
            found[f"slide {h}/{v}"] = problems
    found = {k: v for k, v in found.items() if v}
    assert found == {}
    assert blocked == []
