"""Prepared scenarios: every explorer saves its state and loads it back; misfits are refused
with the file and field named, and nothing the presenter had is lost."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import io
import json
import random
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest

import helpers
from helpers.data import DataError
from helpers.explorers import REGISTRY, ExplorerSession, scenarios
from helpers.explorers.drive import change_something

NAMES = sorted(REGISTRY)


@pytest.fixture(scope="module")
def sessions() -> dict[str, ExplorerSession]:
    return {name: ExplorerSession(REGISTRY[name]) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_every_preset_round_trips_as_file_and_line(name: str, sessions) -> None:
    spec, data = REGISTRY[name], sessions[name].data
    for scenario in scenarios.presets(spec):
        for text in (scenario.to_json(), scenario.to_line()):
            back = scenarios.parse(text, spec, data)
            assert back == scenario
        assert "\n" not in scenario.to_line()


@pytest.mark.parametrize("name", NAMES)
def test_a_reader_setting_saved_and_loaded_in_a_fresh_explorer(name: str, tmp_path: Path) -> None:
    view = helpers.explore(name)
    rng = random.Random(7)
    for _ in range(5):
        change_something(view, rng)
    path = view.save_scenario(tmp_path, name="Before the seminar")
    assert path.name == f"{name}-before-the-seminar.json"

    fresh = helpers.explore(name, scenario=path)
    assert fresh.session.state == view.session.state
    assert fresh.preset_picker.value == "Before the seminar"
    assert "Before the seminar" in fresh.preset_picker.options
    assert fresh.session.png == view.session.png
    fresh.reset()  # reset still returns to the commentary's view
    assert fresh.session.preset == REGISTRY[name].reset_preset


def test_the_pasted_line_loads_like_the_file() -> None:
    view = helpers.explore("race")
    view.session.update(korea_growth=(40, 60))
    view._show()
    line = view.scenario_line.value
    other = helpers.explore("race")
    other.paste.value = line
    other._load(other.paste.value)
    assert other.session.state.korea_growth == (40, 60)
    assert "Loaded" in other.scenario_status.value


def test_the_save_link_carries_the_scenario_file() -> None:
    view = helpers.explore("unsc")
    href = view.save_link.value.split('href="data:application/json;base64,')[1].split('"')[0]
    saved = json.loads(base64.b64decode(href))
    assert saved["explorer"] == "unsc"
    assert saved["name"] == REGISTRY["unsc"].reset_preset


def test_a_partial_file_changes_only_what_it_names() -> None:
    spec = REGISTRY["race"]
    text = json.dumps(
        {
            "format": scenarios.FORMAT,
            "version": 1,
            "explorer": "race",
            "name": "Only Korea",
            "state": {"korea_growth": [30, 40]},
        }
    )
    got = scenarios.parse(text, spec)
    reference = spec.presets[spec.reset_preset]
    assert got.state.korea_growth == (30, 40)
    assert got.state.rivals_growth == reference.rivals_growth


def _scenario(**changes) -> str:
    base = {
        "format": scenarios.FORMAT,
        "version": 1,
        "explorer": "timeline",
        "name": "Test",
        "state": {"period": "hindsight"},
    }
    base.update(changes)
    return json.dumps(base)


@pytest.mark.parametrize(
    ("text", "field", "found"),
    [
        ("not json at all", None, "invalid JSON"),
        (json.dumps({"explorer": "timeline"}), "format", "null"),
        (_scenario(version=2), "version", "2"),
        (_scenario(explorer="race"), "explorer", '"race"'),
        (_scenario(name=""), "name", '""'),
        (_scenario(state=[1, 2]), "state", "[1, 2]"),
        (_scenario(state={"colour": "red"}), "state.colour", "an unknown field"),
        (_scenario(state={"verified_only": "yes"}), "state.verified_only", '"yes"'),
        (_scenario(state={"months": ["2022-01-01"]}), "state.months", '["2022-01-01"]'),
        (_scenario(state={"months": ["2022-13-01", "2023-01-01"]}), "state.months", "2022-13"),
        (_scenario(state={"categories": ["ufo"]}), "state.categories", '["ufo"]'),
        (_scenario(state={"months": ["2024-01-01", "2023-01-01"]}), "state.months", "2024-01-01"),
        (_scenario(state={"period": None}), "state.period", "null"),
    ],
)
def test_a_scenario_that_does_not_fit_names_the_field(text: str, field, found: str) -> None:
    with pytest.raises(DataError) as caught:
        scenarios.parse(text, REGISTRY["timeline"], origin="seminar.json")
    problem = caught.value.problems[0]
    assert problem.file == "seminar.json"
    assert problem.column == field
    assert found in problem.found
    assert "seminar.json" in str(caught.value)
    if field:
        assert f"field '{field}'" in str(caught.value)


def test_every_misfit_is_listed_at_once() -> None:
    text = _scenario(state={"colour": "red", "verified_only": 3, "period": 1})
    with pytest.raises(DataError) as caught:
        scenarios.parse(text, REGISTRY["timeline"])
    fields = {p.column for p in caught.value.problems}
    assert fields == {"state.colour", "state.verified_only", "state.period"}


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    spec = REGISTRY["race"]
    with pytest.raises(DataError, match="no such file"):
        scenarios.read(tmp_path / "absent.json", spec)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(DataError, match="UTF-8"):
        scenarios.read(binary, spec)


def test_a_bad_load_in_the_widget_keeps_everything(tmp_path: Path) -> None:
    view = helpers.explore("money")
    view.session.update(years=(2023, 2024))
    view._show()
    before_state, before_options = view.session.state, view.preset_picker.options
    view._load(_scenario(), label="timeline-test.json")  # another explorer's file
    assert view.session.state == before_state
    assert view.preset_picker.options == before_options
    assert "Not loaded" in view.scenario_status.value
    assert "timeline-test.json" in view.scenario_status.value
    assert "field &#39;explorer&#39;" in view.scenario_status.value


def _upload(name: str, content: bytes) -> dict:
    """One file as the browser's FileUpload widget sends it."""
    return {
        "name": name,
        "type": "application/json",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
    }


def test_uploaded_files_load_and_misfits_are_reported() -> None:
    view = helpers.explore("race")
    good = scenarios.Scenario("race", "Uploaded", REGISTRY["race"].presets["SIPRI trend"])
    good = dataclasses.replace(good, state=dataclasses.replace(good.state, korea_growth=(1, 2)))
    view.upload.value = (
        _upload("good.json", good.to_json().encode()),
        _upload("notes.txt", b"\xff\xfe"),
    )
    assert view.session.scenarios["Uploaded"].korea_growth == (1, 2)
    assert "Uploaded" in view.preset_picker.options
    assert "notes.txt" in view.scenario_status.value  # the bad file, named
    assert view.session.state.korea_growth == (1, 2)  # the good one stays loaded


def test_a_same_named_but_different_scenario_does_not_overwrite_a_preset() -> None:
    spec = REGISTRY["race"]
    session = ExplorerSession(spec)
    clash = scenarios.Scenario("race", spec.reset_preset, spec.presets["SIPRI trend"])
    clash = dataclasses.replace(
        clash, name="SIPRI trend", state=dataclasses.replace(clash.state, korea_growth=(0, 1))
    )
    session.load_scenario(clash.to_line())
    assert session.scenarios["SIPRI trend"] == spec.presets["SIPRI trend"]
    assert session.preset == "SIPRI trend (loaded)"


@pytest.fixture
def no_sweep_charts(monkeypatch) -> None:
    """The precomputed view without its sweep's charts (``tests/test_sweeps.py`` tests the
    sweep): these tests read the presets' pages."""
    from helpers.explorers import precomputed

    monkeypatch.setattr(precomputed, "_sweep_page", lambda session, state: widgets.HTML())


@pytest.mark.parametrize("name", NAMES)
def test_the_static_build_offers_the_same_named_scenarios_as_the_live_view(
    name: str, no_sweep_charts: None
) -> None:
    from helpers.explorers import PrecomputedView
    from helpers.explorers.precomputed import compact_png

    live = helpers.explore(name)
    static = PrecomputedView(ExplorerSession(REGISTRY[name]))
    assert list(static.picker.options) == list(live.preset_picker.options)
    assert len(static.stack.children) == len(live.preset_picker.options)
    # each precomputed page is that preset's own chart (in 256 colours, as built): compared
    # as pixels, so the test need not spend the build's slowest encoding again
    for index, preset in enumerate(live.preset_picker.options):
        live.preset_picker.value = preset
        shown = [
            _rgb(base64.b64decode(part.split('"')[0]))
            for part in static.stack.children[index].value.split("base64,")[1:]
        ]
        built = _rgb(compact_png(live.session.png, smallest=False))
        assert any(np.array_equal(built, page) for page in shown), preset


def _rgb(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_explore_returns_the_precomputed_view_only_in_a_static_build(
    monkeypatch, no_sweep_charts: None
) -> None:
    from helpers.explorers import ExplorerView, PrecomputedView

    assert isinstance(helpers.explore("race"), ExplorerView)
    monkeypatch.setenv("BRIEFING_STATIC", "1")
    view = helpers.explore("race", preset="Polish deliveries on schedule")
    assert isinstance(view, PrecomputedView)
    assert view.picker.value == "Polish deliveries on schedule"
    assert repr(view).endswith("precomputed>")
