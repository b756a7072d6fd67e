"""One rule for the names people give (helpers.data.names): what a participant, a room's
display name or a scenario may be called, and when two names are one person."""

from __future__ import annotations

import unicodedata

import pytest

from helpers.data.forecast_files import parse_forecasts
from helpers.data.names import NameRefused, clean_name, name_key

QIDS = ["q1"]


def test_composed_and_decomposed_forms_are_one_name() -> None:
    composed = unicodedata.normalize("NFC", "José")
    decomposed = unicodedata.normalize("NFD", "José")
    assert composed != decomposed
    assert clean_name(decomposed) == composed
    assert name_key(composed) == name_key(decomposed)


@pytest.mark.parametrize(
    "name",
    ["alice", "ALICE", " alice  ", "ａｌｉｃｅ", "\u0430lice".replace("\u0430", "a")],
)
def test_spellings_of_one_name_share_a_key(name: str) -> None:
    assert name_key(name) == name_key("Alice")


def test_cyrillic_look_alikes_share_the_latin_key_and_a_mixed_name_is_refused() -> None:
    impostor = "\u0430lice"  # Cyrillic а, then Latin
    assert name_key(impostor) == name_key("alice")
    with pytest.raises(NameRefused, match="Cyrillic and Latin"):
        clean_name(impostor)
    assert clean_name("Алиса") == "Алиса"  # one script is a name like any other
    assert clean_name("Chloé Ōtsuka") == "Chloé Ōtsuka"
    assert clean_name("김민준") == "김민준"


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("\u200b", "U\\+200B ZERO WIDTH SPACE"),
        ("ali\u200bce", "U\\+200B"),
        ("alice\u202e", "U\\+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\ufeffbob", "U\\+FEFF"),
        ("bob\x07", "U\\+0007"),
        ("x" * 61, "61 characters"),
        ("the room (median)", "keep for their own rows"),
        ("The Briefing's dataset", "keep for their own rows"),
        ("the briefing", "keep for their own rows"),
        ("THE ROOM", "keep for their own rows"),
    ],
)
def test_names_that_hide_or_impersonate_are_refused_saying_why(name: str, why: str) -> None:
    with pytest.raises(NameRefused, match=why):
        clean_name(name)


def test_reserved_names_are_taken_only_when_the_caller_allows() -> None:
    assert clean_name("The briefing's ratings", allow_reserved=True) == "The briefing's ratings"
    assert clean_name("Theroom") == "Theroom"  # a prefix of a word is not the reserved name
    assert clean_name("The roomba fan") == "The roomba fan"


def test_a_participant_file_named_like_the_rooms_median_adds_no_one() -> None:
    found, problems = parse_forecasts(b"question_id,probability\nq1,0.9\n", "the room (median).csv",
                                      "the room (median)", QIDS)  # fmt: skip
    assert found == {}
    assert len(problems) == 1
    assert problems[0].file == "the room (median).csv"
    assert problems[0].column is None and "file name" in problems[0].expected
    assert "keep for their own rows" in problems[0].found


def test_a_combined_file_names_the_row_of_an_impostor() -> None:
    raw = "participant,question_id,probability\nalice,q1,0.2\n\u0430lice,q1,0.9\n".encode()
    found, problems = parse_forecasts(raw, "class.csv", "class", QIDS)
    assert found == {}
    assert [(p.row, p.column) for p in problems] == [(2, "participant")]  # the second data row
    assert "Cyrillic and Latin" in problems[0].found
