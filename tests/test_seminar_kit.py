"""The seminar kit: the role-play brief's data and its view."""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers.views as views
from helpers.data import catalog_for, load, sources
from helpers.views import role_brief

ACTORS = ("Seoul", "Washington", "Beijing", "Moscow", "Pyongyang", "NATO")


def test_every_actor_has_at_least_two_interests() -> None:
    roles = load("roles")
    assert tuple(roles["actor"].cat.categories) == ACTORS
    counts = roles["actor"].value_counts()
    for actor in ACTORS:
        assert counts[actor] >= 2, actor


def test_every_source_id_resolves_and_interests_are_labelled_judgments() -> None:
    roles = load("roles")
    known = set(sources().index)
    for row in roles.itertuples():
        assert row.source_ids and set(row.source_ids) <= known, row.role_id
        assert row.attribution == "JUDGMENT", row.role_id
    assert "JUDGMENT" in catalog_for()["roles"].caveats


def test_every_row_names_a_notebook_that_exists() -> None:
    folder = Path(__file__).resolve().parents[1] / "notebooks"
    for name in set(load("roles")["notebook"]):
        assert (folder / f"{name}.ipynb").is_file(), name


def test_the_brief_shows_one_side_or_all_with_a_stable_repr() -> None:
    roles = load("roles")
    n_beijing = int((roles["actor"] == "Beijing").sum())
    one = role_brief("Beijing")
    assert repr(one) == f"<Role-play brief: Beijing ({n_beijing} interests)>"
    assert "<h4>Beijing</h4>" in one.value and "<h4>Moscow</h4>" not in one.value
    every = role_brief()
    assert repr(every) == f"<Role-play brief: six sides ({len(roles)} interests)>"
    for actor in ACTORS:
        assert f"<h4>{actor}</h4>" in every.value
    assert "JUDGMENT" in every.value and "<details>" in every.value


def test_an_unknown_actor_gives_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"unknown actor 'Tokyo'; actors: \['Seoul'"):
        role_brief("Tokyo")


def test_the_html_escapes_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    roles = load("roles").copy()
    roles["interest"] = roles["interest"].astype(object)
    roles.loc[roles.index[0], "interest"] = "<script>alert('x')</script>"
    roles.loc[roles.index[0], "evidence"] = "a <b>bold</b> & claim"
    monkeypatch.setattr(views, "load", lambda name: roles)
    value = role_brief(str(roles["actor"].iloc[0])).value
    assert "<script>" not in value and "&lt;script&gt;" in value
    assert "a &lt;b&gt;bold&lt;/b&gt; &amp; claim" in value
