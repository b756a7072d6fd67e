"""The principal control of every explorer, live in the offline build.

Unit side: every explorer declares a sweep; every stop of it is a state its live controls
can show unchanged (so a range stays within the model's declared limits and a choice offers
only the control's options), and every stop is a different state. The kernel-free view
makes a choice a list (never a slider over names) and a range a slider with a typed list,
and its label says what moves, on what step, and what stays.

Browser side: one Chromium, one page per offline page that holds an explorer, from the file
system with the network blocked; on each, moving the sweep's control (the outer choice, the
slider, the typed list) changes the chart shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest
from labdriver import browser_page, open_sweep_tab, require_chromium

from helpers import markup
from helpers.explorers import REGISTRY, ExplorerSession
from helpers.explorers.live_controls import widget_for
from helpers.explorers.precomputed import SWEEP_SECTION, SWEEP_TABS

NAMES = sorted(REGISTRY)


def test_a_sweeps_charts_are_drawn_in_256_colours() -> None:
    """Each stop of a sweep is drawn with the build's paletted encoder (a sweep holds dozens
    of charts and a page must stay under 5 MB): the chart is drawn while that encoder is set,
    not later with the live view's full-colour one."""
    import base64
    import io

    from PIL import Image

    from helpers.explorers.precomputed import _sweep_page

    session = ExplorerSession(REGISTRY["race"])
    stop = session.presets["SIPRI trend"]
    page = _sweep_page(session, stop).value
    png = base64.b64decode(page.split("base64,")[1].split('"')[0])
    assert Image.open(io.BytesIO(png)).mode == "P", "a sweep's chart in full colour"


@pytest.mark.parametrize("name", NAMES)
def test_every_explorer_sweeps_its_principal_control_within_its_declared_range(name: str) -> None:
    spec = REGISTRY[name]
    sweep = spec.swept
    assert sweep is not None, f"the {name} explorer has no sweep of its principal control"
    session = ExplorerSession(spec)
    controls = {c.field: c for c in spec.controls}
    base = session.presets[session.reset_preset]
    grid = sweep.grid(session.data)
    assert len(grid) == (len(sweep.axes[0].points(session.data)) if len(sweep.axes) == 2 else 1)
    rows = []
    for row in grid:
        states = []
        for values in row:
            state = sweep.state(base, *values)
            spec.compute(state, session.data)  # the model accepts it
            for axis in sweep.axes:
                assert axis.field in controls, f"{name}: {axis.field} is no control"
                widget = widget_for(controls[axis.field], session.data)
                shown = getattr(state, axis.field)
                widget.value = shown  # a Dropdown refuses an unknown option
                assert widget.value == shown, f"{name}: {axis.field}={shown!r} is off its control"
                assert controls[axis.field].problem(shown, session.data) is None
            states.append(repr(state))
        assert len(set(states)) == len(states), f"{name}: two stops of a row give one state"
        rows.append(tuple(states))
    assert len(set(rows)) == len(rows), f"{name}: two rows of the sweep are the same"
    for axis in sweep.axes:
        assert axis.start(session.data, base) in range(len(axis.points(session.data)))


def _fake_page(session, state) -> widgets.HTML:
    """A stop without its chart: the view's structure is tested here, not the rendering."""
    page = widgets.HTML(repr(state))
    page.add_class(f"explorer-{session.spec.name}-sweep-chart")
    return page


def _walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


@pytest.mark.parametrize("name", NAMES)
def test_the_kernel_free_view_offers_a_choice_as_a_list_and_a_range_as_a_slider(
    name: str, monkeypatch
) -> None:
    from helpers.explorers import precomputed

    monkeypatch.setattr(precomputed, "_sweep_page", _fake_page)
    spec = REGISTRY[name]
    session = ExplorerSession(spec)
    view = precomputed.PrecomputedView(session)
    sweep, data = spec.swept, session.data
    # The prepared scenarios and the sweep share one chart's place: two tabs, the sweep's
    # named after what it steps through.
    tabs = view.children[-1]
    assert SWEEP_TABS in tabs._dom_classes and len(tabs.children) == 2
    assert tabs.titles == ("Prepared scenarios", precomputed.sweep_title(sweep))
    assert view.picker in list(_walk(tabs.children[0]))
    section = tabs.children[1]
    assert SWEEP_SECTION in section._dom_classes
    parts = list(_walk(section))
    sliders = [w for w in parts if isinstance(w, widgets.SelectionSlider)]
    lists = [w for w in parts if isinstance(w, widgets.Dropdown)]
    stacks = [w for w in parts if isinstance(w, widgets.Stack)]
    pages = [
        w
        for w in parts
        if isinstance(w, widgets.HTML) and w.value.startswith(type(session.state).__name__)
    ]
    stops = sum(len(row) for row in sweep.grid(data))
    assert len(pages) == stops
    for axis in sweep.axes:
        labels = tuple(label for label, _ in axis.points(data))
        if axis.kind == "choice":
            assert not any(s.options == labels for s in sliders), f"{name}: a slider over names"
            assert any(d.options == labels for d in lists), f"{name}: {axis.label} has no list"
        else:
            assert [s.options for s in sliders] == [labels]
            assert any(d.options == labels for d in lists), f"{name}: no typed alternative"
    # One inner stack per row of the grid (plus the outer one of a two-axis sweep), all
    # opening on the stop of the scenario the view opens on.
    inner = [s for s in stacks if "explorer-" + name + "-sweep-stack" in s._dom_classes]
    assert len(inner) == len(sweep.grid(data))
    start = sweep.main.start(data, session.presets[session.reset_preset])
    assert {s.selected_index for s in inner} == {start}
    # The label: what moves, on what step, and what stays.
    note = view.children[1].value
    for axis in sweep.axes:
        assert str(markup.text(axis.label)) in note
        if axis.kind == "range":
            assert "in steps of" in note
    assert str(markup.text(f"as in “{session.reset_preset}”")) in note
    assert "To move any other control, or to a value between the steps" in note


# --- in Chromium, from the file system, no network ----------------------------------------

PAGES = {  # offline page -> the explorers it holds
    "01-unsc-paralysis": ["unsc"],
    "02-institutionalizing-partnership": ["money"],
    "03-defence-industry": ["race"],
    "04-backlash-risks": ["timeline", "backlash"],
    "06-seminar-kit": ["ach", "forecasts"],
}
assert sorted(n for names in PAGES.values() for n in names) == NAMES

SHOWN = """(name) => {
  const imgs = Array.from(document.querySelectorAll('.explorer-' + name + '-sweep-chart img'));
  const i = imgs.find(i => i.offsetParent !== null);
  if (!i) return null;
  let h = 0; const s = i.getAttribute('src');
  for (let k = 0; k < s.length; k++) { h = (h * 31 + s.charCodeAt(k)) | 0; }
  return i.alt + ' #' + h;
}"""


@pytest.fixture(scope="module")
def offline() -> Iterator[tuple[object, list[str]]]:
    require_chromium()
    with browser_page() as pair:
        yield pair


def _changes(pg, name: str, before: str, what: str) -> str:
    pg.wait_for_function(
        "([f, n, b]) => { const s = eval(f)(n); return s !== null && s !== b; }",
        arg=[SHOWN, name, before],
        timeout=10_000,
    )
    after = pg.evaluate(SHOWN, name)
    assert after != before, f"{name}: {what} did not change the chart"
    return after


def _other(select) -> int:
    """An option index other than the selected one."""
    n, at = select.evaluate("s => [s.options.length, s.selectedIndex]")
    return 0 if at != 0 else n - 1


@pytest.mark.browser
@pytest.mark.parametrize("stem", list(PAGES))
def test_moving_each_sweep_changes_the_chart_offline(site: Path, stem: str, offline) -> None:
    pg, blocked = offline
    pg.goto((site / "pages" / f"{stem}.html").as_uri())
    for name in PAGES[stem]:
        css = f".explorer-{name}"
        pg.wait_for_selector(f"{css}-sweep-chart img", state="attached")
        open_sweep_tab(pg, name)
        section = pg.locator(f"{css}.explorer-precomputed .{SWEEP_SECTION}").first
        section.scroll_into_view_if_needed()
        shown = pg.evaluate(SHOWN, name)
        assert shown, f"{name}: no sweep chart shown on {stem}"
        outer = pg.locator(f"{css}-sweep-outer select")
        if outer.count():
            outer.first.select_option(index=_other(outer.first))
            shown = _changes(pg, name, shown, "the outer choice")
        handle = pg.locator(f"{css}-sweep .noUi-handle")
        if handle.count():
            handle.first.focus()
            at_end = handle.first.get_attribute("aria-valuenow") == handle.first.get_attribute(
                "aria-valuemax"
            )
            pg.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
            shown = _changes(pg, name, shown, "the slider")
            typed = pg.locator(f"{css}-sweep-typed select").first
            typed.select_option(index=_other(typed))
            shown = _changes(pg, name, shown, "the typed alternative")
            # the slider follows the typed choice (one control, two ways to set it)
            picked = typed.evaluate("s => s.options[s.selectedIndex].text")
            readout = pg.locator(f"{css}-sweep .widget-readout").first.inner_text()
            assert readout.split() == picked.split()  # the same text, spaces aside
        else:
            choice = pg.locator(f"{css}-sweep-choice select").first
            choice.select_option(index=_other(choice))
            _changes(pg, name, shown, "the list")
    assert blocked == []


MAX_BYTES = 5_000_000


def test_the_handout_stays_under_5_mb_and_holds_no_sweep(site: Path) -> None:
    """Printed, a sweep is one chart of dozens: the handout shows each explorer's reset
    view and keeps under the pages' limit."""
    handout = site / "handout.html"
    assert handout.stat().st_size <= MAX_BYTES, f"{handout.stat().st_size:,} bytes"
    text = handout.read_text(encoding="utf-8")
    assert "sweep-chart" not in text and SWEEP_SECTION not in text
    assert "precomputed-sweep" not in text  # the note says no sweep was computed
    assert "To move any other control" not in text and "To set the controls yourself" in text
    # What is left is whole: every widget a model refers to (a link's ends too) is there.
    state = json.loads(re.search(r'widget-state\+json">\s*(\{.*?\})\s*</script>', text, re.S)[1])[
        "state"
    ]
    missing = {r for m in state.values() for r in re.findall(r"IPY_MODEL_(\w+)", str(m))} - set(
        state
    )
    assert missing == set()
    assert any(m["model_name"] == "LinkModel" for m in state.values())  # presets still switch
