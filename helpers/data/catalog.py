"""The dataset catalog: what each CSV holds and what every column must look like.

The catalog is data (``catalog.toml``), not code, so the description of a dataset --
what a row counts, its unit, caveats, "as of" -- sits beside the file it describes
and is shown to readers. Column types are short strings:

``id``            a key token (letters, digits, ``-``, ``_``, ``.``)
``text``          any non-empty text
``url``           an http(s) address
``int`` / ``float``   numbers; ``float[0,100]`` adds inclusive bounds
``date``          ``YYYY-MM-DD``, no later than the dataset's "as of"
``duedate``       ``YYYY-MM-DD`` that may lie after "as of" (a forecast's resolution date)
``isodate``       a date as precise as known: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (kept as text)
``bool``          ``yes`` or ``no``
``enum:a|b|c``    one of the listed values (kept in this order as a categorical)
``enum:=dataset`` one of the keys of another dataset, in that file's order (so a list such as
                  ICD 203's words is written once, in its own dataset, not in every column)
``list``          ``;``-separated values
``sources``       ``;``-separated source ids that must resolve to ``sources.csv``
``ref:dataset``   a key of another dataset (which must have a one-column key)

A trailing ``?`` makes a column optional (an empty cell is allowed).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from helpers.data.errors import DataError, Problem

KINDS = (
    "id",
    "text",
    "url",
    "int",
    "float",
    "date",
    "duedate",
    "isodate",
    "bool",
    "enum",
    "list",
    "sources",
    "ref",
)
STATUSES = ("VERIFIED", "PARTLY", "UNVERIFIED", "DERIVED")
_TYPE_RE = re.compile(
    r"^(?P<kind>[a-z]+)(?::(?P<args>[^\[?]+))?(?:\[(?P<lo>[^,\]]*),(?P<hi>[^\]]*)\])?(?P<opt>\?)?$"
)
_REQUIRED_FIELDS = ("file", "title", "row", "unit", "as_of", "caveats", "key", "columns")


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str
    optional: bool = False
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    choices_from: str = ""  # ``enum:=dataset``: the choices are that dataset's keys

    def describe(self) -> str:
        """What a valid cell looks like, in words, for error messages."""
        words = {
            "id": "an id (letters, digits, '-', '_' or '.')",
            "text": "some text",
            "url": "a URL starting with http:// or https://",
            "int": "a whole number",
            "float": "a number",
            "date": "a date as YYYY-MM-DD",
            "duedate": "a date as YYYY-MM-DD",
            "isodate": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
            "bool": "'yes' or 'no'",
            "enum": "one of " + ", ".join(repr(c) for c in self.choices),
            "list": "values separated by ';'",
            "sources": "source ids separated by ';'",
            "ref": f"a key of the dataset {self.choices[0] if self.choices else '?'!r}",
        }[self.kind]
        if self.low is not None or self.high is not None:
            lo = "-inf" if self.low is None else f"{self.low:g}"
            hi = "inf" if self.high is None else f"{self.high:g}"
            words += f" between {lo} and {hi}"
        return words


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    file: str
    title: str
    row: str
    unit: str
    as_of: dt.date
    caveats: str
    key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> ColumnSpec:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


@dataclass(frozen=True)
class Catalog:
    path: Path
    datasets: dict[str, DatasetSpec]

    def __getitem__(self, name: str) -> DatasetSpec:
        try:
            return self.datasets[name]
        except KeyError:
            known = ", ".join(sorted(self.datasets))
            raise DataError.one(
                self.path.name, None, None, f"a dataset named one of: {known}", repr(name)
            ) from None


def parse_column(file: str, dataset: str, name: str, type_text: object) -> ColumnSpec:
    where = f"{file} [{dataset}.columns]"
    m = _TYPE_RE.match(type_text) if isinstance(type_text, str) else None
    if m is None or m["kind"] not in KINDS:
        raise DataError.one(
            where, None, name, "a column type such as 'text', 'date' or 'enum:a|b'", repr(type_text)
        )
    kind = m["kind"]
    if kind == "enum" and m["args"] and m["args"].startswith("="):
        return ColumnSpec(name, kind, bool(m["opt"]), choices_from=m["args"][1:].strip())
    choices = tuple(a.strip() for a in m["args"].split("|")) if m["args"] else ()
    if (kind in ("enum", "ref")) != bool(choices) or (kind == "ref" and len(choices) != 1):
        raise DataError.one(
            where, None, name, "choices with 'enum:', one dataset with 'ref:'", repr(type_text)
        )
    bounds: list[float | None] = []
    for b in (m["lo"], m["hi"]):
        try:
            bounds.append(float(b) if b not in (None, "") else None)
        except ValueError:
            raise DataError.one(where, None, name, "numeric bounds", repr(type_text)) from None
    if any(b is not None for b in bounds) and kind not in ("int", "float"):
        raise DataError.one(where, None, name, "bounds only on int or float", repr(type_text))
    return ColumnSpec(name, kind, bool(m["opt"]), choices, bounds[0], bounds[1])


def load_catalog(data_dir: Path) -> Catalog:
    """Read and check ``catalog.toml`` in ``data_dir``."""
    path = Path(data_dir) / "catalog.toml"
    raw = _read_toml(path)
    problems: list[Problem] = []
    datasets: dict[str, DatasetSpec] = {}
    for name, entry in raw.items():
        spec = _dataset_spec(path, name, entry, problems)
        if spec is not None:
            datasets[name] = spec
    if "sources" not in datasets:
        problems.append(Problem(path.name, None, None, "a [sources] dataset", "none"))
    for name, spec in list(datasets.items()):
        if any(c.choices_from for c in spec.columns):
            columns = tuple(_resolve_choices(c, datasets, path, problems) for c in spec.columns)
            datasets[name] = replace(spec, columns=columns)
    if problems:
        raise DataError(problems)
    return Catalog(path, datasets)


def _read_toml(path: Path) -> dict:
    """The catalog file's TOML, or one error naming the file: nothing else can be checked
    without it."""
    if not path.is_file():
        raise DataError.one(path.name, None, None, f"a catalog file at {path}", "no such file")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError.one(path.name, None, None, "valid TOML", str(exc)) from None


def _dataset_spec(
    path: Path, name: str, entry: dict, problems: list[Problem]
) -> DatasetSpec | None:
    """One ``[dataset]`` entry as a spec, its problems appended, so every entry's are said in
    one go; None when a missing field or an unreadable date leaves nothing to check."""
    missing = [f for f in _REQUIRED_FIELDS if f not in entry]
    if missing:
        problems.append(
            Problem(path.name, None, None, f"[{name}] to have {', '.join(missing)}", "none")
        )
        return None
    as_of = entry["as_of"]
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        problems.append(
            Problem(
                path.name,
                None,
                f"[{name}].as_of",
                "a date written YYYY-MM-DD without quotes",
                repr(as_of),
                label="field",
            )
        )
        return None
    columns = tuple(parse_column(path.name, name, c, t) for c, t in entry["columns"].items())
    names = {c.name for c in columns}
    unknown_keys = [k for k in entry["key"] if k not in names]
    if unknown_keys:
        problems.append(
            Problem(path.name, None, None, f"[{name}].key to name columns", str(unknown_keys))
        )
    if name != "sources":
        problems.extend(_provenance_problems(path, name, columns))
    return DatasetSpec(
        name=name,
        file=entry["file"],
        title=entry["title"],
        row=entry["row"],
        unit=entry["unit"],
        as_of=entry["as_of"],
        caveats=" ".join(entry["caveats"].split()),
        key=tuple(entry["key"]),
        columns=columns,
    )


def _provenance_problems(path: Path, name: str, columns: tuple[ColumnSpec, ...]) -> list[Problem]:
    """Why a dataset cannot say where each row comes from and how sure it is (its
    ``source_ids`` and ``status`` columns), or nothing."""
    by_name = {c.name: c for c in columns}
    status = by_name.get("status")
    if "source_ids" not in by_name or status is None:
        return [
            Problem(
                path.name,
                None,
                None,
                f"[{name}] to have source_ids and status columns",
                ", ".join(sorted(by_name)),
            )
        ]
    if status.kind != "enum" or not set(status.choices) <= set(STATUSES):
        return [
            Problem(
                path.name,
                None,
                "status",
                "enum:" + "|".join(STATUSES) + " (or a subset)",
                f"{status.kind}:{'|'.join(status.choices)}",
            )
        ]
    return []


def _resolve_choices(
    col: ColumnSpec, datasets: dict[str, DatasetSpec], path: Path, problems: list[Problem]
) -> ColumnSpec:
    """An ``enum:=dataset`` column with its choices: the dataset's one-column key, read from
    its file in order (the file is checked in full when that dataset is loaded)."""
    if not col.choices_from:
        return col
    target = datasets.get(col.choices_from)
    if target is None or len(target.key) != 1:
        problems.append(
            Problem(
                path.name,
                None,
                col.name,
                "enum:= naming a dataset with a one-column key",
                repr(col.choices_from),
            )
        )
        return col
    try:
        with (path.parent / target.file).open(encoding="utf-8-sig", newline="") as handle:
            keys = tuple(
                row[target.key[0]].strip()
                for row in csv.DictReader(handle)
                if row.get(target.key[0], "").strip()
            )
    except (OSError, UnicodeDecodeError, KeyError) as exc:
        problems.append(Problem(target.file, None, target.key[0], "the keys to choose from",
                                str(exc)))  # fmt: skip
        return col
    return replace(col, choices=keys)
