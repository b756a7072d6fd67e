"""Every registered explorer, driven the way a reader drives it: through its controls.

The first tests run over the whole registry, so a new explorer is covered without edits.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import html
import re

import ipywidgets as widgets
import matplotlib.dates as mdates
import pytest
import traitlets

from helpers.data import catalog_for
from helpers.explorers import REGISTRY, ExplorerSession, ExplorerView, explore
from helpers.models.timeline import month_end

NAMES = sorted(REGISTRY)


def _img(view: ExplorerView) -> tuple[bytes, str]:
    m = re.search(r'alt="([^"]*)" src="data:image/png;base64,([^"]+)"', view.image.value)
    assert m, "the chart is not an <img> with alt text"
    return base64.b64decode(m.group(2)), html.unescape(m.group(1))


@pytest.mark.parametrize("name", NAMES)
def test_every_preset_renders_a_png_with_alt_text(name: str) -> None:
    session = ExplorerSession(REGISTRY[name])
    seen = set()
    for preset in REGISTRY[name].presets:
        session.apply_preset(preset)
        assert session.preset == preset
        assert session.png.startswith(b"\x89PNG")
        assert len(session.alt_text) > 40
        seen.add(session.png)
    assert len(seen) == len(REGISTRY[name].presets), "two presets draw the same chart"


@pytest.mark.parametrize("name", NAMES)
def test_every_control_has_a_description_a_definition_and_a_css_class(name: str) -> None:
    view = explore(name)
    for control in REGISTRY[name].controls:
        w = view.controls[control.field]
        assert getattr(w, "description", "").strip(), control.field
        assert len(control.definition) > 20
        assert f"explorer-{name}-{control.field}" in w._dom_classes
    assert view.reset_button.description.startswith("Reset to")


@pytest.mark.parametrize("name", NAMES)
def test_reset_returns_to_the_first_preset(name: str) -> None:
    view = explore(name)
    first_png, _ = _img(view)
    other = list(REGISTRY[name].presets)[1]
    view.preset_picker.value = other
    assert _img(view)[0] != first_png
    view.reset_button.click()
    assert view.session.preset == REGISTRY[name].reset_preset
    assert view.preset_picker.value == REGISTRY[name].reset_preset
    assert _img(view)[0] == first_png


@pytest.mark.parametrize("name", NAMES)
def test_repr_is_short_and_stable_for_nbval(name: str) -> None:
    text = explore(name)._repr_mimebundle_()["text/plain"]
    assert text == f"<{REGISTRY[name].title} explorer>"


# --- the timeline explorer in particular --------------------------------------------------

def test_period_toggle_changes_chart_title_alt_text_and_table() -> None:
    view = explore("timeline")
    png0, alt0 = _img(view)
    rows0 = view.table_html.value.count("<tr>")
    assert view.controls["period"].value == "article"
    assert "What the commentary could see" in view.session.chart.title.get_text()

    view.controls["period"].value = "hindsight"

    png1, alt1 = _img(view)
    assert png1 != png0 and alt1 != alt0
    assert view.session.chart.title.get_text().startswith("With hindsight:")
    assert view.table_html.value.count("<tr>") > rows0
    assert view.preset_picker.value == "With hindsight (to 2026)"


def test_unticking_a_category_empties_its_lane() -> None:
    view = explore("timeline")
    chart = view.session.chart
    assert len(chart.points["arms"].get_offsets()) > 0
    group = view.controls["categories"]
    group.boxes[list(group._keys).index("arms")].value = False
    assert "arms" not in view.session.state.categories
    assert len(chart.points["arms"].get_offsets()) == 0
    # the reader's own setting is named, never a blank box
    assert view.preset_picker.value == "Custom (your setting)"


def test_month_range_moves_the_axis() -> None:
    view = explore("timeline")
    slider = view.controls["months"]
    options = [value for _, value in slider.options]
    slider.value = (options[6], options[17])
    lo, hi = view.session.chart.ax.get_xlim()
    assert mdates.num2date(lo).date() == options[6]
    assert mdates.num2date(hi).date() == month_end(options[17]) + dt.timedelta(days=1)
    assert all(options[6] <= d.date() for d in view.session.result.events["date"])


def test_sources_line_and_bibliography_follow_the_selection() -> None:
    view = explore("timeline")
    n_before = view.bibliography.value.count("<li>")
    view.controls["period"].value = "hindsight"
    assert view.bibliography.value.count("<li>") > n_before
    as_of = catalog_for()["timeline"].as_of
    assert f"Data as of {as_of:%-d %B %Y}" in view.sources_line.value
    assert f"for the {len(view.session.result.events)} events shown" in view.sources_line.value


def test_table_has_a_csv_download_of_the_same_rows() -> None:
    view = explore("timeline")
    m = re.search(r'href="data:text/csv;base64,([^"]+)"', view.table_html.value)
    assert m
    csv_text = base64.b64decode(m.group(1)).decode("utf-8")
    assert csv_text.count("\n") == len(view.session.result.events) + 1


def test_the_chart_downloads_as_png_and_svg_with_its_title_source_and_date() -> None:
    """Charts people can reuse (as OWID's): on request the explorer offers the chart as it
    stands as PNG (the picture shown) and SVG (text as text: the title, the source and the
    "as of" footer are words in the file); a change of chart clears the links, so a link
    never saves a chart that is no longer shown."""
    view = explore("race")
    assert view.chart_links.value == ""
    view._chart_files()
    links = dict(
        (name.rsplit(".", 1)[1], (mime, base64.b64decode(data)))
        for name, mime, data in re.findall(
            r'download="([^"]+)" href="data:([^;]+);base64,([^"]+)"', view.chart_links.value
        )
    )
    assert set(links) == {"png", "svg"}
    assert links["png"] == ("image/png", view.session.png)
    svg = links["svg"][1].decode("utf-8")
    title = view.session.chart.headline(view.session.result)
    assert title.split(";")[0] in html.unescape(svg)  # the title, as text
    assert "Data as of" in svg and "Source: SIPRI" in svg
    view.controls["korea_growth"].value = (30, 40)
    assert view.chart_links.value == ""


def test_text_from_the_data_is_escaped() -> None:
    spec = REGISTRY["timeline"]

    def hostile_load():
        frame = spec.load()
        frame.loc[0, "description"] = "<script>alert(1)</script>"
        return frame

    view = ExplorerView(ExplorerSession(dataclasses.replace(spec, load=hostile_load)))
    view.controls["period"].value = "hindsight"
    assert "<script>" not in view.table_html.value
    assert "&lt;script&gt;" in view.table_html.value


def test_checkbox_group_refuses_unknown_options() -> None:
    group = explore("timeline").controls["categories"]
    with pytest.raises(traitlets.TraitError):
        group.value = ("weather",)
    assert isinstance(group, widgets.VBox)


def test_a_checkbox_group_change_updates_the_view_once() -> None:
    view = explore("timeline")
    calls = []
    original = view.session.update

    def counting_update(**changes):
        calls.append(changes)
        return original(**changes)

    view.session.update = counting_update
    view.controls["categories"].value = ("arms", "politics")
    assert calls == [{"categories": ("arms", "politics")}]


@pytest.mark.parametrize("name", NAMES)
def test_random_control_changes_keep_view_and_state_in_step(name: str) -> None:
    import random

    from helpers.explorers.drive import change_something

    view, rng = explore(name), random.Random(11)
    for _ in range(8):
        field = change_something(view, rng)
        assert getattr(view.session.state, field) == view.controls[field].value
        png, alt = _img(view)
        assert png == view.session.png and alt == view.session.alt_text
