"""One declaration per control (``helpers/models/controls.py``): every surface reads it.

A test changes one declaration (the race's South Korean growth) and sees the live widget,
the offline sweep, the model's validation, the scenario parser and the README's table all
follow; the parser checks a value without building a widget; every state field of every
explorer has exactly one declaration; the README's table is the one the declarations give.
"""

from __future__ import annotations

import dataclasses
import json

import ipywidgets as widgets
import pytest

from helpers.data import DataError
from helpers.explorers import REGISTRY, ExplorerSession, ExplorerView, scenarios
from helpers.models import controls as c
from helpers.models import race
from helpers.present import controls_table


def _race_scenario(growth: list[int]) -> str:
    return json.dumps(
        {
            "format": scenarios.FORMAT,
            "version": scenarios.VERSION,
            "explorer": "race",
            "name": "Test",
            "state": {"korea_growth": growth},
        }
    )


def test_one_changed_declaration_reaches_every_surface(monkeypatch) -> None:
    changed = dataclasses.replace(
        race.KOREA_GROWTH, label="Korea's growth", low=-20, high=200, sweep_step=20
    )
    monkeypatch.setattr(race, "CONTROLS", (changed, *race.CONTROLS[1:]))
    spec = REGISTRY["race"]
    session = ExplorerSession(spec)

    slider = ExplorerView(session).controls["korea_growth"]  # the live widget
    assert (slider.min, slider.max, slider.step) == (-20, 200, 1)
    assert slider.description == "Korea's growth (%):"

    axis = spec.swept.main  # the offline sweep
    assert axis.values == tuple(range(-20, 201, 20)) and axis.label == "Korea's growth"
    assert axis.points(session.data)[-1][0] == "+200%"

    base = session.presets[session.reset_preset]  # the model's validation
    race.compute(dataclasses.replace(base, korea_growth=(-20, 200)), session.data)
    for outside in ((-30, 0), (0, 210)):
        with pytest.raises(ValueError, match=r"korea_growth must be .* from -20% to \+200%"):
            race.compute(dataclasses.replace(base, korea_growth=outside), session.data)

    with pytest.raises(DataError) as caught:  # the scenario parser
        scenarios.parse(_race_scenario([190, 210]), spec, session.data, origin="big.json")
    problem = caught.value.problems[0]
    assert problem.column == "state.korea_growth" and "from -20% to +200%" in problem.expected
    assert scenarios.parse(_race_scenario([190, 200]), spec, session.data).state.korea_growth == (
        190,
        200,
    )

    row = (
        "| race | Korea's growth (%) | from -20% to +200%, low–high "
        "| -20% to +200%, steps of 20 points |"
    )
    assert row in controls_table.markdown()  # the README's table


def test_the_scenario_parser_builds_no_widget(monkeypatch) -> None:
    spec = REGISTRY["race"]
    data = spec.load()

    def refuse(*_args, **_kwargs):
        raise AssertionError("the parser built a widget")

    monkeypatch.setattr(widgets.Widget, "__init__", refuse)
    assert scenarios.parse(_race_scenario([10, 20]), spec, data).state.korea_growth == (10, 20)
    with pytest.raises(DataError, match="korea_growth"):
        scenarios.parse(_race_scenario([400, 450]), spec, data)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_state_field_has_exactly_one_declaration(name: str) -> None:
    spec = REGISTRY[name]
    fields = [f.name for f in dataclasses.fields(spec.presets[spec.reset_preset])]
    declared = [control.field for control in spec.controls]
    assert sorted(declared) == sorted(fields)
    assert len(set(declared)) == len(declared)
    for control in spec.controls:  # every preset is a state the controls can show
        for preset, state in spec.presets.items():
            assert control.problem(getattr(state, control.field), spec.load()) is None, preset
        assert control.definition and control.label


def test_the_readme_table_is_the_one_the_declarations_give() -> None:
    text = controls_table.README.read_text(encoding="utf-8")
    assert controls_table.in_readme(text) == controls_table.markdown(), (
        "README.md's table of controls is stale: run "
        "`python -m helpers.present.controls_table --write`"
    )


@pytest.mark.parametrize(
    ("control", "good", "bad"),
    [
        (
            c.Range(field="r", label="R", definition="d", low=0, high=10),
            (2, 5),
            [(5, 2), (0, 11), (1,), [1, 2], (True, 2)],
        ),
        (
            c.Number(field="n", label="N", definition="d", low=0.0, high=1.0, step=0.05),
            0.35,
            [0.33, 1.05, float("nan"), "0.5", True],
        ),
        (
            c.Choice(field="c", label="C", definition="d", options=[("A", "a"), ("B", "b")]),
            "b",
            ["c", None, 1],
        ),
        (c.Toggle(field="t", label="T", definition="d"), False, [0, "yes", None]),
        (
            c.Subset(field="s", label="S", definition="d", options=[("A", "a"), ("B", "b")]),
            ("b",),
            [("a", "a"), ("z",), "a", None],
        ),
        (
            c.Grid(
                field="g",
                label="G",
                definition="d",
                rows=lambda _d: ["x", "y"],
                columns=("H1",),
                scale=(1, 2),
            ),
            ((1,), (2,)),
            [((1,),), ((3,), (1,)), ((True,), (1,)), ((1, 2), (1,))],
        ),
    ],
)
def test_each_kind_of_control_accepts_what_its_widget_shows_and_nothing_else(
    control, good, bad
) -> None:
    assert control.problem(good) is None
    for value in bad:
        problem = control.problem(value)
        assert problem is not None and problem.expects, value
    with pytest.raises(ValueError, match=control.field):
        c.check((control,), type("S", (), {control.field: bad[0]})())
