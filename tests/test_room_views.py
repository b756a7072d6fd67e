"""The chair's views read a live room (``gather_forecasts(room=…)``, ``gather_ratings(room=…)``):
the room as it fills, one round at a time, the shift from round 1 to 2, never mixed with files."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.data.room_store import RoomStore
from helpers.models import ach, agreement
from helpers.models import forecasts as model
from helpers.seminar import gather_forecasts, gather_ratings, score_cohorts


@pytest.fixture
def room(tmp_path: Path) -> tuple[Path, RoomStore]:
    return tmp_path, RoomStore(tmp_path, title="Seminar", version="test")


def test_the_forecasts_view_shows_the_room_as_it_fills_and_the_shift(room) -> None:
    folder, store = room
    data = model.load_data()
    qids = model.open_question_ids(data)
    matrix = agreement.matrix(agreement.load_data())
    briefing = model.briefing_probabilities(data)
    q = qids[0]
    far = 0.99 if briefing[q] < 0.5 else 0.01

    def send(name, secret=None, round_no=1, p=far):
        return store.submit(name, secret, round_no, forecasts={q: {"p": p}}, matrix=matrix,
                            question_ids=qids)[1]  # fmt: skip

    ana = send("Ana")
    view = gather_forecasts(room=folder)
    assert "1 participant, round 1 open" in view.room_line.value
    assert list(view.participants) == ["Ana"]
    send("Ben")
    view.read_room()
    assert "2 participants, round 1 open" in view.room_line.value
    assert view.shift_html.value == ""
    store.open_round(2)
    send("Ana", ana, round_no=2, p=briefing[q])
    view.round_pick.value = 2  # observed: reads round 2
    assert list(view.participants) == ["Ana"]
    assert "1 towards the briefing" in view.shift_html.value
    assert not hasattr(view, "showing") or view.showing not in view.children
    view.poll.stop()


def test_the_ratings_view_reads_the_rooms_matrix(room) -> None:
    folder, store = room
    data = agreement.load_data()
    matrix = agreement.matrix(data)
    rated = {
        e: dict(zip(matrix.columns, row, strict=True))
        for e, row in zip(matrix.evidence_ids, ach.briefing_ratings(data), strict=True)
    }
    store.submit("Ana", None, 1, ratings=rated, matrix=matrix, question_ids=())
    view = gather_ratings(room=folder)
    assert list(view.participants) == ["Ana"]
    assert "answering on the participant page" in view.label.value
    view.poll.stop()


def test_a_folder_without_a_room_says_how_to_start_one(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make room"):
        gather_forecasts(room=tmp_path / "nowhere")


def test_every_cohort_kept_in_its_folder_is_scored(tmp_path: Path) -> None:
    data = model.load_data()
    qids = model.open_question_ids(data)
    matrix = agreement.matrix(agreement.load_data())
    for folder, title in (("a", "Autumn seminar"), ("b", "Spring seminar")):
        store = RoomStore(tmp_path / folder, title=title, version="test")
        store.submit("Ana", None, 1, forecasts={qids[0]: {"p": 0.3}}, matrix=matrix,
                     question_ids=qids)  # fmt: skip
        store.close()
    view = score_cohorts(tmp_path / "a", tmp_path / "b")
    assert "Autumn seminar (round 1)" in view.value and "Spring seminar (round 1)" in view.value
