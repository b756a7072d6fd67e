"""Static faces: the stored notebooks read without a kernel or widget JavaScript.

A forge's viewer, nbviewer and ``jupyter nbconvert --to html`` (no execution) have no widget
manager; before this, every widget output showed as its one-line ``text/plain`` placeholder
(``<Table: ...>``). These tests export the stored notebooks as they are and count what a
reader sees.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest
from nbconvert import HTMLExporter

from helpers.static_face import static_html
from helpers.views import Panel, claim_ledger, dataset_table

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))
VIEW = "application/vnd.jupyter.widget-view+json"


def _widget_outputs(nb: dict) -> list[dict]:
    return [
        o["data"] for c in nb["cells"] for o in c.get("outputs", []) if VIEW in o.get("data", {})
    ]


@pytest.fixture(scope="module")
def exported() -> dict[str, tuple[dict, str]]:
    """Each stored notebook, and its HTML export without executing it."""
    exporter = HTMLExporter()
    out = {}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        body, _ = exporter.from_notebook_node(nb)
        out[path.name] = (json.loads(path.read_text(encoding="utf-8")), body)
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_notebooks_are_valid_nbformat_without_broken_widget_metadata(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    state = nb.metadata.get("widgets")
    assert state is None or "state" in state.get("application/vnd.jupyter.widget-state+json", {}), (
        "forge viewers reject metadata.widgets without its state"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_export_without_kernel_shows_every_table_and_chart(
    path: Path, exported: dict[str, tuple[dict, str]]
) -> None:
    """Every widget output shows its static face, never its placeholder; the export has a
    table for every table, scorecard, log and explorer, and each explorer's chart as an
    image with alt text."""
    nb, body = exported[path.name]
    outputs = _widget_outputs(nb)
    assert outputs, "the notebook has widget outputs to check"
    missing = [d["text/plain"] for d in outputs if "text/html" not in d]
    assert missing == [], f"widget outputs without a static face: {missing}"
    shown_placeholders = [
        d["text/plain"]
        for d in outputs
        if (d["text/plain"] if isinstance(d["text/plain"], str) else "".join(d["text/plain"]))
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        in body
    ]
    assert shown_placeholders == [], f"placeholders shown instead of content: {shown_placeholders}"
    assert body.count('class="static-face ') == len(outputs)

    def plain(d: dict) -> str:
        t = d["text/plain"]
        return t if isinstance(t, str) else "".join(t)

    kinds = [plain(d) for d in outputs]
    explorers = [k for k in kinds if k.endswith("explorer>")]
    tabled = [
        k
        for k in kinds
        if k.startswith(("<Table:", "<Scorecard", "<Corrections", "<Claim ledger"))
        or k.endswith("explorer>")
    ]
    charts = [
        tag
        for tag in re.findall(r"<img\b[^>]*>", body)
        if re.search(r'class="explorer-[\w-]+-img"', tag) and re.search(r'alt="[^"]+"', tag)
    ]
    # One chart per explorer, and one more for each other side a toggle explorer shows
    # (spec.static_also: the timeline's hindsight, the risks in 2026).
    from helpers.explorers import REGISTRY

    also = {spec.title: len(spec.static_also) for spec in REGISTRY.values()}
    sides = sum(1 + also.get(k[1:].removesuffix(" explorer>"), 0) for k in explorers)
    assert len(charts) == sides, (len(charts), explorers)
    tables_in_faces = sum(
        len(
            re.findall(
                r"<table\b",
                d["text/html"] if isinstance(d["text/html"], str) else "".join(d["text/html"]),
            )
        )
        for d in outputs
    )
    assert tables_in_faces >= len(tabled)
    # The matplotlib figures the notebook stores show too (they always did: image/png).
    figures = sum(
        1 for c in nb["cells"] for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    )
    assert len(re.findall(r'<img\b[^>]*src="data:image/png;base64,', body)) >= figures


def test_static_face_escapes_control_values_and_keeps_panel_html() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    picker = widgets.Dropdown(options=[hostile], description=hostile)
    face = str(static_html(widgets.VBox([picker, Panel("<b>ok</b>", "t")])))
    assert "<img" not in face and "&lt;img" in face
    assert "<b>ok</b>" in face


@pytest.mark.parametrize(
    ("name", "first", "also"),
    [
        ("timeline", "What the commentary could see", "With hindsight"),
        ("backlash", "July 2023", "2026"),
    ],
)
def test_a_toggle_explorer_shows_both_sides_without_a_kernel(name, first, also) -> None:
    """Where an explorer's point is a toggle, a reader without a kernel (nbviewer, a forge)
    sees both sides: the chart as set, then the same chart at the other prepared scenario
    (the overview's text says "switch View to With hindsight"; before, only the first view
    was there). Alt texts tell them apart; the explorer's own state does not move."""
    import helpers

    view = helpers.explore(name)
    state = view.session.state
    face = view._repr_mimebundle_()["text/html"]
    alts = re.findall(r'alt="([^"]*)"', face)
    assert len(alts) == 2, alts
    assert first in alts[0] and also in face.split("The same chart at", 1)[1]
    assert view.session.state == state
    view.session.apply_preset(view.session.spec.static_also[0])
    view._show()
    assert len(re.findall(r"<img ", view._repr_mimebundle_()["text/html"])) == 1


def test_a_panel_and_the_ledger_carry_html_beside_the_widget_view() -> None:
    table = dataset_table("unsc_actions", ["date"], "Dates")._repr_mimebundle_()
    assert {VIEW, "text/plain", "text/html"} <= set(table)
    assert table["text/plain"] == "<Table: Dates>"
    assert "<table" in table["text/html"] and "Dates" in table["text/html"]
    ledger = claim_ledger()._repr_mimebundle_()["text/html"]
    assert ledger.count("<tr>") >= 26  # every claim (the "all" page) and the header


# --- read on nbviewer or a forge: MathJax typesets "$...$" --------------------------------

# MathJax 2 (the npm package, as nbconvert's default template loads it) has typeset the page.
MATHJAX_DONE = """() => window.MathJax && MathJax.Hub && MathJax.isReady
  && MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running"""
TYPESET_IN_OUTPUTS = """() => Array.from(document.querySelectorAll(
    '.jp-OutputArea .MathJax, .jp-OutputArea .MathJax_CHTML, .jp-OutputArea mjx-container'))
  .map(m => (m.closest('.jp-OutputArea-output') || m).innerText.slice(0, 80))"""
# A probe that shows MathJax works in this page: an output of plain "$" amounts, as the
# faces were before, typeset once queued.
PROBE = """() => { const out = document.createElement('div');
  out.className = 'jp-OutputArea'; out.id = 'mathjax-probe';
  out.innerHTML = '<div class="jp-OutputArea-output">$1.7bn in 2022; the Panel $3bn</div>';
  document.body.appendChild(out); MathJax.Hub.Queue(['Typeset', MathJax.Hub, out]); }"""


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_output_of_a_stored_notebook_is_typeset_as_maths(path: Path, tmp_path: Path) -> None:
    """Rendered by nbconvert as nbviewer does, with MathJax, and read where no widget manager
    runs (a forge shows each widget's text/html face): no output is typeset. Before, two
    dollar amounts in one face became one italic formula with the spaces gone."""
    from labdriver import browser_page, require_chromium

    from helpers.present import assets

    require_chromium()
    assets.install()
    mathjax = assets.NODE_MODULES / "mathjax" / "MathJax.js"
    exporter = HTMLExporter(template_name="lab")
    exporter.mathjax_url = f"{mathjax.as_uri()}?config=TeX-AMS_CHTML-full,Safe"
    exporter.display_data_priority = ["text/html", "image/png", "text/plain"]
    exporter.require_js_url = (assets.NODE_MODULES / "requirejs" / "require.js").as_uri()
    body, _ = exporter.from_filename(str(path))
    page = tmp_path / f"{path.stem}.html"
    page.write_text(body, encoding="utf-8")
    with browser_page() as (pg, blocked):
        pg.goto(page.as_uri())
        pg.wait_for_function(MATHJAX_DONE, timeout=120_000)
        assert pg.evaluate(TYPESET_IN_OUTPUTS) == []
        pg.evaluate(PROBE)
        pg.wait_for_function(MATHJAX_DONE, timeout=60_000)
        assert pg.evaluate(TYPESET_IN_OUTPUTS), "MathJax did not run: the check proves nothing"
        assert blocked == []
