"""The live modes, ``make present`` (Voila reveal deck) and ``make dashboard`` (Voila lab
template), checked the way a presenter meets them at the projector: a real Chromium with
every request that would leave 127.0.0.1 blocked and counted, and the server's terminal
output read back from its log.

Servers start on a free loopback port per test (about 2 s) and execute a notebook per page
(5-20 s on a busy machine); waits are on conditions, never fixed sleeps, except where a test
must let a kernel sit idle past a (short, test-only) cull timeout.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from labdriver import (
    DECK_FITTED,
    DECK_SMALLEST_CHART,
    GO_TO_SLIDE,
    SLIDE_END_IN_FRAME,
    base_url,
    broken_data,
    browser_page,
    chart_src,
    deck_problems,
    free_port,
    kernels_read,
    live_server,
    require_chromium,
    serving,
    wait_for_new_chart,
)
from labdriver import http_get as get

from helpers.present import build, live

NOTEBOOKS = build.notebooks()
ANSI = re.compile(r"\x1b\[[0-9;]*m")



@pytest.fixture
def page() -> Iterator[tuple[object, list[str]]]:
    require_chromium()
    with browser_page() as pair:
        yield pair


def tiny_notebooks(folder: Path) -> Path:
    """A folder with one quick notebook (a chart-free cell), for the server-side tests."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('ready')")])
    nb.metadata["kernelspec"] = dict(
        name="python3", display_name="Python 3", language="python"
    )
    nbformat.write(nb, folder / "00-tiny.ipynb")
    return folder


def kernel_alive(base: str, kernel_id: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel_id}", timeout=10) as r:
            return r.status == 200
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return False
        raise



def kernel_connections(base: str, kernel_id: str) -> int:
    """How many pages the server counts as connected to the kernel (0 once it is gone)."""
    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel_id}", timeout=10) as r:
            return int(json.load(r).get("connections", 0))
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return 0
        raise


def kernel_id_of(html: str) -> str:
    return re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', html)[1]


# --- every live slide is one screen ----------------------------------------------------


@pytest.fixture(scope="module")
def presenting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One ``make present`` server for the module's deck tests (a tab each, closed after):
    a server's start costs seconds, and a presenter's server too serves tab after tab."""
    require_chromium()
    with live_server("present", tmp_path_factory.mktemp("present")) as (base, log):
        SERVER_LOGS[base] = log
        yield base


@pytest.fixture(scope="module")
def dashboarding(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One ``make dashboard`` server over the briefing's notebooks, likewise shared."""
    require_chromium()
    with live_server("dashboard", tmp_path_factory.mktemp("dashboard")) as (base, log):
        SERVER_LOGS[base] = log
        yield base


SERVER_LOGS: dict[str, Path] = {}  # each shared server's terminal, by its address
SHARED = {"present": "presenting", "dashboard": "dashboarding"}


@pytest.mark.browser
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_live_slide_fits_the_frame_and_shows_no_code(presenting: str, nb: Path, page) -> None:
    """The live deck as the projector shows it: at 1280 x 720 no slide runs below the fold,
    an explorer's controls sit beside its chart, and no slide shows code, a code header or
    a raw id (the checks the offline decks pass). Before: the live deck was fitted before
    Voila had drawn its widgets (tables ran 100-1,500 px below the fold), and every
    explorer slide stacked controls, chart and notes two to three screens tall."""
    pg, blocked = page
    assert deck_problems(pg, f"{presenting}/voila/render/{nb.name}", 180_000) == {}
    assert blocked == []


# --- the explorers answer, in both modes (moved from test_presenting.py) ------------------


@pytest.mark.browser
def test_the_live_deck_explorer_answers_a_control(presenting: str, page) -> None:
    pg, blocked = page
    base = presenting
    pg.goto(f"{base}/voila/render/03-defence-industry.ipynb")
    pg.wait_for_selector(".reveal.ready", timeout=90_000)
    assert pg.locator("aside.notes").count() >= 1, "speaker notes in the live deck"
    pg.wait_for_selector(".explorer-race-chart img", state="attached", timeout=90_000)
    pg.evaluate(GO_TO_SLIDE, ".explorer-race")
    pg.wait_for_timeout(300)
    # Move a slider (the upper end of Korea's growth range) as a presenter would.
    growth = pg.locator(".explorer-race-korea_growth")
    readout = growth.locator(".widget-readout").inner_text()
    before = chart_src(pg, "race")
    slide = pg.evaluate("() => location.hash")
    growth.locator(".noUi-handle").last.focus()
    pg.keyboard.press("ArrowRight")
    wait_for_new_chart(pg, "race", before)
    assert growth.locator(".widget-readout").inner_text() != readout
    assert pg.evaluate("() => location.hash") == slide, "the key moved the slider only"
    # At a projector's 1280 x 720 the explorer is one screen: the chart on the left, the
    # controls beside it (deck.css), the chart at no less than the offline deck's floor
    # for a shrunk chart (DECK_SMALLEST_CHART) of its designed width.
    pg.set_viewport_size({"width": 1280, "height": 720})
    pg.wait_for_function(DECK_FITTED, timeout=90_000)
    pg.evaluate(GO_TO_SLIDE, ".explorer-race")
    shown = pg.evaluate(
        "() => { const i = document.querySelector('section.present .explorer-race-chart img');"
        " return i.getBoundingClientRect().width / parseFloat(i.style.width); }"
    )
    assert shown >= DECK_SMALLEST_CHART, f"the race chart is shown at {shown:.3f}"
    end = pg.evaluate(SLIDE_END_IN_FRAME, ".explorer-race")
    assert end == {"tall": False, "inside": True}
    assert blocked == []


@pytest.mark.browser
def test_the_dashboard_lists_every_notebook_and_its_explorer_answers(
    dashboarding: str, page
) -> None:
    pg, blocked = page
    base = dashboarding
    pg.goto(f"{base}/")
    for nb in NOTEBOOKS:
        pg.wait_for_selector(f"text={nb.name}")
    pg.goto(f"{base}/voila/render/01-unsc-paralysis.ipynb")
    pg.wait_for_selector(".explorer-unsc-chart img", timeout=90_000)
    before = chart_src(pg, "unsc")
    pg.locator(".explorer-unsc-series select").select_option(label="CNS/NTI — missiles")
    wait_for_new_chart(pg, "unsc", before)
    assert blocked == []


# --- dollars are dollars, not mathematics --------------------------------------------------------

QUESTION = "Kim cites a"
MATHJAX = "() => document.querySelectorAll('mjx-container, .MathJax, mjx-math').length"


@pytest.mark.browser
def test_the_live_deck_turns_the_slide_after_a_click_on_an_output(
    presenting: str, page
) -> None:
    """The live deck loads the same deck_keys.js: a click on the claim ledger, then the
    clicker's PageDown, turns the slide; Esc in a list gives the keys back."""
    pg, blocked = page
    base = presenting
    pg.goto(f"{base}/voila/render/05-weighing-the-explanations.ipynb")
    pg.wait_for_selector(".reveal.ready", timeout=90_000)
    pg.wait_for_selector(".widget-html table", state="attached", timeout=90_000)
    pg.evaluate(GO_TO_SLIDE, ".claim-ledger, .widget-html table")
    pg.wait_for_timeout(300)
    here = pg.evaluate("() => location.hash")
    pg.locator(".reveal section.present .widget-html td").first.click()
    pg.keyboard.press("PageDown")
    pg.wait_for_function("(h) => location.hash !== h", arg=here)
    # A list keeps its arrows; Esc gives the keys back; → turns the slide.
    pg.evaluate(GO_TO_SLIDE, ".reveal select")
    pg.wait_for_timeout(300)
    here = pg.evaluate("() => location.hash")
    pg.locator(".reveal section.present select").first.focus()
    pg.keyboard.press("ArrowDown")
    assert pg.evaluate("() => location.hash") == here
    pg.keyboard.press("Escape")
    pg.keyboard.press("ArrowRight")
    pg.wait_for_function("(h) => location.hash !== h", arg=here)
    assert blocked == []


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["present", "dashboard"])
def test_dollar_signs_stay_dollars(request: pytest.FixtureRequest, page, mode: str) -> None:
    pg, blocked = page
    base = request.getfixturevalue(SHARED[mode])
    log = SERVER_LOGS[base]
    pg.goto(f"{base}/voila/render/03-defence-industry.ipynb")
    # Wait until the page's scripts have run over every output (the explorer's chart is
    # drawn by the widget manager, after the markdown was handed to the typesetter).
    pg.wait_for_selector(".explorer-race-chart img", state="attached", timeout=120_000)
    pg.wait_for_timeout(1_000)
    para = pg.locator(".jp-MarkdownOutput p", has_text=QUESTION).first
    text = para.evaluate("p => p.textContent")
    assert "$12.4 billion deal with Poland" in text, text
    assert "$17.3 billion of exports in 2022" in text, text
    assert pg.evaluate(MATHJAX) == 0, "MathJax typeset something"
    # Markdown inside a span between two dollars is rendered, not left as raw text.
    record = pg.locator(".jp-MarkdownOutput li", has_text="The record year").first
    assert record.locator("code").count() >= 1, record.inner_html()
    printed = log.read_text()
    assert blocked == []
    assert "warning" not in printed.lower(), printed  # a page served, a quiet terminal


@pytest.mark.browser
def test_dollars_in_outputs_and_widgets_stay_dollars(tmp_path: Path, page) -> None:
    """Not only markdown: a cell's HTML output, a widget label and a widget's description
    are handed to the typesetter too."""
    pg, blocked = page
    root = tmp_path / "nbs"
    root.mkdir()
    source = (
        "import ipywidgets as w\nfrom IPython.display import HTML, display\n"
        "display(HTML('<p class=\"out\">from $1.34bn to $2.02bn</p>'))\n"
        "w.VBox([w.Label('Label $7.25bn to $17.3bn'), "
        "w.IntSlider(description='slider $1 or $2')])"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = dict(name="python3", display_name="Python 3", language="python")
    nbformat.write(nb, root / "00-dollars.ipynb")
    with live_server("dashboard", tmp_path, root=root) as (base, _):
        pg.goto(f"{base}/voila/render/00-dollars.ipynb")
        pg.wait_for_selector(".widget-slider", timeout=60_000)
        pg.wait_for_timeout(1_500)
        text = " ".join(pg.locator("body").inner_text().split())
        assert "from $1.34bn to $2.02bn" in text, text
        assert "Label $7.25bn to $17.3bn" in text, text
        assert "slider $1 or $2" in text, text
        assert pg.evaluate(MATHJAX) == 0
    assert blocked == []


# --- the file list and the terminal --------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["present", "dashboard"])
def test_the_file_list_is_styled_and_the_terminal_is_quiet(
    tmp_path: Path, page, mode: str
) -> None:
    """On a server of its own: the file list as a presenter first sees it."""
    pg, blocked = page
    with live_server(mode, tmp_path) as (base, log):
        _file_list_is_styled(pg, base)
        printed = log.read_text()
    assert blocked == []
    assert "warning" not in printed.lower(), printed


def _file_list_is_styled(pg, base: str) -> None:
    pg.goto(f"{base}/")
    for nb in NOTEBOOKS:
        link = pg.locator(f"a[href$='/voila/render/{nb.name}']")
        assert link.count() == 1, nb.name
    font = pg.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "times" not in font.lower() and font.strip().lower() != "serif", font
    rules = pg.evaluate(
        "() => Array.from(document.querySelectorAll('li, ul, table, td, th, div'))"
        ".map(e => getComputedStyle(e))"
        ".map(s => Math.max(parseFloat(s.borderTopWidth), parseFloat(s.borderBottomWidth)))"
    )
    assert max(rules) <= 1, f"rules up to {max(rules)} px"
    # Each notebook's own title (its H1) is shown, not only its file name.
    listed = pg.locator("body").inner_text()
    for nb in NOTEBOOKS:
        assert build._title(nbformat.read(nb, as_version=4)) in listed, nb.name


# --- the speaker view ----------------------------------------------------------------------------

NEXT_SLIDE_TEXT = """() => {
  const slides = Reveal.getSlides();
  const i = slides.indexOf(Reveal.getCurrentSlide());
  const next = slides[i + 1];
  const clone = next.cloneNode(true);
  clone.querySelectorAll('aside.notes').forEach(n => n.remove());
  return clone.textContent.replace(/\\s+/g, ' ').trim();
}"""


@pytest.mark.browser
def test_the_speaker_view_starts_no_kernel_and_shows_the_next_slide(
    presenting: str, page
) -> None:
    pg, blocked = page
    renders: list[str] = []
    pg.on("request", lambda r: renders.append(r.url) if "/voila/render/" in r.url else None)
    base = presenting
    pg.goto(f"{base}/voila/render/03-defence-industry.ipynb")
    pg.wait_for_selector(".reveal.ready", timeout=90_000)
    pg.wait_for_function("() => window.Reveal && Reveal.isReady()")
    pg.wait_for_function(DECK_FITTED, timeout=90_000)  # the deck is ready: one screen a slide
    assert len(renders) == 1
    pg.locator(".reveal").click(position={"x": 5, "y": 5})
    with pg.context.expect_page() as popup:
        pg.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_selector("#upcoming .slide-preview", state="attached", timeout=30_000)
    for _ in range(3):  # the first slides, then after two clicker presses
        want = pg.evaluate(NEXT_SLIDE_TEXT)[:60]
        speaker.wait_for_function(
            "(want) => document.querySelector('#upcoming').textContent"
            ".replace(/\\s+/g, ' ').includes(want)",
            arg=want,
            timeout=15_000,
        )
        notes = pg.evaluate(
            "() => Array.from(Reveal.getCurrentSlide().querySelectorAll('aside.notes'))"
            ".map(n => n.textContent.trim()).join(' ')"
        )
        if notes:
            assert notes[:40] in speaker.locator("#notes").inner_text().replace("\n", " ")
        pg.bring_to_front()
        pg.keyboard.press("PageDown")
        pg.wait_for_timeout(200)
    # A clicker whose keys land in the speaker window turns the deck too.
    here = pg.evaluate("() => Reveal.getSlides().indexOf(Reveal.getCurrentSlide())")
    speaker.bring_to_front()
    speaker.keyboard.press("PageDown")
    pg.wait_for_function(
        "(here) => Reveal.getSlides().indexOf(Reveal.getCurrentSlide()) === here + 1",
        arg=here,
    )
    pg.wait_for_timeout(1_000)
    assert len(renders) == 1, f"the speaker view loaded the deck again: {renders}"
    assert speaker.locator("iframe").count() == 0
    assert blocked == []


# --- kernels of closed tabs are culled -----------------------------------------------------------


def wait_until_gone(pg, base: str, kernel: str, seconds: float, what: str) -> None:
    """Until the server has no ``kernel``, waiting through a page still open (``pg``): its
    requests pass the test's route handler only while Playwright runs (a sleep holds them)."""
    deadline = time.monotonic() + seconds
    while kernel_alive(base, kernel):
        assert time.monotonic() < deadline, what
        pg.wait_for_timeout(500)


@pytest.mark.browser
def test_closing_a_tab_stops_its_kernel(tmp_path: Path, page) -> None:
    """With the default settings (idle kernels culled after minutes), a closed tab's kernel
    stops at once: the page tells the server as it goes."""
    pg, blocked = page
    root = tiny_notebooks(tmp_path / "nbs")
    with live_server("dashboard", tmp_path, root=root) as (base, _):
        other = pg.context.new_page()
        for tab in (pg, other):
            tab.goto(f"{base}/voila/render/00-tiny.ipynb")
            tab.wait_for_selector("text=ready", timeout=60_000)
        closed, kept = kernel_id_of(pg.content()), kernel_id_of(other.content())
        assert closed != kept
        pg.close(run_before_unload=True)  # as a person closes a tab: the page's handlers run
        wait_until_gone(other, base, closed, 30, "the closed tab's kernel is still running")
        assert kernel_alive(base, kept), "closing one tab stopped another tab's kernel"
    assert blocked == []


@pytest.mark.browser
def test_idle_kernels_without_a_tab_are_culled_and_open_tabs_keep_theirs(
    tmp_path: Path, page
) -> None:
    """A kernel nobody is connected to (a tab that crashed, a page fetched by a script) is
    culled once idle; a tab left open on one slide keeps its kernel (short test settings)."""
    pg, blocked = page
    root = tiny_notebooks(tmp_path / "nbs")
    # 10 s, not less: on a loaded machine a tab's websocket took over 3 s to connect, and
    # its kernel was culled before it (a test artefact: make present culls after 300 s).
    short = (
        "--MappingKernelManager.cull_idle_timeout=10",
        "--MappingKernelManager.cull_interval=1",
    )
    with live_server("dashboard", tmp_path, extra=short, root=root) as (base, _):
        status, fetched = get(base, "/voila/render/00-tiny.ipynb")
        assert status == 200
        orphan = kernel_id_of(fetched)
        pg.goto(f"{base}/voila/render/00-tiny.ipynb")
        pg.wait_for_selector("text=ready", timeout=60_000)
        kept = kernel_id_of(pg.content())
        # The page's text is rendered by the server; the tab's websocket comes after (seconds
        # on a loaded machine): the tab is open once the kernel counts its connection.
        deadline = time.monotonic() + 60
        while kernel_connections(base, kept) < 1:
            assert time.monotonic() < deadline, "the open tab never connected to its kernel"
            pg.wait_for_timeout(200)  # the page's scripts load meanwhile (a sleep holds them)
        wait_until_gone(pg, base, orphan, 60, "an idle kernel with no tab was not culled")
        pg.wait_for_timeout(12_000)  # idle past the cull timeout, its tab open
        assert kernel_alive(base, kept), "the kernel of an open tab was culled"
    assert blocked == []


def test_the_default_cull_settings_are_on() -> None:
    cmd, _ = live.command("present", free_port())
    from helpers.present import voila_server

    config = voila_server.briefing_config("briefing_deck")
    mkm = config.MappingKernelManager
    assert 0 < mkm.cull_idle_timeout <= 900 and mkm.cull_connected is False
    assert 0 < mkm.cull_interval <= 60
    assert cmd[2] == "helpers.present.voila_server"


# --- a data error shows in the page, one line in the terminal ------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["present", "dashboard"])
def test_a_data_error_shows_in_the_page_and_one_line_in_the_terminal(
    tmp_path: Path, page, mode: str
) -> None:
    pg, blocked = page
    env = kernels_read(broken_data(tmp_path), tmp_path)
    with live_server(mode, tmp_path, env=env) as (base, log):
        pg.goto(f"{base}/voila/render/00-overview.ipynb", wait_until="commit")
        alert = pg.locator(".briefing-error[role=alert]")
        alert.wait_for(state="visible", timeout=60_000)
        shown = alert.inner_text()
        assert "timeline.csv" in shown and "2022-13-45" in shown, shown
        assert "Traceback" not in pg.locator("body").inner_text()
        pg.wait_for_timeout(500)
        printed = log.read_text()
    assert blocked == []
    lines = [line for line in printed.splitlines() if "timeline.csv" in line]
    assert len(lines) == 1, printed
    assert "00-overview.ipynb" in lines[0] and "2022-13-45" in lines[0]
    assert "Traceback" not in printed and not ANSI.search(printed), printed


@pytest.mark.parametrize("mode", ["present", "dashboard"])
def test_a_scenario_error_is_an_alert_in_the_page_and_one_line_in_the_terminal(
    tmp_path: Path, mode: str
) -> None:
    """A notebook that opens an explorer at a broken scenario file: the page (as served,
    read over HTTP) carries the alert with the file's name; the terminal one line."""
    root = tmp_path / "nbs"
    root.mkdir()
    scenario = tmp_path / "room.json"
    scenario.write_text('{"explorer": "race", "name": "x", "state": {}}', encoding="utf-8")
    source = f"import helpers\nhelpers.explore('race', scenario={str(scenario)!r})"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = dict(name="python3", display_name="Python 3", language="python")
    nbformat.write(nb, root / "00-scenario.ipynb")
    with live_server(mode, tmp_path, root=root) as (base, log):
        status, page_html = get(base, "/voila/render/00-scenario.ipynb")
        time.sleep(0.5)
        printed = log.read_text()
    assert status == 200
    alert = re.search(r'<div class="briefing-error" role="alert">(.*?)</div>', page_html, re.S)
    assert alert and "room.json" in alert[1] and "DataError" in alert[1], page_html[-3000:]
    lines = [line for line in printed.splitlines() if "room.json" in line]
    assert len(lines) == 1 and "00-scenario.ipynb, cell 1" in lines[0], printed
    assert "Traceback" not in printed and not ANSI.search(printed), printed


# --- Host check, cross-site page loads, a cap on kernels -----------------------------------------


@pytest.fixture(scope="module")
def tiny_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One ``make dashboard`` server over a one-cell notebook, for the checks of what a
    request may do (each asks its own questions; none changes the server)."""
    home = tmp_path_factory.mktemp("tiny-dashboard")
    with live_server("dashboard", home, root=tiny_notebooks(home / "nbs")) as (base, _):
        yield base


def test_foreign_host_headers_are_refused(tiny_dashboard: str) -> None:
    base = tiny_dashboard
    port = base.rsplit(":", 1)[1]
    assert get(base, "/", {"Host": "evil.example"})[0] == 403
    assert get(base, "/voila/render/00-tiny.ipynb", {"Host": f"evil.example:{port}"})[0] == 403
    assert get(base, "/", {"Host": f"127.0.0.1:{port}"})[0] == 200
    assert get(base, "/", {"Host": f"localhost:{port}"})[0] == 200


@pytest.mark.parametrize(
    ("refused", "served"),
    [("cross-site", "none"), ("same-site", "same-origin")],
    ids=["another-site", "another-local-port"],
)
def test_a_page_load_from_another_site_starts_no_kernel(
    tiny_dashboard: str, refused: str, served: str
) -> None:
    """A page of another site is refused before a kernel starts; so is a page of another
    program on this machine (http://127.0.0.1:OTHER is the same site to a browser: ports do
    not count, so 'cross-site' alone let it start kernels). The address bar and this
    server's own pages are served."""
    page = "/voila/render/00-tiny.ipynb"
    status, body = get(tiny_dashboard, page, {"Sec-Fetch-Site": refused})
    assert status == 403 and "kernelId" not in body
    status, body = get(tiny_dashboard, page, {"Sec-Fetch-Site": served})
    assert status == 200 and "ready" in body


def test_kernels_are_capped_with_a_clear_message(tmp_path: Path) -> None:
    root = tiny_notebooks(tmp_path / "nbs")
    extra = ("--SeminarKernelManager.max_kernels=2",)
    with live_server("dashboard", tmp_path, extra=extra, root=root) as (base, log):
        for _ in range(2):
            status, body = get(base, "/voila/render/00-tiny.ipynb")
            assert status == 200 and "ready" in body
        status, body = get(base, "/voila/render/00-tiny.ipynb")
        assert status == 503, status
        assert "close a tab" in body.lower()
        assert "Traceback" not in log.read_text()


# --- the terminal: Ctrl-C, ports, missing assets (moved from test_presenting.py) -----------


def test_ctrl_c_stops_make_present_without_a_traceback(tmp_path: Path) -> None:
    """Ctrl-C in the terminal reaches the wrapper and Voila alike (one process group)."""

    def as_in_a_terminal() -> None:  # a test runner may ignore SIGINT; a terminal does not
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.setsid()

    port = free_port()
    log = tmp_path / "present.log"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    cmd = [sys.executable, "-m", "helpers.present.live", "present", "--port", str(port)]
    with serving(cmd, env, log, f"{base_url(port)}/", preexec_fn=as_in_a_terminal) as proc:
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    printed = log.read_text()
    assert "Stopped." in printed and "Traceback" not in printed


def test_a_busy_port_gives_the_next_free_one_and_says_which() -> None:
    import socket

    from helpers.present.live import free_port_from

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        chosen = free_port_from(port)
        assert chosen > port
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", chosen))  # really free
    assert free_port_from(chosen) == chosen


def test_make_present_without_its_assets_says_why(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from helpers.present import assets

    def no_npm(mode: str, root: Path | None = None):
        raise assets.AssetError("npm not found: install Node.js (npm) once to fetch reveal.js")

    monkeypatch.setattr(live, "prepare", no_npm)
    assert live.main(["present"]) == 1
    assert capsys.readouterr().err.startswith("make present failed: npm not found")


def test_the_markdown_keeps_dollars_and_renders_what_is_between_them() -> None:
    from helpers.present.live_markdown import markdown_without_maths

    html = markdown_without_maths("a $12.4 billion deal, `code` and *stress*, a record $17.3bn")
    assert "$12.4 billion deal" in html and "$17.3bn" in html
    assert "<code>code</code>" in html and "<em>stress</em>" in html


def test_two_processes_prepare_the_templates_at_once() -> None:
    """A test run's workers (and a server beside a build) prepare Voila's templates at the
    same time: on a fresh clone one of them used to fail (the folder "exists") and the other
    could serve a half-written copy. Each now writes its own and swaps it in whole."""
    import concurrent.futures

    from helpers.present import live

    with concurrent.futures.ProcessPoolExecutor(3) as pool:
        done = list(pool.map(live.prepare, ["dashboard", "dashboard", "present"]))
    share, name = done[0]
    folder = share / "voila" / "templates" / name
    assert (folder / "index.html.j2").exists() and (folder / "static" / "live.css").exists()
    left = [p.name for p in folder.parent.iterdir() if p.name.endswith((".new", ".old"))]
    assert left == []
