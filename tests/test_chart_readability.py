"""Projector-grade charts, measured: every chart's smallest text, shown at the width the page
gives it, is at least ``MIN_TEXT_CSS_PX``; labels do not collide; data text with dollar
signs is drawn literally (never as mathtext); explorer charts are shown at the designed width.

The size of a text in CSS px is computed, not assumed: its font size in the PNG's pixels
(from the figure's text artists and the PNG's pixel width) scaled by the width the page
displays the PNG at (read from the ``<img>`` the explorer emits, or from the inline
backend's display metadata for a notebook figure).
"""

from __future__ import annotations

import io
import itertools
import random
import re

import matplotlib.pyplot as plt
import pytest
from IPython.core.pylabtools import retina_figure
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

import helpers
from helpers.charts import agreement, industry, partnership
from helpers.charts.style import (
    DISPLAY_WIDTH_PX,
    MIN_TEXT_CSS_PX,
    png_bytes,
    text_sizes_css_px,
    use_house_style,
)
from helpers.explorers import REGISTRY, explore
from helpers.explorers.drive import change_something
from helpers.markup import image as img_html
from helpers.models import agreement as agreement_model

DOLLARS = "Kim cites a $12.4 billion deal with Poland for … a record $17.3 billion"
UNBALANCED = "a $5 deal, {x}$^ and $"


def _png_width(png: bytes) -> int:
    return Image.open(io.BytesIO(png)).size[0]


def _displayed_width(html: str) -> float:
    """The width an ``<img>`` is shown at: its CSS ``width`` in px (the page is wide enough)."""
    found = re.search(r'style="[^"]*(?<![-\w])width:\s*([\d.]+)px', html)
    assert found, (
        f"the <img> sets no width in px, so it shows at the PNG's pixel size: {html[:120]}"
    )
    return float(found.group(1))


def _smallest(
    fig: Figure, png: bytes, displayed: float, dpi: float | None = None
) -> tuple[float, str]:
    sizes = text_sizes_css_px(fig, _png_width(png), displayed, dpi)
    assert sizes, "no text measured"
    return min(sizes)


def _explorer_states(name: str):
    """Each preset, then a few random control changes: the chart and its PNG for each."""
    view = explore(name)
    session = view.session
    for preset in list(session.scenarios):
        session.apply_preset(preset)
        yield preset, session
    rng = random.Random(15)
    for i in range(4):
        field = change_something(view, rng)
        yield f"random change {i} ({field})", session


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_explorer_chart_text_is_projector_size_and_inside_the_chart(name: str) -> None:
    """Each state drawn once, both checks on it."""
    for label, session in _explorer_states(name):
        assert not _outside(session.chart.fig), (
            f"{name}, {label}: cut off: {_outside(session.chart.fig)}"
        )
        html = img_html(session.png, session.alt_text, "x")
        displayed = _displayed_width(html)
        assert displayed >= DISPLAY_WIDTH_PX, "the chart does not use the slide's width"
        # Its height follows from its width, whatever height cap a page sets on images
        # (with a set width, a cap would squash the chart).
        assert "height:auto" in html and "max-height:none" in html
        size, text = _smallest(session.chart.fig, session.png, displayed)
        assert size >= MIN_TEXT_CSS_PX, f"{name}, {label}: {text!r} is {size:.1f} CSS px"


def _static_figures():
    """The notebooks' figures, made as the notebooks make them."""
    use_house_style()
    made = []
    fig, ax = plt.subplots(figsize=(11, 5))
    partnership.draw_milestones(ax, helpers.load("partnership_milestones"))
    made.append(("milestones", fig))
    fig, ax = plt.subplots(figsize=(11, 6))
    partnership.draw_itpp_map(ax, helpers.load("itpp_areas"))
    made.append(("itpp", fig))
    fig, ax = plt.subplots(figsize=(11, 5))
    partnership.draw_theft(ax, helpers.load("crypto_theft"), helpers.load("crypto_incidents"))
    made.append(("theft", fig))
    fig, ax = plt.subplots(figsize=(11, 5))
    industry.draw_contracts(ax, helpers.load("arms_exports"))
    made.append(("contracts", fig))
    fig, ax = plt.subplots(figsize=(11, 4))
    industry.draw_framework_vs_contracted(ax, helpers.load("poland_deals"))
    made.append(("framework", fig))
    return made


def _outside(fig: Figure) -> list[str]:
    """Texts that run off the figure (cut off in the PNG)."""
    renderer = fig.canvas.get_renderer()
    sizes = {text for _, text in text_sizes_css_px(fig, 1, 1)}  # the texts drawn
    out = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text() in sizes:
            box = t.get_window_extent(renderer)
            if (
                box.x0 < -1
                or box.y0 < -1
                or box.x1 > fig.bbox.width + 1
                or box.y1 > fig.bbox.height + 1
            ):
                out.append(t.get_text())
    return out


def test_notebook_figures_text_stays_inside_the_figure(capsys: pytest.CaptureFixture) -> None:
    for name, fig in _static_figures():
        fig.canvas.draw()
        assert not _outside(fig), f"{name}: cut off: {_outside(fig)}"
        plt.close(fig)


def test_notebook_figures_text_is_projector_size(capsys: pytest.CaptureFixture) -> None:
    for name, fig in _static_figures():
        # What the inline backend sends: a PNG and the width the page shows it at.
        # What the inline backend sends in "retina" mode (use_house_style selects it): a
        # PNG at twice the figure's dpi, cropped to its content, and the width to show.
        png, meta = retina_figure(fig)
        displayed = meta["width"]
        assert displayed >= 0.9 * DISPLAY_WIDTH_PX, f"{name}: shown {displayed} px wide"
        assert displayed <= 1.05 * DISPLAY_WIDTH_PX, f"{name}: {displayed} px, wider than a slide"
        size, text = _smallest(fig, png, displayed, 2 * fig.dpi)
        assert size >= MIN_TEXT_CSS_PX, f"{name}: {text!r} is {size:.1f} CSS px"
        plt.close(fig)


def test_agreement_chart_text_is_projector_size() -> None:
    data = agreement_model.load_data()
    result = agreement_model.compare(agreement_model.sample_participants(data), data)
    fig = agreement.figure(result)
    png = png_bytes(fig)
    assert png == agreement.render_png(result)  # the figure the view shows
    html = img_html(png, "", "x")
    size, text = _smallest(fig, png, _displayed_width(html))
    assert not _outside(fig)
    assert size >= MIN_TEXT_CSS_PX, f"agreement: {text!r} is {size:.1f} CSS px"


def _overlaps(texts: list[Text], fig: Figure) -> list[tuple[str, str]]:
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer).shrunk(0.98, 0.9)) for t in texts]
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def test_itpp_column_headers_do_not_overlap() -> None:
    use_house_style()
    fig, ax = plt.subplots(figsize=(11, 6))
    partnership.draw_itpp_map(ax, helpers.load("itpp_areas"))
    fig.canvas.draw()
    headers = [t for t in ax.get_xticklabels() if t.get_text()]
    assert len(headers) == 4
    assert not _overlaps(headers, fig), _overlaps(headers, fig)
    width = fig.bbox.width
    renderer = fig.canvas.get_renderer()
    for t in headers:  # and none runs off the figure
        box = t.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= width, t.get_text()
    plt.close(fig)


def test_ach_evidence_labels_are_whole_words() -> None:
    """Each evidence row of the ACH ratings grid shows its text cut, if at all, between
    words, in a label that wraps rather than clips (a clipped label cuts mid-word)."""
    import ipywidgets as widgets

    view = explore("ach")
    matrix = view.controls["ratings"]
    frame = view.session.data.evidence
    evidence = dict(zip(frame["evidence_id"], frame["evidence"], strict=True))
    rows = [
        line.children[0]
        for line in matrix.children
        if any(isinstance(c, widgets.Dropdown) for c in getattr(line, "children", ()))
    ]
    assert len(rows) == len(evidence)
    for row in rows:
        assert not isinstance(row, widgets.Label), "a Label clips its text with an ellipsis"
        shown = re.sub(r"<[^>]+>", "", row.value)
        eid, _, text = shown.partition(" ")
        full = evidence[eid]
        import html as html_lib

        text = html_lib.unescape(text)
        if text.endswith("…"):
            kept = text[:-1].rstrip()
            assert full.startswith(kept) and full[len(kept)] == " ", f"{eid}: cut mid-word"
        else:
            assert text == full


def _literal(fig: Figure) -> None:
    for t in fig.findobj(Text):
        if "$" in t.get_text():
            assert not t.get_parse_math(), f"{t.get_text()!r} would be typeset as maths"


@pytest.mark.parametrize("name", sorted(REGISTRY))
@pytest.mark.parametrize("label", [DOLLARS, UNBALANCED])
def test_explorer_chart_draws_dollar_signs_literally(name: str, label: str) -> None:
    with plt.rc_context({"text.parse_math": True}):  # matplotlib's default, whatever ran before
        session = explore(name).session
        # A chart of its own: this test rewrites every text, and sessions share their chart.
        chart = session.spec.chart(session.data)
        chart.render(session.result)
        texts = [t for t in chart.fig.findobj(Text) if t.get_text().strip()]
        for t in texts:
            t.set_text(label)
        chart.renderer.forget_backgrounds()  # static texts too, through a full draw
        png = chart.renderer.png(static_key="dollars")
        assert png.startswith(b"\x89PNG")
        _literal(chart.fig)


@pytest.mark.parametrize("label", [DOLLARS, UNBALANCED])
def test_notebook_figures_draw_dollar_signs_literally(label: str, capsys) -> None:
    with plt.rc_context({"text.parse_math": True}):
        milestones = helpers.load("partnership_milestones").copy()
        milestones["milestone"] = label
        areas = helpers.load("itpp_areas").copy()
        areas["area"] = label
        incidents = helpers.load("crypto_incidents").copy()
        incidents["name"] = label
        for draw, args in (
            (partnership.draw_milestones, (milestones,)),
            (partnership.draw_itpp_map, (areas,)),
            (partnership.draw_theft, (helpers.load("crypto_theft"), incidents)),
        ):
            fig, ax = plt.subplots()
            draw(ax, *args)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png")  # mathtext would raise ValueError here
            _literal(fig)
            plt.close(fig)
