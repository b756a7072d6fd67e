"""Follow the money: how much North Korean weapons funding could cyber cooperation deny?

funds denied (year) = theft (year) × (1 − laundering loss) × share reaching weapons
                      × share prevented or recovered

Theft comes from one source's series (Chainalysis, TRM Labs or the UN Panel), with its
reported range. The three shares are the reader's ASSUMPTIONS, each a low–high range: the
published estimates of the weapons share are marked on its control, but no source in the
briefing measures laundering losses or what cooperation prevents. Every result is a
low / central / high range, never a point estimate alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.data import load
from helpers.models.controls import Choice, Range, check

FIRST_YEAR, LAST_YEAR = 2020, 2025


@dataclass(frozen=True)
class MoneyData:
    theft: pd.DataFrame
    estimates: pd.DataFrame
    incidents: pd.DataFrame
    by_source: dict[str, dict[int, tuple[float, float, float]]]  # year -> (low, value, high)
    ids_by_source: dict[str, dict[int, tuple[str, ...]]]


def load_data() -> MoneyData:
    theft = load("crypto_theft")
    by_source: dict[str, dict[int, tuple[float, float, float]]] = {}
    ids: dict[str, dict[int, tuple[str, ...]]] = {}
    for row in theft.itertuples():
        value = float(row.value_usd_m)
        low = value if pd.isna(row.low) else float(row.low)
        high = value if pd.isna(row.high) else float(row.high)
        by_source.setdefault(str(row.source), {})[int(row.year)] = (low, value, high)
        ids.setdefault(str(row.source), {})[int(row.year)] = tuple(row.source_ids)
    return MoneyData(theft, load("funding_estimates"), load("crypto_incidents"), by_source, ids)


def theft_counts(data: MoneyData) -> list[tuple[str, str]]:
    """The theft counts in the data, in the catalog's order: the source control's options."""
    return [(s, s) for s in data.theft["source"].cat.categories if s in data.by_source]


def _share(field: str, label: str, definition: str, **more: Any) -> Range:
    return Range(field=field, label=label, unit="%", low=0, high=100, definition=definition, **more)


# The controls, declared once: the live controls, the offline sweep, validate_state, the
# scenario parser and the README's table read these.
CONTROLS = (
    Choice(
        field="source",
        label="Theft count",
        options=theft_counts,
        buttons=True,
        definition="Whose yearly figure for North Korean crypto theft to use. TRM Labs' method "
        "gives lower figures than Chainalysis'; the UN Panel figure (2023 only) is what it was "
        "investigating, a floor.",
    ),
    Range(
        field="years",
        label="Years",
        low=FIRST_YEAR,
        high=LAST_YEAR,
        definition="The years to add up. A source without a figure for a year leaves it out "
        "(the footer says which).",
    ),
    _share(
        "weapons_share",
        "Share reaching weapons",
        "Of what is stolen and cashed out, the share that funds weapons programmes. "
        "Published estimates: up to 33% (US official, July 2022), about 50% (US "
        "official, May 2023), 40% of WMD programmes (a member state to the UN "
        "Panel, 2024). All are estimates without a published method.",
        hint="published: 33 · 40 · 50",
    ),
    _share(
        "laundering_loss",
        "Lost in laundering",
        "The share lost converting stolen crypto into usable money. An assumption: "
        "no source in the briefing measures it.",
    ),
    _share(
        "prevented",
        "Prevented or recovered",
        "The share of theft that allied cyber cooperation (NATO's cyber centre, the "
        "US–ROK framework) could prevent or claw back. An assumption: no source in "
        "the briefing measures it.",
        sweep_step=10,
    ),
)


@dataclass(frozen=True)
class MoneyState:
    """Controls. Shares are percentages as (low, high) ranges."""

    source: str = "Chainalysis"
    years: tuple[int, int] = (2022, 2025)
    weapons_share: tuple[int, int] = (33, 50)
    laundering_loss: tuple[int, int] = (0, 20)
    prevented: tuple[int, int] = (5, 20)


PRESETS: dict[str, MoneyState] = {
    "The US estimates (a third to a half)": MoneyState(),
    "Sceptical": MoneyState(
        source="TRM Labs",
        years=(2022, 2023),
        weapons_share=(33, 40),
        laundering_loss=(20, 40),
        prevented=(0, 10),
    ),
    "Optimistic": MoneyState(
        weapons_share=(40, 50),
        laundering_loss=(0, 10),
        prevented=(20, 40),
    ),
}


@dataclass(frozen=True)
class MoneyResult:
    state: MoneyState
    years: np.ndarray  # years the source covers within the range
    theft: np.ndarray  # (3, n): low, central, high, US$ million
    reaching: np.ndarray  # (3, n): funds reaching weapons programmes
    denied: np.ndarray  # (3, n): funds cooperation could deny
    missing_years: tuple[int, ...]  # years in the range the source does not cover
    source_ids: tuple[str, ...]

    @property
    def total_denied(self) -> tuple[float, float, float]:
        low, central, high = self.denied.sum(axis=1)
        return float(low), float(central), float(high)


def _fractions(pair: tuple[int, int]) -> tuple[float, float, float]:
    low, high = sorted(pair)
    return low / 100, (low + high) / 200, high / 100


def validate_state(state: MoneyState, data: MoneyData) -> None:
    check(CONTROLS, state, data)


def compute(state: MoneyState, data: MoneyData) -> MoneyResult:
    validate_state(state, data)
    series = data.by_source[state.source]
    wanted = range(state.years[0], state.years[1] + 1)
    years = np.array([y for y in wanted if y in series], dtype=int)
    theft = np.array([series[int(y)] for y in years], dtype=float).T.reshape(3, len(years))
    share = _fractions(state.weapons_share)
    loss = _fractions(state.laundering_loss)
    prevented = _fractions(state.prevented)
    # low uses every low (and the highest loss); high every high (and the lowest loss).
    kept = np.array([1 - loss[2], 1 - loss[1], 1 - loss[0]])[:, None]
    reaching = theft * kept * np.array(share)[:, None]
    denied = reaching * np.array(prevented)[:, None]
    ids: dict[str, None] = {}
    for y in years:
        ids.update(dict.fromkeys(data.ids_by_source[state.source][int(y)]))
    ids.update(dict.fromkeys(sid for row in data.estimates["source_ids"] for sid in row))
    return MoneyResult(
        state=state,
        years=years,
        theft=theft,
        reaching=reaching,
        denied=denied,
        missing_years=tuple(y for y in wanted if y not in series),
        source_ids=tuple(ids),
    )


def _money(value: float) -> str:
    return f"${value / 1000:.2f}bn" if value >= 1000 else f"${value:.0f}m"


def range_text(low: float, central: float, high: float) -> str:
    return f"{_money(central)} (range {_money(low)}–{_money(high)})"


def table(result: MoneyResult) -> pd.DataFrame:
    """The table twin: per year, theft and funds denied, each as central (low–high)."""
    return pd.DataFrame(
        {
            "Year": result.years,
            f"Theft ({result.state.source}), US$m": [
                f"{c:.0f} ({lo:.0f}–{hi:.0f})" for lo, c, hi in result.theft.T
            ],
            "Reaching weapons programmes, US$m": [
                f"{c:.0f} ({lo:.0f}–{hi:.0f})" for lo, c, hi in result.reaching.T
            ],
            "Denied by cooperation, US$m": [
                f"{c:.0f} ({lo:.0f}–{hi:.0f})" for lo, c, hi in result.denied.T
            ],
        }
    )


def assumptions_text(state: MoneyState) -> list[str]:
    """The result's assumptions in words, shown beside it."""
    return [
        f"Theft: {state.source}'s yearly figures, with the range its reports give.",
        f"Share reaching weapons programmes: {state.weapons_share[0]}–{state.weapons_share[1]}% "
        "(published estimates: up to a third and about half, a US official in 2022 and 2023; "
        "40% of WMD programmes, a member state to the UN Panel in 2024).",
        f"Lost in laundering and cashing out: {state.laundering_loss[0]}–"
        f"{state.laundering_loss[1]}% (an assumption: no source in the briefing measures it).",
        f"Prevented or recovered by allied cyber cooperation: {state.prevented[0]}–"
        f"{state.prevented[1]}% (an assumption: no source in the briefing measures it).",
    ]
