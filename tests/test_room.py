"""What the room sees: every slide of every offline deck, at a 1280 x 720 projector, in
Debian's Chromium opened from the file system with the network blocked.

One browser tab for the module; each deck is loaded once for all its checks, unless a check
changes it (``Room.open``), and surveyed once (every slide, scrolled to its top and to its
end); the tests below read the survey: no slide that is only a heading or a
sentence ending in a colon, no typeset maths, nothing cut off at the slide's edge or covered
by reveal's arrows and slide number. The keyboard tests drive a presenter's keys: → and a
clicker's PageDown reach every slide in order, also after a click on any widget output
(an explorer, a table, the claim ledger, a role brief, the ratings), and a key in a control
stays in the control until Esc or a click outside gives the deck its keys back. Then the
checks every deck must pass as a presenter opens it from a USB stick: every slide fits the
frame and shows no code, the deck works offline (notes, keys, an explorer's scenarios), and
axe-core finds nothing serious on any slide.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from labdriver import (
    AXE,
    DECK_FITTED,
    DECK_SMALLEST_CHART,
    EVERY_SLIDE_LAID_OUT,
    GO_TO_SLIDE,
    VISIBLE_CHART,
    axe_violations,
    browser_page,
    calls_an_explorer,
    explorer_on_page,
    fitted_deck_problems,
    require_chromium,
    switch_preset_and_see_a_new_chart,
    wait_for_a_new_visible_chart,
)

from helpers.present import build
from helpers.present.contact_sheet import SLIDES
from helpers.present.pdf import RENDERED

NOTEBOOKS = build.notebooks()
IDS = [p.stem for p in NOTEBOOKS]
HERE = "() => { const i = Reveal.getIndices(); return [i.h, i.v || 0]; }"
ACTIVE_IN_CONTROL = """() => { const a = document.activeElement;
  return !!(a && a.closest
    && a.closest('input, select, textarea, [contenteditable="true"], .noUi-handle')); }"""

# For the slide on show: what it holds, at its scroll top and its scroll end.
SURVEY = r"""() => {
  const leaf = Reveal.getCurrentSlide();
  const frame = leaf.getBoundingClientRect();
  // Rendered and shown (not in a closed <details>, a hidden page of a Stack, the notes).
  const visible = el => el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})
    && el.getClientRects().length > 0 && !el.closest('aside.notes');
  const headings = Array.from(leaf.querySelectorAll('h1, h2, h3')).filter(visible)
    .map(h => h.innerText.trim());
  let rest = leaf.innerText;
  for (const h of headings) { rest = rest.replace(h, ''); }
  rest = rest.replace(/\s+/g, ' ').trim();
  const media = Array.from(leaf.querySelectorAll('img, table, select, svg, canvas, .widget-slider'))
    .filter(visible).filter(el => { const r = el.getBoundingClientRect();
      return r.width > 40 && r.height > 20; }).length;
  const maths = leaf.querySelectorAll('mjx-container, .MathJax, .katex, math').length;
  const printed = Array.from(leaf.querySelectorAll('pre')).filter(visible)
    .filter(p => /mono/i.test(getComputedStyle(p).fontFamily) && p.innerText.length > 80)
    .map(p => p.innerText.slice(0, 40));
  const blocks = Array.from(leaf.querySelectorAll(
      'p, li, td, th, img, pre, summary, select, label, .widget-label, h1, h2, h3, h4'))
    .filter(visible);
  const controls = Array.from(document.querySelectorAll(
      '.reveal .controls button, .reveal .slide-number'))
    .filter(el => getComputedStyle(el).display !== 'none'
      && parseFloat(getComputedStyle(el).opacity) > 0.05)
    .map(el => el.getBoundingClientRect()).filter(r => r.width > 0);
  // The smallest text the room reads (charts are images, measured by the chart tests).
  let smallest = null;
  const texts = document.createTreeWalker(leaf, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) {
    const el = texts.currentNode.parentElement;
    if (!texts.currentNode.textContent.trim() || !visible(el)) continue;
    const px = parseFloat(getComputedStyle(el).fontSize) * Reveal.getScale();
    if (!smallest || px < smallest[0]) {
      smallest = [px, texts.currentNode.textContent.trim().slice(0, 40)];
    }
  }
  // Charts (images) on screen: how wide each is shown against the width it is designed
  // for (its style or width attribute), reveal's scaling included. Its text on screen is its
  // designed text size times that ratio.
  const charts = Array.from(leaf.querySelectorAll('img')).filter(visible).map(img => {
    const designed = parseFloat(img.style.width) || parseFloat(img.getAttribute('width'));
    if (!designed) return null;
    return [img.getBoundingClientRect().width / designed, (img.getAttribute('alt') || '')
      .slice(0, 40), parseFloat(img.getAttribute('data-deck-scale') || '1')];
  }).filter(c => c);
  const name = el => (el.tagName + ' ' + (el.innerText || el.getAttribute('alt') || '')
    .trim().slice(0, 40));
  const look = () => {
    const cut = [], covered = [];
    for (const el of blocks) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > frame.left + leaf.clientWidth + 1) cut.push(name(el));
      // The part of the element the room sees: clipped to the slide's scrolling frame.
      const top = Math.max(r.top, frame.top), bottom = Math.min(r.bottom, frame.bottom);
      if (bottom <= top) continue;
      for (const c of controls) {
        if (r.left < c.right && r.right > c.left && top < c.bottom && bottom > c.top) {
          covered.push(name(el)); break;
        }
      }
    }
    return {cut, covered};
  };
  leaf.scrollTop = 0;
  const atTop = look();
  leaf.scrollTop = leaf.scrollHeight;
  const atEnd = look();
  const lowest = Math.max(0, ...blocks.map(b => b.getBoundingClientRect().bottom));
  const endInFrame = lowest <= frame.bottom + 1;
  leaf.scrollTop = 0;
  return {headings, rest, media, maths, printed, endInFrame, smallest, charts,
          text: leaf.innerText,
          cut: [...new Set([...atTop.cut, ...atEnd.cut])],
          covered: [...new Set([...atTop.covered, ...atEnd.covered])],
          widgets: leaf.querySelectorAll('.jupyter-widgets.jp-OutputArea-output').length};
}"""

# Mark a spot in the current slide's n-th widget output that a presenter might click on and
# that is not a control (a table cell, a paragraph, a chart): returns its selector.
MARK_CLICK_SPOT = """(n) => {
  const leaf = Reveal.getCurrentSlide();
  const out = leaf.querySelectorAll('.jupyter-widgets.jp-OutputArea-output')[n];
  document.querySelectorAll('[data-room-click]').forEach(e => e.removeAttribute('data-room-click'));
  const spot = Array.from(out.querySelectorAll('td, p, img, li, b, .widget-html-content'))
    .find(e => e.offsetParent !== null && !e.closest('a, summary, button, select, input, label'))
    || out;
  spot.setAttribute('data-room-click', '1');
  return spot.tagName;
}"""


@pytest.fixture(scope="module")
def room(site: Path) -> Iterator:
    require_chromium()
    with browser_page() as (pg, blocked):
        pg.set_viewport_size({"width": 1280, "height": 720})
        yield Room(pg, site, blocked)
        assert blocked == []


@pytest.fixture(scope="module", params=IDS)
def stem(request: pytest.FixtureRequest) -> str:
    """Each deck in turn. A parameter of the module's scope: pytest runs every test of one
    deck before the next deck's, so the deck is loaded once for them all (a deck's load and
    fitting cost ~3 s of processor; the room's tests opened each deck eight times)."""
    return request.param


class Room:
    """One browser tab, opening decks and surveying each deck once. A deck stays open for
    the next test unless a test changed it (``open(stem, changes=True)``: a scenario picked,
    every slide laid out for axe); a test that only looks or turns slides finds it as a
    fresh load leaves it, on its first slide with nothing focused."""

    def __init__(self, pg, site: Path, blocked: list[str]):
        self.pg, self.site, self.blocked, self._surveys = pg, site, blocked, {}
        self._open: tuple[str, list[list[int]]] | None = None  # the deck loaded, unchanged

    def open(self, stem: str, changes: bool = False) -> list[list[int]]:
        pg = self.pg
        if self._open is None or self._open[0] != stem:
            pg.goto((self.site / "decks" / f"{stem}.slides.html").as_uri())
            pg.wait_for_function("() => window.Reveal && window.Reveal.isReady()")
            pg.wait_for_function(RENDERED, timeout=30_000)
            pg.wait_for_function("() => Array.from(document.images).every(i => i.complete)")
            pg.wait_for_function(DECK_FITTED, timeout=60_000)  # long slides continued
            self._open = (stem, pg.evaluate(SLIDES))
        pg.evaluate("() => Reveal.slide(0, 0)")
        pg.evaluate("() => document.activeElement && document.activeElement.blur()")
        slides = self._open[1]
        if changes:
            self._open = None  # the next test loads the deck afresh
        return slides

    def survey(self, stem: str) -> list[dict]:
        if stem not in self._surveys:
            slides = self.open(stem)
            found = []
            for h, v in slides:
                self.pg.evaluate("([h, v]) => Reveal.slide(h, v)", [h, v])
                found.append({"slide": (h, v), **self.pg.evaluate(SURVEY)})
            self._surveys[stem] = found
        return self._surveys[stem]


def require_axe() -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: `npm ci` installs the pinned axe-core")


def _empty(slide: dict) -> bool:
    """Only a heading, or text that ends on a colon with nothing after it, and no figure,
    table or control."""
    if slide["media"]:
        return False
    return slide["rest"] == "" or slide["rest"].endswith(":")


def test_the_emptiness_rule_catches_what_the_issue_saw() -> None:
    assert _empty({"media": 0, "rest": ""})
    assert _empty({"media": 0, "rest": "To cite the commentary and this briefing:"})
    assert _empty({"media": 0, "rest": "See Sources. To cite the commentary and this briefing:"})
    assert not _empty({"media": 1, "rest": ""})
    assert not _empty({"media": 0, "rest": "Two sentences. Both with content."})


def test_every_slide_carries_content(room: Room, stem: str) -> None:
    empty = [(s["slide"], s["headings"], s["rest"][:60]) for s in room.survey(stem) if _empty(s)]
    assert empty == []


def test_no_typeset_maths_and_every_dollar_kept(room: Room, stem: str) -> None:
    slides = room.survey(stem)
    assert [s["slide"] for s in slides if s["maths"]] == []
    cells = json.loads((build.NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    prose = "".join(
        "".join(c["source"])
        for c in cells
        if c["cell_type"] == "markdown"
        and c["metadata"].get("slideshow", {}).get("slide_type") not in ("notes", "skip")
    )
    shown = "".join(s["text"] for s in slides)
    for amount in re.findall(r"\$[\d.,]+\s?(?:bn|m|billion|million)?", prose):
        assert amount in shown, f"{amount} is in the notebook but not on a slide"


def test_no_slide_shows_prose_as_printed_code(room: Room, stem: str) -> None:
    """Citations and descriptions read as text on a projector, not as monospace output."""
    slides = room.survey(stem)
    assert [(s["slide"], s["printed"]) for s in slides if s["printed"]] == []


NO_CHARTS: set[str] = set()  # decks without a chart (none today)
SMALLEST_TEXT_PX = 16  # on a 1280 x 720 screen: the projector rule the charts follow too


def test_slide_text_is_large_enough_for_the_room(room: Room, stem: str) -> None:
    small = [
        (s["slide"], round(s["smallest"][0], 1), s["smallest"][1])
        for s in room.survey(stem)
        if s["smallest"] and s["smallest"][0] < SMALLEST_TEXT_PX - 0.05
    ]
    assert small == []


def test_charts_are_shown_at_their_designed_width(room: Room, stem: str) -> None:
    """A chart's smallest text is MIN_TEXT_CSS_PX at its designed width (the chart tests
    measure that); on a 1280 x 720 screen the deck shows it no smaller, or reveal's scaling
    and the slide's margins shrink the text below what the back row can read -- except where
    the chart is taller than the frame leaves it: then the deck shrinks it to fit (deck_fit.js
    says by how much), never below DECK_SMALLEST_CHART of its size. (Charts designed taller
    than a slide are shrunk, and the deck says by how much.)"""
    shown = [
        (s["slide"], round(r, 3), alt, scale)
        for s in room.survey(stem)
        for r, alt, scale in s["charts"]
    ]
    assert shown or stem in NO_CHARTS, f"{stem}: no chart measured"
    small = [c for c in shown if c[1] < 0.995 and abs(c[1] - c[3]) > 0.01]
    assert small == [], f"{stem}: charts shown below their designed width: {small}"
    shrunk = [c for c in shown if c[3] < DECK_SMALLEST_CHART]
    assert shrunk == [], f"{stem}: charts shrunk below {DECK_SMALLEST_CHART}: {shrunk}"


def test_nothing_cut_off_or_under_the_arrows(room: Room, stem: str) -> None:
    slides = room.survey(stem)
    assert [s["slide"] for s in slides if not s["endInFrame"]] == [], "end out of reach"
    assert [(s["slide"], s["cut"]) for s in slides if s["cut"]] == [], "cut at the right edge"
    assert [(s["slide"], s["covered"]) for s in slides if s["covered"]] == [], "under controls"


def test_every_slide_fits_the_frame_and_shows_no_code(room: Room, stem: str) -> None:
    """A clicker cannot scroll: at 1280 x 720 no slide's content runs below the fold (the
    48 px band of reveal's arrows excluded), however long its table or text, and no slide
    shows code, a column's code name or a row's raw id. Before the decks were fitted
    (deck_fit.js), 40 of 99 slides ran 1.1 to 10.7 screens tall."""
    room.open(stem)
    assert fitted_deck_problems(room.pg) == {}
    assert room.blocked == []


def _press_through(room: Room, key: str, slides: list) -> list:
    pg = room.pg
    seen = [pg.evaluate(HERE)]
    for _ in range(3 * len(slides)):
        if pg.evaluate("() => Reveal.isLastSlide() && !Reveal.availableFragments().next"):
            break
        pg.keyboard.press(key)
        here = pg.evaluate(HERE)
        if here != seen[-1]:
            seen.append(here)
    return seen


def test_right_arrow_and_pagedown_reach_every_slide_in_order(room: Room, stem: str) -> None:
    slides = room.open(stem)
    assert _press_through(room, "ArrowRight", slides) == slides
    room.pg.evaluate("() => Reveal.slide(0, 0)")
    assert _press_through(room, "PageDown", slides) == slides


def test_keys_turn_the_slide_after_a_click_on_any_output(room: Room, stem: str) -> None:
    """Click in every widget output (explorer, table, ledger, role brief, ratings), then a
    clicker's PageDown, → or Space (in turn) goes to the next slide."""
    pg = room.pg
    slides = room.open(stem)
    keys = ["PageDown", "ArrowRight", "Space"]
    stuck, tried = [], 0
    for i, (h, v) in enumerate(slides[:-1]):
        pg.evaluate("([h, v]) => Reveal.slide(h, v)", [h, v])
        outputs = pg.evaluate(
            "() => Reveal.getCurrentSlide()"
            ".querySelectorAll('.jupyter-widgets.jp-OutputArea-output').length"
        )
        for n in range(outputs):
            pg.evaluate("([h, v]) => Reveal.slide(h, v)", [h, v])
            what = pg.evaluate(MARK_CLICK_SPOT, n)
            pg.locator("[data-room-click]").click()
            key = keys[tried % len(keys)]
            tried += 1
            pg.keyboard.press(key)
            if pg.evaluate(HERE) != slides[i + 1]:
                stuck.append(((h, v), n, what, key))
    assert stuck == []


def test_a_key_in_a_control_stays_there_until_esc_or_a_click_outside(room: Room) -> None:
    pg = room.pg
    room.open("03-defence-industry", changes=True)
    pg.evaluate(
        "() => { const s = document.querySelector('.explorer-precomputed select');"
        " const i = Reveal.getIndices(s.closest('section')); Reveal.slide(i.h, i.v); }"
    )
    here = pg.evaluate(HERE)
    select = pg.locator(".explorer-precomputed select").first
    select.focus()
    index = select.evaluate("s => s.selectedIndex")
    pg.keyboard.press("ArrowDown")
    assert pg.evaluate(HERE) == here, "ArrowDown in the scenario list stays on the slide"
    assert select.evaluate("s => s.selectedIndex") != index, "... and changes the scenario"
    pg.keyboard.press("Escape")
    assert not pg.evaluate(ACTIVE_IN_CONTROL), "Esc gives the keys back to the deck"
    assert not pg.evaluate("() => Reveal.isOverview()")
    pg.keyboard.press("ArrowRight")
    assert pg.evaluate(HERE) != here
    # A clicker's PageDown turns the slide even from inside the control.
    pg.evaluate("([h, v]) => Reveal.slide(h, v)", here)
    select.focus()
    pg.keyboard.press("PageDown")
    assert pg.evaluate(HERE) != here
    # A click outside the control (in the slide's top-left corner) gives the keys back too.
    pg.evaluate("([h, v]) => Reveal.slide(h, v)", here)
    select.focus()
    corner = pg.locator(".reveal section.present").last.bounding_box()
    pg.mouse.click(corner["x"] + 4, corner["y"] + 4)
    assert not pg.evaluate(ACTIVE_IN_CONTROL)
    pg.keyboard.press("ArrowRight")
    assert pg.evaluate(HERE) != here


def test_the_live_deck_loads_the_same_keys() -> None:
    """The fix is in deck_keys.js, which the live (Voila) deck loads too."""
    from helpers.present import live

    share, name = live.prepare("present")
    target = share / "voila" / "templates" / name
    assert "deck_keys.js" in (target / "index.html.j2").read_text(encoding="utf-8")
    shipped = (target / "static" / "deck_keys.js").read_text(encoding="utf-8")
    assert shipped == build.DECK_KEYS_JS


@pytest.mark.parametrize("stem", ["02-institutionalizing-partnership", "03-defence-industry"])
def test_figure_descriptions_are_text_and_alt_text_not_code(room: Room, stem: str) -> None:
    """Decks 02 and 03 printed "Figure description: ..." in monospace above their charts;
    now each is the chart's alt text and a collapsed description under it."""
    room.open(stem)
    found = room.pg.evaluate(
        """() => ({
          printed: Array.from(document.querySelectorAll('pre'))
            .filter(p => p.textContent.includes('Figure description')).length,
          described: Array.from(document.querySelectorAll('details.figure-description'))
            .map(d => { const cell = d.closest('.jp-Cell');
              const img = cell.querySelector('img');
              const after = img && (img.compareDocumentPosition(d) & 4) !== 0;
              return [d.querySelector('p').textContent, img && img.alt, after]; }),
        })"""
    )
    assert found["printed"] == 0
    assert len(found["described"]) >= 2
    for text, alt, after in found["described"]:
        assert alt == text and len(text) > 40, "the description is the chart's alt text"
        assert after, "the description follows its chart"


def test_widget_icons_have_their_font(room: Room) -> None:
    """A Collapse's caret is a Font Awesome glyph: without the font it was an empty box."""
    room.open("06-seminar-kit")
    pg = room.pg
    assert pg.evaluate("() => document.querySelectorAll('.fa').length") > 0
    pg.evaluate(
        "() => { const i = Reveal.getIndices(document.querySelector('.fa').closest('section'));"
        " Reveal.slide(i.h, i.v); }"
    )
    pg.wait_for_function(
        "() => Array.from(document.fonts).some(f => f.family.includes('Font Awesome')"
        " && f.status === 'loaded')",
        timeout=15_000,
    )


# --- last for each deck: the checks that change it (a scenario picked, every slide laid out) ---


def test_the_run_over_every_slide_reads_the_last_one(room: Room) -> None:
    """Faint text planted on a deck's last slide (hidden from axe in the deck as shown) is a
    violation once every slide is laid out."""
    require_axe()
    room.open(IDS[0], changes=True)
    pg = room.pg
    plant = """() => { const last = Reveal.getSlides().pop(); const p = document.createElement('p');
      p.textContent = 'faint words'; p.style.color = '#eeeeee'; last.appendChild(p); }"""
    pg.evaluate(plant)
    assert axe_violations(pg, ".reveal .slides") == []  # hidden: axe skips it
    assert pg.evaluate(EVERY_SLIDE_LAID_OUT) == 0
    assert any(v.startswith("color-contrast") for v in axe_violations(pg, ".reveal .slides"))


def test_the_deck_works_offline(room: Room, stem: str) -> None:
    """Speaker notes, → to the second slide; in a deck with an explorer, its scenario list
    switches the chart, and the arrow keys in the list change the scenario and stay on the
    slide."""
    slides = room.open(stem, changes=True)
    pg = room.pg
    assert len(slides) >= 5
    assert pg.locator("aside.notes").count() >= 1, "speaker notes"
    pg.keyboard.press("ArrowRight")
    pg.wait_for_function("() => Reveal.getIndices().h === 1")
    if calls_an_explorer(build.NOTEBOOKS / f"{stem}.ipynb"):
        pg.evaluate(GO_TO_SLIDE, ".explorer-precomputed")
        pg.wait_for_timeout(300)  # reveal's transition to the slide
        switch_preset_and_see_a_new_chart(pg)
        here = pg.evaluate("() => Reveal.getIndices()")
        name = explorer_on_page(pg)
        before = pg.evaluate(VISIBLE_CHART, name)
        pg.locator(f".explorer-{name}-preset select").first.focus()
        pg.keyboard.press("ArrowUp")
        wait_for_a_new_visible_chart(pg, name, before)
        assert pg.evaluate("() => Reveal.getIndices()") == here
    assert room.blocked == []


def test_every_slide_passes_axe(room: Room, stem: str) -> None:
    """axe-core (``labdriver.AXE_TAGS``: WCAG 2.2 AA, serious and critical) over the deck as
    the room sees it (its frame and first slide), then with every slide laid out at once, one
    axe run instead of one per slide (``labdriver.EVERY_SLIDE_LAID_OUT`` says why)."""
    require_axe()
    room.open(stem, changes=True)
    pg = room.pg
    found = {"the deck's frame": axe_violations(pg)}  # controls, slide number, the first slide
    # Then every slide at once, laid out one under the other (axe skips hidden slides).
    assert pg.evaluate(EVERY_SLIDE_LAID_OUT) == 0, "a slide stayed hidden from axe"
    found["its slides"] = axe_violations(pg, ".reveal .slides")
    assert {k: v for k, v in found.items() if v} == {}
    assert room.blocked == []
