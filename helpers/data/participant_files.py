"""What reading a seminar participant's file takes, whatever the file holds.

The ACH ratings (``helpers.data.ratings``) and the forecasts (``helpers.data.forecast_files``)
are handed in the same two shapes -- one CSV per participant, named after them, or one
combined CSV with a ``participant`` column -- and read with the same care: no link followed,
bounded sizes, every problem in every file collected, a participant named twice across
files refused rather than silently merged. That care lives here once; each reader adds only
what its cells mean.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from helpers.data import loader
from helpers.data.errors import DataError, Problem, field_count_problem
from helpers.data.loader import csv_rows
from helpers.data.names import NameRefused, clean_name, name_key

PARTICIPANT = "participant"
ROUND = "round"  # optional: 1 before the seminar's discussion, 2 after
ROUNDS = (1, 2)
MAX_BYTES = 1024 * 1024  # a participant's file is about 1 KB, a class's combined file ~50 KB
MAX_FILES = 1000  # CSV files read from one folder (a large lecture is a few hundred)

NAME_RULE = "letters of one script, no invisible characters, not 'the room…' or 'the briefing…'"
# Headings a class's combined file may give its names column instead of "participant": such a
# file was read as one participant named after the file, its students merged.
NAME_HEADINGS = frozenset(
    {"name", "names", "full name", "student", "students", "student name", "participant name",
     "participants", "forecaster", "rater", "person", "who"}
)  # fmt: skip


# Files a folder or an upload holds beside participants' files without being any: a Mac
# writes '._alice.csv' (its metadata) beside 'alice.csv' on a USB stick, Excel keeps
# '~$alice.csv' while 'alice.csv' is open. Skipped by name, and said; never read.
STRAY = (("._", "a macOS metadata file"), ("~$", "an Excel lock file"))


def stray(name: str) -> str | None:
    """What a stray file is (by its name), or None for a file to read."""
    return next((what for start, what in STRAY if Path(name).name.startswith(start)), None)


class Participants(dict):
    """Participants read from files (name -> what they handed in), and ``skipped``: the
    stray files (:data:`STRAY`) passed over, for the view to say."""

    skipped: tuple[str, ...] = ()


def skipped_note(names: Sequence[str]) -> str:
    """One sentence naming the stray files skipped, or nothing."""
    if not names:
        return ""
    return (
        "Skipped "
        + ", ".join(f"{Path(n).name} ({stray(n)})" for n in names)
        + ": not participants' files."
    )


def _heading(text: str) -> str:
    """A column heading compared loosely: case, spaces and underscores."""
    return " ".join(text.replace("_", " ").lower().split())

T = TypeVar("T")
# One file's bytes, its label in messages and the participant's name from its file name,
# to the participants found in it and the problems (participants only when there are none).
Parse = Callable[[bytes, str, str], tuple[dict[str, T], list[Problem]]]


def participant_key(name: str) -> str:
    """Who a name refers to: 'Alice', 'alice ' and 'аlice' (Cyrillic а) are one participant
    (``helpers.data.names``)."""
    return name_key(name)


def shipped(label: str) -> bool:
    """Whether a file is one of the samples shipped inside the package (they alone may use
    the names the views reserve, such as "The briefing's ratings")."""
    return Path(label).resolve().is_relative_to(loader.DATA_DIR)


@dataclass(frozen=True)
class ParticipantTable:
    """A participant's file, its header checked: where each needed column is and whether
    the file is a combined one (it has a ``participant`` column)."""

    label: str
    name: str  # the participant of a one-participant file (its file name without .csv)
    header: list[str]
    rows: list[tuple[int, list[str]]]
    at: dict[str, int]
    combined: bool

    def cells(self, problems: list[Problem]) -> Iterator[tuple[int, list[str], str]]:
        """Each row with as many cells as the header, with its participant's name (empty if
        the combined file left it empty: a problem, recorded here). A file name that
        cannot be a name is said once, not once per row."""
        said_file_name = False
        for number, cells in self.rows:
            if len(cells) != len(self.header):
                problems.append(field_count_problem(self.label, number, self.header, cells))
                continue
            raw = cells[self.at[PARTICIPANT]] if self.combined else self.name
            try:
                who = clean_name(raw, allow_reserved=shipped(self.label))
            except NameRefused as why:
                who = ""
                if said_file_name:
                    yield number, cells, who
                    continue
                said_file_name = not self.combined
                problems.append(
                    Problem(
                        self.label,
                        number if self.combined else None,
                        PARTICIPANT if self.combined else None,
                        (
                            "the participant's name"
                            if self.combined
                            else "a file name that is the participant's name"
                        )
                        + f" ({NAME_RULE})",
                        str(why) if raw.strip() else "an empty cell",
                    )
                )
            yield number, cells, who


def _one_round(
    rows: list[tuple[int, list[str]]],
    label: str,
    name: str,
    at: dict[str, int],
    width: int,
    wanted: int | None,
) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """The rows of one round of a file with a ``round`` column: round ``wanted``, or, when
    None, each participant's latest round (the answers they gave last), and the problems."""
    problems: list[Problem] = []
    tagged: list[tuple[int, tuple[int, list[str]], str]] = []
    for number, cells in rows:
        if len(cells) != width:
            tagged.append((0, (number, cells), ""))  # kept: cells() reports its width
            continue
        text = cells[at[ROUND]].strip()
        if text not in {str(r) for r in ROUNDS}:
            problems.append(
                Problem(
                    label,
                    number,
                    ROUND,
                    "the round: 1 (before the discussion) or 2 (after)",
                    repr(text) if text else "an empty cell",
                )
            )
            continue
        who = cells[at[PARTICIPANT]] if PARTICIPANT in at else name
        tagged.append((int(text), (number, cells), name_key(who)))
    latest: dict[str, int] = {}
    for round_no, _, who in tagged:
        latest[who] = max(latest.get(who, 0), round_no)
    keep = [
        row
        for round_no, row, who in tagged
        if round_no == 0 or round_no == (wanted if wanted is not None else latest[who])
    ]
    return keep, problems


def _columns_twice(label: str, keys: list[str], needed: list[str]) -> list[Problem]:
    """A needed column headed twice: which one counts? Reading the first ignored the other
    silently."""
    twice = [c for c in needed if keys.count(c) > 1]
    return [
        Problem(
            label,
            None,
            c,
            f"one column headed {c!r}",
            "columns "
            + " and ".join(str(i + 1) for i, k in enumerate(keys) if k == c)
            + f" are both headed {c!r}: keep one",
        )
        for c in twice
    ]


def _names_elsewhere(label: str, header: list[str], combined: bool) -> list[Problem]:
    """A class's names under another heading (:data:`NAME_HEADINGS`): read as it stands, the
    file would be one participant named after the file, its students merged."""
    names = [h for h in header if _heading(h) in NAME_HEADINGS]
    if not names or combined:
        return []
    return [
        Problem(
            label,
            None,
            names[0],
            f"the participants' names in a column headed {PARTICIPANT!r} (a combined "
            "file), or one file per participant named after them",
            f"a column headed {names[0]!r}: rename it {PARTICIPANT!r}",
        )
    ]


def _columns_missing(
    label: str, header: list[str], keys: list[str], needed: list[str]
) -> list[Problem]:
    """The needed columns the header lacks, with the header as found (or word that it is not
    text at all: a spreadsheet saved under a .csv name)."""
    missing = [c for c in needed if c not in keys]
    if not missing:
        return []
    shown = ",".join(header)
    if any(unicodedata.category(ch) == "Cc" and ch != "\t" for ch in shown):
        found = "not a CSV text header (binary bytes: a spreadsheet or another file?)"
    else:
        found = "header: " + (shown if len(shown) <= 200 else shown[:197] + "...")
    return [
        Problem(
            label,
            None,
            ", ".join(missing),
            "the column(s) in the header: " + ",".join(needed),
            found,
        )
    ]


def participant_table(
    raw: bytes,
    label: str,
    name: str,
    columns: Sequence[str],
    one_row_per: str,
    round_no: int | None = None,
) -> ParticipantTable | list[Problem]:
    """The file's rows if its header has ``columns`` (names matched without regard to case
    or surrounding spaces; other columns ignored), else the problems. ``one_row_per`` names
    what a row stands for, for the message about a file with only a header.

    A file with a ``round`` column (the participant page saves one) gives the rows of round
    ``round_no``, or each participant's latest round when it is None; a file without one is
    round 1, all of it."""
    try:
        header, rows = csv_rows(raw, label)
    except DataError as err:
        return list(err.problems)
    keys = [h.strip().lower() for h in header]
    combined = PARTICIPANT in keys
    needed = ([PARTICIPANT] if combined else []) + list(columns)
    header_problems = (
        _columns_twice(label, keys, needed)
        or _names_elsewhere(label, header, combined)
        or _columns_missing(label, header, keys, needed)
    )
    if header_problems:
        return header_problems
    if not rows:
        return [Problem(label, None, None, f"one row per {one_row_per}", "only a header")]
    at = {c: keys.index(c) for c in needed}
    if ROUND in keys:
        rows, trouble = _one_round(
            rows, label, name, {**at, ROUND: keys.index(ROUND)}, len(header), round_no
        )
        if trouble:
            return trouble
    elif round_no not in (None, ROUNDS[0]):
        rows = []  # a file without rounds holds round 1 only
    return ParticipantTable(label, name, header, rows, at, combined)


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


def csv_files(
    paths: Iterable[str | Path], skipped: list[str] | None = None
) -> tuple[list[Path], list[Problem]]:
    """Each path as given, a folder standing for the CSV files directly in it (by name).
    Links, devices and oversized files are refused by name, not read; stray files in a
    folder (:data:`STRAY`) are passed over, their names added to ``skipped``."""
    files: list[Path] = []
    problems: list[Problem] = []
    expected = "a participant's CSV file (a regular file)"
    for item in paths:
        path = Path(item)
        if path.is_dir() and not path.is_symlink():
            listed = sorted(p for p in path.iterdir() if p.name.lower().endswith(".csv"))
            inside = [p for p in listed if not stray(p.name)]
            if skipped is not None:
                skipped.extend(p.name for p in listed if stray(p.name))
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
    into: dict[str, T],
    found: dict[str, T],
    label: str,
    origin: dict[str, str],
    problems: list[Problem],
) -> list[str]:
    """Add ``found`` (read from ``label``) to ``into``; a participant already read from
    another file (in any spelling: 'Alice' is 'alice ') is a problem, not silently merged.
    ``origin`` maps participant keys to the file each came from. Returns the names added."""
    added = []
    by_key = {participant_key(n): n for n in into}
    for who, value in found.items():
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
        into[who] = value
        by_key[key] = who
        added.append(who)
    return added


def read_participants(paths: Sequence[str | Path], parse: Parse[T], subject: str) -> dict[str, T]:
    """Every participant in files and folders, in the order given, each file read by
    ``parse``. Raises one :class:`DataError` about ``subject`` listing every problem in every
    file, including a participant named twice (two files with the same name in any case or
    spacing, or a name repeated across combined files): silently keeping one of them would
    change the counts."""
    skipped: list[str] = []
    files, problems = csv_files(paths, skipped)
    result: Participants = Participants()
    result.skipped = tuple(skipped)
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
        found, trouble = parse(raw, label, path.stem)
        problems.extend(trouble)
        merge(result, found, label, origin, problems)
    if problems:
        raise DataError(problems, subject)
    return result


def parse_uploads(
    files: dict[str, bytes],
    parse: Parse[T],
    problems: list[Problem],
    skipped: list[str] | None = None,
) -> dict[str, T]:
    """The participants in files uploaded in one go (name -> bytes), problems appended: only
    CSV files of a bounded size are parsed, and one participant in two files is a problem.
    Stray files (:data:`STRAY`) are not read; their names are added to ``skipped``."""
    added: dict[str, T] = {}
    origin: dict[str, str] = {}
    for name, raw in files.items():
        if stray(name):
            if skipped is not None:
                skipped.append(name)
            continue
        if not name.lower().endswith(".csv"):
            problems.append(Problem(name, None, None, "a .csv file", "another kind of file"))
            continue
        if len(raw) > MAX_BYTES:
            problems.append(
                Problem(name, None, None, f"at most {MAX_BYTES:,} bytes", f"{len(raw):,}")
            )
            continue
        found, trouble = parse(raw, name, Path(name).stem)
        problems.extend(trouble)
        merge(added, found, name, origin, problems)
    return added
