"""Two rounds in a participant's file: the participant page saves a ``round`` column (1 before
the discussion, 2 after) and the seminar views read one round at a time."""

from __future__ import annotations

from helpers.data.forecast_files import parse_forecasts
from helpers.data.ratings import Matrix, parse_ratings

QIDS = ["q1", "q2"]
ROOM = (
    b"participant,round,question_id,probability,rationale\n"
    b"Ana,1,q1,0.2,first thoughts\n"
    b"Ana,1,q2,0.5,\n"
    b'Ana,2,q1,0.6,"after the discussion, higher"\n'
    b"Ben,1,q1,0.9,\n"
)


def test_each_participants_latest_round_is_read_when_no_round_is_asked() -> None:
    found, problems = parse_forecasts(ROOM, "room.csv", "room", QIDS)
    assert problems == []
    assert found == {"Ana": {"q1": 0.6}, "Ben": {"q1": 0.9}}


def test_one_round_is_read_when_asked_and_a_missing_round_is_no_one() -> None:
    assert parse_forecasts(ROOM, "room.csv", "room", QIDS, round_no=1)[0] == {
        "Ana": {"q1": 0.2, "q2": 0.5},
        "Ben": {"q1": 0.9},
    }
    assert parse_forecasts(ROOM, "room.csv", "room", QIDS, round_no=2) == (
        {"Ana": {"q1": 0.6}},
        [],
    )


def test_a_file_without_rounds_is_round_one() -> None:
    plain = b"question_id,probability\nq1,0.3\n"
    assert parse_forecasts(plain, "Cy.csv", "Cy", QIDS, round_no=1)[0] == {"Cy": {"q1": 0.3}}
    assert parse_forecasts(plain, "Cy.csv", "Cy", QIDS, round_no=2) == ({}, [])


def test_a_round_that_is_not_one_or_two_is_named_by_row_and_column() -> None:
    bad = b"participant,round,question_id,probability\nAna,3,q1,0.2\nAna,,q2,0.4\n"
    found, problems = parse_forecasts(bad, "room.csv", "room", QIDS)
    assert found == {}
    assert [(p.row, p.column, p.found) for p in problems] == [
        (1, "round", "'3'"),
        (2, "round", "an empty cell"),
    ]


def test_ratings_read_by_round_too() -> None:
    matrix = Matrix(("E01", "E02"), ("h1", "h2"), ("C", "N", "I"))
    raw = (
        b"participant,round,evidence_id,h1,h2\n"
        b"Ana,1,E01,C,N\nAna,1,E02,N,N\nAna,2,E01,I,I\nAna,2,E02,I,C\n"
    )
    assert parse_ratings(raw, "r.csv", "r", matrix, round_no=1)[0] == {
        "Ana": (("C", "N"), ("N", "N"))
    }
    assert parse_ratings(raw, "r.csv", "r", matrix)[0] == {"Ana": (("I", "I"), ("I", "C"))}


def test_a_folder_with_both_rounds_of_a_participant_is_read_one_round_at_a_time(
    tmp_path,
) -> None:
    """The participant page saves one file per round; the chair may drop both in a folder."""
    from helpers.models import forecasts as fc
    from helpers.seminar import gather_forecasts

    q = fc.open_question_ids(fc.load_data())[0]
    for round_no, p in ((1, 0.2), (2, 0.7)):
        (tmp_path / f"forecasts-round{round_no}-Ana.csv").write_text(
            f"participant,round,question_id,probability,rationale\nAna,{round_no},{q},{p},\n",
            encoding="utf-8",
        )
    assert gather_forecasts(tmp_path, round_no=1).participants == {"Ana": {q: 0.2}}
    assert gather_forecasts(tmp_path, round_no=2).participants == {"Ana": {q: 0.7}}
