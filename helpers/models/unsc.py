"""The enforcement-gap model: North Korean launches per year against Security Council output.

Pure functions over the ``launches``, ``launch_series``, ``unsc_actions`` and ``forums``
datasets. One counting series is shown at a time, never added to another: series differ in
what they count (launch events or missiles; cruise missiles and satellite launchers in or
out), and a year a series does not cover stays a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.data import load
from helpers.models.controls import Choice, Range, Toggle, check

FIRST_YEAR, LAST_YEAR = 2006, 2025
COMMENTARY_YEAR = 2023
SIGNAL_KINDS = {
    "vetoes": ("vetoed draft",),
    "blocked": ("blocked statement", "meeting without product"),
}


@dataclass(frozen=True)
class Signal:
    """A dated Council signal (veto, blocked statement) or another forum's statement."""

    kind: str  # "vetoes", "blocked" or "forums"
    x: float  # decimal year
    label: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Count:
    value: float
    low: float
    high: float
    at_least: bool
    source_ids: tuple[str, ...]


_GAP = Count(float("nan"), float("nan"), float("nan"), False, ())  # a year a series lacks


@dataclass(frozen=True)
class GapData:
    """The datasets, plus lookups built once so that ``compute`` is a few loops."""

    launches: pd.DataFrame
    series: pd.DataFrame  # indexed by series_id
    actions: pd.DataFrame
    forums: pd.DataFrame
    counts: dict[str, dict[int, Count]]
    per_year: dict[str, dict[int, int]]  # action kind -> year -> number of actions
    action_sources: dict[int, tuple[str, ...]]  # resolutions' sources by year
    signals: tuple[tuple[int, Signal], ...]  # (year, signal)


def _decimal_year(day: pd.Timestamp) -> float:
    return day.year + (day.day_of_year - 0.5) / (366 if day.is_leap_year else 365)


def _nan(value: object) -> float:
    return float("nan") if pd.isna(value) else float(value)


def load_data() -> GapData:
    launches = load("launches")
    series = load("launch_series").set_index("series_id")
    actions = load("unsc_actions")
    forums = load("forums")
    counts: dict[str, dict[int, Count]] = {}
    for row in launches.itertuples():
        counts.setdefault(row.series_id, {})[int(row.year)] = Count(
            float(row.value),
            _nan(row.low),
            _nan(row.high),
            row.bound == "at least",
            tuple(row.source_ids),
        )
    per_year: dict[str, dict[int, int]] = {}
    action_sources: dict[int, tuple[str, ...]] = {}
    signals: list[tuple[int, Signal]] = []
    for row in actions.itertuples():
        year = int(row.year)
        per_year.setdefault(str(row.kind), {}).setdefault(year, 0)
        per_year[str(row.kind)][year] += 1
        if row.kind in ("sanctions resolution", "panel renewal"):
            action_sources[year] = action_sources.get(year, ()) + tuple(row.source_ids)
        for kind, kinds in SIGNAL_KINDS.items():
            if row.kind in kinds:
                dated = pd.notna(row.date)
                when = f"{row.date:%b %Y}" if dated else str(year)
                label = f"Veto, {when}" if kind == "vetoes" else f"No product, {when}"
                x = _decimal_year(row.date) if dated else year + 0.5
                signals.append((year, Signal(kind, x, label, tuple(row.source_ids))))
    for row in forums.itertuples():
        short = str(row.forum).split(" (")[0]
        signals.append(
            (
                row.date.year,
                Signal(
                    "forums",
                    _decimal_year(row.date),
                    f"{short}, {row.date:%b %Y}",
                    tuple(row.source_ids),
                ),
            )
        )
    return GapData(
        launches,
        series,
        actions,
        forums,
        counts,
        per_year,
        action_sources,
        tuple(sorted(signals, key=lambda ys: ys[1].x)),
    )


def _toggle(field: str, label: str, definition: str) -> Toggle:
    return Toggle(field=field, label=label, definition=definition)


# The controls, declared once: the live controls, the offline sweep, validate_state, the
# scenario parser and the README's table read these.
CONTROLS = (
    Choice(
        field="series",
        label="Launch count",
        options=lambda data: series_options(data),
        definition="Whose count of North Korean launches to draw. “Launch events” count "
        "occasions (several missiles fired together are one event); “missiles” count each "
        "missile. Series also differ on cruise missiles and satellite launchers; the "
        "definition of the chosen series is under the chart.",
    ),
    Range(
        field="years",
        label="Years shown",
        low=FIRST_YEAR,
        high=LAST_YEAR,
        sweep_step=2,
        sweep_from=LAST_YEAR - 10,  # offline, the last year shown over the last decade
        step_unit="years",
        definition="The first and last year on the chart.",
    ),
    _toggle(
        "show_vetoes",
        "Mark vetoes",
        "Drafts vetoed by a permanent member: China and Russia in May 2022, Russia in "
        "March 2024.",
    ),
    _toggle(
        "show_blocked",
        "Mark meetings without a product",
        "Council meetings on North Korea that ended without a resolution or statement, and "
        "blocked statements, where a source documents them.",
    ),
    _toggle(
        "show_forums",
        "Mark other forums",
        "Statements on North Korea by NATO, the AP4 leaders and the US–Japan–ROK summit in "
        "2023.",
    ),
    _toggle(
        "show_other_series",
        "Show other series (grey)",
        "Draw the other series that count the same thing (events or missiles), to see whether "
        "the finding depends on whose count you use. Series are never added together.",
    ),
)


@dataclass(frozen=True)
class GapState:
    """The explorer's controls."""

    series: str = "japan-mod-events"
    years: tuple[int, int] = (FIRST_YEAR, COMMENTARY_YEAR)
    show_vetoes: bool = True
    show_blocked: bool = True
    show_forums: bool = False
    show_other_series: bool = True


PRESETS: dict[str, GapState] = {
    "The commentary's period (2006–2023)": GapState(),
    "The whole record, to 2025": GapState(
        series="csis-bp-ballistic", years=(FIRST_YEAR, LAST_YEAR), show_forums=True
    ),
    "Counting missiles, not events": GapState(
        series="cns-nti-missiles", years=(FIRST_YEAR, LAST_YEAR)
    ),
    "Since the last sanctions resolution (2017)": GapState(
        series="csis-bp-all", years=(2017, LAST_YEAR), show_forums=True
    ),
}


@dataclass(frozen=True)
class GapResult:
    state: GapState
    years: np.ndarray  # the years shown
    label: str  # the series' label
    unit: str  # "events" or "missiles"
    definition: str
    values: np.ndarray  # float, NaN where the series has no count (a gap)
    low: np.ndarray  # NaN unless sources disagree
    high: np.ndarray
    at_least: np.ndarray  # bool: the count is a lower bound
    others: dict[str, np.ndarray]  # other series counting the same unit
    sanctions: np.ndarray  # sanctions resolutions per year
    renewals: np.ndarray  # Panel of Experts renewals per year
    signals: tuple[Signal, ...]
    last_sanctions: tuple[int, str]  # (year, resolution) of the last sanctions resolution
    source_ids: tuple[str, ...]

    @property
    def covered(self) -> int:
        return int(np.isfinite(self.values).sum())

    @property
    def peak(self) -> tuple[int, int] | None:
        if not self.covered:
            return None
        i = int(np.nanargmax(self.values))
        return int(self.years[i]), int(self.values[i])


def validate_state(state: GapState, data: GapData) -> None:
    check(CONTROLS, state, data)


def compute(state: GapState, data: GapData) -> GapResult:
    """Launches of one series and the Council's output for the chosen years."""
    validate_state(state, data)
    first, last = state.years
    years = np.arange(first, last + 1)
    info = data.series.loc[state.series]
    counts = data.counts.get(state.series, {})
    rows = [counts.get(int(y), _GAP) for y in years]
    values = np.array([c.value for c in rows])
    others = _other_series(state, data, years) if state.show_other_series else {}
    shown = {
        "vetoes": state.show_vetoes,
        "blocked": state.show_blocked,
        "forums": state.show_forums,
    }
    signals = tuple(sig for year, sig in data.signals if first <= year <= last and shown[sig.kind])
    return GapResult(
        state=state,
        years=years,
        label=str(info["label"]),
        unit=str(info["counts"]),
        definition=str(info["definition"]),
        values=values,
        low=np.array([c.low for c in rows]),
        high=np.array([c.high for c in rows]),
        at_least=np.array([c.at_least for c in rows], dtype=bool),
        others=others,
        sanctions=_per_year(data, "sanctions resolution", years),
        renewals=_per_year(data, "panel renewal", years),
        signals=signals,
        last_sanctions=_last_sanctions(data),
        source_ids=_source_ids(data, info, rows, years, signals),
    )


def _other_series(state: GapState, data: GapData, years: np.ndarray) -> dict[str, np.ndarray]:
    """The other series that count the same unit (events or missiles) and cover a year
    shown: they can be drawn beside the chosen one, never added to it."""
    unit_shown = data.series.loc[state.series]["counts"]
    others: dict[str, np.ndarray] = {}
    for sid, unit in zip(data.series.index, data.series["counts"], strict=True):
        if sid == state.series or unit != unit_shown:
            continue
        other = np.array([data.counts.get(sid, {}).get(int(y), _GAP).value for y in years])
        if np.isfinite(other).any():
            others[str(sid)] = other
    return others


def _per_year(data: GapData, kind: str, years: np.ndarray) -> np.ndarray:
    """How many Council actions of one kind each year shown saw (0, not a gap: the Council's
    record is complete)."""
    table = data.per_year.get(kind, {})
    return np.array([table.get(int(y), 0) for y in years], dtype=float)


def _last_sanctions(data: GapData) -> tuple[int, str]:
    """The year and number of the last sanctions resolution, whatever the years shown: the
    chart says how long the Council has passed none."""
    last_year = max(data.per_year["sanctions resolution"])
    last_resolution = data.actions.loc[
        (data.actions["kind"] == "sanctions resolution") & (data.actions["year"] == last_year),
        "resolution",
    ].iloc[-1]
    return int(last_year), str(last_resolution)


def _source_ids(
    data: GapData,
    info: pd.Series,
    rows: list[Count],
    years: np.ndarray,
    signals: tuple[Signal, ...],
) -> tuple[str, ...]:
    """Every source behind what is shown, once each, in the order first met."""
    ids: dict[str, None] = dict.fromkeys(info["source_ids"])
    for c in rows:
        ids.update(dict.fromkeys(c.source_ids))
    for y in years:
        ids.update(dict.fromkeys(data.action_sources.get(int(y), ())))
    for sig in signals:
        ids.update(dict.fromkeys(sig.source_ids))
    return tuple(ids)


def _count_text(value: float, low: float, high: float, at_least: bool) -> str:
    if not np.isfinite(value):
        return "no count (gap)"
    text = f"{value:.0f}"
    if at_least:
        text = f"at least {text}"
    if np.isfinite(low) and np.isfinite(high):
        text += f" (sources: {low:.0f}–{high:.0f})"
    return text


def table(result: GapResult) -> pd.DataFrame:
    """The table twin: one row per year shown."""
    signals_by_year: dict[int, list[str]] = {}
    for s in result.signals:
        signals_by_year.setdefault(int(s.x), []).append(s.label)
    return pd.DataFrame(
        {
            "Year": result.years,
            f"{result.label}": [
                _count_text(v, lo, hi, al)
                for v, lo, hi, al in zip(
                    result.values, result.low, result.high, result.at_least, strict=True
                )
            ],
            "Sanctions resolutions": result.sanctions.astype(int),
            "Panel renewals": result.renewals.astype(int),
            "Vetoes, blocked statements, other forums": [
                "; ".join(signals_by_year.get(int(y), [])) for y in result.years
            ],
        }
    )


def series_options(data: GapData) -> list[tuple[str, str]]:
    """(label, id) pairs for the series control, events first."""
    ordered = data.series.sort_values("counts", kind="stable")
    return [(str(r["label"]), str(sid)) for sid, r in ordered.iterrows()]
