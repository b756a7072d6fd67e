"""Drive JupyterLab in Debian's Chromium: shared by the browser tests and the benchmark.

JupyterLab runs on a free loopback port with a token and its own settings (no news toasts,
no cell windowing, the notebook's kernel started without asking); Chromium runs headless via
Playwright with every request that would leave 127.0.0.1 blocked and recorded.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from helpers.data import DATA_DIR
from helpers.present import assets
from helpers.present.pdf import ARGS as PDF_CHROMIUM_ARGS

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = PDF_CHROMIUM_ARGS  # one list of offline-safe flags, shared with the PDF


def require_chromium() -> None:
    """Skip a browser test without Debian's Chromium, but fail it under CI, where the browser
    tests must run (`.ci/run` installs it)."""
    import pytest

    if CHROMIUM.exists():
        return
    message = (
        f"{CHROMIUM} not found. Install Debian's Chromium to run the browser tests: "
        "`sudo apt-get install chromium` (never `playwright install`)."
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
TOKEN = "briefing-browser-test"
RUN_ALL_TIMEOUT_MS = 300_000  # a loaded 2-core machine, the other test worker busy too
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": "none", "autoStartDefaultKernel": True},
}


def http_get(
    base: str, path: str, headers: dict[str, str] | None = None, timeout: float = 120
) -> tuple[int, str]:
    """A plain HTTP GET with exactly these headers (``Host`` included when given): status
    and body. ``timeout`` covers a live server that must start a kernel before it answers."""
    import http.client

    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        reply = conn.getresponse()
        return reply.status, reply.read().decode("utf-8", "replace")
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(home: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """JupyterLab serving a copy of notebooks/ (Lab autosaves) from ``home``."""
    root = home / "notebooks"
    shutil.copytree(REPO / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for rel, content in SETTINGS.items():
        path = home / "settings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content), encoding="utf-8")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    env.pop("MPLBACKEND", None)
    port = free_port()
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
        f"--port={port}", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    with serving(cmd, env, home / "lab.log", f"{base_url(port)}/api/status?token={TOKEN}") as proc:
        yield base_url(port), proc


def base_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def serving(
    cmd: list[str], env: dict, log_path: Path, ready: str, preexec_fn=None
) -> Iterator[subprocess.Popen]:
    """Start a server, wait until ``ready`` answers (60 s at most), stop it afterwards."""
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            cmd, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=preexec_fn
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(ready, timeout=2):
                        break
                except OSError as exc:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"{cmd[2:4]} did not start:\n" + log_path.read_text()
                        ) from exc
                    time.sleep(0.25)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def _guard(blocked: list[str]):
    """A route handler letting through only loopback, data:, blob: and file: requests."""

    def guard(route, request) -> None:
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:", "file:")) or host in LOOPBACK:
            route.continue_()
        else:
            blocked.append(request.url)
            route.abort()

    return guard


# One Playwright driver and one Chromium per test module (conftest closes it at the module's
# end), a fresh context (cookies, storage, cache, viewport) per page. Starting the driver and
# Chromium cost ~1 s of processor per page opened, ~100 times a run; a context ~0.6 s
# (tests/tools/bench_browser_start.py measures them).
_SHARED: dict[str, object] = {}


def shared_browser():
    """The Chromium of this process's pages, launched on first use (again if it has gone)."""
    browser = _SHARED.get("browser")
    if browser is None or not browser.is_connected():
        from playwright.sync_api import sync_playwright

        if "playwright" not in _SHARED:
            _SHARED["playwright"] = sync_playwright().start()
        browser = _SHARED["playwright"].chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        _SHARED["browser"] = browser
    return browser


def close_shared_browser() -> None:
    """Close the shared Chromium and Playwright's driver (at a test module's end; also before
    code that starts Playwright's synchronous API itself, which cannot run inside another)."""
    browser, playwright = _SHARED.pop("browser", None), _SHARED.pop("playwright", None)
    if browser is not None and browser.is_connected():
        browser.close()
    if playwright is not None:
        playwright.stop()


@contextlib.contextmanager
def chromium_pages() -> Iterator[tuple[object, list[str]]]:
    """Debian's Chromium and a maker of pages, each in its own context (a phone with touch, a
    projector): ``new_page(viewport, touch=False)``. Non-loopback requests are blocked and
    recorded in the list yielded beside it."""
    require_chromium()
    blocked: list[str] = []
    browser = shared_browser()
    contexts: list = []

    def new_page(viewport: dict, touch: bool = False):
        context = browser.new_context(
            viewport=viewport, has_touch=touch, is_mobile=touch, accept_downloads=True
        )
        contexts.append(context)
        context.route("**/*", _guard(blocked))
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    try:
        yield new_page, blocked
    finally:
        for context in contexts:
            context.close()


@contextlib.contextmanager
def browser_context(
    viewport: dict | None = None,
) -> Iterator[tuple[object, list[str]]]:
    """A fresh Chromium context whose non-loopback requests are blocked and recorded in the
    list yielded beside it."""
    blocked: list[str] = []
    context = shared_browser().new_context(viewport=viewport or {"width": 1400, "height": 1000})
    context.route("**/*", _guard(blocked))
    try:
        yield context, blocked
    finally:
        context.close()


@contextlib.contextmanager
def page_in(context, screenshot: Path | None = None) -> Iterator[object]:
    """A new page (tab) in ``context``, closed on exit (after its screenshot, if asked)."""
    page = context.new_page()
    page.set_default_timeout(60_000)
    # A Voila page loads only once its kernel has run every cell: a reader waits as long
    # as the machine takes (a loaded 2-core machine took over 60 s for one notebook).
    page.set_default_navigation_timeout(RUN_ALL_TIMEOUT_MS)
    try:
        yield page
    finally:
        if screenshot is not None:
            page.screenshot(path=str(screenshot), full_page=False)
        page.close()


@contextlib.contextmanager
def browser_page(screenshot: Path | None = None) -> Iterator[tuple[object, list[str]]]:
    """A page in a context of its own whose non-loopback requests are blocked and recorded."""
    with browser_context() as (context, blocked), page_in(context, screenshot) as page:
        yield page, blocked


# --- the room server (make room), in a thread or as its own process -----------------------


ROOM_SERVER = (sys.executable, "-m", "helpers.present.room_server")  # `make room`'s command


@contextlib.contextmanager
def room_in_thread(room: object, addresses: list[str], port: int) -> Iterator[None]:
    """A room server (``helpers.present.room_server``) serving ``room`` on its own loop in a
    thread, stopped (and its store closed) on exit."""
    import threading

    from tornado import ioloop

    from helpers.present import room_server

    started = threading.Event()
    holder: dict = {}

    def run() -> None:
        loop = ioloop.IOLoop()
        holder["loop"] = loop

        async def start() -> None:
            room_server.serve(room, addresses, port)
            started.set()

        loop.run_sync(start)
        loop.start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(10), "the room server did not start"
    try:
        yield
    finally:
        holder["loop"].add_callback(holder["loop"].stop)
        thread.join(5)
        room.store.close()


@contextlib.contextmanager
def room_process(folder: Path, *args: str) -> Iterator[tuple[subprocess.Popen, int, list[str]]]:
    """``make room`` as a lecturer starts it: the server in its own process on a free port,
    with what it printed until it said where the chair's page is; stopped with Ctrl-C."""
    port = free_port()
    proc = subprocess.Popen(
        [*ROOM_SERVER, str(folder), "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    end = time.monotonic() + 60
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("Chair and projector slide"):
            break
    try:
        yield proc, port, lines
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def run_all(pg, lab: str, notebook: str) -> None:
    """Open ``notebook`` in Lab and run every cell (without waiting for the end: see
    ``wait_for_run_all``)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    open_notebook(pg, lab, notebook)
    # A kernel picker may still ask once per fresh profile; accept the notebook's own kernel.
    with contextlib.suppress(PlaywrightTimeout):  # no dialog is the normal case
        pg.locator(".jp-Dialog button.jp-mod-accept").click(timeout=3_000)
    pg.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]')
    pg.wait_for_function("() => window.jupyterapp !== undefined")
    # Not awaited here: the command's promise settles only when every cell has run, and
    # wait_for_run_all waits for exactly that.
    pg.evaluate(RUN_ALL)


def open_notebook(pg, lab: str, notebook: str) -> None:
    """Open ``notebook`` in JupyterLab: by its address on a fresh page; in a Lab already
    open, as a reader opens the next notebook from the file browser, after closing the
    open ones (their kernels shut down, unsaved runs discarded). Loading Lab's front end
    cost ~5 s of processor each time (measured on 3 December: an empty Lab 5.5-7 s, of which
    its server 0.6 s; test_browser fell from 147 to 67 processor-seconds)."""
    if pg.evaluate("() => window.jupyterapp === undefined"):
        pg.goto(f"{lab}/lab/tree/{notebook}?reset&token={TOKEN}")
    else:
        pg.evaluate(OPEN_IN_LAB, notebook)
    pg.wait_for_selector(".jp-NotebookPanel .jp-Notebook")


OPEN_IN_LAB = """async (path) => {
  const app = window.jupyterapp;
  for (const w of Array.from(app.shell.widgets('main'))) {
    if (w.sessionContext) { await w.sessionContext.shutdown(); }
    if (w.context && w.context.model) { w.context.model.dirty = false; }
    w.dispose();
  }
  await app.commands.execute('docmanager:open', {path});
}"""


# Run All once the notebook's kernel session is ready (before that, the command can settle
# without running anything); the command's value says whether it ran.
RUN_ALL = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  window.briefingRunAll = 'running';
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    (ran) => { window.briefingRunAll = ran === false ? 'not run' : 'done'; },
    (e) => { window.briefingRunAll = 'failed: ' + e; });
}"""



def wait_for_run_all(pg) -> None:
    """Wait, as a reader does, until Run All has run every cell (however long the machine
    takes, up to five minutes), then say whether it failed."""
    pg.wait_for_function(
        "() => window.briefingRunAll && window.briefingRunAll !== 'running'",
        timeout=RUN_ALL_TIMEOUT_MS,
        polling=250,
    )
    outcome = pg.evaluate("() => window.briefingRunAll")
    assert outcome == "done", f"Run All did not finish: {outcome}"


def show_output(pg, selector: str):
    """The output matching ``selector``, scrolled into view as a reader scrolls to it."""
    output = pg.locator(selector).first
    output.wait_for(state="attached")
    output.scroll_into_view_if_needed()
    output.wait_for(state="visible")
    return output


def chart_src(pg, name: str) -> str:
    img = pg.locator(f".explorer-{name}-chart img")
    img.scroll_into_view_if_needed()
    return img.get_attribute("src") or ""


def wait_for_new_chart(pg, name: str, before: str) -> None:
    pg.wait_for_function(
        "([sel, before]) => { const i = document.querySelector(sel);"
        " return i && i.getAttribute('src') !== before; }",
        arg=[f".explorer-{name}-chart img", before],
    )


# Go to the slide that holds ``selector`` by its reveal indices (works without window.Reveal).
GO_TO_SLIDE = """(selector) => {
  const el = document.querySelector(selector);
  let inner = el.closest('section');
  let outer = inner.parentElement.closest('section');
  const top = Array.from(document.querySelectorAll('.reveal .slides > section'));
  if (!outer) { outer = inner; }
  const h = top.indexOf(outer);
  const v = outer === inner ? 0
    : Array.from(outer.querySelectorAll(':scope > section')).indexOf(inner);
  location.hash = '#/' + h + '/' + v;
  return [h, v];
}"""

# Scroll the current slide to its end: is the end of ``selector`` (default: its last visible
# cell) inside the projected frame, and was the slide taller than the frame?
SLIDE_END_IN_FRAME = """(selector) => {
  const leaf = Array.from(document.querySelectorAll('.reveal .slides section.present')).pop();
  leaf.scrollTop = leaf.scrollHeight;
  const el = selector ? leaf.querySelector(selector)
    : Array.from(leaf.querySelectorAll('.jp-Cell')).filter(c => c.offsetHeight > 0).pop();
  const frame = document.querySelector('.reveal').getBoundingClientRect();
  return {tall: leaf.scrollHeight > leaf.clientHeight + 1,
          inside: !el || el.getBoundingClientRect().bottom <= frame.bottom + 1};
}"""

# Every slide of a deck in the order a clicker reaches them, each shown as the room sees it:
# [h, v, how far its content runs below the frame (px), its heading, its visible text, its
# visible table headers]. The text is what is rendered (innerText): not the speaker notes,
# not what a closed detail or a rule of the deck's stylesheet hides; text set as code is
# added again in backticks, which the code check catches. Waits for nothing: call it once
# the deck is fitted (window.DECK_FIT.done).
EVERY_SLIDE = """() => Reveal.getSlides().map(s => {
  const at = Reveal.getIndices(s); Reveal.slide(at.h, at.v);
  const leaf = Reveal.getCurrentSlide(); leaf.scrollTop = 0;
  const headers = Array.from(leaf.querySelectorAll('th')).filter(th => th.checkVisibility())
    .map(th => th.innerText.trim());
  const heading = (leaf.querySelector('h1, h2, h3, h4') || {}).innerText || '';
  // Text set as code (a file, a dataset's or a column's name) is code to the room too.
  const code = Array.from(leaf.querySelectorAll('code')).filter(c => c.checkVisibility())
    .map(c => '`' + c.innerText + '`').join(' ');
  return [at.h, at.v || 0, leaf.scrollHeight - leaf.clientHeight, heading.trim(),
          leaf.innerText + (code ? ' ' + code : ''), headers];
})"""
DECK_FITTED = "() => window.DECK_FIT && window.DECK_FIT.done"
DECK_SMALLEST_CHART = 0.6  # deck_fit.js shrinks a chart no further to fit a slide

# What a slide must not show: code, column code names as headers, or a row's raw id.
CODE_ON_SLIDE = re.compile(r"`|\bhelpers\.|\bgather_\w+\(")
CODE_HEADER = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


@functools.cache
def raw_ids() -> re.Pattern:
    """Every key in the data a reader would take for code: ids with '-' or '_' or a name
    run into a year ('kim2023'), as whole tokens, case as stored."""
    from helpers.data import catalog_for, dataset_names, load

    ids = set()
    for name in dataset_names():
        frame = load(name)
        for key in catalog_for()[name].key:
            ids.update(
                v for v in frame[key].dropna().astype(str)
                if len(v) > 2 and re.search(r"[-_]|[a-z][0-9]{4}", v)
            )
    alternatives = "|".join(sorted(map(re.escape, ids), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def deck_problems(pg, url: str, timeout_ms: int) -> dict[str, list]:
    """Open the deck at ``url`` at a projector's 1280 x 720, wait until it is fitted, and
    walk every slide: what ``slide_problems`` finds, and any error of the fitting."""
    pg.set_viewport_size({"width": 1280, "height": 720})
    pg.goto(url)
    pg.wait_for_function(DECK_FITTED, timeout=timeout_ms)
    return fitted_deck_problems(pg)


def fitted_deck_problems(pg) -> dict[str, list]:
    """``deck_problems`` of the fitted deck already open in ``pg``."""
    slides = pg.evaluate(EVERY_SLIDE)
    problems = slide_problems(slides)
    if errors := pg.evaluate("() => window.DECK_FIT.errors"):
        problems["fitting"] = errors
    if len(slides) < 5:
        problems["slides"] = [len(slides)]
    return problems


def slide_problems(slides: list) -> dict[str, list]:
    """What is wrong with a deck's slides, as ``EVERY_SLIDE`` reads them: content below the
    fold, code, code headers, raw ids, and "(k of n)" parts out of order. Empty if none."""
    problems: dict[str, list] = {
        "below the fold": [(h, heading, f"{over} px") for h, _, over, heading, *_ in slides
                           if over > 1],
        "code": [(h, sorted(set(CODE_ON_SLIDE.findall(text))))
                 for h, _, _, _, text, _ in slides if CODE_ON_SLIDE.search(text)],
        "code headers": [(h, th) for h, *_, ths in slides for th in ths
                         if CODE_HEADER.search(th)],
        "raw ids": [(h, heading, sorted(set(raw_ids().findall(text)))[:6])
                    for h, _, _, heading, text, _ in slides if raw_ids().search(text)],
    }
    # A continued slide says which part it is, under the slide's own heading: parts 1 to n
    # of one heading follow each other.
    parts = [
        (m[1].replace("\u00b6", "").strip(), int(m[2]), int(m[3]))
        for _, _, _, heading, _, _ in slides
        if (m := re.fullmatch(r"(.*?)\s*\((\d+) of (\d+)\)", heading, re.S))
    ]
    runs = [parts[i : i + n] for i, (_, k, n) in enumerate(parts) if k == 1]
    problems["parts"] = [] if sum(map(len, runs)) == len(parts) else [parts]
    problems["parts"] += [
        run for run in runs
        if [k for _, k, _ in run] != list(range(1, run[0][2] + 1))
        or len({base for base, _, _ in run}) != 1
    ]
    return {what: found for what, found in problems.items() if found}

# The src of the chart the reader sees in an explorer (the visible one of a Stack's pages).
VISIBLE_CHART = """(name) => {
  const imgs = Array.from(document.querySelectorAll('.explorer-' + name + '-chart img'));
  const shown = imgs.find(i => i.offsetParent !== null);
  return shown ? shown.getAttribute('src') : null;
}"""


def calls_an_explorer(notebook: Path) -> bool:
    """Does ``notebook`` open an explorer (so its deck and page must carry one, precomputed)?"""
    return "helpers.explore(" in notebook.read_text(encoding="utf-8")


def explorer_on_page(pg) -> str:
    """The name of the first precomputed (offline) explorer on the page."""
    return pg.evaluate(
        "() => Array.from(document.querySelector('.explorer-precomputed').classList)"
        ".find(c => c.startsWith('explorer-') && c !== 'explorer-precomputed').slice(9)"
    )


def wait_for_a_new_visible_chart(pg, name: str, before: str) -> None:
    pg.wait_for_function(
        "([f, name, before]) => { const s = eval(f)(name); return s && s !== before; }",
        arg=[VISIBLE_CHART, name, before],
    )


def switch_preset_and_see_a_new_chart(pg) -> None:
    """Pick the next scenario in the first offline explorer's list; its shown chart changes."""
    name = explorer_on_page(pg)
    before = pg.evaluate(VISIBLE_CHART, name)
    assert before and before.startswith("data:image/png;base64,")
    picker = pg.locator(f".explorer-{name}-preset select").first
    options = picker.locator("option").count()
    assert options >= 2
    current = picker.evaluate("s => s.selectedIndex")
    picker.select_option(index=(current + 1) % options)
    wait_for_a_new_visible_chart(pg, name, before)


# --- axe-core, the accessibility engine (pinned in package.json) -------------------------

AXE = assets.NODE_MODULES / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN = """async ([tags, context]) => {
  const r = await axe.run(context ? {include: [[context]]} : document,
    {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 3).map(n => n.target.join(' '))
      .join(' | '));
}"""


def axe_violations(pg, context: str | None = None) -> list[str]:
    """Serious and critical violations in the page, or in the elements ``context`` selects."""
    if not pg.evaluate("() => typeof axe !== 'undefined'"):
        pg.add_script_tag(path=str(AXE))
    return pg.evaluate(RUN, [AXE_TAGS, context])


# Every slide of a deck laid out one under the other, none hidden, so that one axe run reads
# them all (axe skips hidden slides; one run per slide cost ~0.27 s here, most of it axe's
# setup over the whole page, repeated 20-30 times per deck). Reveal's backgrounds, arrows,
# progress bar and slide number are taken away: laid over the column they would hide its
# text from the contrast rule ("overlapped by another element"); the deck's frame is checked
# as the room sees it before this. Measured on decks 01 and 05: every rule saw the same
# elements with the same outcome as one run per slide (avoid-inline-spacing: one more pass).
# Returns how many slides are still not shown (0 when the layout worked).
EVERY_SLIDE_LAID_OUT = """() => {
  const style = document.createElement('style');
  style.textContent = `
    html, body, .reveal, .reveal .slides { overflow: visible !important; height: auto !important; }
    .reveal .slides { position: static !important; transform: none !important;
      zoom: 1 !important; width: auto !important; margin: 0 !important; inset: auto !important; }
    .reveal .slides section { position: relative !important; display: block !important;
      visibility: visible !important; opacity: 1 !important; transform: none !important;
      left: auto !important; top: auto !important; pointer-events: auto !important; }
    .reveal .backgrounds, .reveal .controls, .reveal .progress, .reveal .slide-number {
      display: none !important; }`;
  document.head.appendChild(style);
  const slides = Array.from(document.querySelectorAll('.reveal .slides section'));
  for (const s of slides) {
    s.hidden = false; s.removeAttribute('aria-hidden'); s.removeAttribute('inert');
    s.classList.remove('past', 'future');
  }
  return slides.filter(s => !s.checkVisibility({visibilityProperty: true, opacityProperty: true}))
    .length;
}"""

# --- the live servers as `make present` and `make dashboard` start them -------------------


@contextlib.contextmanager
def live_server(
    mode: str,
    home: Path,
    extra: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    root: Path | None = None,
) -> Iterator[tuple[str, Path]]:
    """``make present``/``make dashboard`` as the Makefile starts it, on a free port; yields
    (base URL, the log holding everything the presenter's terminal would show)."""
    port = free_port()
    from helpers.present import live  # the server's code: 2 s to import, only when serving

    cmd, server_env = live.command(mode, port, root=root)
    server_env = {**server_env, "JUPYTER_RUNTIME_DIR": str(home / "runtime"), **(env or {})}
    log = home / f"voila-{mode}.log"
    with serving([*cmd, *extra], server_env, log, f"{base_url(port)}/"):
        yield base_url(port), log


def broken_data(tmp_path: Path) -> Path:
    """A copy of the data with an impossible date in timeline.csv."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    csv = data / "timeline.csv"
    text = csv.read_text(encoding="utf-8")
    assert "2022-03-23" in text
    csv.write_text(text.replace("2022-03-23", "2022-13-45", 1), encoding="utf-8")
    return data


def kernels_read(data: Path, home: Path) -> dict[str, str]:
    """Environment for a server whose kernels read ``data`` instead of the package's data:
    an IPython startup file (kernels only; the package is untouched) repoints the loader."""
    startup = home / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-test-data.py").write_text(
        "import pathlib, helpers.data.loader as loader\n"
        f"loader.DATA_DIR = pathlib.Path({str(data)!r})\n",
        encoding="utf-8",
    )
    return {"IPYTHONDIR": str(home / "ipython")}


def open_rating_tables(pg, name: str) -> None:
    """Open the explorer's tables of ratings (closed behind a header of their own, as a
    reader opens them), so that their controls take the focus."""
    tables = pg.locator(f".explorer-{name} .explorer-grid-control .jupyter-widget-Collapse")
    for i in range(tables.count()):
        table = tables.nth(i)
        contents = table.locator(".jupyter-widget-Collapse-contents")
        if not contents.is_visible():
            table.locator(".jupyter-widget-Collapse-header").click()
            contents.wait_for(state="visible")


def open_sweep_tab(pg, name: str) -> None:
    """Click the tab of explorer ``name``'s precomputed sweep, as a reader would."""
    tab = pg.locator(f".explorer-{name}.explorer-precomputed .lm-TabBar-tab").nth(1)
    tab.scroll_into_view_if_needed()
    tab.click()
