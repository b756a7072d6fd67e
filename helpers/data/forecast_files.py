"""Seminar participants' forecasts, read strictly and explained plainly (like their ACH ratings).

A participant hands in probabilities for the briefing's forecast questions, in one of two
shapes:

* **one file per participant** -- columns ``question_id,probability``; the participant's
  name is the file name without ``.csv``;
* **one combined file** -- the same columns with a ``participant`` column.

A probability is a number from 0 to 1 (``0.7``) or a percentage (``70%``); an empty cell
means the participant skipped the question (it is not scored for them). Every problem in
every file is collected and raised together as one :class:`DataError` naming file, row,
column, what was expected and what was found; nothing is half-read. Files are read with
the same safety as the ratings (no links followed, bounded sizes:
``helpers.data.participant_files``).
Which question ids are valid is passed in by the caller (the forecasts model owns them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from helpers.data.errors import Problem
from helpers.data.loader import DATA_DIR
from helpers.data.participant_files import (
    ParticipantTable,
    participant_key,
    participant_table,
    read_participants,
)

FORECASTERS_DIR = DATA_DIR / "forecasters"
SUBJECT = "the participants' forecasts"
QUESTION = "question_id"
PROBABILITY = "probability"

Forecasts = dict[str, float]  # question id -> probability of yes
# A number as a person types it: Python's float() also takes '1_0', '١٠' and ' 1 '.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def parse_probability(text: str) -> float | str | None:
    """A probability from a cell: a float in 0..1, None for an empty cell, or why not."""
    if text == "":
        return None
    percent = text.endswith("%")
    number = text[:-1].strip() if percent else text
    if len(number) > 40 or not _NUMBER.fullmatch(number):
        return repr(text)
    value = float(number) + 0.0  # + 0.0: '-0' is 0, never shown as "-0.00"
    if percent:
        value /= 100
    if not 0.0 <= value <= 1.0 or value != value:
        hint = " (write 70% or 0.7)" if 1 < value <= 100 and not percent else ""
        return f"{text!r}{hint}"
    return value


def parse_forecasts(
    raw: bytes, label: str, name: str, question_ids: Sequence[str], round_no: int | None = None
) -> tuple[dict[str, Forecasts], list[Problem]]:
    """The participants in one file's bytes, and every problem found in it (participants
    only when the file has none). A file with a ``round`` column gives round ``round_no``
    (each participant's latest when None)."""
    table = participant_table(raw, label, name, [QUESTION, PROBABILITY], "question", round_no)
    if not isinstance(table, ParticipantTable):
        return {}, table
    at, combined = table.at, table.combined
    known = set(question_ids)
    problems: list[Problem] = []
    found: dict[str, Forecasts] = {}
    shown: dict[str, str] = {}
    first_row: dict[tuple[str, str], int] = {}
    for number, cells, who in table.cells(problems):
        qid = cells[at[QUESTION]].strip()
        if qid not in known:
            problems.append(_unknown_question(label, number, qid, known))
        value = parse_probability(cells[at[PROBABILITY]].strip())
        if isinstance(value, str):
            problems.append(
                Problem(
                    label,
                    number,
                    PROBABILITY,
                    "a probability from 0 to 1 (0.7) or a percentage (70%), or empty to skip",
                    value,
                )
            )
            continue
        if not who or qid not in known:
            continue
        key = participant_key(who)
        shown.setdefault(key, who)
        if (key, qid) in first_row:
            problems.append(
                Problem(
                    label,
                    number,
                    QUESTION,
                    f"one row per question{' and participant' if combined else ''}",
                    f"{qid!r} again (first at row {first_row[key, qid]})",
                )
            )
            continue
        first_row[key, qid] = number
        entry = found.setdefault(key, {})
        if value is not None:
            entry[qid] = value
    problems.extend(_all_skipped(label, found, shown, combined))
    if problems:
        return {}, problems
    return {shown[key]: answers for key, answers in found.items()}, []


def _unknown_question(label: str, number: int, qid: str, known: set[str]) -> Problem:
    """A row's question id that is none of the briefing's, with a hint for a case slip."""
    hint = " (ids are lower case)" if qid.lower() in known else ""
    return Problem(
        label,
        number,
        QUESTION,
        "a question id of the briefing's forecasts (dataset forecasts)",
        f"{qid!r}{hint}" if qid else "an empty cell",
    )


def _all_skipped(
    label: str, found: dict[str, Forecasts], shown: dict[str, str], combined: bool
) -> list[Problem]:
    """A participant who skipped every question: nothing of theirs could be scored, which
    is more likely a slip than a choice."""
    return [
        Problem(
            label,
            None,
            PROBABILITY,
            f"at least one probability{f' for {shown[key]!r}' if combined else ''}",
            "every cell empty",
        )
        for key, answers in found.items()
        if not answers
    ]


def read_forecasts(
    *paths: str | Path, question_ids: Sequence[str], round_no: int | None = None
) -> dict[str, Forecasts]:
    """Every participant's forecasts from files and folders (none: the shipped samples), of
    one round (``round_no``; each participant's latest when None). Raises one
    :class:`DataError` listing every problem in every file, including a participant named
    twice across files."""
    return read_participants(
        paths or (FORECASTERS_DIR,),
        lambda raw, label, name: parse_forecasts(raw, label, name, question_ids, round_no),
        SUBJECT,
    )


def forecasts_csv(forecasts: Forecasts, question_ids: Sequence[str]) -> str:
    """One participant's file, questions in the briefing's order (empty = skipped)."""
    lines = [f"{QUESTION},{PROBABILITY}"]
    for qid in question_ids:
        p = forecasts.get(qid)
        lines.append(f"{qid},{'' if p is None else f'{p:g}'}")
    return "\n".join(lines) + "\n"
