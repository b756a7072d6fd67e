"""Race to fourth: could South Korea be the fourth-largest arms exporter in 2023–27?

Starts from SIPRI's latest window, 2021–25 (published March 2026), every top-ten share of
which is sourced. The reader sets how much each group's deliveries grow in 2023–27 against
2021–25; shares are recomputed so that they sum to 100%:

    volume_i = share_i × (1 + growth_i);   share'_i = 100 × volume_i / Σ volume

Each growth is a low–high range. The low case combines South Korea's low growth with its
rivals' high growth (and the reverse for the high case), so the band is the widest the
ranges allow. What it ignores is listed in ``IGNORED``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.data import load
from helpers.models.controls import Range, check

BASE_WINDOW = "2021–25"
TARGET_WINDOW = "2023–27"
KOREA = "South Korea"
RIVALS = ("China", "Germany", "Italy", "United Kingdom", "Israel", "Spain")
REST = "Rest of the world"
IGNORED = (
    f"Five-year averaging: {TARGET_WINDOW} shares three years with {BASE_WINDOW} and is not yet "
    "complete.",
    "Lumpy deliveries: a few large programmes (K2, K9, Chunmoo for Poland) move a country's "
    "volume from one window to the next.",
    "SIPRI's yearly revisions: past windows are re-estimated as new data arrive.",
    "Exporters outside the top ten are grouped as the rest of the world and held at their "
    f"{BASE_WINDOW} share of volume.",
    f"The United States and France are held at their {BASE_WINDOW} volume (growth 0%): an "
    "assumption.",
)


@dataclass(frozen=True)
class RaceData:
    base: pd.DataFrame  # country, share_pct for the base window, plus the rest of the world
    goal_rank: int
    goal_share: float
    goal_year: int
    source_ids: tuple[str, ...]
    korea_growth: tuple[int, int]  # SIPRI's growth for South Korea on its last two windows


def reported_growth(sipri: pd.DataFrame) -> tuple[int, int]:
    """South Korea's delivery growth as SIPRI reported it on the last two windows that state
    one, lower first: the race's default range (SIPRI's trend continued)."""
    korea = sipri[(sipri["country"] == KOREA) & sipri["growth_pct"].notna()]
    last_two = korea.sort_values("window_end")["growth_pct"].tail(2)
    low, high = sorted(round(float(g)) for g in last_two)
    return low, high


def load_data() -> RaceData:
    sipri = load("sipri_exporters")
    base = sipri[sipri["window"] == BASE_WINDOW][["country", "share_pct", "rank"]].copy()
    rest = 100.0 - float(base["share_pct"].sum())
    base = pd.concat(
        [base, pd.DataFrame({"country": [REST], "share_pct": [rest], "rank": [pd.NA]})],
        ignore_index=True,
    )
    goal = load("export_goal").iloc[0]
    ids: dict[str, None] = {}
    for row in sipri[sipri["window"] == BASE_WINDOW]["source_ids"]:
        ids.update(dict.fromkeys(row))
    ids.update(dict.fromkeys(goal["source_ids"]))
    return RaceData(
        base,
        int(goal["target_rank"]),
        float(goal["target_share_pct"]),
        int(goal["target_year"]),
        tuple(ids),
        reported_growth(sipri),
    )


# The controls, declared once: the live sliders, the offline sweep, validate_state, the
# scenario parser and the README's table read these.
def _growth(field: str, label: str, definition: str, **more: Any) -> Range:
    """A growth range in percent against the base window, written with its sign."""
    bounds = {"low": -50, "high": 300} | more
    return Range(field=field, label=label, unit="%", fmt="+g", definition=definition, **bounds)


KOREA_GROWTH = _growth(
    "korea_growth",
    "South Korea's delivery growth",
    f"How much more (or less) South Korea delivers in {TARGET_WINDOW} than in {BASE_WINDOW}. "
    "The default is the range of the growth SIPRI reported on its last two windows.",
    sweep_step=10,
    default=lambda data: data.korea_growth,
)
RIVALS_GROWTH = _growth(
    "rivals_growth",
    "Rivals around 4th place",
    "Growth for China, Germany, Italy, the UK, Israel and Spain together. SIPRI reported "
    "Italy +86% (2019–23) and +157% (2021–25).",
    default=(0, 30),
)
RUSSIA_GROWTH = _growth(
    "russia_growth",
    "Russia's delivery growth",
    "Russia's deliveries fell 64% in 2021–25 against 2016–20 (SIPRI).",
    low=-100,
    high=100,
    default=(-64, -30),
)
CONTROLS = (KOREA_GROWTH, RIVALS_GROWTH, RUSSIA_GROWTH)


@dataclass(frozen=True)
class RaceState:
    """Growth of deliveries in 2023–27 against the base window, in percent, as (low, high)."""

    korea_growth: tuple[int, int]
    rivals_growth: tuple[int, int]
    russia_growth: tuple[int, int]


def make_presets(data: RaceData) -> dict[str, RaceState]:
    """The named settings; the first (SIPRI's trend continued) is every control's default."""
    trend = RaceState(**{c.field: c.default_value(data) for c in CONTROLS})
    return {
        "SIPRI trend": trend,
        "Polish deliveries on schedule": dataclasses.replace(trend, korea_growth=(50, 100)),
        "The government's target (5% share)": RaceState(
            korea_growth=(60, 70), rivals_growth=(0, 0), russia_growth=(-50, -50)
        ),
    }


@dataclass(frozen=True)
class RaceResult:
    state: RaceState
    countries: tuple[str, ...]  # top ten of the base window, then the rest of the world
    base: np.ndarray  # base-window shares
    shares: np.ndarray  # (3, n): projected shares in the low, central and high case for Korea
    korea_share: tuple[float, float, float]
    korea_rank: tuple[int, int, int]  # rank in the low, central and high case
    growth_for_fourth: float  # Korea's growth needed to pass 4th place (central others)
    growth_for_goal_share: float  # Korea's growth needed for the goal's share
    goal_rank: int
    goal_share: float
    source_ids: tuple[str, ...]


def _growth_cases(pair: tuple[int, int]) -> tuple[float, float, float]:
    low, high = sorted(pair)
    return low / 100, (low + high) / 200, high / 100


def validate_state(state: RaceState, data: RaceData | None = None) -> None:
    check(CONTROLS, state, data)


def _project(base: np.ndarray, growth: np.ndarray) -> np.ndarray:
    volume = base * (1 + growth)
    return 100 * volume / volume.sum()


def _rank(shares: np.ndarray, countries: tuple[str, ...], who: str) -> int:
    ranked = [c for _, c in sorted(zip(shares, countries, strict=True), reverse=True) if c != REST]
    return ranked.index(who) + 1


def compute(state: RaceState, data: RaceData) -> RaceResult:
    validate_state(state, data)
    countries = tuple(data.base["country"])
    base = data.base["share_pct"].to_numpy(dtype=float)
    korea, rivals, russia = (
        _growth_cases(g) for g in (state.korea_growth, state.rivals_growth, state.russia_growth)
    )
    is_korea = np.array([c == KOREA for c in countries])
    is_rival = np.array([c in RIVALS for c in countries])
    is_russia = np.array([c == "Russia" for c in countries])
    cases = []
    # low case: Korea low, rivals and Russia high; high case: the reverse.
    for k, r, ru in (
        (korea[0], rivals[2], russia[2]),
        (korea[1], rivals[1], russia[1]),
        (korea[2], rivals[0], russia[0]),
    ):
        growth = np.where(is_korea, k, np.where(is_rival, r, np.where(is_russia, ru, 0.0)))
        cases.append(_project(base, growth))
    shares = np.array(cases)
    i = countries.index(KOREA)

    # Growth Korea needs, others at their central growth: to pass 4th place, and to reach the
    # goal's share. Both solve volume equations in closed form.
    central_growth = np.where(is_rival, rivals[1], np.where(is_russia, russia[1], 0.0))
    others = base * (1 + central_growth)
    others[i] = 0.0
    fourth = sorted((v for v, c in zip(others, countries, strict=True) if c != REST), reverse=True)[
        data.goal_rank - 1
    ]
    needed_fourth = fourth / base[i] - 1
    total_others = others.sum()
    share = data.goal_share / 100
    needed_share = share * total_others / ((1 - share) * base[i]) - 1

    return RaceResult(
        state=state,
        countries=countries,
        base=base,
        shares=shares,
        korea_share=tuple(float(s) for s in shares[:, i]),
        korea_rank=tuple(_rank(s, countries, KOREA) for s in shares),
        growth_for_fourth=float(100 * needed_fourth),
        growth_for_goal_share=float(100 * needed_share),
        goal_rank=data.goal_rank,
        goal_share=data.goal_share,
        source_ids=data.source_ids,
    )


def table(result: RaceResult) -> pd.DataFrame:
    """The table twin: base and projected shares for every exporter."""
    order = np.argsort(-result.shares[1])
    return pd.DataFrame(
        {
            "Exporter": [result.countries[i] for i in order],
            f"Share {BASE_WINDOW} (SIPRI), %": [f"{result.base[i]:.1f}" for i in order],
            f"Projected {TARGET_WINDOW}, %": [
                f"{result.shares[1][i]:.1f} ({min(result.shares[:, i]):.1f}–"
                f"{max(result.shares[:, i]):.1f})"
                for i in order
            ],
        }
    )
