"""Escaping by construction: markup in any text column of any dataset reaches every rendered
surface (live explorers, precomputed views, the notebooks' panels, the seminar view) as
text, never as HTML; CSV downloads neutralise spreadsheet formulas."""

from __future__ import annotations

import base64
import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import ipywidgets as widgets
import pandas as pd
import pytest

import helpers
from helpers import markup
from helpers.data import loader
from helpers.data.catalog import load_catalog

PAYLOAD = "<img src=x onerror=alert('{}')>"
# Text columns the models match on by value (a window, a country, the ICD 203 word other
# datasets' estimative_word columns must be one of): poisoning them would break the lookup,
# not test the page.
KEYS = {"sipri_exporters.window", "sipri_exporters.country", "estimative_scale.word"}


def _poisoned_copy(tmp: Path) -> tuple[Path, set[str]]:
    """The data folder with markup appended to every cell of every text column; returns the
    folder and the ``dataset.column`` names poisoned."""
    target = tmp / "data"
    shutil.copytree(loader.DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    catalog = load_catalog(target)
    poisoned: set[str] = set()
    for spec in catalog.datasets.values():
        texts = [
            c.name for c in spec.columns if c.kind == "text" and f"{spec.name}.{c.name}" not in KEYS
        ]
        if not texts:
            continue
        path = target / spec.file
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        header = rows[0]
        for name in texts:
            i = header.index(name)
            tag = PAYLOAD.format(f"{spec.name}.{name}")
            for row in rows[1:]:
                if len(row) == len(header) and any(c.strip() for c in row):
                    row[i] = f"{row[i]} {tag}" if row[i] else tag
            poisoned.add(f"{spec.name}.{name}")
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return target, poisoned


def _html_values(widget: widgets.Widget) -> Iterator[str]:
    """Every string a widget tree sends to the page as HTML."""
    if isinstance(widget, widgets.HTML | widgets.HTMLMath):
        yield widget.value
    for child in getattr(widget, "children", ()) or ():
        yield from _html_values(child)


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory) -> Iterator[set[str]]:
    folder, columns = _poisoned_copy(tmp_path_factory.mktemp("xss"))
    original = loader.DATA_DIR
    loader.DATA_DIR = folder
    import helpers.data.ratings as ratings

    participants = ratings.PARTICIPANTS_DIR
    ratings.PARTICIPANTS_DIR = loader.DATA_DIR / "participants"
    try:
        yield columns
    finally:
        loader.DATA_DIR = original
        ratings.PARTICIPANTS_DIR = participants


def _tiny_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1, 1)).save(out, "PNG")
    return out.getvalue()


def _compute_only(session) -> None:
    """``ExplorerSession._refresh`` without drawing: the charts' pixels carry no text, and
    this test reads every surface's text (the alt text is still made from the result)."""
    session.result = session.spec.compute(session.state, session.data)
    session.png = _tiny_png()


def _surfaces() -> dict[str, list[str]]:
    """Each rendered surface's HTML, from the poisoned data."""
    from helpers.explorers import ExplorerSession

    with mock.patch.object(ExplorerSession, "_refresh", _compute_only):
        return _drawn_surfaces()


def _drawn_surfaces() -> dict[str, list[str]]:
    from helpers import record_views, views
    from helpers.explorers import REGISTRY, ExplorerSession, ExplorerView
    from helpers.explorers.precomputed import PrecomputedView
    from helpers.present import room_page
    from helpers.seminar.class_ratings import gather_ratings

    out: dict[str, list[str]] = {}
    for name, spec in REGISTRY.items():
        view = ExplorerView(ExplorerSession(spec))
        pages = []
        for preset in list(view.session.scenarios):
            view.session.apply_preset(preset)
            view._show()
            pages.extend(_html_values(view))
        out[f"explorer {name}"] = pages
        out[f"precomputed {name}"] = list(_html_values(PrecomputedView(ExplorerSession(spec))))
    claims = loader.load("claims")
    out["claim checks"] = [views.claim_checks(s).value for s in claims["section"].cat.categories]
    out["claim ledger"] = list(_html_values(views.claim_ledger()))
    out["scorecard"] = [views.scorecard().value]
    out["role briefs"] = [views.role_brief().value]
    out["judgments"] = [record_views.judgments().value]
    out["corrections log"] = [record_views.corrections().value]
    out["dataset tables"] = [
        views.dataset_table(d, list(loader.load(d).columns), f"All of {d}").value
        for d in loader.dataset_names()
    ]
    out["seminar ratings"] = list(_html_values(gather_ratings()))
    out["participant page"] = [
        room_page.participant_page(),
        room_page.participant_page(server=True),
    ]
    return out


def test_markup_in_any_text_column_reaches_every_surface_as_text(poisoned: set[str]) -> None:
    surfaces = _surfaces()
    raw = {
        where: sorted(set(re.findall(r"<img src=x onerror=alert\('([^']*)'\)>", page)))
        for where, pages in surfaces.items()
        for page in pages
        if "<img src=x" in page
    }
    assert not raw, f"markup rendered as HTML (surface: columns): {raw}"
    escaped = {
        m
        for pages in surfaces.values()
        for page in pages
        for m in re.findall(
            r"&lt;img src=x onerror=alert\(&#(?:39|x27);([^&]*)&#(?:39|x27);\)&gt;", page
        )
    }
    # The test reached the surfaces: most text columns are shown somewhere, escaped.
    assert len(escaped) >= 0.9 * len(poisoned), sorted(poisoned - escaped)
    assert "launch_series.label" in escaped and "launch_series.definition" in escaped


def test_markup_module_escapes_what_it_is_given() -> None:
    hostile = '"><script>x</script>'
    frame = pd.DataFrame({hostile: [hostile, ("a", hostile)]})
    page = (
        str(markup.table(frame))
        + str(markup.items([hostile]))
        + str(markup.image(b"png", hostile, "c"))
    )
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert str(markup.html("<b>{}</b>", markup.html("<i>{}</i>", "<"))) == "<b><i>&lt;</i></b>"


def test_csv_downloads_neutralise_formulas() -> None:
    cells = ["=1+1", "+1", "-1", "@SUM(A1)", "|cmd", "\tx", "\rx", "plain", "-"]
    frame = pd.DataFrame({"text": cells, "number": range(-4, 5)})
    link = str(markup.csv_download(frame, "t.csv"))
    data = base64.b64decode(link.split("base64,")[1].split('"')[0]).decode()
    rows = list(csv.reader(io.StringIO(data, newline="")))[1:]
    assert [r[0] for r in rows] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'|cmd",
        "'\tx",
        "'\rx",
        "plain",
        "'-",
    ]
    assert [int(r[1]) for r in rows] == list(range(-4, 5))  # numbers stay numbers


def test_every_explorer_download_neutralises_formulas(monkeypatch) -> None:
    """The explorers' and the seminar view's "Download as CSV" links go through the one
    writer: a table cell starting with '=' arrives with an apostrophe."""
    from helpers.explorers import REGISTRY, ExplorerSession, ExplorerView

    spec = REGISTRY["race"]
    session = ExplorerSession(spec)
    real = spec.table

    def hostile(result):
        frame = real(result).copy()
        frame.iloc[0, 0] = '=HYPERLINK("http://x")'
        return frame

    monkeypatch.setattr(session, "table", lambda: hostile(session.result))
    view = ExplorerView(session)
    link = view.table_html.value
    data = base64.b64decode(link.split("base64,")[1].split('"')[0]).decode()
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'


def test_no_module_but_markup_escapes_or_formats_data_into_html_by_hand() -> None:
    """The rule that keeps the escaping in one place: nothing else in helpers (the static
    build's page shell aside) escapes by hand or calls pandas' HTML writer."""
    root = Path(markup.__file__).parent
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if p.name != "markup.py"
        and "present" not in p.parts
        and any(s in p.read_text() for s in ("html.escape(", ".to_html(", "import html\n"))
    ]
    assert offenders == []


@pytest.mark.browser
def test_the_offline_page_shows_markup_as_text(
    poisoned: set[str], tmp_path: Path, monkeypatch
) -> None:
    """The kernel-free views (what the offline pages, decks and handout embed), rendered by
    the pinned widget manager in Chromium with the network blocked: no alert, no injected
    element, the markup visible as text."""
    from labdriver import browser_page, require_chromium

    require_chromium()
    from ipywidgets.embed import embed_minimal_html

    from helpers import views
    from helpers.explorers import REGISTRY, ExplorerSession, explore
    from helpers.present import assets
    from helpers.seminar.class_ratings import gather_ratings

    monkeypatch.setenv("BRIEFING_STATIC", "1")
    monkeypatch.setattr(ExplorerSession, "_refresh", _compute_only)  # text, not pixels
    shown = [explore(name) for name in REGISTRY]
    sections = loader.load("claims")["section"].cat.categories
    shown += [views.claim_ledger(), views.claim_checks(sections[0]), views.role_brief()]
    shown += [views.scorecard(), gather_ratings()]
    assets.install()
    assets.copy_vendor(tmp_path)
    page = tmp_path / "page.html"
    embed_minimal_html(
        page, views=shown, requirejs=True, embed_url="vendor/html-manager/embed-amd.js"
    )
    text = re.sub(
        r'<script src="https://[^>]*require[^>]*></script>',
        '<script src="vendor/require.js"></script>',
        page.read_text(),
    ).replace(' crossorigin="anonymous"', "")
    page.write_text(text)
    with browser_page(screenshot=tmp_path / "page.png") as (pg, blocked):
        alerts: list[str] = []
        pg.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
        pg.goto(page.as_uri())
        pg.wait_for_selector(".explorer-precomputed", state="attached")
        pg.wait_for_function("() => document.querySelectorAll('.widget-html-content').length > 20")
        pg.wait_for_timeout(500)
        assert alerts == []
        assert pg.locator('img[src="x"]').count() == 0
        body = pg.evaluate("() => document.body.textContent")
        assert "<img src=x onerror=alert('launch_series.label')>" in body
        assert blocked == []


@pytest.mark.browser
def test_the_claim_ledger_filters_work_offline(tmp_path: Path) -> None:
    """The Verdict and Section filters answer in a page with no kernel."""
    from labdriver import browser_page, require_chromium

    require_chromium()
    from ipywidgets.embed import embed_minimal_html

    from helpers import views
    from helpers.present import assets

    claims = loader.load("claims")
    assets.install()
    assets.copy_vendor(tmp_path)
    page = tmp_path / "ledger.html"
    embed_minimal_html(
        page,
        views=[views.claim_ledger()],
        requirejs=True,
        embed_url="vendor/html-manager/embed-amd.js",
    )
    page.write_text(
        re.sub(
            r'<script src="https://[^>]*require[^>]*></script>',
            '<script src="vendor/require.js"></script>',
            page.read_text(),
        ).replace(' crossorigin="anonymous"', "")
    )
    with browser_page() as (pg, _blocked):
        pg.set_viewport_size({"width": 1280, "height": 720})
        pg.goto(page.as_uri())
        selects = pg.locator("select")
        selects.first.wait_for()
        visible = (
            "() => Array.from(document.querySelectorAll('.widget-html-content p'))"
            ".filter(p => p.offsetParent !== null && / shown$/.test(p.textContent))"
            ".map(p => p.textContent)"
        )
        assert pg.evaluate(visible) == [f"{len(claims)} shown"]
        selects.nth(0).select_option("needs nuance")
        nuance = int((claims["verdict"] == "needs nuance").sum())
        pg.wait_for_function(f"() => ({visible})().join() === '{nuance} shown'")
        selects.nth(1).select_option("opening")
        both = ((claims["verdict"] == "needs nuance") & (claims["section"] == "opening")).sum()
        pg.wait_for_function(f"() => ({visible})().join() === '{int(both)} shown'")


def test_a_style_element_cannot_be_closed_early() -> None:
    assert markup.style("a { color: red; }") == "<style>a { color: red; }</style>"
    for bad in ("a{}</style><script>alert(1)</script>", "<!-- x"):
        with pytest.raises(ValueError, match="must not contain"):
            markup.style(bad)


def test_a_column_name_becomes_a_header_in_words_with_its_unit() -> None:
    assert markup.column_label("value_usd_bn") == "Value (US$ billion)"
    assert markup.column_label("share_pct") == "Share (%)"
    assert markup.column_label("poland_share_pct") == "Poland share (%)"
    assert markup.column_label("source_ids") == "Sources"
    assert markup.column_label("evidence_id") == "Evidence"
    assert markup.column_label("named_in_commentary") == "Named in commentary"


def test_code_quoted_for_editors_reads_as_words() -> None:
    text = "`precision` says how exact a date is: `day` or `month`."
    assert markup.unquoted_code(text) == "“precision” says how exact a date is: “day” or “month”."
    assert markup.unquoted_code("`share_pct`", markup.column_label) == "“Share (%)”"


def test_a_dataset_table_shows_words_and_publishers_not_code() -> None:
    from helpers.views import dataset_table

    panel = dataset_table("funding_estimates", ["date", "owner", "share_pct"], "Estimates")
    assert "<th>Share (%)</th>" in panel.value and "share_pct" not in panel.value
    assert "`" not in panel.value
    # How to resolve a source in code is for the notebook's reader alone (hidden on slides).
    assert f'<span class="{markup.FOR_NOTEBOOK}"> Sources resolve with' in panel.value
    forums = dataset_table("forums", ["date", "forum", "source_ids"], "Forums")
    publisher = helpers.load("sources").set_index("source_id")["publisher"]
    first = helpers.load("forums")["source_ids"].iloc[0][0]
    assert f"<td>{markup.escape(publisher[first])}" in forums.value
    assert first not in forums.value.split("<tbody>")[1].split("</tbody>")[0]
