"""Prepared scenarios: an explorer's state as a small JSON file or one line of text.

A presenter sets explorers up before a seminar, saves each state (a file, or a line to paste
into an e-mail), and loads them back in the room. The presets use the same format: the
static build writes every preset as a scenario file, and a file saved from a preset loads
back as that preset. A file that does not fit (another explorer, an unknown field, a value of
the wrong type or outside what the controls allow) raises one ``DataError`` that names the
file and every field at fault, never a traceback from deep inside the model.

The format::

    {"format": "korea-nato-briefing/scenario", "version": 1, "explorer": "race",
     "name": "SIPRI trend", "state": {"korea_growth": [12, 24], ...}}

Fields left out of ``state`` take the value of the explorer's first preset (the
commentary's view), so a hand-written file may name only what it changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.data import DataError
from helpers.data.errors import Problem
from helpers.data.names import NameRefused, clean_name
from helpers.explorers.spec import PICKER
from helpers.models.controls import problems as control_problems

FORMAT = "korea-nato-briefing/scenario"
VERSION = 1
TOP_LEVEL = ("format", "version", "explorer", "name", "state")
MAX_BYTES = 64 * 1024  # a saved scenario is well under 4 KB; the ACH one under 2 KB
MAX_NAME = 100  # characters in a scenario's name (it is shown three times in the page)
MAX_DIGITS = 20  # digits in a number: every control's value has a handful


class _Misread(ValueError):
    """A JSON value the scenario reader refuses while reading: (field, expected, found)."""


def _number(text: str) -> int:
    """An integer of at most ``MAX_DIGITS`` digits: a 400-digit one overflowed the
    controls' floats, a 5,000-digit one Python's own limit, both as tracebacks."""
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Misread(None, f"numbers of at most {MAX_DIGITS} digits", f"{len(text):,} digits")
    return int(text)


def _not_a_number(text: str) -> float:
    raise _Misread(None, "numbers (JSON has no NaN or Infinity)", text)


def _fields_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose every key is given once: with two, the last silently won (even
    two "explorer" fields)."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Misread(_shown(key)[:40].strip('"'), "each field once", f"{_shown(key)} twice")
        seen[key] = value
    return seen


NAME_RULE = "a name in letters of one script, without invisible or control characters"


def scenario_name(text: str) -> str:
    """A scenario's name under the rule for every name people give (``helpers.data.names``):
    NFC, spaces trimmed, invisible and bidirectional characters and look-alike scripts
    refused (:class:`NameRefused` says why). The views' reserved names are a participant
    matter, not a scenario's."""
    return clean_name(text, allow_reserved=True, max_length=MAX_NAME)


@dataclass(frozen=True)
class Scenario:
    """A named state of one explorer."""

    explorer: str
    name: str
    state: Any

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "explorer": self.explorer,
            "name": self.name,
            "state": {f.name: _encode(getattr(self.state, f.name)) for f in _fields(self.state)},
        }

    def to_json(self) -> str:
        """The file form: one field per line, easy to read and edit."""
        data = self.to_dict()
        state = data.pop("state")
        lines = [
            f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in data.items()
        ]
        fields = [
            f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in state.items()
        ]
        return "{\n" + "\n".join(lines) + '\n  "state": {\n' + ",\n".join(fields) + "\n  }\n}\n"

    def to_line(self) -> str:
        """The paste form: the same JSON on a single line."""
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False)

    @property
    def fragment(self) -> str:
        """What a link to this scenario carries after ``#``: ``scenario=race:the-governments-
        target-5-share``. The offline pages and decks read it (``scenario_link.js``); it
        names a prepared scenario, so only the presets built into those pages can be
        linked."""
        return f"scenario={self.explorer}:{link_slug(self.name)}"

    @property
    def filename(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "scenario"
        return f"{self.explorer}-{slug[:60]}.json"


def link_slug(name: str) -> str:
    """A scenario's name in a link: lower case, apostrophes dropped, other runs of
    characters that are not letters or digits as one hyphen (as ``scenario_link.js``)."""
    plain = re.sub(r"['\u2019]", "", name.lower())
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def link_table(specs: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """What the offline pages' script (``scenario_link.js``) needs to follow a link: per
    explorer, the selector of its scenario list and each prepared scenario's slug in the
    list's order. Python writes the slugs, so the script has no copy of ``link_slug``."""
    return {
        name: {
            "picker": f".{spec.css(PICKER)} select",
            "slugs": [link_slug(n) for n in spec.presets],
        }
        for name, spec in specs.items()
    }


def _fields(state: Any) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(state)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a whole number", float: "a number", str: "text"}.get(
        type(value), type(value).__name__
    )


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class _Decoder:
    """Turns JSON values back into the state's Python types, using the presets as the
    reference for each field's shape (element type and, where every preset agrees, length)."""

    def __init__(self, presets: Mapping[str, Any]):
        self.states = list(presets.values())
        self.reference = self.states[0]

    def field(self, name: str, value: Any) -> Any:
        refs = [getattr(s, name) for s in self.states]
        default = next(f for f in _fields(self.reference) if f.name == name).default
        if value is None:
            if default is None or any(r is None for r in refs):
                return None
            raise ValueError(f"{self._expect(refs)}; found null")
        return self._value(value, [r for r in refs if r is not None])

    def _expect(self, refs: list[Any]) -> str:
        ref = refs[0]
        if isinstance(ref, tuple):
            lengths = {len(r) for r in refs}
            size = f"{lengths.pop()} " if len(lengths) == 1 else ""
            inner = [e for r in refs for e in r]
            what = self._expect(inner) if inner else "values"
            return f"a list of {size}items, each {what}"
        if isinstance(ref, dt.date):
            return "a date written YYYY-MM-DD"
        return _kind(ref)

    def _value(self, value: Any, refs: list[Any]) -> Any:
        ref = refs[0]
        wrong = ValueError(f"expected {self._expect(refs)}; found {_shown(value)}")
        if isinstance(ref, tuple):
            lengths = {len(r) for r in refs}
            if not isinstance(value, list) or (len(lengths) == 1 and len(value) not in lengths):
                raise wrong
            inner = [e for r in refs for e in r]
            return tuple(self._value(v, inner) if inner else v for v in value)
        if isinstance(ref, bool):
            if not isinstance(value, bool):
                raise wrong
            return value
        if isinstance(ref, int | float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise wrong
            try:
                whole = float(value).is_integer()
            except OverflowError:  # an integer past a float's range
                raise wrong from None
            if isinstance(ref, int) and not whole:
                raise wrong
            return type(ref)(value)
        if isinstance(ref, dt.date):
            try:
                return dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                raise wrong from None
        if not isinstance(value, type(ref)):
            raise wrong
        return value


Faults = list[tuple[str | None, str, str]]  # (field, what it expects, what was found)


class _Refused(Exception):
    """A scenario's faults, raised inside ``parse`` and turned into one ``DataError``."""

    def __init__(self, faults: Faults):
        self.faults = faults


def parse(text: str, spec: Any, data: Any = None, origin: str = "the pasted text") -> Scenario:
    """Read a scenario for explorer ``spec`` from JSON ``text``; ``origin`` names it in errors.

    Checks, in order: size, valid JSON, the format marker, the top-level fields, the
    explorer's name, the name, every field's name and type, that every control's
    declaration accepts its value, and that the explorer's model accepts the state. Nothing is
    applied here: a caller applies the returned scenario only after all of this passed.
    """
    try:
        name, state = _envelope(text, spec)
        data = spec.load() if data is None else data
        result = _state(state, spec, data)
    except _Refused as refused:
        raise DataError(
            [Problem(origin, None, c, e, f, label="field") for c, e, f in refused.faults]
        ) from None
    return Scenario(spec.name, name, result)


def _envelope(text: str, spec: Any) -> tuple[str, dict]:
    """The scenario's name and its raw state, once the file's outer fields are right."""
    if len(text) > MAX_BYTES:
        raise _Refused(
            [(None, f"a scenario of at most {MAX_BYTES:,} characters", f"{len(text):,}")]
        )
    try:
        raw = json.loads(
            text,
            parse_int=_number,
            parse_constant=_not_a_number,
            object_pairs_hook=_fields_once,
        )
    except _Misread as misread:
        raise _Refused([misread.args]) from None
    except json.JSONDecodeError as exc:
        found = f"invalid JSON ({exc.msg}, line {exc.lineno})"
        raise _Refused([(None, "a scenario in JSON", found)]) from None
    except RecursionError:
        raise _Refused([(None, "a scenario in JSON", "values nested too deeply")]) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        found = _shown(raw.get("format")) if isinstance(raw, dict) else _shown(raw)[:30]
        raise _Refused([("format", f'"{FORMAT}" (a file saved by an explorer)', found)])
    unknown = [k for k in raw if k not in TOP_LEVEL]
    if unknown:
        expected = f"only the fields {', '.join(TOP_LEVEL)}"
        raise _Refused([(_shown(k)[:40], expected, "an unknown field") for k in unknown[:20]])
    if raw.get("version") != VERSION:
        raise _Refused([("version", str(VERSION), _shown(raw.get("version")))])
    if raw.get("explorer") != spec.name:
        found = _shown(raw.get("explorer"))
        raise _Refused([("explorer", f'"{spec.name}" (this explorer)', found)])
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _Refused([("name", "a non-empty name", _shown(name))])
    if len(name.strip()) > MAX_NAME:
        expected = f"a name of at most {MAX_NAME} characters"
        raise _Refused([("name", expected, f"{len(name):,}")])
    try:
        name = scenario_name(name)
    except NameRefused as why:
        raise _Refused([("name", NAME_RULE, str(why))]) from None
    state = raw.get("state")
    if not isinstance(state, dict):
        raise _Refused([("state", "an object of control values", _shown(state))])
    return name, state


def _state(state: dict, spec: Any, data: Any) -> Any:
    """The explorer's state from a scenario's raw ``state``: every field named and typed,
    every value one its control shows, the whole accepted by the model."""
    decoder = _Decoder(spec.make_presets(data))
    known = [f.name for f in _fields(decoder.reference)]
    unknown = [key for key in state if key not in known]
    faults: Faults = [
        (f"state.{_shown(key)[:40].strip(chr(34))}", f"one of {known}", "an unknown field")
        for key in unknown[:20]  # the list stays readable
    ]
    if len(unknown) > 20:
        faults.append(("state", f"only the fields {known}", f"{len(unknown) - 20:,} more unknown"))
    values: dict[str, Any] = {}
    for key in known:
        if key in state:
            try:
                values[key] = decoder.field(key, state[key])
            except (ValueError, RecursionError) as exc:
                expected, _, found = str(exc).removeprefix("expected ").partition("; found ")
                faults.append((f"state.{key}", expected, found or "values nested too deeply"))
    if faults:
        raise _Refused(faults)
    result = dataclasses.replace(decoder.reference, **values)
    misfits = control_misfits(spec, result, data)
    if misfits:
        raise _Refused(misfits)
    try:
        spec.compute(result, data)
    except (ValueError, KeyError, IndexError, TypeError, OverflowError) as exc:
        raise _Refused([("state", "values the explorer's controls allow", str(exc))]) from None
    return result


def control_misfits(spec: Any, state: Any, data: Any) -> list[tuple[str | None, str, str]]:
    """Fields whose value the explorer's control would refuse or silently change (a slider
    clamps a value past its end), read from the controls' declarations: the model, the
    widgets and this parser read the same ones, so no widget is built to ask."""
    return [
        (" ".join(filter(None, (f"state.{field}", p.where))), p.expects, _shown(_encode(p.found)))
        for field, p in control_problems(spec.controls, state, data)
    ]


def read(path: str | Path, spec: Any, data: Any = None) -> Scenario:
    """Read a scenario file for explorer ``spec``: a regular file of at most ``MAX_BYTES``."""
    shown = str(path) if len(str(path)) <= 200 else str(path)[:197] + "..."
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise DataError.one(shown, None, None, "a scenario file", "a folder")
        if not stat.S_ISREG(info.st_mode):
            raise DataError.one(shown, None, None, "a scenario file", "not a regular file")
        if info.st_size > MAX_BYTES:
            raise DataError.one(
                shown, None, None, f"a file of at most {MAX_BYTES:,} bytes", f"{info.st_size:,}"
            )
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except DataError:
        raise
    except FileNotFoundError:
        raise DataError.one(shown, None, None, "a scenario file", "no such file") from None
    except OSError as exc:  # too long a name, no permission, a folder on some systems
        raise DataError.one(
            shown, None, None, "a scenario file that can be read", exc.strerror or str(exc)
        ) from None
    except ValueError as exc:  # a NUL byte in the path
        raise DataError.one(shown, None, None, "a file path", str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError.one(shown, None, None, "UTF-8 text", "other bytes") from None
    return parse(text, spec, data, origin=shown)


def write(scenario: Scenario, folder: str | Path) -> Path:
    """Write ``scenario`` into ``folder`` under its own file name; return the path."""
    path = Path(folder) / scenario.filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scenario.to_json(), encoding="utf-8")
    return path


def presets(spec: Any) -> list[Scenario]:
    """The explorer's presets as scenarios, in the registry's order."""
    return [Scenario(spec.name, name, state) for name, state in spec.presets.items()]
