"""``make slides``: the offline build. For every numbered notebook, a reveal deck and a page;
one handout of the whole briefing (HTML, and PDF by headless Chromium); every explorer's
presets as scenario files. All of it opens from the file system with no network.

Each notebook is re-executed with ``BRIEFING_STATIC=1``, so its explorers come out as
precomputed views (a ``Stack`` of preset charts switched in the page), and exported with the
briefing's templates, which load scripts only from ``vendor/`` in the build folder. New
notebooks are picked up by their file name (``NN-*.ipynb``), with no edit here.

    python -m helpers.present.build [--out build/site] [--no-pdf] [--notebooks DIR]

Whole or not at all: the build writes into a fresh folder beside ``--out`` and swaps it in
only when every step succeeded. A failure (a cell's error, a full disk, a folder it may not
write) or Ctrl-C leaves the last good site as it was and says so in one line; Ctrl-C stops
the running kernels at once instead of letting every notebook finish.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import copy
import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter, SlidesExporter
from traitlets.config import Config

from helpers import markup
from helpers.charts.description import METADATA_KEY as DESCRIPTION_KEY
from helpers.charts.style import SVG_ENV
from helpers.citation import cite
from helpers.explorers import REGISTRY, scenarios
from helpers.explorers.precomputed import (
    NOTE_FOR_PRINT,
    NOTE_WITH_SWEEP,
    STATIC_ENV,
    SWEEP_SECTION,
    compact_png,
)
from helpers.explorers.view import FOCUS_CSS
from helpers.frame import DECK_FRAME
from helpers.present import assets, report_error
from helpers.present.claimreview import write_claim_reviews
from helpers.present.room_page import participant_page

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"
CSS = (TEMPLATES / "briefing.css").read_text(encoding="utf-8") + FOCUS_CSS
DECK_CSS = (TEMPLATES / "deck.css").read_text(encoding="utf-8")
DECK_KEYS_JS = (TEMPLATES / "deck_keys.js").read_text(encoding="utf-8")
DECK_FIT_JS = (TEMPLATES / "deck_fit.js").read_text(encoding="utf-8")
SCENARIO_LINK_JS = (TEMPLATES / "scenario_link.js").read_text(encoding="utf-8")
SLIDER_LABELS_JS = (TEMPLATES / "slider_labels.js").read_text(encoding="utf-8")
CHART_DOWNLOAD_JS = (TEMPLATES / "chart_download.js").read_text(encoding="utf-8")
LINK = re.compile(r"\]\((\d\d-[\w-]+)\.ipynb(#[^)]*)?\)")
KERNELS_AT_ONCE = 3  # notebooks executed side by side (each kernel is a process)
T = TypeVar("T")


def notebooks(root: Path | None = None) -> list[Path]:
    """Every numbered notebook (of ``root``, default the briefing's), in order: the build
    covers new ones without edits."""
    return sorted((root or NOTEBOOKS).glob("[0-9][0-9]-*.ipynb"))


class BuildError(RuntimeError):
    """A build that could not finish; the message is one line for the terminal."""


# The notebook clients running now, so that Ctrl-C can stop their kernels (which run in
# sessions of their own and do not see the terminal's Ctrl-C).
_RUNNING: set[NotebookClient] = set()
_STARTED: list[NotebookClient] = []  # not yet cleaned up, for the cleanup at exit (below)
_RUNNING_LOCK = threading.Lock()
_STOPPING = threading.Event()


def _stop_kernels(within: float = 5.0) -> None:
    """Kill every running notebook's kernel, again until no notebook runs (a kernel that
    was still starting is caught on the next pass) or ``within`` seconds have gone."""
    _STOPPING.set()
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with _RUNNING_LOCK:
            clients = list(_RUNNING)
        if not clients:
            return
        for client in clients:
            # Through the kernel's process handle, never its bare id: once the kernel has
            # exited, its id may belong to another process (ids wrap at 32,768 here).
            provisioner = getattr(getattr(client, "km", None), "provisioner", None)
            process = getattr(provisioner, "process", None)
            if process is not None:
                with contextlib.suppress(OSError):
                    process.kill()  # does nothing once the kernel has exited
        time.sleep(0.2)


def _forget_kernels() -> None:
    """Drop the kernel clients' own cleanup at exit: after Ctrl-C their kernels are killed,
    and a cleanup left to exit time printed a traceback."""
    import atexit

    with _RUNNING_LOCK:
        for client in _STARTED:
            atexit.unregister(client._cleanup_kernel)
        _STARTED.clear()


def _config(prefix: str) -> Config:
    """Exporter settings: code hidden, every script from ``prefix + vendor/``."""
    c = Config()
    c.TemplateExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.HTMLExporter.require_js_url = f"{prefix}vendor/require.js"
    c.HTMLExporter.widget_renderer_url = f"{prefix}vendor/html-manager/embed-amd.js"
    c.HTMLExporter.jupyter_widgets_base_url = f"{prefix}vendor/"
    c.HTMLExporter.mathjax_url = ""
    c.SlidesExporter.reveal_url_prefix = f"{prefix}vendor/reveal.js"
    c.SlidesExporter.jquery_url = f"{prefix}vendor/jquery.min.js"
    c.SlidesExporter.reveal_theme = "white"  # the theme whose fonts ship with reveal.js
    return c


@contextlib.contextmanager
def _kernel_env() -> Iterator[None]:
    """The kernel's environment (it inherits ours): static mode and SVG charts on, no
    ``MPLBACKEND`` (the kernel would lose its figures). Restored afterwards, so a caller's
    process, such as the test session, keeps its live explorers."""
    saved = {k: os.environ.get(k) for k in (STATIC_ENV, SVG_ENV, "MPLBACKEND")}
    os.environ[STATIC_ENV] = "1"
    os.environ[SVG_ENV] = "1"  # each chart kept as SVG too, for its download link
    os.environ.pop("MPLBACKEND", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def execute_static(path: Path) -> nbformat.NotebookNode:
    """Run ``path`` in a fresh kernel with explorers precomputed; keep the widget state.

    A cell that fails stops the build with one line naming the notebook, the cell and the
    error (a dataset's error already names its file, row and column), not a traceback."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
        # The kernel's own log (a plain-TCP warning per start) would bury the
        # progress lines; a failing cell still stops the build, below.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    with _RUNNING_LOCK:
        if _STOPPING.is_set():
            raise BuildError(f"{path.name}: not run (the build was stopped)")
        _RUNNING.add(client)
        _STARTED.append(client)
    try:
        with _kernel_env():
            # The kernel's stderr is not the terminal's: a kernel stopped while shutting
            # down printed a zmq traceback there. Its errors reach the build as outputs.
            client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as exc:
        failed = next(
            (
                n
                for n, cell in enumerate(nb.cells, start=1)
                if any(o.get("output_type") == "error" for o in cell.get("outputs", []))
            ),
            "?",
        )
        raise RuntimeError(f"{path.name}, cell {failed}: {exc.ename}: {exc.evalue}") from None
    except Exception:
        if _STOPPING.is_set():  # its kernel was stopped on purpose: not the notebook's fault
            raise BuildError(f"{path.name}: stopped") from None
        raise
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(client)
            # Finished normally, the client has cleaned up after itself. Stopped, it may
            # not have (a kernel killed while starting skips nbclient's own cleanup), so
            # _forget_kernels drops its cleanup at exit.
            if client in _STARTED and not _STOPPING.is_set():
                _STARTED.remove(client)
    return nb


def _relink(nb: nbformat.NotebookNode, suffix: str) -> nbformat.NotebookNode:
    """Point links between notebooks at the built files (``.html`` or ``.slides.html``);
    speaker notes stay in the decks only."""
    nb = copy.deepcopy(nb)
    if suffix == ".html":
        nb.cells = [c for c in nb.cells if _slide_type(c) != "notes"]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = LINK.sub(lambda m: f"]({m[1]}{suffix}{m[2] or ''})", cell.source)
    return nb


def describe_charts(nb: nbformat.NotebookNode, stem: str = "chart") -> nbformat.NotebookNode:
    """A chart cell's description (``helpers.charts.description``) comes before its chart
    in the notebook; in the built files it follows the chart and is its alt text too. Under
    the chart, links save it as PNG and, where the kernel drew one, as SVG."""
    nb = copy.deepcopy(nb)
    number = 0
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        # An SVG is for taking away (a link under its chart), never shown in its place.
        svgs = [o.get("data", {}).pop("image/svg+xml", None) for o in outputs]
        described = [o for o in outputs if DESCRIPTION_KEY in o.get("metadata", {})]
        charts = [o for o in outputs if "image/png" in o.get("data", {})]
        if len(described) != 1 or len(charts) != 1:
            continue
        text = described[0].metadata[DESCRIPTION_KEY]
        # In 256 colours, as the explorers' charts: a third of the bytes, for the handout's 5 MB.
        png = compact_png(base64.b64decode(charts[0].data.pop("image/png")))
        charts[0].data.pop("text/plain", None)
        number += 1
        name = f"{stem}-figure-{number}"
        svg = svgs[outputs.index(charts[0])]
        links = [markup.png_download(f"{name}.png")]
        if svg is not None:
            links.append(markup.file_download(svg, f"{name}.svg", "image/svg+xml", "SVG"))
        charts[0].data["text/html"] = str(
            markup.html(
                '<img src="data:image/png;base64,{}" alt="{}"><p class="chart-download">'
                "Download this chart: {}</p>",
                base64.b64encode(png).decode(),
                text,
                markup.join(links, " · "),
            )
        )
        outputs.remove(described[0])
        outputs.insert(outputs.index(charts[0]) + 1, described[0])
    return nb


def _slide_type(cell: nbformat.NotebookNode) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def _title(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Untitled"


def _banner(kind: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(
        f'<div class="briefing-banner">{kind} of the briefing, built '
        f"{dt.date.today():%d %B %Y} without a kernel: charts and explorer scenarios are "
        "precomputed. Cite: " + html.escape(cite()) + "</div>",
        metadata={"slideshow": {"slide_type": "skip"}},
    )


PRINTS = {  # the two printed files: what each is for, as its cover says
    "handout": (
        "handout",
        "every chart and judgment, to read; the long tables, source lists and the corrections "
        "log are summarised here and printed in full in the appendix",
    ),
    "appendix": (
        "appendix",
        "every table, source list, claim and correction in full, for reference beside the handout",
    ),
}


def handout(
    executed: list[tuple[Path, nbformat.NotebookNode]], kind: str = "handout"
) -> nbformat.NotebookNode:
    """One notebook of the whole briefing for print: a cover with contents, then every
    notebook (speaker notes left out), each from a new page; widget state merged. ``kind``
    is the handout (to read) or the appendix (everything in full): the same cells, printed
    by the rules briefing.css keys to the cover's marker."""
    name, what = PRINTS[kind]
    contents = "".join(
        f'<li><a href="#{p.stem}">{html.escape(_title(nb))}</a></li>' for p, nb in executed
    )
    cover = nbformat.v4.new_markdown_cell(
        f'<div class="{name}-marker"></div>'
        f"<h1>South Korea's NATO strategy: the briefing ({name})</h1>"
        f"<p>Built on {html.escape(cite('seed'))}</p>"
        f"<p>Printed from the notebooks on {dt.date.today():%d %B %Y}: {what}. Explorers "
        "appear at their first scenario (the offline pages and decks also sweep each one's "
        "main control); every figure keeps its source and “as of” date.</p>"
        f"<ol>{contents}</ol><p>Cite this briefing: {html.escape(cite())}</p>"
    )
    cells = [cover]
    state: dict = {}
    for path, nb in executed:
        cells.append(
            nbformat.v4.new_markdown_cell(f'<div class="handout-notebook" id="{path.stem}"></div>')
        )
        for cell in _relink(nb, ".html").cells:
            cell.id = f"{path.stem[:2]}-{cell.id}"  # ids stay unique across notebooks
            cells.append(cell)
        widgets = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json")
        if widgets:
            state.update(widgets["state"])
    if kind == "handout":
        cells = printed_once(cells, state, {p.stem: _title(nb) for p, nb in executed})
    state = without_sweeps(state, cells)
    book = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(executed[0][1].metadata))
    book.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "state": state,
            "version_major": 2,
            "version_minor": 0,
        }
    }
    book.metadata["title"] = f"South Korea's NATO strategy: the briefing ({name})"
    return book


REF = "IPY_MODEL_"  # how saved widget state refers to another model
VIEW = "application/vnd.jupyter.widget-view+json"


def _refs(value: object) -> set[str]:
    """Every model a saved widget's state refers to, anywhere in its (nested) values."""
    if isinstance(value, str):
        return {value.removeprefix(REF)} if value.startswith(REF) else set()
    if isinstance(value, dict):
        return set().union(*(_refs(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_refs(v) for v in value))
    return set()


def _classes(model: dict) -> set[str]:
    return set(model.get("state", {}).get("_dom_classes", ()))


def printed_once(
    cells: list[nbformat.NotebookNode], state: dict, titles: dict[str, str]
) -> list[nbformat.NotebookNode]:
    """The handout's cells with each explorer printed once, where it first appears: a later
    appearance (the overview's timeline again in the backlash notebook, the ACH explorer in
    the seminar kit) becomes a line saying where it is printed. Explorers are told apart by
    their saved root's ``_dom_classes`` (``explorer`` and ``explorer-<name>``)."""
    first: dict[str, str] = {}
    out = []
    for cell in cells:
        outputs = []
        for o in cell.get("outputs", []):
            model = state.get(o.get("data", {}).get(VIEW, {}).get("model_id"), {})
            names = sorted(c for c in _classes(model) if c.startswith("explorer-"))
            name = next((c for c in names if c != "explorer-precomputed"), None)
            if "explorer" not in _classes(model) or name is None:
                outputs.append(o)
            elif name not in first:
                first[name] = cell.id.split("-", 1)[0]
                outputs.append(o)
            else:
                where = next(t for stem, t in titles.items() if stem[:2] == first[name])
                outputs.append(
                    nbformat.v4.new_output(
                        "display_data",
                        {"text/html": f"<p><i>This explorer is printed once, in “"
                         f"{html.escape(where)}”.</i></p>"},
                    )
                )
        if "outputs" in cell:
            cell = copy.copy(cell)
            cell.outputs = outputs
        out.append(cell)
    return out


def without_sweeps(state: dict, cells: list[nbformat.NotebookNode]) -> dict:
    """The widget state of a printed handout: each explorer's sweep taken out (on paper a
    sweep is one chart of dozens; the reset view is what a reader needs), its label with
    the sweep swapped for the one without (``precomputed``'s two notes), and every widget
    and link only the sweeps used left out. Works on the saved state as data: models, their
    ``_dom_classes`` and their references."""
    state = copy.deepcopy(state)
    dropped = {mid for mid, m in state.items() if _classes(m) & {SWEEP_SECTION, NOTE_WITH_SWEEP}}
    for m in state.values():
        inner = m.get("state", {})
        if isinstance(inner.get("children"), list):
            keep = [not _refs(c) & dropped for c in inner["children"]]
            inner["children"] = [c for c, k in zip(inner["children"], keep, strict=True) if k]
            if isinstance(inner.get("titles"), list):  # a Tab names each child
                inner["titles"] = [c for c, k in zip(inner["titles"], keep, strict=True) if k]
        if NOTE_FOR_PRINT in _classes(m):
            (layout,) = _refs(inner["layout"])
            state[layout]["state"]["display"] = None  # hidden on screen, shown on paper
    # Every model an output shows, and every model those refer to.
    roots = {
        o["data"][VIEW]["model_id"]
        for c in cells
        for o in c.get("outputs", [])
        if VIEW in o.get("data", {})
    }
    refs = {mid: _refs(m.get("state", {})) for mid, m in state.items()}
    kept: set[str] = set()
    todo = [r for r in roots if r in state]
    while todo:
        mid = todo.pop()
        if mid not in kept:
            kept.add(mid)
            todo.extend(r for r in refs[mid] if r in state)
    # A link (jslink) is referred to by nothing; it stays if both its ends do.
    links = {mid for mid, r in refs.items() if mid not in kept and r and r <= kept}
    return {mid: m for mid, m in state.items() if mid in kept | links}


def index_page(executed: list[tuple[Path, nbformat.NotebookNode]], pdf: bool) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(_title(nb))}</td>"
        f'<td><a href="decks/{p.stem}.slides.html">slides</a></td>'
        f'<td><a href="pages/{p.stem}.html">page</a></td></tr>'
        for p, nb in executed
    )
    handout_links = " · ".join(
        f'<a href="{k}.html">{k} (HTML)</a>'
        + (f' · <a href="{k}.pdf">{k} (PDF)</a>' if pdf else "")
        for k in PRINTS
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>South Korea's NATO strategy: offline briefing</title>"
        # Links big enough to hit (WCAG 2.2 target size: 24 x 24 px).
        "<style>a{display:inline-block;min-height:24px;line-height:24px;padding:2px 4px}"
        "td{padding:2px 8px}</style></head>"
        '<body style="font-family:sans-serif;max-width:50em;margin:2em auto">'
        "<h1>South Korea's NATO strategy: the offline briefing</h1>"
        f"<p>Built {dt.date.today():%d %B %Y}. Everything here opens from the file system "
        "with no network. Explorers offer their scenarios, and a sweep of their main control, "
        "precomputed; to move any other control, "
        "run the notebooks (README). In a deck, press <kbd>S</kbd> for the speaker notes.</p>"
        f"<table><tr><th>Notebook</th><th>Deck</th><th>Page</th></tr>{rows}</table>"
        f"<p>{handout_links} · <a href='scenarios/'>the explorers' scenario files</a> · "
        "<a href='report-an-error.html'>report an error</a></p>"
        "<p><a href='room/index.html'>Take part in the seminar</a>: the participant page "
        "(rate the evidence, forecast, save your answers as files for the chair)</p>"
        f"<p>Cite: {html.escape(cite())}</p></body></html>"
    )


def pdf_wanted(pdf: bool, log=print) -> bool:
    """Print the PDFs if asked and Chromium is here; without it the build goes on (decks,
    pages, the handout and appendix as HTML, the index) and says so before it starts,
    instead of failing at the end with no index.html."""
    from helpers.present import pdf as printing

    if pdf and not printing.available():
        log(
            "note: Chromium not found, so no PDFs: the handout and appendix are written as "
            "HTML (print them from a browser); `apt-get install -y chromium` for the PDFs"
        )
        return False
    return pdf


def build(
    out: Path, pdf: bool = True, log=print, root: Path | None = None
) -> dict[str, float]:
    """Build everything (the notebooks of ``root``, default the briefing's) as the site in
    ``out``; return seconds per step (also printed as it goes).

    The steps write into a fresh folder beside ``out``, swapped in only once every one of
    them succeeded: on any failure, Ctrl-C included, ``out`` is what it was (the last good
    site, or nothing) and the fresh folder is removed. A reader never opens a site with
    some files from this build and some from the last."""
    out = Path(out)
    stage = out.with_name(f".{out.name}.building-{os.getpid()}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir()
    except OSError as exc:
        raise BuildError(f"cannot write beside {out}: {exc.strerror or exc}") from None
    _STOPPING.clear()
    try:

        def shown(line: str) -> None:  # progress names the site's folder, not the fresh one
            log(line.replace(str(stage), str(out)))

        timings = _build_into(stage, pdf, shown, root)
        _swap_in(stage, out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return timings


def _swap_in(new: Path, final: Path) -> None:
    """Replace the folder ``final`` by ``new``: two renames on one file system, the old
    site removed only after the new one is in its place."""
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _build_into(out: Path, pdf: bool, log, root: Path | None) -> dict[str, float]:
    """Every step of the build, writing into ``out`` (a fresh folder)."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    pdf = pdf_wanted(pdf, log)
    assets.install()
    assets.copy_vendor(out)
    timings["vendor"] = time.perf_counter() - start
    log(f"vendor: pinned JavaScript in {out / 'vendor'} ({timings['vendor']:.1f} s)")

    for spec in REGISTRY.values():
        for scenario in scenarios.presets(spec):
            scenarios.write(scenario, out / "scenarios")
    log(f"claim ledger: {write_claim_reviews(out / 'claims.jsonld')} (schema.org ClaimReview)")

    executed: list[tuple[Path, nbformat.NotebookNode]] = []
    # Kernels run side by side (each is its own process; most of a build is their work),
    # the exports follow in order as each finishes.
    pool = ThreadPoolExecutor(KERNELS_AT_ONCE)
    runs: list = []
    try:
        with _kernel_env():
            runs += [(path, pool.submit(_timed, execute_static, path)) for path in notebooks(root)]
            _export_as_they_finish(runs, out, executed, timings, log)
    except BaseException:
        # A failed notebook or Ctrl-C stops the build: start no other notebook and stop the
        # kernels still running (waiting for them took over a minute).
        for _, queued in runs:
            queued.cancel()
        _stop_kernels()
        # Let each notebook's thread finish its own cleanup (a second once its kernel is
        # gone): a process leaving before them printed the kernel client's traceback.
        futures.wait([run for _, run in runs], timeout=10)
        _forget_kernels()
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    _prints(out, executed, pdf, timings, log)
    _write(out / "room" / "index.html", participant_page())  # offline: saves CSV files
    _write(out / "index.html", index_page(executed, pdf))
    log(sizes(out))
    timings["total"] = time.perf_counter() - start
    log(f"done: {out / 'index.html'} in {timings['total']:.1f} s")
    return timings


def _export_as_they_finish(runs, out: Path, executed: list, timings: dict, log) -> None:
    """Each notebook's deck and page, in order, as its kernel finishes."""
    slides = SlidesExporter(config=_config("../"), template_name="briefing_reveal")
    page = HTMLExporter(config=_config("../"), template_name="briefing_page")
    for path, run in runs:
        t0 = time.perf_counter()
        ran, seconds = run.result()
        nb = describe_charts(ran, path.stem)
        executed.append((path, nb))
        deck = _relink(nb, ".slides.html")
        deck.cells.insert(0, _banner("Slides"))
        body, _ = slides.from_notebook_node(deck, resources=_resources(_title(nb)))
        _write(out / "decks" / f"{path.stem}.slides.html", body)
        paged = _relink(nb, ".html")
        paged.cells.insert(0, _banner("A page"))
        body, _ = page.from_notebook_node(paged, resources=_resources(_title(nb)))
        _write(out / "pages" / f"{path.stem}.html", body)
        export = time.perf_counter() - t0
        timings[path.stem] = seconds + export
        log(f"{path.name}: deck and page (kernel {seconds:.1f} s, export {export:.1f} s)")


def _prints(out: Path, executed: list, pdf: bool, timings: dict, log) -> None:
    """The handout and the appendix, as HTML and (with Chromium) PDF."""
    t0 = time.perf_counter()
    printable = HTMLExporter(config=_config(""), template_name="briefing_page")
    for kind in PRINTS:
        book = handout(executed, kind)
        body, _ = printable.from_notebook_node(book, resources=_resources(kind.title()))
        _write(out / f"{kind}.html", body)
        if pdf:
            from helpers.present.pdf import print_pdf

            print_pdf(out / f"{kind}.html", out / f"{kind}.pdf")
    timings["handout"] = time.perf_counter() - t0
    made = " and ".join(f"{k}.html{f' and {k}.pdf' if pdf else ''}" for k in PRINTS)
    log(f"handout: {made} ({timings['handout']:.1f} s)")
    log(f"report an error: {report_error.write(out)}")


MAX_FILE_MB = 5.0  # a page, deck or the handout: opens quickly from a USB stick, mails


def sizes(out: Path) -> str:
    """The largest page or deck and the handout, in MB, against the 5 MB limit."""
    files = [*(out / "pages").glob("*.html"), *(out / "decks").glob("*.html")]
    largest = max(files, key=lambda p: p.stat().st_size)
    mb = {p: p.stat().st_size / 1e6 for p in (largest, out / "handout.html")}
    over = [p.name for p, size in mb.items() if size > MAX_FILE_MB]
    return (
        f"sizes: largest page or deck {mb[largest]:.1f} MB ({largest.name}), handout "
        f"{mb[out / 'handout.html']:.1f} MB (limit {MAX_FILE_MB:g} MB"
        + (f"; OVER: {', '.join(over)})" if over else ")")
    )


def _timed(run: Callable[[Path], T], path: Path) -> tuple[T, float]:
    t0 = time.perf_counter()
    return run(path), time.perf_counter() - t0


def _script_json(value: object) -> str:
    """``value`` as JSON safe inside a <script> element (no "</" to end it early)."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _resources(name: str) -> dict:
    return {
        "scenario_links_json": _script_json(scenarios.link_table(REGISTRY)),
        "metadata": {"name": name},
        "briefing_css": CSS,
        "deck_css": DECK_CSS,
        "deck_keys_js": DECK_KEYS_JS,
        "deck_fit_js": DECK_FIT_JS,
        "deck_frame": DECK_FRAME,
        "scenario_link_js": SCENARIO_LINK_JS,
        "slider_labels_js": SLIDER_LABELS_JS,
        "chart_download_js": CHART_DOWNLOAD_JS,
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "site"))
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF (no Chromium)")
    parser.add_argument("--notebooks", default=None, help="the folder of NN-*.ipynb to build")
    args = parser.parse_args(argv)
    out = Path(args.out)
    kept = (
        f"the last good site in {out} is untouched"
        if (out / "index.html").exists()
        else f"nothing was written to {out}"
    )
    try:
        build(out, pdf=not args.no_pdf, root=Path(args.notebooks) if args.notebooks else None)
    except KeyboardInterrupt:
        print(f"make slides stopped (Ctrl-C): {kept}", file=sys.stderr)
        return 130
    except (assets.AssetError, RuntimeError) as exc:
        print(f"make slides failed: {one_line(str(exc))}; {kept}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a folder it may not write
        where = f" ({Path(exc.filename).name})" if exc.filename else ""
        print(f"make slides failed: {exc.strerror or exc}{where}; {kept}", file=sys.stderr)
        return 1
    return 0


def one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
