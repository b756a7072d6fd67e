"""One fact, one value: every figure the reader sees in words is found in the data.

Every figure written in a notebook's prose and speaker notes, in the judgments dataset and in
the static charts' titles is parsed as a whole number (never a substring of some CSV text) and
must be found, with its unit, among the values of the datasets that notebook uses, or be a
declared derivation that this module computes from the data. Units keep numbers apart: a
percentage must match a percentage, a dollar figure a dollar figure, a year a year, a day and
month a date in the data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.data import catalog_for, dataset_names, load
from helpers.models import race

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]

# Which datasets an explorer draws on (the explorers name them in code, not in the notebook).
EXPLORER_DATA = {
    "timeline": ("timeline",),
    "unsc": ("launches", "launch_series", "unsc_actions", "unsc_meetings"),
    "money": ("crypto_theft", "crypto_incidents", "funding_estimates"),
    "race": ("sipri_exporters", "export_goal"),
    "backlash": ("risks", "signposts", "predictions"),
    "ach": ("ach_evidence", "ach_readings", "hypotheses"),
    "forecasts": ("forecasts", "estimative_scale"),
}
VIEW_DATA = {
    "claim_checks": ("claims",),
    "claim_ledger": ("claims",),
    "scorecard": ("predictions",),
    "role_brief": ("roles",),
    "gather_ratings": ("ach_evidence",),
    "gather_forecasts": ("forecasts", "estimative_scale"),
    "corrections": ("corrections",),
}


@dataclass(frozen=True)
class Figure:
    """A number as written, with the unit its context gives it."""

    value: float
    unit: str  # 'pct', 'usd', 'year', 'ordinal', 'date' or 'plain'
    text: str


_NUMBER = re.compile(r"(?<![\w.\-/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)")
_DATE = re.compile(
    r"(?<![\w.])(\d{1,2})(?:–(\d{1,2}))? (" + "|".join(MONTHS) + r")(?: (\d{4}))?"
)
_RANGE_YEARS = re.compile(r"(?<![\w.])((?:19|20)\d\d)–(\d\d)(?!\d)")


def _clean(text: str) -> str:
    """Drop what is not prose: code, links' targets, URLs, list numbers, ids like E01 or H2."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = text.replace("<span>&#36;</span>", "$")  # a dollar JupyterLab cannot take for maths
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"^\s*\d+\.\s", " ", text, flags=re.M)
    text = re.sub(r"(?<=\|) *\d{1,2}–\d{1,2} *(?=\|)", " ", text)  # the plan's minutes column
    text = re.sub(r"\b0\d(?:–0\d)?\b", " ", text)  # notebook numbers: 00, 05, 00–05
    text = re.sub(r"\bICD \d+\b", " ", text)  # a directive's name (ICD 203), not a figure
    return text


def figures(text: str) -> list[Figure]:
    """Every figure in ``text``: dates, year ranges, then the numbers left, each with a unit."""
    text = _clean(text)
    found: list[Figure] = []
    for m in _DATE.finditer(text):
        day, day2, month, year = m.groups()
        for d in filter(None, (day, day2)):
            found.append(Figure(float(int(d)), "date", f"{d} {month} {year or ''}".strip()))
    text = _DATE.sub(lambda m: f" {m.group(4) or ''} ", text)
    for m in _RANGE_YEARS.finditer(text):
        first = int(m.group(1))
        found.append(Figure(first, "year", m.group(0)))
        found.append(Figure(first // 100 * 100 + int(m.group(2)), "year", m.group(0)))
    text = _RANGE_YEARS.sub(" ", text)
    for m in _NUMBER.finditer(text):
        raw = m.group(1)
        value = float(raw.replace(",", ""))
        before, after = text[max(0, m.start() - 1) : m.start()], text[m.end() : m.end() + 3]
        if re.match(r"s\b", after) or (re.match(r"[A-Za-z]", after) and not re.match(
            r"(bn|m\b|st\b|nd\b|rd\b|th\b|k\b)", after
        )):
            continue  # the 2010s; K2PL-like tokens
        if after.startswith("%"):
            unit = "pct"
        elif before == "$" or after.startswith(("bn", "m ")):
            unit = "usd"
        elif re.match(r"(st|nd|rd|th)\b", after):
            unit = "ordinal"
        elif raw.isdigit() and 1900 <= value <= 2100:
            unit = "year"
        else:
            unit = "plain"
        found.append(Figure(value, unit, raw))
    return found


@dataclass
class Known:
    """The values a notebook's figures may match, by unit."""

    by_unit: dict[str, set[float]]
    dates: set[tuple[int, int, int | None]]

    def has(self, fig: Figure) -> bool:
        if fig.unit == "date":
            day, month, *year = fig.text.split(" ")
            key = (int(day), MONTHS.index(month) + 1)
            return any((d, m) == key and (not year or y == int(year[0])) for d, m, y in self.dates)
        pool = self.by_unit.get(fig.unit, set()) | (
            self.by_unit["plain"] if fig.unit in ("ordinal", "plain", "usd", "pct") else set()
        )
        return any(abs(fig.value - v) < 1e-9 for v in pool)


def _cell_values(frame: pd.DataFrame, name: str) -> Known:
    spec = catalog_for()[name]
    by_unit: dict[str, set[float]] = {u: set() for u in ("pct", "usd", "year", "ordinal", "plain")}
    dates: set[tuple[int, int, int | None]] = set()
    for col in spec.columns:
        series = frame[col.name].dropna()
        if col.kind in ("int", "float"):
            unit = (
                "pct"
                if "pct" in col.name
                else "usd"
                if "usd" in col.name or col.name in ("value", "low", "high")
                else "year"
                if "year" in col.name or col.name == "window_end"
                else "plain"
            )
            by_unit[unit] |= {float(v) for v in series}
            if unit != "plain":
                by_unit["plain"] |= {float(v) for v in series}
            if col.name == "rank":
                by_unit["ordinal"] |= {float(v) for v in series}
        elif col.kind == "date":
            for v in series:
                dates.add((v.day, v.month, v.year))
                by_unit["year"].add(float(v.year))
        elif col.kind in ("isodate",):
            for v in series:
                parts = [int(p) for p in str(v).split("-")]
                by_unit["year"].add(float(parts[0]))
                if len(parts) == 3:
                    dates.add((parts[2], parts[1], parts[0]))
        elif col.kind in ("text", "list", "id", "enum"):
            for v in series:
                for text in v if isinstance(v, tuple) else (str(v),):
                    for fig in figures(text):
                        if fig.unit == "date":
                            day, month, *year = fig.text.split(" ")
                            dates.add(
                                (int(day), MONTHS.index(month) + 1, int(year[0]) if year else None)
                            )
                        else:
                            by_unit[fig.unit].add(fig.value)
    return Known(by_unit, dates)


def _merge(parts: list[Known]) -> Known:
    merged = Known({u: set() for u in ("pct", "usd", "year", "ordinal", "plain")}, set())
    for k in parts:
        for u, vals in k.by_unit.items():
            merged.by_unit[u] |= vals
        merged.dates |= k.dates
    return merged


def _race(state: race.RaceState | None = None) -> race.RaceResult:
    data = race.load_data()
    return race.compute(state or race.make_presets(data)["SIPRI trend"], data)


def _deals_2022() -> pd.DataFrame:
    deals = load("poland_deals")
    return deals[(deals["stage"] == "executive contract") & (deals["date"].dt.year == 2022)]


def _k2_on_contract() -> float:
    deals = load("poland_deals")
    k2 = deals[(deals["system"] == "K2 tank") & (deals["stage"] == "executive contract")]
    return float(k2["quantity"].sum())


def _itpp(serves: str) -> float:
    areas = load("itpp_areas")
    return float(sum(serves in s for s in areas["serves"]))


def _verdicts(name: str, column: str, value: str) -> float:
    return float((load(name)[column] == value).sum())


def _half_up(x: float, places: int) -> float:
    return float(round(pd.Series([x]).round(places + 6).iloc[0] + 10 ** -(places + 6), places))


# Figures computed from the data, declared once: (notebook prefix, unit, value) -> computation.
DERIVATIONS: dict[tuple[str, str, float], tuple[str, Callable[[], float]]] = {
    ("03", "plain", 360): ("K2 tanks on executive contracts (poland_deals)", _k2_on_contract),
    ("03", "usd", 12.33): (
        "2022 executive contracts summed, rounded half up (poland_deals)",
        lambda: _half_up(float(_deals_2022()["value_usd_bn"].sum()), 2),
    ),
    ("03", "ordinal", 9): ("race model: SIPRI-trend central rank", lambda: _race().korea_rank[1]),
    ("03", "ordinal", 6): (
        "race model: rank at the goal's 5% share, rivals flat",
        lambda: _race(
            race.make_presets(race.load_data())["The government's target (5% share)"]
        ).korea_rank[1],
    ),
    ("04", "plain", 6): (
        "predictions: rows in the scorecard",
        lambda: float(len(load("predictions"))),
    ),
    ("04", "plain", 3): (
        "predictions: verdict 'happened'",
        lambda: _verdicts("predictions", "verdict", "happened"),
    ),
    ("04", "plain", 2): (
        "predictions: verdict 'partly'",
        lambda: _verdicts("predictions", "verdict", "partly"),
    ),
    ("04", "plain", 1): (
        "predictions: verdict 'not'",
        lambda: _verdicts("predictions", "verdict", "not"),
    ),
    ("02", "plain", 2): ("itpp_areas serving the UNSC explanation", lambda: _itpp("unsc")),
    ("02", "plain", 8): ("itpp_areas serving the partnership", lambda: _itpp("partnership")),
    ("05", "plain", 25): ("claims: rows in the ledger", lambda: float(len(load("claims")))),
    ("*", "year", 2026): (
        "the year of the data's 'as of' date: hindsight is judged then (catalog)",
        lambda: float(max(s.as_of for s in catalog_for().datasets.values()).year),
    ),
    ("*", "date", 2): (
        "the day of the briefing's as-of date, under every notebook's title (catalog)",
        lambda: float(max(s.as_of for s in catalog_for().datasets.values()).day),
    ),
    ("00", "plain", 90): ("the seminar plan's length in minutes: its last segment ends at 90 "
                          "(a design choice in notebook 06, not a fact)", lambda: _plan_minutes()),
    ("06", "plain", 90): ("the same plan length", lambda: _plan_minutes()),
}


def _plan_minutes() -> float:
    """The end of the last segment in notebook 06's plan table ('| 85–90 | Close |')."""
    nb = next(p for p in NOTEBOOKS if p.name.startswith("06"))
    ends = re.findall(r"^\| \d+–(\d+) \|", _prose(nb), flags=re.M)
    return float(max(map(int, ends)))


def _derived(prefix: str) -> dict[tuple[str, float], str]:
    out = {}
    for (nb, unit, value), (what, _compute) in DERIVATIONS.items():
        if nb in (prefix, "*"):
            out[(unit, value)] = what
    return out


def _notebook_datasets(path: Path) -> list[str]:
    names = set(dataset_names())
    used = {"claims"}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        code = "".join(cell["source"])
        used |= {s for s in re.findall(r'"([a-z_0-9]+)"', code) if s in names}
        for explorer, data in EXPLORER_DATA.items():
            if re.search(rf'explore\(\s*"{explorer}"', code):
                used |= set(data)
        for view, data in VIEW_DATA.items():
            if re.search(rf"\b{view}\(", code):
                used |= set(data)
    return sorted(used)


def _known(datasets: list[str]) -> Known:
    return _merge([_cell_values(load(n), n) for n in datasets])


def _prose(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _judgments(stem: str) -> str:
    rows = load("judgments")
    rows = rows[rows["notebook"] == stem]
    return "\n".join(
        f"{r.headline} {r.judgment} {r.what_would_change}" for r in rows.itertuples()
    )


def _chart_titles() -> dict[str, str]:
    from helpers.charts.industry import draw_contracts, draw_framework_vs_contracted
    from helpers.charts.partnership import draw_itpp_map, draw_milestones, draw_theft

    titles = {}
    for stem, draw, args in (
        ("03", draw_contracts, (load("arms_exports"),)),
        ("03", draw_framework_vs_contracted, (load("poland_deals"),)),
        ("02", draw_milestones, (load("partnership_milestones"),)),
        ("02", draw_itpp_map, (load("itpp_areas"),)),
        ("02", draw_theft, (load("crypto_theft"), load("crypto_incidents"))),
    ):
        fig, ax = plt.subplots()
        draw(ax, *args)
        titles[stem] = titles.get(stem, "") + "\n" + ax.get_title(loc="left")
        plt.close(fig)
    return titles


def unsourced(text: str, datasets: list[str], prefix: str) -> list[Figure]:
    """The figures in ``text`` found neither in the datasets' values nor as a derivation."""
    known = _known(datasets)
    derived = _derived(prefix)
    return [
        f
        for f in figures(text)
        if not known.has(f)
        and (f.unit, f.value) not in derived
        and not (f.unit == "ordinal" and ("plain", f.value) in derived)
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_figure_in_prose_notes_judgments_and_titles_is_in_the_data(path: Path) -> None:
    prefix = path.name[:2]
    text = "\n".join(
        (_prose(path), _judgments(path.stem), _chart_titles().get(prefix, ""))
    )
    missing = unsourced(text, _notebook_datasets(path), prefix)
    assert missing == [], f"{path.name}: figures not found in its data: {missing}"


@pytest.mark.parametrize("key", list(DERIVATIONS), ids=[f"{k[0]}-{k[2]:g}" for k in DERIVATIONS])
def test_every_declared_derivation_still_computes_to_its_figure(
    key: tuple[str, str, float],
) -> None:
    what, compute = DERIVATIONS[key]
    assert compute() == pytest.approx(key[2]), what


def test_a_changed_figure_is_caught() -> None:
    """The check works on whole numbers with units: 46% is in the data, 47% is not, though
    '47' occurs in other columns and '4' in '46'."""
    datasets = ["sipri_exporters", "arms_exports"]
    assert unsourced("Poland took 46% of Korea's deliveries.", [*datasets, "claims"], "03") == []
    bad = unsourced("Poland took 47% of Korea's deliveries.", [*datasets, "claims"], "03")
    assert [f.value for f in bad] == [47]
    assert unsourced("SIPRI ranked Korea 9th in 2021–25.", datasets, "03") == []
    assert [f.text for f in unsourced("signed on 31 July 2025", ["poland_deals"], "03")] == [
        "31 July 2025"
    ]


def test_figures_are_parsed_with_their_units() -> None:
    got = [(f.value, f.unit) for f in figures("$12.4 billion, 72% in 2022, 9th, 2023–27, 13–2")]
    assert got == [
        (2023, "year"),
        (2027, "year"),
        (12.4, "usd"),
        (72, "pct"),
        (2022, "year"),
        (9, "ordinal"),
        (13, "plain"),
        (2, "plain"),
    ]
    assert figures("the Hwasong-18, K2 and FA-50, E08 and H2, the 2010s, `kbs-171230`") == []
