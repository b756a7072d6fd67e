"""Seminar participants' ratings of an ACH matrix, read strictly and explained plainly.

A participant hands in the matrix they rated, in one of two shapes:

* **one file per participant** -- columns ``evidence_id,h1,h2,h3,h4`` (the rating columns
  of ``ach_evidence.csv``, so the briefing's matrix can be copied and edited); the
  participant's name is the file name without ``.csv``;
* **one combined file** -- the same columns with a ``participant`` column (first, by
  convention), one row per participant and evidence item.

Seminar files are typed by hand or exported from spreadsheets, so reading is strict but
friendly: every problem in every file is collected and raised together as one
:class:`DataError` naming file, row (line), column, what was expected and what was found.
Header names are matched without regard to case or surrounding spaces, spaces around a
cell are tolerated, and other columns (say, the ``reason_h1`` notes of a copied
``ach_evidence.csv``) are ignored. Which evidence ids and ratings are valid is passed in
by the caller (the ACH model owns them), so this layer does not import from above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers.data.errors import Problem
from helpers.data.loader import DATA_DIR
from helpers.data.participant_files import (
    ParticipantTable,
    participant_key,
    participant_table,
    read_participants,
)

PARTICIPANTS_DIR = DATA_DIR / "participants"
SUBJECT = "the participants' ratings"
EVIDENCE = "evidence_id"

Ratings = tuple[tuple[str, ...], ...]  # one row per evidence item, one rating per hypothesis


@dataclass(frozen=True)
class Matrix:
    """What the ratings must fit: evidence ids in order, rating columns, the scale."""

    evidence_ids: tuple[str, ...]
    columns: tuple[str, ...]  # e.g. ("h1", "h2", "h3", "h4")
    scale: tuple[str, ...]

    def span(self) -> str:
        ids = self.evidence_ids
        return f"{ids[0]}–{ids[-1]}" if len(ids) > 2 else ", ".join(ids)


def _rating_problem(text: str, matrix: Matrix) -> str | None:
    """Why ``text`` is not a rating on the scale, or None if it is."""
    if text in matrix.scale:
        return None
    if text == "":
        return "an empty cell"
    hint = " (ratings are upper case)" if text.upper() in matrix.scale else ""
    return f"{text!r}{hint}"


def parse_ratings(
    raw: bytes, label: str, name: str, matrix: Matrix, round_no: int | None = None
) -> tuple[dict[str, Ratings], list[Problem]]:
    """The participants in one file's bytes, and every problem found in it.

    ``label`` names the file in messages; ``name`` is the participant's name for a
    one-participant file (the file name without ``.csv``). Participants are returned only
    when the file has no problems: half a matrix would score misleadingly. A file with a
    ``round`` column gives round ``round_no`` (each participant's latest when None).
    """
    table = participant_table(
        raw, label, name, [EVIDENCE, *matrix.columns], "evidence item", round_no
    )
    if not isinstance(table, ParticipantTable):
        return {}, table
    at, combined = table.at, table.combined
    known = set(matrix.evidence_ids)
    problems: list[Problem] = []
    found: dict[str, dict[str, tuple[str, ...]]] = {}  # by participant key
    shown: dict[str, str] = {}  # participant key -> the name as first written
    first_row: dict[tuple[str, str], int] = {}
    for number, cells, who in table.cells(problems):
        eid = cells[at[EVIDENCE]].strip()
        if eid not in known:
            problems.append(_unknown_evidence(label, number, eid, matrix))
        row = _row_ratings(label, number, cells, at, matrix, problems)
        if not who or eid not in known:
            continue
        key = participant_key(who)
        shown.setdefault(key, who)  # another spelling of a name met before: one participant
        if (key, eid) in first_row:
            problems.append(
                Problem(
                    label,
                    number,
                    EVIDENCE,
                    f"one row per evidence item{' and participant' if combined else ''}",
                    f"{eid!r} again{f' for {who!r}' if combined else ''} "
                    f"(first at row {first_row[key, eid]}"
                    + (f" as {shown[key]!r}" if shown[key] != who else "")
                    + ")",
                )
            )
            continue
        first_row[key, eid] = number
        found.setdefault(key, {})[eid] = row

    problems.extend(_rows_absent(label, found, shown, matrix, combined))
    if problems:
        return {}, problems
    return {
        shown[key]: tuple(rated[e] for e in matrix.evidence_ids) for key, rated in found.items()
    }, []


def _unknown_evidence(label: str, number: int, eid: str, matrix: Matrix) -> Problem:
    """A row's evidence id that is not in the matrix, with a hint for a case slip."""
    hint = " (ids are upper case)" if eid.upper() in matrix.evidence_ids else ""
    return Problem(
        label,
        number,
        EVIDENCE,
        f"an evidence id of the matrix ({matrix.span()})",
        f"{eid!r}{hint}" if eid else "an empty cell",
    )


def _row_ratings(
    label: str,
    number: int,
    cells: list[str],
    at: dict[str, int],
    matrix: Matrix,
    problems: list[Problem],
) -> tuple[str, ...]:
    """A row's ratings, one per hypothesis, each off the scale said in ``problems``."""
    row = []
    for col in matrix.columns:
        text = cells[at[col]].strip()
        why = _rating_problem(text, matrix)
        if why:
            problems.append(Problem(label, number, col, "one of " + ", ".join(matrix.scale), why))
        row.append(text)
    return tuple(row)


def _rows_absent(
    label: str,
    found: dict[str, dict[str, tuple[str, ...]]],
    shown: dict[str, str],
    matrix: Matrix,
    combined: bool,
) -> list[Problem]:
    """A participant without a row for every evidence item: half a matrix would score
    misleadingly."""
    problems: list[Problem] = []
    for key, rated in found.items():
        who = shown[key]
        absent = [e for e in matrix.evidence_ids if e not in rated]
        if absent:
            problems.append(
                Problem(
                    label,
                    None,
                    EVIDENCE,
                    f"a row for every evidence item ({matrix.span()})"
                    + (f" for {who!r}" if combined else ""),
                    "no row for " + ", ".join(absent),
                )
            )
    return problems


def read_ratings(
    *paths: str | Path, matrix: Matrix, round_no: int | None = None
) -> dict[str, Ratings]:
    """Every participant's ratings from files and folders (none: the shipped samples), in
    the order given, of one round (each participant's latest when ``round_no`` is None).
    Raises one :class:`DataError` listing every problem in every file."""
    return read_participants(
        paths or (PARTICIPANTS_DIR,),
        lambda raw, label, name: parse_ratings(raw, label, name, matrix, round_no),
        SUBJECT,
    )


def ratings_csv(ratings: Ratings, matrix: Matrix) -> str:
    """One participant's file: the text a participant hands in (and the samples ship as)."""
    lines = [",".join([EVIDENCE, *matrix.columns])]
    for eid, row in zip(matrix.evidence_ids, ratings, strict=True):
        lines.append(",".join([eid, *row]))
    return "\n".join(lines) + "\n"
