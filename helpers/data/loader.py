"""``load(name)``: one loader for every dataset, validating each cell against the catalog.

Its CSV reader (``csv_rows``) also reads participants' files and uploads, so every CSV the
briefing reads names a problem's row by the line a person fixes, in one way.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from helpers.data.catalog import Catalog, ColumnSpec, DatasetSpec, load_catalog
from helpers.data.errors import DataError, Problem, RowNumber, field_count_problem

DATA_DIR = Path(__file__).resolve().parent
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISODATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Numbers as a person types them: no spaces, no '_' separators (Python's int() takes both).
_INT_RE = re.compile(r"^[+-]?\d+$", re.ASCII)
_FLOAT_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)
INT64 = (-(2**63), 2**63 - 1)  # what an Int64 column holds
# The dates a date column may hold: pandas stores days from 1677 to 2262 only, and a year
# outside this range is a typo (1027 for 2027) or a placeholder (9999-12-31 for "never").
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2200, 12, 31)


class _Bad(Exception):
    """A cell that does not fit its column; carries what was found."""


def _parse_cell(spec: ColumnSpec, text: str) -> object:
    """Turn one CSV cell into a Python value, or raise ``_Bad``."""
    if spec.kind != "list" and spec.kind != "sources" and text != text.strip():
        raise _Bad(f"{text!r} (spaces at the start or end)")
    if spec.kind == "id":
        if not _ID_RE.match(text):
            raise _Bad(repr(text))
        return text
    if spec.kind == "text":
        return text
    if spec.kind == "url":
        if not text.startswith(("http://", "https://")) or " " in text:
            raise _Bad(repr(text))
        return text
    if spec.kind in ("int", "float"):
        return _parse_number(spec, text)
    if spec.kind in ("date", "duedate"):
        return _parse_date(text)
    if spec.kind == "isodate":
        if not _ISODATE_RE.match(text):
            raise _Bad(repr(text))
        try:
            dt.date.fromisoformat((text + "-01-01")[:10])
        except ValueError:
            raise _Bad(f"{text!r} (no such date)") from None
        return text
    if spec.kind == "bool":
        if text not in ("yes", "no"):
            raise _Bad(repr(text))
        return text == "yes"
    if spec.kind == "enum":
        if text not in spec.choices:
            raise _Bad(repr(text))
        return text
    if spec.kind == "ref":
        if not _ID_RE.match(text):
            raise _Bad(repr(text))
        return text
    return _parse_items(spec, text)


def _parse_number(spec: ColumnSpec, text: str) -> float:
    """A number as a person types it, whole where the column says so, within its bounds:
    Python's own ``int``/``float`` accept more (spaces, '_', 'nan', 'inf')."""
    pattern = _INT_RE if spec.kind == "int" else _FLOAT_RE
    if len(text) > 40 or not pattern.fullmatch(text):
        raise _Bad(repr(text) if len(text) <= 60 else repr(text[:57]) + "...")
    value: float = int(text) if spec.kind == "int" else float(text)
    if spec.kind == "int" and not INT64[0] <= value <= INT64[1]:
        raise _Bad(f"{text!r} (too large for a whole-number column)")
    if value != value or value in (float("inf"), float("-inf")):
        raise _Bad(repr(text))
    if (spec.low is not None and value < spec.low) or (
        spec.high is not None and value > spec.high
    ):
        raise _Bad(repr(text))
    return value


def _parse_date(text: str) -> dt.date:
    """A real day as YYYY-MM-DD in the years pandas can hold; a year outside them is a typo."""
    if not _DATE_RE.match(text):
        raise _Bad(repr(text))
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise _Bad(f"{text!r} (no such day)") from None
    if not EARLIEST <= day <= LATEST:
        raise _Bad(
            f"{text!r} (dates run from {EARLIEST.isoformat()} to {LATEST.isoformat()}: "
            "a typo in the year?)"
        )
    return day


def _parse_items(spec: ColumnSpec, text: str) -> tuple[str, ...]:
    """A ``list`` or ``sources`` cell: ``;``-separated items, none empty (a doubled ``;``
    is a typo), source ids shaped as ids."""
    items = tuple(part.strip() for part in text.split(";"))
    if any(not item for item in items):
        raise _Bad(f"{text!r} (an empty item)")
    if spec.kind == "sources" and not all(_ID_RE.match(i) for i in items):
        raise _Bad(repr(text))
    return items


def _read_rows(path: Path, label: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Read header and rows; rows carry their 1-based data-row number."""
    if not path.is_file():
        raise DataError.one(label, None, None, f"a CSV file at {path}", "no such file")
    return csv_rows(path.read_bytes(), label)


def csv_rows(raw: bytes, label: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and non-blank rows of CSV bytes (a file's, or a browser upload's).

    Rows carry their 1-based data-row number (a :class:`RowNumber`, which knows the line
    the row starts on: a quoted cell may hold line breaks, Excel's Alt+Enter), so a problem
    names the line to fix. Raises :class:`DataError` for text that is not UTF-8 or a file
    with nothing in it.
    """
    try:
        text = raw.decode("utf-8-sig")  # tolerate a byte-order mark from spreadsheet tools
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError.one(
            label,
            line - 1 if line > 1 else None,
            None,
            "UTF-8 text",
            f"byte {raw[exc.start]:#04x} on line {line} (save the file as UTF-8)",
        ) from None
    if not text.strip():
        raise DataError.one(label, None, None, "a header line and rows", "an empty file")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    starts: list[int] = []  # the file line each record starts on
    ends = 0
    try:
        for row in reader:
            starts.append(ends + 1)
            ends = reader.line_num
            rows.append(row)
    except csv.Error as exc:  # a field past csv's size limit, an unclosed quote at the end
        line = reader.line_num
        raise DataError.one(
            label,
            line - 1 if line > 1 else None,
            None,
            f"CSV fields of at most {csv.field_size_limit():,} characters, quotes closed",
            f"{exc} (near line {line})",
        ) from None
    header, body = rows[0], rows[1:]
    numbered = [
        (RowNumber(i, starts[i]), r)
        for i, r in enumerate(body, start=1)
        if any(cell.strip() for cell in r)
    ]
    return [h.strip() for h in header], numbered


def _validate(
    spec: DatasetSpec,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    known_sources: set[str],
    known_refs: dict[str, set[str]],
) -> tuple[dict[str, list[object]], list[Problem]]:
    """Every cell parsed by its column, and every problem found in the file (not just the
    first), so one edit fixes them all."""
    label = spec.file
    _check_header(spec, header, rows)
    problems: list[Problem] = []
    position = {name: header.index(name) for name in spec.column_names}
    values: dict[str, list[object]] = {name: [] for name in spec.column_names}
    seen_keys: dict[tuple[object, ...], int] = {}
    for number, cells in rows:
        if len(cells) != len(header):
            problems.append(field_count_problem(label, number, header, cells))
            continue
        texts = {name: cells[at] for name, at in position.items()}
        parsed = _parse_row(spec, number, texts, known_sources, known_refs, problems)
        key = tuple(parsed[k] for k in spec.key)
        if None not in key:
            if key in seen_keys:
                problems.append(
                    Problem(
                        label,
                        number,
                        ", ".join(spec.key),
                        "a unique key",
                        f"{key if len(key) > 1 else key[0]!r} again "
                        f"(first at row {seen_keys[key]})",
                    )
                )
            else:
                seen_keys[key] = number
        for name, value in parsed.items():
            values[name].append(value)
    return values, problems


def _check_header(spec: DatasetSpec, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
    """Raise unless the header has exactly the catalog's columns and a row follows it: with
    the wrong columns, no cell could be checked."""
    label = spec.file
    problems: list[Problem] = []
    missing = [c for c in spec.column_names if c not in header]
    extra = [c for c in header if c not in spec.column_names]
    if missing:
        problems.append(
            Problem(
                label,
                None,
                ", ".join(missing),
                "this column in the header",
                "header: " + ", ".join(header),
            )
        )
    if extra:
        problems.append(
            Problem(label, None, ", ".join(extra), "only the catalog's columns", "an extra column")
        )
    if missing or extra:
        raise DataError(problems)
    if not rows:
        raise DataError.one(label, None, None, "at least one data row", "only a header")


def _parse_row(
    spec: DatasetSpec,
    number: int,
    texts: dict[str, str],
    known_sources: set[str],
    known_refs: dict[str, set[str]],
    problems: list[Problem],
) -> dict[str, object]:
    """One row's cells by column (None where a cell is empty or bad), problems appended."""
    label = spec.file
    parsed: dict[str, object] = {}
    for col in spec.columns:
        text = texts[col.name]
        if text.strip() == "":
            if not col.optional:
                problems.append(Problem(label, number, col.name, col.describe(), "an empty cell"))
            parsed[col.name] = None
            continue
        try:
            parsed[col.name] = _parse_cell(col, text)
        except _Bad as bad:
            problems.append(Problem(label, number, col.name, col.describe(), str(bad)))
            parsed[col.name] = None
            continue
        problems.extend(
            _cell_problems(spec, col, number, text, parsed[col.name], known_sources, known_refs)
        )
    return parsed


def _cell_problems(
    spec: DatasetSpec,
    col: ColumnSpec,
    number: int,
    text: str,
    value: object,
    known_sources: set[str],
    known_refs: dict[str, set[str]],
) -> list[Problem]:
    """What a well-formed cell still gets wrong against the rest of the data: a date after
    the data's "as of", a key or source id that no other file lists."""
    label = spec.file
    problems: list[Problem] = []
    if col.kind == "date" and value > spec.as_of:
        # A date after the data's "as of" is a typo or a forecast; neither belongs here.
        problems.append(
            Problem(
                label,
                number,
                col.name,
                f"a date no later than the data's as-of date ({spec.as_of.isoformat()})",
                repr(text),
            )
        )
    if col.kind == "ref" and value not in known_refs[col.name]:
        target = col.choices[0]
        problems.append(
            Problem(
                label,
                number,
                col.name,
                f"a key listed in {target}",
                f"unknown {target} key {value!r}",
            )
        )
    if col.kind == "sources":
        for sid in value:  # type: ignore[union-attr]
            if sid not in known_sources:
                problems.append(
                    Problem(
                        label,
                        number,
                        col.name,
                        "an id listed in sources.csv",
                        f"unknown source id {sid!r}",
                    )
                )
    return problems


_DTYPES: dict[str, Callable[[ColumnSpec, list[object]], pd.Series]] = {
    "id": lambda c, v: pd.Series(v, dtype="string"),
    "text": lambda c, v: pd.Series(v, dtype="string"),
    "url": lambda c, v: pd.Series(v, dtype="string"),
    "isodate": lambda c, v: pd.Series(v, dtype="string"),
    "int": lambda c, v: pd.Series(v, dtype="Int64"),
    "float": lambda c, v: pd.Series([float("nan") if x is None else x for x in v], dtype="float64"),
    "date": lambda c, v: pd.Series(
        pd.to_datetime(pd.Series(v, dtype="object")), dtype="datetime64[ns]"
    ),
    "duedate": lambda c, v: pd.Series(
        pd.to_datetime(pd.Series(v, dtype="object")), dtype="datetime64[ns]"
    ),
    "bool": lambda c, v: pd.Series(v, dtype="boolean"),
    "enum": lambda c, v: pd.Series(pd.Categorical(v, categories=list(c.choices))),
    "ref": lambda c, v: pd.Series(v, dtype="string"),
    "list": lambda c, v: pd.Series([() if x is None else x for x in v], dtype="object"),
    "sources": lambda c, v: pd.Series([() if x is None else x for x in v], dtype="object"),
}


@functools.lru_cache(maxsize=64)
def _load_cached(name: str, data_dir: Path, stamp: tuple[float, ...]) -> pd.DataFrame:
    catalog = _catalog_cached(data_dir, stamp)
    spec = catalog[name]
    known: set[str] = set()
    if name != "sources":
        known = set(_load_cached("sources", data_dir, _stamp(data_dir))["source_id"])
    refs: dict[str, set[str]] = {}
    for col in spec.columns:
        if col.kind == "ref":
            target = catalog[col.choices[0]]
            if len(target.key) != 1:
                raise DataError.one(
                    catalog.path.name,
                    None,
                    col.name,
                    "a reference to a dataset with a one-column key",
                    f"{target.name} keyed on {', '.join(target.key)}",
                )
            frame = _load_cached(target.name, data_dir, _stamp(data_dir))
            refs[col.name] = set(frame[target.key[0]].astype(str))
    header, rows = _read_rows(data_dir / spec.file, spec.file)
    values, problems = _validate(spec, header, rows, known, refs)
    if problems:
        raise DataError(problems)
    frame = pd.DataFrame({c.name: _DTYPES[c.kind](c, values[c.name]) for c in spec.columns})
    frame.attrs["dataset"] = name
    frame.attrs["as_of"] = spec.as_of.isoformat()
    return frame


def data_stamp(data_dir: Path | None = None) -> tuple[float, ...]:
    """Changes whenever a data file changes: a key for caches built from the data."""
    return _stamp(data_dir or DATA_DIR)


def _stamp(data_dir: Path) -> tuple[float, ...]:
    """Modification times, so an edited CSV is re-read without restarting the kernel (the
    files ``glob("*")`` would list, read with one ``scandir``: every load asks for this)."""
    try:
        with os.scandir(data_dir) as entries:
            return tuple(
                sorted(e.stat().st_mtime_ns for e in entries if e.is_file() and e.name[0] != ".")
            )
    except FileNotFoundError:
        return ()


def load(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load dataset ``name`` as a validated DataFrame (a fresh copy each call).

    Raises :class:`DataError` naming file, row, column, expected and found.
    """
    directory = Path(data_dir) if data_dir is not None else DATA_DIR
    return _load_cached(name, directory.resolve(), _stamp(directory)).copy()


def sources(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The bibliography, indexed by source id."""
    return load("sources", data_dir).set_index("source_id")


def dataset_names(data_dir: Path | str | None = None) -> list[str]:
    return sorted(catalog_for(data_dir).datasets)


def catalog_for(data_dir: Path | str | None = None) -> Catalog:
    """The catalog, re-read only when a file in the data folder changes."""
    directory = (Path(data_dir) if data_dir is not None else DATA_DIR).resolve()
    return _catalog_cached(directory, _stamp(directory))


@functools.lru_cache(maxsize=8)
def _catalog_cached(data_dir: Path, stamp: tuple[float, ...]) -> Catalog:
    return load_catalog(data_dir)
