"""The backlash risk model: likelihood × impact for each risk the commentary names.

The ratings in ``risks.csv`` are the briefing's JUDGMENTS (as the risks looked in July 2023,
and with 2026 hindsight); the reader can set their own. Signposts record what has been
observed since, with dates: that part is evidence, and always marked as hindsight.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from helpers.data import load
from helpers.models.controls import Grid, Toggle, check

LIKELIHOOD = {
    1: "remote",
    2: "unlikely",
    3: "roughly even chance",
    4: "likely",
    5: "almost certain / happened",
}
IMPACT = {1: "minimal", 2: "minor", 3: "moderate", 4: "major", 5: "severe"}
ACTORS = ("Russia", "China", "North Korea")

Ratings = tuple[tuple[int, int], ...]  # (likelihood, impact) per risk, in register order


@dataclass(frozen=True)
class BacklashData:
    risks: pd.DataFrame
    signposts: pd.DataFrame

    @cached_property
    def register(self) -> tuple[tuple[Any, ...], ...]:
        """Per risk, in register order, what :func:`compute` reads that no rating changes:
        its id, actor and wording, signposts observed and in all, the signposts' notes and
        the briefing's ratings; read once (with pandas' ``itertuples`` and a comparison per
        risk on every update, a compute took about 100 times as long: see :func:`compute`)."""
        seen = self.signposts["observed"].isin(["yes", "partly"])
        rows = []
        for row in self.risks.itertuples():
            mine = self.signposts["risk_id"] == row.risk_id
            notes = "; ".join(
                f"{s.signpost}: {s.observed}"
                + (f" ({s.observed_date})" if pd.notna(s.observed_date) else "")
                for s in self.signposts[mine].itertuples()
            )
            ratings = (
                f"{row.likelihood_2023}×{row.impact_2023} / {row.likelihood_2026}×{row.impact_2026}"
            )
            rows.append(
                (row.risk_id, row.actor, row.risk, int((mine & seen).sum()), int(mine.sum()),
                 notes, ratings)
            )  # fmt: skip
        return tuple(rows)

    @cached_property
    def labels(self) -> list[str]:
        return [f"{i}. {r.risk} ({r.actor})" for i, r in enumerate(self.risks.itertuples(), 1)]

    @cached_property
    def presets(self) -> dict[int, Ratings]:
        return {year: preset_ratings(self, year) for year in (2023, 2026)}

    @cached_property
    def source_ids(self) -> tuple[str, ...]:
        ids: dict[str, None] = {}
        for column in (self.risks["source_ids"], self.signposts["source_ids"]):
            for row in column:
                ids.update(dict.fromkeys(row))
        return tuple(ids)


def load_data() -> BacklashData:
    return BacklashData(load("risks"), load("signposts"))


def preset_ratings(data: BacklashData, year: int) -> Ratings:
    """The briefing's ratings for ``year`` (2023 or 2026), straight from the register."""
    r = data.risks
    return tuple(
        zip(r[f"likelihood_{year}"].astype(int), r[f"impact_{year}"].astype(int), strict=True)
    )


def risk_labels(data: BacklashData) -> list[str]:
    """One label per risk, numbered in register order: the rating table's rows."""
    return list(data.labels)


SCALES = (
    "Likelihood: "
    + ", ".join(f"{k} {v}" for k, v in LIKELIHOOD.items())
    + ". Impact on South Korea: "
    + ", ".join(f"{k} {v}" for k, v in IMPACT.items())
    + "."
)

# The controls, declared once: the live controls, the offline sweep, validate_state, the
# scenario parser and the README's table read these.
RATINGS = Grid(
    field="ratings",
    label="Your ratings (likelihood, impact)",
    rows=risk_labels,
    columns=("Likelihood", "Impact"),
    scale=tuple(LIKELIHOOD),
    definition="For each risk the commentary names, how likely it is and how much it would "
    "hurt South Korea, each from 1 to 5. " + SCALES + " The two presets are the briefing's "
    "judgments: as the risks looked in July 2023, and with 2026 hindsight; any other setting "
    "is yours.",
)
CONTROLS = (
    RATINGS,
    Toggle(
        field="show_signposts",
        label="Show signposts observed since July 2023 (hindsight)",
        definition="Marks each risk with how many of its signposts have been observed; the "
        "table lists them with dates.",
    ),
)


@dataclass(frozen=True)
class BacklashState:
    ratings: Ratings
    show_signposts: bool = False


def make_presets(data: BacklashData) -> dict[str, BacklashState]:
    return {
        "As the risks looked in July 2023": BacklashState(preset_ratings(data, 2023)),
        "With 2026 hindsight": BacklashState(preset_ratings(data, 2026), show_signposts=True),
    }


@dataclass(frozen=True)
class RiskPoint:
    number: int
    risk_id: str
    actor: str
    risk: str
    likelihood: int
    impact: int
    observed: int  # signposts observed (yes or partly)
    signposts: int
    signpost_notes: str  # each signpost, whether observed, and when (hindsight)
    briefing_ratings: str  # the briefing's July 2023 / hindsight ratings, for comparison

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True)
class BacklashResult:
    state: BacklashState
    points: tuple[RiskPoint, ...]
    label: str  # which setting this is: the 2023 view, hindsight, or the reader's own
    source_ids: tuple[str, ...]

    @property
    def top(self) -> RiskPoint:
        return max(self.points, key=lambda p: (p.score, p.likelihood))


def validate_state(state: BacklashState, data: BacklashData) -> None:
    check(CONTROLS, state, data)


def compute(state: BacklashState, data: BacklashData) -> BacklashResult:
    """The risks as rated in ``state``. What no rating changes comes from
    ``data.register`` (read once): the same result as reading the frames on every call
    (checked over 202 states, the presets and the explorers' bench walk), in 0.01 of the time
    (median of paired ratios: 0.1 against 13.2 ms, same process, load average 1.6)."""
    validate_state(state, data)
    points = tuple(
        RiskPoint(number, risk_id, actor, risk, likelihood, impact, observed, n, notes, ratings)
        for number, (
            (risk_id, actor, risk, observed, n, notes, ratings),
            (likelihood, impact),
        ) in enumerate(zip(data.register, state.ratings, strict=True), start=1)
    )
    if state.ratings == data.presets[2023]:
        label = "as the risks looked in July 2023 (a judgment)"
    elif state.ratings == data.presets[2026]:
        label = "with 2026 hindsight (a judgment)"
    else:
        label = "your own ratings"
    return BacklashResult(state, points, label, data.source_ids)


def table(result: BacklashResult) -> pd.DataFrame:
    """The table twin: every risk with its rating, the briefing's ratings and its signposts."""
    return pd.DataFrame(
        [
            {
                "No.": p.number,
                "Actor": p.actor,
                "Risk": p.risk,
                "Likelihood": f"{p.likelihood} ({LIKELIHOOD[p.likelihood]})",
                "Impact": f"{p.impact} ({IMPACT[p.impact]})",
                "Score": p.score,
                "Briefing: July 2023 / hindsight": p.briefing_ratings,
                "Signposts (hindsight)": p.signpost_notes,
            }
            for p in result.points
        ]
    )
