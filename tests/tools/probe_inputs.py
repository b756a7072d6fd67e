"""Probe the data, scenario, ratings and explorer layers with hostile and careless inputs.

Prints one line per input (handled / NOT HANDLED and why) and the figure: inputs tried,
handled, not handled. "Handled" means what a careful user expects: a ``DataError`` (or a
message in the widget) that names the file, or the input working as it should; never a
deep traceback, a file read through a link, markup run as HTML or a silent change.

    (cd tests && ../.venv/bin/python -m tools.probe_inputs)
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import helpers
from helpers.data import DataError, load, loader
from helpers.data.catalog import load_catalog
from helpers.explorers import REGISTRY, ExplorerSession, scenarios
from helpers.models import ach, agreement
from helpers.seminar.class_ratings import gather_ratings

TMP = Path(tempfile.mkdtemp(prefix="probe-"))
DATA = agreement.load_data()
BRIEFING = agreement.sample_participants(DATA)[ach.BRIEFING_READING]
HEADER = "evidence_id,h1,h2,h3,h4"
CASES: list[tuple[str, Callable[[], bool]]] = []


def case(name: str) -> Callable[[Callable[[], bool]], Callable[[], bool]]:
    def add(fn: Callable[[], bool]) -> Callable[[], bool]:
        CASES.append((name, fn))
        return fn

    return add


def refused(fn: Callable[[], object], *words: str) -> bool:
    """True if ``fn`` raises a DataError whose message holds every word."""
    try:
        fn()
    except DataError as err:
        return all(w in str(err) for w in words)
    return False


def _csv(ratings=BRIEFING) -> str:
    rows = [",".join([e, *r]) for e, r in zip(DATA.evidence["evidence_id"], ratings, strict=True)]
    return HEADER + "\n" + "\n".join(rows) + "\n"


_n = 0


def data_copy(file: str = "", edit: Callable[[str], str] = lambda t: t) -> Path:
    global _n
    _n += 1
    target = TMP / f"data{_n}"
    shutil.copytree(loader.DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    if file:
        path = target / file
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def first_cell(file: str, column: str, value: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        rows = list(csv.reader(io.StringIO(text, newline="")))
        rows[1][rows[0].index(column)] = value
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()

    return edit


def bad_cell(dataset: str, file: str, column: str, value: str) -> bool:
    """The loader refuses ``value`` in the first row's ``column``, naming that cell."""
    folder = data_copy(file, first_cell(file, column, value))
    try:
        load(dataset, folder)
    except DataError as err:
        return any(p.row == 1 and p.column == column for p in err.problems)
    return False


def scenario(explorer: str, state: dict, **top: object) -> str:
    return json.dumps(
        {
            "format": scenarios.FORMAT,
            "version": 1,
            "explorer": explorer,
            "name": "P",
            "state": state,
            **top,
        }
    )


def view_refuses(explorer: str, text: str) -> bool:
    view = helpers.explore(explorer)
    before = (
        view.session.state,
        dict(view.session.scenarios),
        {f: w.value for f, w in view.controls.items()},
    )
    view._load(text, label="probe.json")
    after = (
        view.session.state,
        dict(view.session.scenarios),
        {f: w.value for f, w in view.controls.items()},
    )
    return "Not loaded" in view.scenario_status.value and before == after


# --- the data layer ---------------------------------------------------------------------------
for label, dataset, file, column, value in [
    ("int too large for its column", "launches", "launches.csv", "value", "9" * 25),
    ("int with a leading space", "launches", "launches.csv", "value", " 19"),
    ("int with an underscore", "launches", "launches.csv", "value", "1_9"),
    ("unicode digits as an int", "launches", "launches.csv", "value", "١٩"),
    ("float with an underscore", "crypto_theft", "crypto_theft.csv", "value_usd_m", "1_0.5"),
    ("float with a trailing space", "crypto_theft", "crypto_theft.csv", "value_usd_m", "10.5 "),
    ("float nan", "crypto_theft", "crypto_theft.csv", "value_usd_m", "nan"),
    ("float inf", "crypto_theft", "crypto_theft.csv", "value_usd_m", "inf"),
    ("impossible date", "timeline", "timeline.csv", "date", "2023-02-30"),
    ("date after the data's as-of", "timeline", "timeline.csv", "date", "2099-01-01"),
    ("unknown source id", "timeline", "timeline.csv", "source_ids", "no-such-source"),
    ("text with spaces around it", "timeline", "timeline.csv", "description", " text"),
]:
    CASES.append(
        (f"data: {label}", lambda d=dataset, f=file, c=column, v=value: bad_cell(d, f, c, v))
    )


@case("data: a field longer than csv's limit")
def _() -> bool:
    folder = data_copy("timeline.csv", first_cell("timeline.csv", "description", "x" * 200_000))
    return refused(lambda: load("timeline", folder), "timeline.csv", "field")


@case("data: a NUL byte in a cell")
def _() -> bool:
    folder = data_copy("timeline.csv", lambda t: t.replace(",", ",\x00", 1))
    return refused(lambda: load("timeline", folder), "timeline.csv")


@case("data: bytes that are not UTF-8")
def _() -> bool:
    folder = data_copy()
    (folder / "timeline.csv").write_bytes(b"\xff\xfe" + (folder / "timeline.csv").read_bytes())
    return refused(lambda: load("timeline", folder), "UTF-8")


@case("data: an empty file")
def _() -> bool:
    folder = data_copy("timeline.csv", lambda t: "")
    return refused(lambda: load("timeline", folder), "empty")


@case("data: a stray comma")
def _() -> bool:
    folder = data_copy("timeline.csv", lambda t: t.replace("\n", ",\n", 2).replace(",\n", "\n", 1))
    return refused(lambda: load("timeline", folder), "fields")


@case("data: an extra column")
def _() -> bool:
    folder = data_copy("timeline.csv", lambda t: t.replace("\n", ",extra\n", 1))
    return refused(lambda: load("timeline", folder), "extra")


@case("data: duplicate key")
def _() -> bool:
    def dup(text: str) -> str:
        lines = text.splitlines(keepends=True)
        return "".join([*lines[:2], lines[1], *lines[2:]])

    folder = data_copy("launches.csv", dup)
    return refused(lambda: load("launches", folder), "unique key")


@case("data: an unclosed quote at the end")
def _() -> bool:
    folder = data_copy("timeline.csv", lambda t: t + '"unclosed,' + "x" * 200_000)
    return refused(lambda: load("timeline", folder), "timeline.csv")


@case("catalog: a non-date as_of")
def _() -> bool:
    folder = data_copy("catalog.toml", lambda t: t.replace("as_of = ", 'as_of = "soon" #', 1))
    return refused(lambda: load_catalog(folder), "as_of")


@case("catalog: malformed TOML")
def _() -> bool:
    folder = data_copy("catalog.toml", lambda t: t + "\n[[[")
    return refused(lambda: load_catalog(folder), "TOML")


@case("catalog: an unknown column type")
def _() -> bool:
    folder = data_copy("catalog.toml", lambda t: t.replace('"text"', '"texty"', 1))
    return refused(lambda: load_catalog(folder), "column type")


@case("data: a byte-order mark loads")
def _() -> bool:
    folder = data_copy()
    path = folder / "timeline.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return len(load("timeline", folder)) > 0


@case("data: markup in launch_series label reaches the unsc views as text")
def _() -> bool:
    folder = data_copy(
        "launch_series.csv",
        first_cell("launch_series.csv", "label", "<img src=x onerror=alert(1)>"),
    )
    original = loader.DATA_DIR
    loader.DATA_DIR = folder
    try:
        from helpers.explorers.precomputed import PrecomputedView

        session = ExplorerSession(REGISTRY["unsc"])
        pages = [helpers.explorers.ExplorerView(session).sources_line.value]
        pages += [
            c.value for c in PrecomputedView(ExplorerSession(REGISTRY["unsc"])).stack.children
        ]
    finally:
        loader.DATA_DIR = original
    return all("<img src=x" not in p for p in pages) and any("&lt;img src=x" in p for p in pages)


# --- seminar ratings --------------------------------------------------------------------------
def room(*files: tuple[str, str]) -> Path:
    global _n
    _n += 1
    folder = TMP / f"room{_n}"
    folder.mkdir()
    for name, text in files:
        (folder / name).write_text(text)
    return folder


@case("ratings: a link to /etc/passwd in the folder")
def _() -> bool:
    folder = room(("anna.csv", _csv()))
    (folder / "passwd.csv").symlink_to("/etc/passwd")
    try:
        agreement.read_participants(folder, data=DATA)
    except DataError as err:
        return "symbolic link" in str(err) and "root:" not in str(err)
    return False


@case("ratings: a link to a valid file outside the folder")
def _() -> bool:
    outside = room(("secret.csv", _csv()))
    folder = room(("anna.csv", _csv()))
    (folder / "ghost.csv").symlink_to(outside / "secret.csv")
    return refused(lambda: agreement.read_participants(folder, data=DATA), "symbolic link")


@case("ratings: a named pipe in the folder")
def _() -> bool:
    folder = room(("anna.csv", _csv()))
    os.mkfifo(folder / "pipe.csv")
    return refused(lambda: agreement.read_participants(folder, data=DATA), "not a regular file")


@case("ratings: a folder named x.csv in the folder")
def _() -> bool:
    folder = room(("anna.csv", _csv()))
    (folder / "x.csv").mkdir()
    return refused(lambda: agreement.read_participants(folder, data=DATA), "x.csv")


@case("ratings: a 2 MB file")
def _() -> bool:
    folder = room(("big.csv", _csv() + "\n" * 2_000_000))
    return refused(lambda: agreement.read_participants(folder, data=DATA), "bytes")


@case("ratings: Alice.csv and alice.csv")
def _() -> bool:
    folder = room(("Alice.csv", _csv()), ("alice.csv", _csv()))
    return refused(lambda: agreement.read_participants(folder, data=DATA), "already read")


@case("ratings: 'alice .csv' and alice.csv")
def _() -> bool:
    folder = room(("alice .csv", _csv()), ("alice.csv", _csv()))
    return refused(lambda: agreement.read_participants(folder, data=DATA), "already read")


@case("ratings: two files of one upload naming one participant")
def _() -> bool:
    view = gather_ratings()
    problems = view.add_files({"bo.csv": _csv().encode(), "BO.csv": _csv().encode()})
    return len(problems) == 1 and len(view.room) == 1


@case("ratings: a field past csv's limit in an upload")
def _() -> bool:
    view = gather_ratings()
    view.add_files({"wide.csv": _csv().replace("E01", "E01" + "x" * 200_000, 1).encode()})
    return "wide.csv" in view.message.value and "Not added" in view.message.value


@case("ratings: 10,000 bad rows in an upload")
def _() -> bool:
    view = gather_ratings()
    view.add_files({"many.csv": (HEADER + "\n" + "E01,x,y,z,w\n" * 10_000).encode()})
    return view.message.value.count("<li>") <= 21


@case("ratings: an upload that is not a CSV")
def _() -> bool:
    view = gather_ratings()
    return bool(view.add_files({"notes.txt": b"hi"})) and "Not added" in view.message.value


@case("ratings: bytes that are not UTF-8")
def _() -> bool:
    view = gather_ratings()
    return bool(view.add_files({"x.csv": b"\xff\xfe\x00"})) and "UTF-8" in view.message.value


@case("ratings: markup as a participant's name")
def _() -> bool:
    rows = _csv().splitlines()[1:]
    text = "participant," + HEADER + "\n" + "".join(f"<b onmouseover=x>z,{r}\n" for r in rows)
    view = gather_ratings()
    view.add_files({"c.csv": text.encode()})
    pages = [view.message.value, view.scores_html.value, view.table_html.value]
    return (
        all("<b onmouseover" not in p for p in pages)
        and "&lt;b onmouseover" in view.scores_html.value
    )


@case("ratings: the room counts only the room (4 uploads after the samples)")
def _() -> bool:
    view = gather_ratings()
    for who in "abcd":
        view.add_files({f"{who}.csv": _csv().encode()})
    return repr(view) == "<ACH agreement: 4 participants>"


# --- scenarios --------------------------------------------------------------------------------
CASES += [
    (
        "scenario: race growth 400-450 (past the slider)",
        lambda: view_refuses("race", scenario("race", {"korea_growth": [400, 450]})),
    ),
    (
        "scenario: timeline dates not on the slider",
        lambda: view_refuses(
            "timeline", scenario("timeline", {"months": ["2022-01-15", "2023-01-01"]})
        ),
    ),
    (
        "scenario: unknown top-level field",
        lambda: view_refuses("race", scenario("race", {}, colour="red")),
    ),
    (
        "scenario: nested 20,000 deep",
        lambda: view_refuses("race", '{"state":' + "[" * 20_000 + "]" * 20_000 + "}"),
    ),
    (
        "scenario: a 20 MB name",
        lambda: view_refuses("race", scenario("race", {}, name="x" * 20_000_000)),
    ),
    (
        "scenario: included null (ACH)",
        lambda: view_refuses("ach", scenario("ach", {"included": None})),
    ),
    (
        "scenario: a weight off the slider's step",
        lambda: view_refuses("ach", scenario("ach", {"weight_primary": 0.33})),
    ),
    (
        "scenario: a weight below 0",
        lambda: view_refuses("ach", scenario("ach", {"weight_primary": -1})),
    ),
    (
        "scenario: years backwards (money)",
        lambda: view_refuses("money", scenario("money", {"years": [2025, 2020]})),
    ),
    ("scenario: another explorer's file", lambda: view_refuses("money", scenario("race", {}))),
    ("scenario: not JSON", lambda: view_refuses("race", "{nope")),
    (
        "scenario: a number as big as 1e400",
        lambda: view_refuses(
            "race",
            scenario("race", {}).replace('"state": {}', '"state": {"korea_growth": [1e400, 1]}'),
        ),
    ),
    (
        "scenario: an unknown series (unsc)",
        lambda: view_refuses("unsc", scenario("unsc", {"series": "nope"})),
    ),
    (
        "scenario: an unknown theft source (money)",
        lambda: view_refuses("money", scenario("money", {"source": "nope"})),
    ),
]


@case("scenario: 5,000 unknown fields (the list is capped)")
def _() -> bool:
    view = helpers.explore("timeline")
    view._load(scenario("timeline", {f"f{i}": 1 for i in range(5000)}), label="p.json")
    return view.scenario_status.value.count("<li>") <= 21


@case("scenario: markup in the name")
def _() -> bool:
    view = helpers.explore("race")
    view._load(scenario("race", {"korea_growth": [30, 40]}, name="<img src=x onerror=alert(1)>"))
    return (
        "<img src=x" not in view.scenario_status.value and "&lt;img" in view.scenario_status.value
    )


spec = REGISTRY["race"]
CASES += [
    ("scenario path: a folder", lambda: refused(lambda: scenarios.read(TMP, spec), "folder")),
    (
        "scenario path: 5,000 characters",
        lambda: refused(lambda: scenarios.read(TMP / ("x" * 5000), spec)),
    ),
    ("scenario path: a NUL byte", lambda: refused(lambda: scenarios.read("a\x00b.json", spec))),
    (
        "scenario path: missing",
        lambda: refused(lambda: scenarios.read(TMP / "none.json", spec), "no such file"),
    ),
]


@case("scenario path: a 1 MB file")
def _() -> bool:
    path = TMP / "big.json"
    path.write_text(scenario("race", {}) + " " * 1_000_000)
    return refused(lambda: scenarios.read(path, spec), "bytes")


@case("scenario path: explore(scenario=<folder>)")
def _() -> bool:
    return refused(lambda: helpers.explore("race", scenario=TMP), "folder")


# --- explorers --------------------------------------------------------------------------------
@case("explorer: CSV download with formula cells")
def _() -> bool:
    import pandas as pd

    cells = ["=1+1", "+1", "-1", "@x", "|x", "\tx", "\rx"]
    view = helpers.explore("race")
    view.session.table = lambda: pd.DataFrame({"t": cells})
    view._show()
    link = view.table_html.value
    data = base64.b64decode(link.split("base64,")[1].split('"')[0]).decode()
    rows = list(csv.reader(io.StringIO(data, newline="")))[1:]
    return all(r[0].startswith("'") for r in rows) and len(rows) == len(cells)


@case("explorer: ACH after a CSV edit in the running kernel")
def _() -> bool:
    def drop(text: str) -> str:
        return "".join(
            line for line in text.splitlines(keepends=True) if not line.startswith("E10,")
        )

    folder = data_copy("ach_evidence.csv", drop)
    original = loader.DATA_DIR
    loader.DATA_DIR = folder
    try:
        view = helpers.explore("ach")
        return len(view.controls["ratings"].cells) == len(view.session.data.evidence)
    except Exception:
        return False
    finally:
        loader.DATA_DIR = original


@case("explorer: the Scenario box after a slider move")
def _() -> bool:
    view = helpers.explore("race")
    view.controls["korea_growth"].value = (31, 32)
    return bool(view.preset_picker.value) and "Custom" in view.preset_picker.value


# --- third round: names, reserved rows, dates, scenario numbers, misreads, strays, lines -------
FORECAST = b"question_id,probability\ncommentary-reprimand,0.6\n"


def forecasts_view():
    from helpers.seminar.room_forecasts import gather_forecasts

    return gather_forecasts()


def brier(view) -> dict:
    frame = view.result.scores
    return dict(zip(frame["Forecaster"], frame["Mean Brier score"], strict=True))


@case("upload: the room's upload tells the live page its size limit (checked before sending)")
def _() -> bool:
    from helpers.data.participant_files import MAX_BYTES

    return f"briefing-upload-limit-{MAX_BYTES}" in forecasts_view().upload._dom_classes


@case("upload: the scenario upload tells the live page its size limit")
def _() -> bool:
    view = helpers.explore("race")
    return f"briefing-upload-limit-{scenarios.MAX_BYTES}" in view.upload._dom_classes


for reserved in ("the room (median).csv", "the briefing's dataset.csv"):

    @case(f"names: an upload named {reserved!r} (the view's own row)")
    def _(reserved: str = reserved) -> bool:
        view = forecasts_view()
        view.add_files({"anna.csv": FORECAST})
        before = brier(view)
        sure = b"question_id,probability\ncommentary-reprimand,0.99\nsummit-2027,0.01\n"
        problems = view.add_files({reserved: sure})
        return len(problems) == 1 and brier(view) == before and len(view.room) == 1


@case("names: José composed, then decomposed (a re-upload replaces)")
def _() -> bool:
    import unicodedata

    view = forecasts_view()
    view.add_files({unicodedata.normalize("NFC", "José") + ".csv": FORECAST})
    view.add_files({unicodedata.normalize("NFD", "José") + ".csv": FORECAST})
    return len(view.room) == 1 and "replacing" in view.message.value


@case("names: alice, alice + zero-width space, Cyrillic аlice (one row, the rest refused)")
def _() -> bool:
    view = forecasts_view()
    problems = view.add_files({"alice.csv": FORECAST})
    problems += view.add_files({"alice\u200b.csv": FORECAST, "\u0430lice.csv": FORECAST})
    return len(view.room) == 1 and len(problems) == 2


@case("names: a zero-width file name")
def _() -> bool:
    view = forecasts_view()
    return len(view.add_files({"\u200b.csv": FORECAST})) == 1 and not view.room


@case("names: a right-to-left override in a file name")
def _() -> bool:
    view = forecasts_view()
    problems = view.add_files({"eve\u202e.csv": FORECAST, "bob.csv": FORECAST})
    return len(problems) == 1 and "\u202e" not in view.message.value


for label, bad_name in [
    ("a zero-width space", "plan\u200b"),
    ("a right-to-left override", "plan\u202eA"),
    ("Cyrillic look-alikes", "\u0430lternative"),
]:
    CASES.append(
        (
            f"scenario: a name with {label}",
            lambda n=bad_name: view_refuses("race", scenario("race", {}, name=n)),
        )
    )

for label, dataset, file, column, value in [
    ("a date pandas cannot hold (1027-12-31)", "timeline", "timeline.csv", "date", "1027-12-31"),
    ("'never' as 9999-12-31", "forecasts", "forecasts.csv", "resolution_date", "9999-12-31"),
]:
    CASES.append(
        (f"data: {label}", lambda d=dataset, f=file, c=column, v=value: bad_cell(d, f, c, v))
    )


def _huge(digits: int) -> str:
    return scenario("race", {}).replace(
        '"state": {}', '"state": {"korea_growth": [%s, 1]}' % ("9" * digits)
    )


CASES += [
    ("scenario: a 400-digit integer (view)", lambda: view_refuses("race", _huge(400))),
    ("scenario: a 5,000-digit integer (view)", lambda: view_refuses("race", _huge(5000))),
    (
        "scenario: a 400-digit integer (API)",
        lambda: refused(lambda: scenarios.parse(_huge(400), spec, origin="big.json"), "big.json"),
    ),
    (
        "scenario: a 5,000-digit integer (API)",
        lambda: refused(lambda: scenarios.parse(_huge(5000), spec, origin="big.json"), "digits"),
    ),
    (
        "scenario: 'explorer' twice",
        lambda: view_refuses(
            "race",
            scenario("race", {}).replace(
                '"explorer": "race"', '"explorer": "money", "explorer": "race"'
            ),
        ),
    ),
    (
        "scenario: a state field twice",
        lambda: view_refuses(
            "race",
            scenario("race", {}).replace(
                '"state": {}', '"state": {"korea_growth": [10, 20], "korea_growth": [30, 40]}'
            ),
        ),
    ),
]


@case("scenario path: a relative file name starting with '{'")
def _() -> bool:
    view = helpers.explore("race")
    cwd = os.getcwd()
    os.chdir(TMP)
    try:
        text = scenario("race", {"korea_growth": [31, 32]}, name="Braces")
        Path("{mine}.json").write_text(text, encoding="utf-8")
        view.load_scenario("{mine}.json")
    finally:
        os.chdir(cwd)
    return view.session.preset == "Braces"


for heading in ("name", "student", "Participant Name"):

    @case(f"forecasts: a combined file whose names column is headed {heading!r}")
    def _(heading: str = heading) -> bool:
        rows = "Amy,commentary-reprimand,0.6\nBo,commentary-reprimand,0.2\n"
        text = f"{heading},question_id,probability\n{rows}"
        problems = forecasts_view().add_files({"class.csv": text.encode()})
        return len(problems) == 1 and problems[0].column == heading


@case("forecasts: a second probability column")
def _() -> bool:
    text = b"question_id,probability,Probability\ncommentary-reprimand,0.6,0.9\n"
    problems = forecasts_view().add_files({"amy.csv": text})
    return len(problems) == 1 and "2 and 3" in problems[0].found


@case("forecasts: 1_0% (Python's float takes underscores)")
def _() -> bool:
    problems = forecasts_view().add_files(
        {"amy.csv": b"question_id,probability\ncommentary-reprimand,1_0%\n"}
    )
    return len(problems) == 1 and problems[0].column == "probability"


@case("forecasts: -0 is 0, not -0.00")
def _() -> bool:
    view = forecasts_view()
    view.add_files({"amy.csv": b"question_id,probability\ncommentary-reprimand,-0\n"})
    return str(view.room["amy"]["commentary-reprimand"]) == "0.0"


APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\t"
for stray_name, stray_bytes in [
    ("._anna.csv", APPLE_DOUBLE),
    ("~$anna.csv", b"\x05anna\x00\x00\xff\xfe"),
]:

    @case(f"ratings: a stray {stray_name} beside anna.csv in a folder")
    def _(stray_name: str = stray_name, stray_bytes: bytes = stray_bytes) -> bool:
        folder = room(("anna.csv", _csv()))
        (folder / stray_name).write_bytes(stray_bytes)
        found = agreement.read_participants(folder, data=DATA)
        return list(found) == ["anna"] and list(found.skipped) == [stray_name]


@case("ratings: binary bytes are never shown as a header")
def _() -> bool:
    view = gather_ratings()
    problems = view.add_files({"bob.csv": APPLE_DOUBLE})
    return (
        len(problems) == 1 and "\x00" not in str(problems[0]) and "Mac OS X" not in str(problems[0])
    )


@case("data: the line after a quoted line break (Alt+Enter)")
def _() -> bool:
    def edit(text: str) -> str:
        lines = text.splitlines(keepends=True)
        first = lines[1].replace("Ronin bridge", "Ronin\nbridge", 1)
        third = lines[3].replace("2022-05-05", "2022-05-55", 1)
        return "".join([lines[0], first, lines[2], third, *lines[4:]])

    folder = data_copy("timeline.csv", edit)
    return refused(lambda: load("timeline", folder), "row 3 (line 5)")


@case("forecasts: the line after a quoted line break (Alt+Enter)")
def _() -> bool:
    text = (
        b"participant,question_id,probability,note\n"
        b'Amy,commentary-reprimand,0.6,"two\nlines"\nBo,commentary-reprimand,1.5,\n'
    )
    view = forecasts_view()
    view.add_files({"class.csv": text})
    return "row 2 (line 4)" in view.message.value


def main() -> None:
    handled = 0
    for name, fn in CASES:
        try:
            ok = bool(fn())
            why = "" if ok else "wrong outcome"
        except Exception as exc:  # a deep traceback is what we probe for
            ok, why = False, f"{type(exc).__name__}: {str(exc)[:80]}"
        handled += ok
        print(f"{'handled     ' if ok else 'NOT HANDLED '} {name}{'  -- ' + why if why else ''}")
    print(f"\n{len(CASES)} inputs tried, {handled} handled, {len(CASES) - handled} not handled")
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
