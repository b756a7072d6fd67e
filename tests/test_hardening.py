"""Hostile and careless inputs: files outside the chosen folder, participants named
twice, scenarios that do not fit the controls, inputs that used to end in a deep traceback,
unbounded inputs. Each gets one clear DataError (or a message in the widget) and changes
nothing the presenter had."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
from pathlib import Path

import pytest

import helpers
from helpers.data import DataError, load, loader
from helpers.data.catalog import load_catalog
from helpers.explorers import REGISTRY, ExplorerSession, scenarios
from helpers.models import ach
from helpers.models import agreement as m
from helpers.seminar.class_ratings import gather_ratings

DATA = m.load_data()
BRIEFING = m.sample_participants(DATA)[ach.BRIEFING_READING]
HEADER = "evidence_id,h1,h2,h3,h4"


def _csv(ratings=BRIEFING) -> str:
    rows = [",".join([e, *r]) for e, r in zip(DATA.evidence["evidence_id"], ratings, strict=True)]
    return HEADER + "\n" + "\n".join(rows) + "\n"


def _scenario(explorer: str, state: dict, **top) -> str:
    return json.dumps(
        {
            "format": scenarios.FORMAT,
            "version": 1,
            "explorer": explorer,
            "name": "Test",
            "state": state,
            **top,
        }
    )


# --- 2. Files: only regular files inside the folder; participants keyed loosely ------------


def test_gather_does_not_follow_links_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.csv").write_text(_csv())
    room = tmp_path / "room"
    room.mkdir()
    (room / "anna.csv").write_text(_csv())
    (room / "passwd.csv").symlink_to("/etc/passwd")
    (room / "ghost.csv").symlink_to(outside / "secret.csv")
    with pytest.raises(DataError) as caught:
        m.read_participants(room, data=DATA)
    text = str(caught.value)
    assert "passwd.csv: expected a participant's CSV file" in text and "symbolic link" in text
    assert "ghost.csv" in text
    assert "root:" not in text  # nothing of the linked file is read or shown
    with pytest.raises(DataError, match="symbolic link"):
        m.read_participants(room / "ghost.csv", data=DATA)


def test_an_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text(_csv() + "\n" * (1024 * 1024 + 10))
    with pytest.raises(DataError, match=r"big\.csv: expected .*bytes"):
        m.read_participants(big, data=DATA)
    view = gather_ratings()
    problems = view.add_files({"big.csv": big.read_bytes()})
    assert problems and "bytes" in str(problems[0])


def test_participants_are_keyed_ignoring_case_and_spaces(tmp_path: Path) -> None:
    room = tmp_path / "room"
    room.mkdir()
    for name in ("Alice.csv", "alice.csv", "alice .csv"):
        (room / name).write_text(_csv())
    with pytest.raises(DataError) as caught:
        m.read_participants(room, data=DATA)
    assert len(caught.value.problems) == 2
    assert all("already read from" in p.found for p in caught.value.problems)


def test_two_files_of_one_upload_naming_one_participant_are_a_clash() -> None:
    view = gather_ratings()
    problems = view.add_files({"alice.csv": _csv().encode(), "Alice.csv": _csv().encode()})
    assert len(problems) == 1 and "already read from alice.csv" in problems[0].found
    assert list(view.room) == ["alice"]
    assert "each participant once" in view.message.value


def test_a_field_past_the_csv_limit_is_a_clear_error_in_file_and_upload(tmp_path: Path) -> None:
    huge = _csv().replace("E01,", '"E01' + "x" * 200_000 + '",', 1)
    view = gather_ratings()
    problems = view.add_files({"wide.csv": huge.encode()})
    assert problems and "wide.csv" in view.message.value and "field" in view.message.value
    path = tmp_path / "wide.csv"
    path.write_text(huge)
    with pytest.raises(DataError, match=r"wide\.csv"):
        m.read_participants(path, data=DATA)


# --- 3. One truth per control; a scenario load is all or nothing -----------------------------


def test_a_growth_the_slider_cannot_show_is_refused_not_clamped() -> None:
    view = helpers.explore("race")
    slider = view.controls["korea_growth"]
    before = (view.session.state, dict(view.session.scenarios), slider.value)
    view._load(_scenario("race", {"korea_growth": [400, 450]}), label="big.json")
    assert "Not loaded" in view.scenario_status.value
    assert (view.session.state, dict(view.session.scenarios), slider.value) == before
    with pytest.raises(DataError, match="korea_growth"):
        scenarios.parse(_scenario("race", {"korea_growth": [400, 450]}), REGISTRY["race"])
    from helpers.models import race  # the slider reads the model's declared range

    assert (slider.min, slider.max) == (race.KOREA_GROWTH.low, race.KOREA_GROWTH.high)


def test_a_timeline_scenario_off_the_slider_changes_nothing() -> None:
    view = helpers.explore("timeline")
    view.controls["verified_only"].value = True
    before = (
        view.session.state,
        dict(view.session.scenarios),
        {f: w.value for f, w in view.controls.items()},
        view.preset_picker.options,
    )
    line = _scenario("timeline", {"period": "hindsight", "months": ["2022-01-15", "2023-01-01"]})
    with pytest.raises(DataError, match="months"):
        view.load_scenario(line)
    after = (
        view.session.state,
        dict(view.session.scenarios),
        {f: w.value for f, w in view.controls.items()},
        view.preset_picker.options,
    )
    assert after == before


def test_a_value_a_control_cannot_show_is_refused_before_anything_changes() -> None:
    """``included: null`` passes the model (None means all) but no checkbox group shows it."""
    view = helpers.explore("ach")
    before = view.session.state
    view._load(_scenario("ach", {"included": None}), label="null.json")
    assert "Not loaded" in view.scenario_status.value and "included" in view.scenario_status.value
    assert view.session.state == before


def test_unknown_top_level_fields_are_refused() -> None:
    with pytest.raises(DataError, match="an unknown field"):
        scenarios.parse(_scenario("race", {}, colour="red"), REGISTRY["race"])


def test_presets_and_controls_come_from_the_sessions_data(tmp_path: Path, monkeypatch) -> None:
    """A CSV edited in a running kernel: the ACH explorer follows the data it loads."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(loader.DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = target / "ach_evidence.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(r for r in rows if r[0] != "E10")
    monkeypatch.setattr(loader, "DATA_DIR", target)
    view = helpers.explore("ach")
    assert len(view.controls["ratings"].cells) == len(rows) - 2
    assert len(view.session.state.ratings) == len(rows) - 2


# --- 4. Deep tracebacks become clear errors ----------------------------------------------------


def _copy(data_dir: Path, name: str, edit) -> None:
    path = data_dir / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_an_integer_too_large_for_its_column(data_dir: Path) -> None:
    _copy(data_dir, "counts.csv", lambda t: t.replace("2022,31,", "2022,99999999999999999999,"))
    with pytest.raises(DataError, match=r"counts.csv, row 1 \(line 2\), column 'events'"):
        load("counts", data_dir)


def test_a_field_past_the_csv_limit_in_a_dataset(data_dir: Path) -> None:
    _copy(
        data_dir,
        "counts.csv",
        lambda t: t.replace("un-sc14911,VERIFIED", '"' + "x" * 200_000 + '",VERIFIED', 1),
    )
    with pytest.raises(DataError, match=r"counts\.csv"):
        load("counts", data_dir)


def test_numbers_with_spaces_or_underscores_are_refused_like_text(data_dir: Path) -> None:
    _copy(
        data_dir,
        "counts.csv",
        lambda t: t.replace("2022,31,", "2022, 31,").replace("2023,18,", "2023,1_8,"),
    )
    with pytest.raises(DataError) as caught:
        load("counts", data_dir)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(1, "events"), (2, "events")}


def test_a_non_date_as_of_in_the_catalog(data_dir: Path) -> None:
    def last_as_of(text: str) -> str:  # the [counts] dataset's, at the end
        head, _, tail = text.rpartition("as_of = 2026-11-27")
        return head + 'as_of = "soon"' + tail

    _copy(data_dir, "catalog.toml", last_as_of)
    with pytest.raises(DataError, match=r"\[counts\].as_of"):
        load_catalog(data_dir)


def test_a_deeply_nested_scenario() -> None:
    deep = (
        '{"format": "korea-nato-briefing/scenario", "state": ' + "[" * 20_000 + "]" * 20_000 + "}"
    )
    with pytest.raises(DataError, match="nested too deeply"):
        scenarios.parse(deep, REGISTRY["race"])
    view = helpers.explore("race")
    view._load(deep, label="deep.json")
    assert "Not loaded" in view.scenario_status.value


def test_a_scenario_path_that_is_a_folder_or_too_long(tmp_path: Path) -> None:
    spec = REGISTRY["race"]
    with pytest.raises(DataError, match="a folder"):
        scenarios.read(tmp_path, spec)
    with pytest.raises(DataError, match="scenario file"):
        scenarios.read(tmp_path / ("x" * 5000), spec)
    session = ExplorerSession(spec)
    with pytest.raises(DataError):
        session.load_scenario(tmp_path)


# --- 6. Unbounded inputs ---------------------------------------------------------------------


def test_a_huge_scenario_name_or_file_is_refused(tmp_path: Path) -> None:
    spec = REGISTRY["race"]
    with pytest.raises(DataError, match="name"):
        scenarios.parse(_scenario("race", {}, name="x" * 20_000), spec)
    big = tmp_path / "big.json"
    big.write_text(_scenario("race", {}, name="y" * 50) + " " * (1024 * 1024))
    with pytest.raises(DataError, match="bytes"):
        scenarios.read(big, spec)


def test_error_lists_in_the_page_are_capped() -> None:
    bad = HEADER + "\n" + "".join("E01,x,y,z,w\n" for _ in range(10_000))
    view = gather_ratings()
    problems = view.add_files({"many.csv": bad.encode()})
    assert len(problems) > 10_000
    assert view.message.value.count("<li>") <= 21
    assert "more problem" in view.message.value
    explorer = helpers.explorers.explore("timeline")
    state = {f"field{i}": 1 for i in range(5000)}
    explorer._load(_scenario("timeline", state), label="fields.json")
    assert explorer.scenario_status.value.count("<li>") <= 21


def test_every_preset_fits_its_controls() -> None:
    for name, spec in REGISTRY.items():
        session = ExplorerSession(spec)
        for preset, state in session.presets.items():
            assert scenarios.control_misfits(spec, state, session.data) == [], (name, preset)
            assert dataclasses.is_dataclass(state)


def test_a_fifo_in_the_folder_is_not_read(tmp_path: Path) -> None:
    room = tmp_path / "room"
    room.mkdir()
    (room / "anna.csv").write_text(_csv())
    os.mkfifo(room / "pipe.csv")  # reading it would block forever
    with pytest.raises(DataError, match="not a regular file"):
        m.read_participants(room, data=DATA)


def test_a_second_same_named_scenario_keeps_the_first_loaded_one() -> None:
    session = ExplorerSession(REGISTRY["race"])
    for growth in ([1, 2], [3, 4]):
        session.load_scenario(_scenario("race", {"korea_growth": growth}, name="SIPRI trend"))
    assert session.scenarios["SIPRI trend (loaded)"].korea_growth == (1, 2)
    assert session.scenarios["SIPRI trend (loaded 2)"].korea_growth == (3, 4)


def test_a_folder_of_too_many_files_is_refused_before_reading(tmp_path: Path) -> None:
    from helpers.data.participant_files import MAX_FILES

    room = tmp_path / "room"
    room.mkdir()
    for i in range(MAX_FILES + 1):
        (room / f"p{i}.csv").write_text("")
    with pytest.raises(DataError, match="none read") as caught:
        m.read_participants(room, data=DATA)
    assert len(caught.value.problems) == 1  # not one "empty file" per file
