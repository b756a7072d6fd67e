"""Accessibility measured with the field's tool: axe-core (pinned in package.json, from the
npm registry, injected by these tests only) on every offline page, the index and the
handout, from the file system with the network blocked. Every slide of every deck is
checked in test_room.py, in the deck the room's other tests have opened.

WCAG 2.2 AA: zero violations of impact "serious" or "critical" (the rules tagged wcag2a,
wcag2aa, wcag21a, wcag21aa, wcag22aa). A failure lists rule, impact and the first elements.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from labdriver import AXE, CHROMIUM, axe_violations, browser_page


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
