"""Accessibility measured with the field's tool: axe-core (pinned in package.json, from the
npm registry, injected by these tests only) on every offline page, every slide of every
deck, the index and the handout, from the file system with the network blocked. A deck is
checked as the room sees it (its frame and first slide), then with every slide laid out
at once, one axe run instead of one per slide (``labdriver.EVERY_SLIDE_LAID_OUT`` says why).

WCAG 2.2 AA: zero violations of impact "serious" or "critical" (the rules tagged wcag2a,
wcag2aa, wcag21a, wcag21aa, wcag22aa). A failure lists rule, impact and the first elements.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from labdriver import AXE, CHROMIUM, EVERY_SLIDE_LAID_OUT, axe_violations, browser_page

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


def _open_deck(pg, site: Path, stem: str) -> None:
    pg.goto((site / "decks" / f"{stem}.slides.html").as_uri())
    pg.wait_for_function("() => window.Reveal && window.Reveal.isReady()")
    pg.wait_for_timeout(1000)


@pytest.mark.browser
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_slide_of_every_deck_passes_axe(site: Path, nb: Path, axe_page) -> None:
    pg, blocked = axe_page
    _open_deck(pg, site, nb.stem)
    found = {"the deck's frame": axe_violations(pg)}  # controls, slide number, the first slide
    # Then every slide at once, laid out one under the other (axe skips hidden slides).
    assert pg.evaluate(EVERY_SLIDE_LAID_OUT) == 0, "a slide stayed hidden from axe"
    found["its slides"] = axe_violations(pg, ".reveal .slides")
    found = {k: v for k, v in found.items() if v}
    assert found == {}
    assert blocked == []


@pytest.mark.browser
def test_the_run_over_every_slide_reads_the_last_one(site: Path, axe_page) -> None:
    """Faint text planted on a deck's last slide (hidden from axe in the deck as shown) is a
    violation once every slide is laid out."""
    pg, _ = axe_page
    _open_deck(pg, site, NOTEBOOKS[0].stem)
    plant = """() => { const last = Reveal.getSlides().pop(); const p = document.createElement('p');
      p.textContent = 'faint words'; p.style.color = '#eeeeee'; last.appendChild(p); }"""
    pg.evaluate(plant)
    assert axe_violations(pg, ".reveal .slides") == []  # hidden: axe skips it
    assert pg.evaluate(EVERY_SLIDE_LAID_OUT) == 0
    assert any(v.startswith("color-contrast") for v in axe_violations(pg, ".reveal .slides"))
