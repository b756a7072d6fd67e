"""Hardening, third round, the unit layer: names taken through the views as a
participant or a presenter gives them, scenario files with huge numbers or duplicate keys,
dates pandas cannot hold, the silent misreads of participants' files, stray files in a
folder and line numbers after a line break inside a quoted cell."""

from __future__ import annotations

import json
import unicodedata

import pytest

import helpers
from helpers.data import DataError
from helpers.explorers import REGISTRY, scenarios
from helpers.seminar.room_forecasts import gather_forecasts

FORECAST = b"question_id,probability\ncommentary-reprimand,0.6\n"


def scores(view) -> dict[str, float]:
    frame = view.result.scores
    return dict(zip(frame["Forecaster"], frame["Mean Brier score"], strict=True))


# --- item 2: the views' own rows cannot be taken by a participant's file ----------------------


def test_files_named_after_the_rooms_and_the_briefings_rows_are_refused_in_the_view() -> None:
    """Before: 'the room (median).csv' and "the briefing's dataset.csv" replaced those rows of
    the Brier table (the briefing shown at 0.0001 instead of 0.106) and counted as
    participants."""
    view = gather_forecasts()
    view.add_files({"anna.csv": FORECAST})
    before = scores(view)
    briefing = next(k for k in before if k.startswith("the briefing"))
    sure = b"question_id,probability\ncommentary-reprimand,0.99\nsummit-2027,0.01\n"
    problems = view.add_files({"the room (median).csv": sure, "the briefing's dataset.csv": sure})
    assert len(problems) == 2
    assert {p.file for p in problems} == {"the room (median).csv", "the briefing's dataset.csv"}
    assert "Not added" in view.message.value and "keep for their own rows" in view.message.value
    assert repr(view) == "<Room forecasts: 1 participant>"
    assert scores(view) == before
    assert scores(view)[briefing] == pytest.approx(0.105625)
    # The same names as a combined file's participant column are refused too.
    combined = (
        b"participant,question_id,probability\nThe Room (median),commentary-reprimand,0.99\n"
    )
    assert view.add_files({"class.csv": combined})
    assert scores(view) == before and repr(view) == "<Room forecasts: 1 participant>"


# --- item 3: one name, one person; scenario names under the same rule -------------------------


def test_a_decomposed_jose_replaces_the_composed_one_on_a_re_upload() -> None:
    composed, decomposed = (unicodedata.normalize(f, "José") for f in ("NFC", "NFD"))
    view = gather_forecasts()
    view.add_files({f"{composed}.csv": FORECAST})
    view.add_files({f"{decomposed}.csv": b"question_id,probability\ncommentary-reprimand,0.2\n"})
    assert list(view.room) == [composed]
    assert view.room[composed] == {"commentary-reprimand": 0.2}
    assert "replacing earlier forecasts of <bdi>José</bdi>" in view.message.value


def test_added_names_are_isolated_so_a_right_to_left_name_cannot_reorder_the_next() -> None:
    view = gather_forecasts()
    view.add_files({"אבי.csv": FORECAST, "bob.csv": FORECAST})
    assert "<bdi>אבי</bdi>" in view.message.value and "<bdi>bob</bdi>" in view.message.value


def _scenario(name: object, explorer: str = "race") -> str:
    envelope = {"format": scenarios.FORMAT, "version": 1, "explorer": explorer}
    return json.dumps({**envelope, "name": name, "state": {}})


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("ali\u200bce", "U+200B"),
        ("plan\u202eA", "U+202E"),
        ("\u0430lternative", "Cyrillic and Latin"),
        ("\u200b", "U+200B"),
    ],
)
def test_scenario_names_that_hide_or_mislead_are_refused_naming_the_field(
    name: str, why: str
) -> None:
    with pytest.raises(DataError) as err:
        scenarios.parse(_scenario(name), REGISTRY["race"], origin="x.json")
    (problem,) = err.value.problems
    assert problem.file == "x.json" and problem.column == "name" and why in str(err.value)


def test_a_decomposed_scenario_name_is_stored_composed_and_a_loaded_one_is_kept() -> None:
    decomposed = unicodedata.normalize("NFD", "José's plan")
    loaded = scenarios.parse(_scenario(decomposed), REGISTRY["race"])
    assert loaded.name == unicodedata.normalize("NFC", "José's plan")
    view = helpers.explore("race")
    view._load(_scenario("plan\u202eA"), label="p.json")
    assert "Not loaded" in view.scenario_status.value and "U+202E" in view.scenario_status.value
    assert not any("\u202e" in n for n in view.session.scenarios)


def test_a_scenario_saved_under_a_name_that_hides_characters_is_refused(tmp_path) -> None:
    view = helpers.explore("race")
    with pytest.raises(DataError, match="U\\+200B"):
        view.save_scenario(tmp_path, name="mine\u200b")
    assert list(tmp_path.iterdir()) == []
    path = view.save_scenario(tmp_path, name=unicodedata.normalize("NFD", "José"))
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == "José"


# --- item 4: dates pandas cannot hold are a problem in validation ---------------------------


def _edit(data_dir, name: str, old: str, new: str) -> None:
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("dataset", "file", "old", "new", "column"),
    [
        ("timeline", "timeline.csv", "ronin-hack,2022-03-23", "ronin-hack,1027-12-31", "date"),
        ("forecasts", "forecasts.csv", "2027-12-31", "9999-12-31", "resolution_date"),
    ],
)
def test_a_date_outside_the_stated_range_names_file_row_column_and_range(
    data_dir, dataset: str, file: str, old: str, new: str, column: str
) -> None:
    """Before: pandas' OutOfBoundsDatetime from deep in the loader, no file named."""
    from helpers.data import load

    _edit(data_dir, file, old, new)
    with pytest.raises(DataError) as err:
        load(dataset, data_dir)
    (problem,) = err.value.problems
    assert problem.file == file and problem.column == column and problem.row is not None
    assert new.split(",")[-1] in problem.found
    assert "1900-01-01" in str(problem) and "2200-12-31" in str(problem)


# --- item 11: the file's own line after a line break inside a quoted cell ---------------------


def test_a_problem_after_a_quoted_line_break_names_the_files_real_line(data_dir) -> None:
    """Excel's Alt+Enter puts a line break inside a quoted cell: the rows after it start
    lines later than 'row + 1'. Before: the message named row 3 as line 4 while it was on
    line 6."""
    from helpers.data import load

    text = (data_dir / "timeline.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    first = lines[1].replace("Ronin bridge", "Ronin\nbridge\nhack", 1)
    third = lines[3].replace("2022-05-05", "2022-05-55", 1)
    (data_dir / "timeline.csv").write_text(
        "".join([lines[0], first, lines[2], third, *lines[4:]]), encoding="utf-8"
    )
    with pytest.raises(DataError) as err:
        load("timeline", data_dir)
    assert "row 3 (line 6)" in str(err.value), str(err.value)


def test_a_participants_problem_after_a_quoted_line_break_names_the_real_line() -> None:
    view = gather_forecasts()
    text = (
        b'participant,question_id,probability,note\n'
        b'Amy,commentary-reprimand,0.6,"two\nlines"\n'
        b"Bo,commentary-reprimand,1.5,\n"
    )
    assert view.add_files({"class.csv": text})
    assert "row 2 (line 4)" in view.message.value, view.message.value


# --- item 7: huge integers and duplicate keys in a scenario file -----------------------------


def _race(state: str, top: str = "") -> str:
    head = f'{{"format": "{scenarios.FORMAT}", "version": 1, "explorer": "race", {top}'
    return head + f'"name": "x", "state": {state}}}'


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_huge_integer_in_a_scenario_is_a_clear_refusal_in_the_api_and_the_view(
    digits: int,
) -> None:
    """Before: OverflowError (400 digits) or Python's 4,300-digit ValueError (5,000) from
    deep inside, through the API, and nothing at all in the dashboard."""
    text = _race(f'{{"korea_growth": [{"9" * digits}, 1]}}')
    with pytest.raises(DataError) as err:
        scenarios.parse(text, REGISTRY["race"], origin="big.json")
    assert "big.json" in str(err.value) and "digits" in str(err.value)
    view = helpers.explore("race")
    before = view.session.state
    view._load(text, label="big.json")
    assert "Not loaded" in view.scenario_status.value and "big.json" in view.scenario_status.value
    assert view.session.state == before


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (_race("{}", top='"explorer": "money", '), "explorer"),
        (_race('{"korea_growth": [10, 20], "korea_growth": [30, 40]}'), "korea_growth"),
    ],
)
def test_a_scenario_with_a_key_twice_is_refused_naming_it(text: str, key: str) -> None:
    """Before: the last of two keys silently won, even a duplicated "explorer"."""
    with pytest.raises(DataError) as err:
        scenarios.parse(text, REGISTRY["race"], origin="twice.json")
    (problem,) = err.value.problems
    assert problem.file == "twice.json" and key in problem.column and "twice" in problem.found


def test_a_control_refuses_an_integer_past_a_floats_range_without_an_overflow() -> None:
    import dataclasses

    from helpers.models.controls import problems

    spec = REGISTRY["race"]
    data = spec.load()
    preset = next(iter(spec.make_presets(data).values()))
    state = dataclasses.replace(preset, korea_growth=(10**400, 1))
    assert [field for field, _ in problems(spec.controls, state, data)] == ["korea_growth"]


# --- item 9: silent misreads of participants' files ----------------------------------------


@pytest.mark.parametrize("heading", ["name", "student", "Participant Name", " Student_Name "])
def test_a_combined_file_whose_name_column_has_another_heading_is_refused_naming_it(
    heading: str,
) -> None:
    """Before: read as one participant named after the file (several students merged), or
    26 'again' errors that never named the column."""
    text = (
        f"{heading},question_id,probability\nAmy,commentary-reprimand,0.6\n"
        "Bo,commentary-reprimand,0.2\n"
    ).encode()
    view = gather_forecasts()
    problems = view.add_files({"class.csv": text})
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.column == heading.strip() and "participant" in problem.expected
    assert repr(view) == "<Room forecasts: 3 participants>"  # still the demonstration


def test_a_ratings_file_with_a_student_column_is_refused_too() -> None:
    from helpers.seminar.class_ratings import gather_ratings

    view = gather_ratings()
    problems = view.add_files({"class.csv": b"student,evidence_id,h1,h2,h3,h4\nAmy,E01,C,C,C,C\n"})
    assert [p.column for p in problems] == ["student"]


@pytest.mark.parametrize("second", ["probability", "Probability ", "PROBABILITY"])
def test_a_second_probability_column_is_refused_naming_both(second: str) -> None:
    """Before: the second column was silently ignored."""
    text = f"question_id,probability,{second}\ncommentary-reprimand,0.6,0.9\n".encode()
    view = gather_forecasts()
    (problem,) = view.add_files({"amy.csv": text})
    assert problem.column == "probability"
    assert "columns 2 and 3" in problem.found, problem.found


@pytest.mark.parametrize("cell", ["1_0%", "0.1_0", "١٠%", "0x1"])
def test_a_probability_python_would_read_but_a_person_would_not_write_is_refused(
    cell: str,
) -> None:
    """Before: '1_0%' was read as 0.10 (Python's float takes underscores)."""
    view = gather_forecasts()
    text = f"question_id,probability\ncommentary-reprimand,{cell}\n".encode()
    (problem,) = view.add_files({"amy.csv": text})
    assert problem.column == "probability" and repr(cell) in problem.found


def test_minus_zero_is_read_as_zero_and_never_shown_as_minus() -> None:
    view = gather_forecasts()
    assert not view.add_files({"amy.csv": b"question_id,probability\ncommentary-reprimand,-0\n"})
    value = view.room["amy"]["commentary-reprimand"]
    assert value == 0 and str(value) == "0.0"
    assert "-0" not in view.table_html.value.split("base64,")[0]


# --- item 10: stray files beside the real ones ------------------------------------------------

APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\t\x00\x00"
EXCEL_LOCK = b"\x05alice\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xfe"


def test_macos_and_excel_stray_files_are_skipped_by_name_and_said(tmp_path) -> None:
    """Before: a '._alice.csv' or '~$alice.csv' beside alice.csv refused the whole folder,
    its binary bytes shown as the 'header'."""
    from helpers.models import forecasts as fc

    (tmp_path / "alice.csv").write_bytes(FORECAST)
    (tmp_path / "._alice.csv").write_bytes(APPLE_DOUBLE)
    (tmp_path / "~$alice.csv").write_bytes(EXCEL_LOCK)
    found = fc.read_forecasters(tmp_path, data=fc.load_data())
    assert list(found) == ["alice"]
    assert sorted(found.skipped) == ["._alice.csv", "~$alice.csv"]
    view = gather_forecasts(tmp_path)
    said = view.message.value
    assert "._alice.csv" in said and "~$alice.csv" in said and "Skipped" in said


def test_stray_files_in_an_upload_are_skipped_and_said() -> None:
    view = gather_forecasts()
    problems = view.add_files(
        {"alice.csv": FORECAST, "._alice.csv": APPLE_DOUBLE, "~$alice.csv": EXCEL_LOCK}
    )
    assert problems == [] and list(view.room) == ["alice"]
    assert "Skipped" in view.message.value and "._alice.csv" in view.message.value


def test_binary_bytes_are_never_shown_as_a_header() -> None:
    view = gather_forecasts()
    (problem,) = view.add_files({"bob.csv": APPLE_DOUBLE})
    assert "\x00" not in problem.found and "\x05" not in problem.found
    assert "not a CSV" in problem.found, problem.found


def test_a_file_name_with_a_right_to_left_override_is_shown_visibly_in_the_message() -> None:
    """Before: the refusal named the file as it was, and its override reversed the rest of
    the message."""
    view = gather_forecasts()
    (problem,) = view.add_files({"eve\u202e.csv": FORECAST, "bob.csv": FORECAST})
    assert "\u202e" not in view.message.value
    assert "eve&lt;U+202E&gt;.csv" in view.message.value or "eve<U+202E>.csv" in str(problem)


def test_a_relative_scenario_file_whose_name_starts_with_a_brace_is_read_as_a_file(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: '{mine}.json' was taken for pasted JSON text."""
    monkeypatch.chdir(tmp_path)
    text = _scenario("Braces").replace('"state": {}', '"state": {"korea_growth": [31, 32]}')
    (tmp_path / "{mine}.json").write_text(text, encoding="utf-8")
    view = helpers.explore("race")
    view.load_scenario("{mine}.json")
    assert view.session.preset == "Braces"
