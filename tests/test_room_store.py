"""The room's answers in SQLite (helpers.data.room_store): taken whole or not at all, each
name owned by the browser that first used it, the chair's rounds, and the files it exports
read back unchanged by the seminar views' own readers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from helpers.data.forecast_files import parse_forecasts
from helpers.data.ratings import Matrix, parse_ratings
from helpers.data.room_store import Refused, RoomStore

MATRIX = Matrix(("E01", "E02"), ("h1", "h2"), ("CC", "C", "N", "I", "II", "NA"))
QIDS = ("q1", "q2")
RATED = {"E01": {"h1": "C", "h2": "I"}, "E02": {"h1": "N", "h2": "N"}}


@pytest.fixture
def room(tmp_path: Path) -> RoomStore:
    return RoomStore(tmp_path, title="Seminar", version="test")


def send(room: RoomStore, name: str, secret: str | None = None, round_no: int = 1, **answers):
    return room.submit(name, secret, round_no, matrix=MATRIX, question_ids=QIDS, **answers)


def test_a_first_submission_issues_a_secret_and_only_it_replaces_the_answers(room) -> None:
    name, secret = send(room, "José", forecasts={"q1": {"p": 0.7, "why": "talks"}})
    assert name == "José" and len(secret) > 20
    with pytest.raises(Refused, match="already taken") as err:
        send(room, "Jose\u0301", forecasts={"q1": {"p": 0.01, "why": ""}})  # decomposed é
    assert err.value.status == 403
    with pytest.raises(Refused, match="already taken"):
        send(room, "josé", "a guess", forecasts={"q1": {"p": 0.01}})
    assert room.forecasts(1) == {"José": {"q1": 0.7}}
    send(room, "JOSÉ ", secret, forecasts={"q1": {"p": 0.4}, "q2": {"p": 1}})
    assert room.forecasts(1) == {"José": {"q1": 0.4, "q2": 1.0}}


@pytest.mark.parametrize(
    ("answers", "why"),
    [
        ({"forecasts": {"q9": {"p": 0.5}}}, "does not ask"),
        ({"forecasts": {"q1": {"p": 1.5}}}, "from 0 to 1"),
        ({"forecasts": {"q1": {"p": 10**400}}}, "from 0 to 1"),
        ({"forecasts": {"q1": {"p": True}}}, "must be a number"),
        ({"forecasts": {"q1": {"p": "0.5"}}}, "must be a number"),
        ({"forecasts": {"q1": {"p": float("nan")}}}, "from 0 to 1"),
        ({"forecasts": {"q1": {"p": None}}}, "at least one"),
        ({"forecasts": {"q1": {"p": 0.5, "why": "x" * 201}}}, "at most 200"),
        ({"forecasts": {"q1": {"p": 0.5, "extra": 1}}}, "probability and a rationale"),
        ({"forecasts": ["q1"]}, "list of questions"),
        ({"ratings": {"E01": {"h1": "C", "h2": "I"}}}, "not yet rated: E02"),
        ({"ratings": {**RATED, "E01": {"h1": "X", "h2": "I"}}}, "one of CC"),
        ({"ratings": {**RATED, "E99": {"h1": "C", "h2": "C"}}}, "does not list"),
        ({}, "Nothing to send"),
    ],
)
def test_a_submission_not_as_the_page_sends_changes_nothing(room, answers, why) -> None:
    with pytest.raises(Refused, match=why):
        send(room, "Ana", **answers)
    assert room.status().answered == {1: 0, 2: 0}
    assert room.db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 0


@pytest.mark.parametrize(
    "name", ["the room (median)", "The briefing's dataset", "\u0430lice", "bo\u200bb", "=cmd()", ""]
)
def test_names_that_hide_impersonate_or_run_as_formulas_are_refused(room, name) -> None:
    with pytest.raises(Refused, match="name"):
        send(room, name, forecasts={"q1": {"p": 0.5}})


def test_answers_are_taken_only_for_the_open_round(room) -> None:
    _, secret = send(room, "Ana", forecasts={"q1": {"p": 0.2}})
    with pytest.raises(Refused, match="Round 1 is open") as err:
        send(room, "Ana", secret, round_no=2, forecasts={"q1": {"p": 0.9}})
    assert err.value.status == 409
    room.close_round()
    with pytest.raises(Refused, match="No round is open"):
        send(room, "Ana", secret, forecasts={"q1": {"p": 0.9}})
    room.open_round(2)
    send(room, "Ana", secret, round_no=2, forecasts={"q1": {"p": 0.6}})
    assert room.forecasts(1) == {"Ana": {"q1": 0.2}}
    assert room.forecasts(2) == {"Ana": {"q1": 0.6}}
    assert room.status().line() == "1 participant, round 2 open"


def test_a_removed_participant_is_gone_and_cannot_come_back_under_that_name(room) -> None:
    _, secret = send(room, "Troll", forecasts={"q1": {"p": 0.0}})
    send(room, "Ana", ratings=RATED)
    assert room.remove("troll")
    assert room.forecasts(1) == {}
    assert room.status().answered[1] == 1
    with pytest.raises(Refused, match="removed"):
        send(room, "Troll", secret, forecasts={"q1": {"p": 0.5}})


def test_the_room_resumes_from_its_folder_with_its_code(tmp_path: Path) -> None:
    first = RoomStore(tmp_path, title="Seminar", version="v")
    code = first.status().code
    send(first, "Ana", forecasts={"q1": {"p": 0.3}})
    first.open_round(2)
    first.close()
    again = RoomStore(tmp_path)
    assert again.status().code == code and again.status().open_round == 2
    assert again.forecasts(1) == {"Ana": {"q1": 0.3}}
    reader = RoomStore(tmp_path, read_only=True)
    assert reader.forecasts(1) == {"Ana": {"q1": 0.3}}
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.reveal()


def test_the_export_is_read_back_unchanged_by_the_views_readers(room) -> None:
    _, ana = send(room, "Ana", forecasts={"q1": {"p": 0.2, "why": "=1+1, surely\u202e"}},
                  ratings=RATED)  # fmt: skip
    send(room, "Ben", forecasts={"q2": {"p": 0.75}})
    room.open_round(2)
    send(room, "Ana", ana, round_no=2, forecasts={"q1": {"p": 0.5}})
    files = room.export(MATRIX, QIDS)
    raw = files["forecasts.csv"].encode()
    assert parse_forecasts(raw, "forecasts.csv", "x", QIDS, round_no=1) == (
        {"Ana": {"q1": 0.2}, "Ben": {"q2": 0.75}},
        [],
    )
    assert parse_forecasts(raw, "forecasts.csv", "x", QIDS, round_no=2)[0] == {"Ana": {"q1": 0.5}}
    assert "'=1+1, surely" in files["forecasts.csv"]  # no formula, no hidden override
    assert "\u202e" not in files["forecasts.csv"]
    ratings = parse_ratings(files["ratings.csv"].encode(), "ratings.csv", "x", MATRIX, 1)
    assert ratings == ({"Ana": (("C", "I"), ("N", "N"))}, [])


def test_a_browsers_own_secret_makes_a_lost_answer_safe_to_send_again(room) -> None:
    mine = "a-secret-made-by-the-browser-0001"
    assert send(room, "Ana", mine, forecasts={"q1": {"p": 0.3}}) == ("Ana", mine)
    assert send(room, "Ana", mine, forecasts={"q1": {"p": 0.3}}) == ("Ana", mine)  # again
    with pytest.raises(Refused, match="already taken"):
        send(room, "Ana", "another-browsers-secret-0002", forecasts={"q1": {"p": 0.9}})
    short = send(room, "Ben", "short", forecasts={"q1": {"p": 0.3}})[1]
    assert short != "short" and len(short) >= 16  # too short to trust: one is made
