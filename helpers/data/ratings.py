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

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from helpers.data.errors import DataError, Problem, field_count_problem
from helpers.data.loader import DATA_DIR, csv_rows

PARTICIPANTS_DIR = DATA_DIR / "participants"
SUBJECT = "the participants' ratings"
PARTICIPANT = "participant"
EVIDENCE = "evidence_id"

Ratings = tuple[tuple[str, ...], ...]  # one row per evidence item, one rating per hypothesis
MAX_BYTES = 1024 * 1024  # a participant's file is about 1 KB, a class's combined file ~50 KB
MAX_FILES = 1000  # CSV files read from one folder (a large lecture is a few hundred)


def participant_key(name: str) -> str:
    """Who a name refers to: 'Alice', 'alice' and 'alice ' are one participant."""
    return " ".join(name.split()).casefold()


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
    raw: bytes, label: str, name: str, matrix: Matrix
) -> tuple[dict[str, Ratings], list[Problem]]:
    """The participants in one file's bytes, and every problem found in it.

    ``label`` names the file in messages; ``name`` is the participant's name for a
    one-participant file (the file name without ``.csv``). Participants are returned only
    when the file has no problems: half a matrix would score misleadingly.
    """
    try:
        header, rows = csv_rows(raw, label)
    except DataError as err:
        return {}, list(err.problems)
    keys = [h.strip().lower() for h in header]
    combined = PARTICIPANT in keys
    needed = ([PARTICIPANT] if combined else []) + [EVIDENCE, *matrix.columns]
    missing = [c for c in needed if c not in keys]
    if missing:
        return {}, [
            Problem(
                label,
                None,
                ", ".join(missing),
                "the column(s) in the header: " + ",".join(needed),
                "header: " + ",".join(header),
            )
        ]
    if not rows:
        return {}, [Problem(label, None, None, "one row per evidence item", "only a header")]

    at = {c: keys.index(c) for c in needed}
    known = set(matrix.evidence_ids)
    problems: list[Problem] = []
    found: dict[str, dict[str, tuple[str, ...]]] = {}  # by participant key
    shown: dict[str, str] = {}  # participant key -> the name as first written
    first_row: dict[tuple[str, str], int] = {}
    for number, cells in rows:
        if len(cells) != len(header):
            problems.append(field_count_problem(label, number, header, cells))
            continue
        who = " ".join((cells[at[PARTICIPANT]] if combined else name).split())
        if not who:
            problems.append(
                Problem(label, number, PARTICIPANT, "the participant's name", "an empty cell")
            )
        eid = cells[at[EVIDENCE]].strip()
        if eid not in known:
            hint = " (ids are upper case)" if eid.upper() in known else ""
            problems.append(
                Problem(
                    label,
                    number,
                    EVIDENCE,
                    f"an evidence id of the matrix ({matrix.span()})",
                    f"{eid!r}{hint}" if eid else "an empty cell",
                )
            )
        row = []
        for col in matrix.columns:
            text = cells[at[col]].strip()
            why = _rating_problem(text, matrix)
            if why:
                problems.append(
                    Problem(label, number, col, "one of " + ", ".join(matrix.scale), why)
                )
            row.append(text)
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
        found.setdefault(key, {})[eid] = tuple(row)

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
    if problems:
        return {}, problems
    return {
        shown[key]: tuple(rated[e] for e in matrix.evidence_ids) for key, rated in found.items()
    }, []


def _regular(path: Path, inside: bool) -> str | None:
    """Why ``path`` is not a participant's file to read, or None if it is one: a regular
    file, not a link (a link could lead out of the chosen folder, to any file on the
    machine), of a bounded size."""
    try:
        info = path.lstat()
    except OSError as exc:
        return exc.strerror or "cannot be read"
    if stat.S_ISLNK(info.st_mode):
        return "a symbolic link (not followed: copy the file into the folder)"
    if not stat.S_ISREG(info.st_mode):
        return "a folder" if stat.S_ISDIR(info.st_mode) and not inside else "not a regular file"
    if info.st_size > MAX_BYTES:
        return f"{info.st_size:,} bytes (at most {MAX_BYTES:,})"
    return None


def read_file(path: Path) -> bytes:
    """A participant's file's bytes, never through a link and never more than MAX_BYTES + 1
    (the size is checked again on what was read)."""
    # No link followed; a file swapped for a pipe since it was checked neither blocks the
    # open (O_NONBLOCK) nor is read (the open file is checked again).
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        return handle.read(MAX_BYTES + 1)


def _files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Each path as given, a folder standing for the CSV files directly in it (by name).
    Links, devices and oversized files are refused by name, not read."""
    files: list[Path] = []
    problems: list[Problem] = []
    expected = "a participant's CSV file (a regular file)"
    for item in paths:
        path = Path(item)
        if path.is_dir() and not path.is_symlink():
            inside = sorted(p for p in path.iterdir() if p.name.lower().endswith(".csv"))
            if not inside:
                problems.append(
                    Problem(str(path), None, None, "participants' CSV files", "no .csv files")
                )
            if len(inside) > MAX_FILES:
                problems.append(
                    Problem(
                        str(path),
                        None,
                        None,
                        f"at most {MAX_FILES:,} participants' CSV files",
                        f"{len(inside):,} (none read)",
                    )
                )
                continue
            for p in inside:
                why = _regular(p, inside=True)
                if why:
                    problems.append(Problem(str(p), None, None, expected, why))
                else:
                    files.append(p)
        elif path.is_symlink() or path.exists():
            why = _regular(path, inside=False)
            if why:
                problems.append(Problem(str(path), None, None, expected, why))
            else:
                files.append(path)
        else:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    "a participant's CSV file or a folder of them",
                    "no such file or folder",
                )
            )
    return files, problems


def merge(
    into: dict[str, Ratings],
    found: dict[str, Ratings],
    label: str,
    origin: dict[str, str],
    problems: list[Problem],
) -> list[str]:
    """Add ``found`` (read from ``label``) to ``into``; a participant already read from
    another file (in any spelling: 'Alice' is 'alice ') is a problem, not silently merged.
    ``origin`` maps participant keys to the file each came from. Returns the names added."""
    added = []
    by_key = {participant_key(n): n for n in into}
    for who, ratings in found.items():
        key = participant_key(who)
        if key in origin:
            same = "" if by_key.get(key) == who else f" (as {by_key.get(key)!r})"
            problems.append(
                Problem(
                    label,
                    None,
                    PARTICIPANT,
                    "each participant once (names match ignoring case and spaces)",
                    f"{who!r}, already read from {origin[key]}{same}",
                )
            )
            continue
        origin[key] = label
        into[who] = ratings
        by_key[key] = who
        added.append(who)
    return added


def read_ratings(*paths: str | Path, matrix: Matrix) -> dict[str, Ratings]:
    """Every participant's ratings from files and folders, in the order given.

    Raises one :class:`DataError` listing every problem in every file, including a
    participant named twice (two files with the same name in any case or spacing, or a
    name repeated across combined files): silently keeping one of them would change the
    counts.
    """
    files, problems = _files(paths or (PARTICIPANTS_DIR,))
    result: dict[str, Ratings] = {}
    origin: dict[str, str] = {}
    for path in files:
        label = str(path)
        try:
            raw = read_file(path)
        except OSError as exc:
            problems.append(Problem(label, None, None, "a readable file", exc.strerror or str(exc)))
            continue
        if len(raw) > MAX_BYTES:
            problems.append(
                Problem(label, None, None, f"at most {MAX_BYTES:,} bytes", "a larger file")
            )
            continue
        found, trouble = parse_ratings(raw, label, path.stem, matrix)
        problems.extend(trouble)
        merge(result, found, label, origin, problems)
    if problems:
        raise DataError(problems, SUBJECT)
    return result


def ratings_csv(ratings: Ratings, matrix: Matrix) -> str:
    """One participant's file: the text a participant hands in (and the samples ship as)."""
    lines = [",".join([EVIDENCE, *matrix.columns])]
    for eid, row in zip(matrix.evidence_ids, ratings, strict=True):
        lines.append(",".join([eid, *row]))
    return "\n".join(lines) + "\n"
