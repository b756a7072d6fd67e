"""Accessibility of the live dashboard (``make dashboard``, Voila), measured in Chromium.

One server and one browser for the module, one page load per notebook, and on each page:

* axe-core (the pinned copy ``test_axe`` injects) at WCAG 2.2 AA over the whole page: no
  violation of impact serious or critical (the page, frame included, is the briefing's own);
* the keyboard alone, for every explorer on the page: from its scenario picker, Tab reaches
  the reset button and then every control in the order the explorer declares them, and
  Shift+Tab walks back the same way; every element that takes focus shows it (a computed
  outline or box-shadow, at 3:1 against the background behind it, WCAG 2.4.7, 2.4.13 and
  1.4.11); a key on each control (arrows, Space) changes the explorer's chart;
* a typed alternative for every slider (WCAG 2.5.7, dragging movements): the slider's
  readout takes a typed value (Enter) that moves the slider and changes the chart; a slider
  whose readout cannot be edited (a selection slider) has pickers beside it that do.

Problems are gathered per page and reported together, so one run shows everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from labdriver import (
    AXE,
    axe_violations,
    browser_page,
    live_server,
    open_rating_tables,
    require_chromium,
)

from helpers.explorers import REGISTRY
from helpers.present import build

NOTEBOOKS = build.notebooks()

CHART_WAIT_MS = 8_000  # a kernel round trip and a re-rendered PNG; the usual is < 1 s
MAX_TAB_STOPS = 200  # the ACH rating grid is the longest explorer (about 60 stops)
# Controls that leave the chart as it is in the explorer's reset view, and why; a key on
# them must still reach the kernel (the scenario picker then says "Custom"), and
# ``test_the_exceptions_still_hold`` checks with the model that the chart really stays.
SAME_CHART_AT_RESET = {
    ("ach", "weight_unverified"): "no unverified item is rated inconsistent in the briefing's "
    "ratings, so its weight multiplies nothing",
}
CUSTOM = "Custom (your setting)"

# The element that has focus, described: which part of explorer ``name`` holds it (preset,
# reset, a control's field, details) and how its focus is drawn, with the background behind.
FOCUSED = """(name) => {
  const el = document.activeElement;
  const root = document.querySelector('.explorer-' + name);
  if (!el || !root || !root.contains(el)) { return null; }
  const prefix = 'explorer-' + name + '-';
  let part = 'other';
  for (let n = el; n && n !== root; n = n.parentElement) {
    const c = Array.from(n.classList).find(k => k.startsWith(prefix));
    if (c) { part = c.slice(prefix.length); break; }
  }
  let bg = 'rgb(255, 255, 255)';
  for (let n = el.parentElement; n; n = n.parentElement) {
    const b = getComputedStyle(n).backgroundColor;
    if (b && b !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(b)) { bg = b; break; }
  }
  const cs = getComputedStyle(el);
  if (!el.hasAttribute('data-a11y-stop')) {
    el.setAttribute('data-a11y-stop', String(document.querySelectorAll('[data-a11y-stop]').length));
  }
  return {part, stop: el.getAttribute('data-a11y-stop'), tag: el.tagName,
          type: el.getAttribute('type') || el.getAttribute('role') || '',
          editable: el.isContentEditable, outlineStyle: cs.outlineStyle,
          outlineWidth: parseFloat(cs.outlineWidth) || 0, outlineColor: cs.outlineColor,
          boxShadow: cs.boxShadow, bg};
}"""

FOCUSED_VALUE = """() => {
  const el = document.activeElement;
  return el ? el.getAttribute('aria-valuenow') || el.value || el.textContent : null;
}"""

VISIBLE_CHART = """(name) => {
  const i = document.querySelector('.explorer-' + name + '-chart img');
  return i ? i.getAttribute('src') : null;
}"""


def _rgb(text: str) -> tuple[float, ...] | None:
    m = re.search(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)", text or "")
    return tuple(float(v) for v in m.groups()) if m else None


def _luminance(rgb: tuple[float, ...]) -> float:
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def focus_problem(f: dict) -> str | None:
    """Why the focus on element ``f`` (a FOCUSED record) is not visible, or None."""
    bg = _rgb(f["bg"]) or (255, 255, 255)
    drawn = []
    if f["outlineStyle"] != "none" and f["outlineWidth"] > 0:
        drawn.append(f["outlineColor"])
    if f["boxShadow"] not in ("", "none"):
        drawn.append(f["boxShadow"])
    if not drawn:
        return "no outline or box-shadow when focused"
    best = max(contrast(rgb, bg) for rgb in (_rgb(d) for d in drawn) if rgb) if any(
        _rgb(d) for d in drawn
    ) else 0.0
    if best < 3:
        return f"focus indicator {drawn} at {best:.1f}:1 against {f['bg']}"
    return None


@pytest.mark.parametrize(("name", "field"), sorted(SAME_CHART_AT_RESET))
def test_the_exceptions_still_hold(name: str, field: str) -> None:
    from helpers.explorers import ExplorerSession

    session = ExplorerSession(REGISTRY[name])
    before = session.png
    for value in (0.0, 1.0):
        session.reset()
        session.update(**{field: value})
        assert session.png == before, f"{name}.{field} now changes the chart: test its key"


def test_focus_problem_names_what_is_missing() -> None:
    plain = dict(outlineStyle="none", outlineWidth=0, outlineColor="rgb(0, 0, 0)",
                 boxShadow="none", bg="rgb(255, 255, 255)")
    assert focus_problem(plain) == "no outline or box-shadow when focused"
    faint = {**plain, "outlineStyle": "solid", "outlineWidth": 1, "outlineColor":
             "rgb(230, 230, 230)"}
    assert "1.2:1" in focus_problem(faint)
    ring = {**plain, "boxShadow": "rgb(0, 90, 156) 0px 0px 0px 3px"}
    assert focus_problem(ring) is None


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, list]]:
    """``make dashboard`` and one Chromium page at 1280 x 720, for the whole module."""
    require_chromium()
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: `npm ci` installs the pinned axe-core")
    home = tmp_path_factory.mktemp("a11y-dashboard")
    with live_server("dashboard", home) as (base, _log), browser_page() as (pg, blocked):
        pg.set_viewport_size({"width": 1280, "height": 720})
        yield base, pg, blocked


def _chart_changes(pg, name: str, before: str | None) -> bool:
    try:
        pg.wait_for_function(
            "([name, before]) => { const i = document.querySelector("
            "'.explorer-' + name + '-chart img'); return i && i.getAttribute('src') !== before; }",
            arg=[name, before],
            timeout=CHART_WAIT_MS,
        )
    except Exception:  # Playwright's TimeoutError: the chart did not change
        return False
    return True


PICKER_TEXT = """(name) => {
  const s = document.querySelector('.explorer-' + name + '-preset select');
  return s && s.selectedOptions.length ?
    s.selectedOptions[0].textContent.replace(/\\u00a0/g, ' ').trim() : null; }"""


def _picker_text(pg, name: str) -> str | None:
    """The scenario the explorer's picker shows (the kernel sets it after every change)."""
    return pg.evaluate(PICKER_TEXT, name)


def _picker_says(pg, name: str, text: str) -> bool:
    try:
        pg.wait_for_function(
            f"([name, text]) => ({PICKER_TEXT})(name) === text",
            arg=[name, text],
            timeout=CHART_WAIT_MS,
        )
    except Exception:  # Playwright's TimeoutError
        return False
    return True


def _picker_says_custom(pg, name: str) -> bool:
    return _picker_says(pg, name, CUSTOM)


# The explorer's setting as one line (its scenario-line text box). The kernel sends it after
# the chart and the picker, so a line that has changed means the kernel has shown the change.
SETTING_LINE = """(name) => {
  const t = document.querySelector('.explorer-' + name + '-line textarea');
  return t ? t.value : null; }"""


def _line_becomes(pg, name: str, *, equal: str | None = None, unlike: str | None = None) -> bool:
    """Wait until the setting line equals ``equal`` (or differs from ``unlike``)."""
    test = "line === target" if equal is not None else "line !== target"
    try:
        pg.wait_for_function(
            f"([name, target]) => {{ const line = ({SETTING_LINE})(name); return {test}; }}",
            arg=[name, equal if equal is not None else unlike],
            timeout=CHART_WAIT_MS,
        )
    except Exception:  # Playwright's TimeoutError
        return False
    return True


def _reset_view_line(pg, name: str) -> str | None:
    """The setting line of the explorer's reset view: as the page opens when it opens on
    that view, else after Enter on the reset button (a notebook may open an explorer on
    another scenario). None when the line is missing or Enter does not change it."""
    reset_to = pg.locator(f".explorer-{name}-reset").inner_text().split(":", 1)[1].strip()
    line = pg.evaluate(SETTING_LINE, name)
    if line is None or _picker_text(pg, name) == reset_to:
        return line
    pg.focus(f".explorer-{name}-reset")
    pg.keyboard.press("Enter")
    if not _line_becomes(pg, name, unlike=line) or _picker_text(pg, name) != reset_to:
        return None
    return pg.evaluate(SETTING_LINE, name)


def _tab_to(pg, name: str, stop: dict, rank: int) -> bool:
    """Focus ``stop`` of the walk, the ``rank``-th tab stop of its control: directly while
    the walk's mark is still on it; else as a reader gets there, from the reset button Tab by
    Tab until the focus is on that control's ``rank``-th stop of the same kind (a widget
    redrawn since the walk loses its mark, and may change how many stops come before it).
    False when the control is not reached."""
    marked = pg.locator(f'[data-a11y-stop="{stop["stop"]}"]')
    if marked.count() == 1:
        marked.focus()
        return True
    pg.focus(f".explorer-{name}-reset")
    seen = 0
    for _ in range(MAX_TAB_STOPS):
        pg.keyboard.press("Tab")
        here = pg.evaluate(FOCUSED, name)
        if here is None:
            return False
        same_kind = (here["tag"], here["type"]) == (stop["tag"], stop["type"])
        if here["part"] == stop["part"] and same_kind and not here["editable"]:
            if seen == rank:
                return True
            seen += 1
    return False


def keyboard_problems(pg, name: str) -> list[str]:
    """Tab order, Shift+Tab, visible focus and a key per control, for explorer ``name``."""
    problems: list[str] = []
    fields = [c.field for c in REGISTRY[name].controls]
    open_rating_tables(pg, name)
    picker = pg.locator(f".explorer-{name}-preset select")
    picker.scroll_into_view_if_needed()
    picker.focus()
    forward = [pg.evaluate(FOCUSED, name)]
    for _ in range(MAX_TAB_STOPS):
        pg.keyboard.press("Tab")
        here = pg.evaluate(FOCUSED, name)
        if here is None or here["part"] == "details":
            break
        forward.append(here)
    order = [f["part"] for f in forward]
    parts = [p for i, p in enumerate(order) if i == 0 or p != order[i - 1]]
    if parts != ["preset", "reset", *fields]:
        problems.append(f"Tab order {parts}, expected {['preset', 'reset', *fields]}")
    backward = []  # from the first element after the controls back to the picker
    for _ in range(len(forward)):
        pg.keyboard.press("Shift+Tab")
        backward.append(pg.evaluate(FOCUSED, name))
    if [b and b["stop"] for b in backward] != [f["stop"] for f in reversed(forward)]:
        problems.append(
            "Shift+Tab does not walk back through the same stops: "
            f"{[(b or {}).get('part') for b in backward]}"
        )
    seen = set()
    for f in [*forward[1:], *(b for b in backward if b)]:
        why = focus_problem(f)
        if why and (f["part"], f["tag"], f["type"]) not in seen:
            seen.add((f["part"], f["tag"], f["type"]))
            problems.append(f"{f['part']} {f['tag'].lower()} {f['type']}: {why}")
    # A key on each control changes the chart: its stops in order, the keys a reader would
    # try (an arrow and its opposite; Space on a box or a button), until the chart moves.
    # Each control is tried from the reset view: the setting line tells when the kernel has
    # put it back (the picker alone does not: it still names the reset view while the kernel
    # is showing a change, since the chart is sent first).
    reset_line = _reset_view_line(pg, name)
    if reset_line is None:
        problems.append("no setting line, or Enter on the reset button did not bring back its view")
    for field in fields:
        if pg.evaluate(SETTING_LINE, name) != reset_line:  # back to the reset view, by keyboard
            pg.focus(f".explorer-{name}-reset")
            pg.keyboard.press("Enter")
            if not _line_becomes(pg, name, equal=reset_line):
                problems.append(f"Enter on the reset button did not reset ({field})")
        stops = [
            (i, f) for i, f in enumerate(forward) if f["part"] == field and not f["editable"]
        ]
        moved = False
        tried: list[str] = []  # what each key did, for the report when none moved the chart
        for rank, (_, f) in enumerate(stops):
            keys = {"SELECT": ["ArrowDown", "ArrowUp"], "BUTTON": ["Space"]}.get(
                f["tag"], ["Space"] if f["type"] == "checkbox" else ["ArrowRight", "ArrowLeft"]
            )
            for key in keys:
                before = pg.evaluate(VISIBLE_CHART, name)
                line = pg.evaluate(SETTING_LINE, name)
                if not _tab_to(pg, name, f, rank):
                    problems.append(f"{field}: its stop {rank + 1} not reached by Tab")
                    break
                value = pg.evaluate(FOCUSED_VALUE)
                pg.keyboard.press(key)
                if (name, field) in SAME_CHART_AT_RESET:
                    moved = _picker_says_custom(pg, name)
                elif _chart_changes(pg, name, before):
                    moved = True
                if moved:
                    _line_becomes(pg, name, unlike=line)  # the kernel is done showing it
                    break
                tried.append(
                    f"{key}: value {value} -> {pg.evaluate(FOCUSED_VALUE)}, "
                    f"picker {_picker_text(pg, name)!r}"
                )
            if moved:
                break
        if not moved:
            problems.append(
                f"{field}: no key on its {len(stops)} stops changed the chart ({'; '.join(tried)})"
            )
    return problems


SLIDERS = """(name) => Array.from(document.querySelectorAll(
    '.explorer-' + name + ' .widget-slider')).map((s, i) => {
  s.setAttribute('data-a11y-slider', name + '-' + i);
  const handles = Array.from(s.querySelectorAll('.noUi-handle'));
  const control = s.closest('.explorer-control');
  const prefix = 'explorer-' + name + '-';
  const field = control ? Array.from(control.classList).find(c => c.startsWith(prefix)) : '';
  return {index: name + '-' + i, field: (field || '').slice(prefix.length),
          label: (s.querySelector('.widget-label') || {}).textContent || '',
          editable: !!s.querySelector('.widget-readout[contenteditable=true]'),
          readout: (s.querySelector('.widget-readout') || {}).textContent || '',
          min: parseFloat(handles[0].getAttribute('aria-valuemin')),
          max: parseFloat(handles[handles.length - 1].getAttribute('aria-valuemax')),
          now: handles.map(h => parseFloat(h.getAttribute('aria-valuenow'))),
          pickers: control ? control.querySelectorAll('select').length : 0};
})"""


def _typed(s: dict) -> str:
    """A value to type into slider ``s``'s readout that differs from its own."""
    lo, hi = s["min"], s["max"]

    def show(v: float) -> str:
        return f"{v:g}"

    if len(s["now"]) == 1:
        return show(lo if s["now"][0] != lo else hi)
    low, high = s["now"]
    if low != lo:
        return f"{show(lo)} – {show(high)}"
    return f"{show(low)} – {show(hi if high != hi else lo)}"


def _readout_moves(pg, s: dict) -> bool:
    """Does slider ``s``'s readout come to show something else than it did?"""
    try:
        pg.wait_for_function(
            "([i, old]) => document.querySelector('[data-a11y-slider=\"' + i + '\"] "
            ".widget-readout').textContent !== old",
            arg=[s["index"], s["readout"]],
            timeout=CHART_WAIT_MS,
        )
    except Exception:  # Playwright's TimeoutError
        return False
    return True


def slider_problems(pg, name: str) -> list[str]:
    """Every slider of explorer ``name`` takes a typed value (or has pickers that do)."""
    problems = []
    for s in pg.evaluate(SLIDERS, name):
        slider = pg.locator(f'[data-a11y-slider="{s["index"]}"]')
        label = s["label"].strip() or f"slider {s['index']}"
        before = pg.evaluate(VISIBLE_CHART, name)
        if s["pickers"] >= 2:  # a selection slider: its readout takes no typing
            control = slider.locator("xpath=ancestor::*[contains(@class,'explorer-control')][1]")
            picker = control.locator("select").first
            options = picker.locator("option").all_inner_texts()
            picker.select_option(label=options[-1] if picker.input_value() != options[-1]
                                 else options[0])
            if not _chart_changes(pg, name, before):
                problems.append(f"{label}: its picker did not change the chart")
            elif not _readout_moves(pg, s):
                problems.append(f"{label}: its picker did not move the slider")
        elif s["editable"]:
            value = _typed(s)
            readout = slider.locator(".widget-readout")
            readout.scroll_into_view_if_needed()
            readout.click()  # one pointer, no drag; then the keyboard
            pg.keyboard.press("Control+A")
            pg.keyboard.type(value)
            pg.keyboard.press("Enter")
            if not _readout_moves(pg, s):
                problems.append(f"{label} typed {value!r}: the slider kept {s['readout']!r}")
            elif (name, s["field"]) in SAME_CHART_AT_RESET:
                if not _picker_says_custom(pg, name):
                    problems.append(f"{label} typed {value!r}: the kernel did not take it")
            elif not _chart_changes(pg, name, before):
                problems.append(f"{label} typed {value!r}: the chart did not change")
        else:
            problems.append(f"{label}: no typed or single-pointer alternative to dragging")
    return problems


def test_the_dashboard_file_list_passes_axe(dashboard) -> None:
    base, pg, blocked = dashboard
    pg.goto(f"{base}/")
    pg.wait_for_selector("table a")
    assert axe_violations(pg) == []
    assert blocked == []


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_a_dashboard_page_passes_axe_and_its_explorers_work_from_the_keyboard(
    dashboard, nb: Path
) -> None:
    base, pg, blocked = dashboard
    pg.goto(f"{base}/voila/render/{nb.name}")
    pg.wait_for_selector(".explorer img", state="attached", timeout=120_000)
    pg.wait_for_load_state("networkidle")
    names = [
        n for n in REGISTRY if pg.locator(f".explorer-{n}-chart img").count() > 0
    ]
    problems: dict[str, list[str]] = {}
    pg.wait_for_timeout(500)  # the last widgets drawn
    problems["axe"] = axe_violations(pg)
    for name in names:
        problems[f"{name}: keyboard"] = keyboard_problems(pg, name)
        problems[f"{name}: sliders"] = slider_problems(pg, name)
    found = {k: v for k, v in problems.items() if v}
    assert not found, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())
    assert blocked == []
