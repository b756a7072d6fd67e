"""Analysis of Competing Hypotheses (Heuer): which explanation survives the evidence best?

In Heuer's method a hypothesis is judged by the evidence *against* it: the weighted
inconsistency score adds, for each evidence item, its credibility weight times 1 for an
inconsistent rating (I) or 2 for a very inconsistent one (II). The least inconsistent
hypothesis is the strongest. An item rated alike for every hypothesis does not help choose
between them (it is non-diagnostic), however important it looks.

The ratings are judgments: the briefing's own (``ach_evidence``), two alternative readings
(``ach_readings``), or the reader's.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.data import load
from helpers.models.controls import Grid, Number, Subset, check

SCALE = ("CC", "C", "N", "I", "II", "NA")
# What each rating says, in the scale's order: the explorer's definition and the participant
# page's options read it (one wording of the scale).
MEANINGS = {
    "CC": "very consistent",
    "C": "consistent",
    "N": "neutral",
    "I": "inconsistent",
    "II": "very inconsistent",
    "NA": "not applicable",
}
INCONSISTENCY = {"CC": 0, "C": 0, "N": 0, "NA": 0, "I": 1, "II": 2}
CONSISTENCY = {"CC": 2, "C": 1, "N": 0, "NA": 0, "I": 0, "II": 0}
OPPOSITE = {"CC": "II", "C": "I", "N": "N", "NA": "NA", "I": "C", "II": "CC"}
HYPOTHESES = ("H1", "H2", "H3", "H4")

Row = tuple[str, str, str, str]  # one rating per hypothesis, H1..H4


@dataclass(frozen=True)
class AchData:
    hypotheses: pd.DataFrame
    evidence: pd.DataFrame
    readings: pd.DataFrame


def load_data() -> AchData:
    return AchData(load("hypotheses"), load("ach_evidence"), load("ach_readings"))


def briefing_ratings(data: AchData) -> tuple[Row, ...]:
    e = data.evidence
    return tuple(
        zip(
            e["h1"].astype(str),
            e["h2"].astype(str),
            e["h3"].astype(str),
            e["h4"].astype(str),
            strict=True,
        )
    )


def reading_ratings(data: AchData, reading: str) -> tuple[Row, ...]:
    """The briefing's ratings with one alternative reading's re-ratings applied."""
    changes = data.readings[data.readings["reading"] == reading].set_index("evidence_id")
    rows = []
    for eid, base in zip(data.evidence["evidence_id"], briefing_ratings(data), strict=True):
        if eid in changes.index:
            r = changes.loc[eid]
            rows.append((str(r["h1"]), str(r["h2"]), str(r["h3"]), str(r["h4"])))
        else:
            rows.append(base)
    return tuple(rows)


def evidence_rows(data: AchData) -> list[str]:
    """One label per evidence item: its id and text (the rating grid's rows)."""
    return [f"{r.evidence_id} {r.evidence}" for r in data.evidence.itertuples()]


def _weight(kind: str, label: str, definition: str) -> Number:
    """A credibility weight, 0 to 1 in steps of 0.05."""
    return Number(
        field=f"weight_{kind}", label=label, low=0.0, high=1.0, step=0.05, definition=definition
    )


# The controls, declared once: the live controls, the offline sweep, validate_state, the
# scenario parser and the README's table read these.
CONTROLS = (
    Grid(
        field="ratings",
        label="Ratings (CC very consistent … II very inconsistent)",
        rows=evidence_rows,
        columns=HYPOTHESES,
        scale=SCALE,
        definition="How consistent each evidence item is with each hypothesis: "
        + ", ".join(f"{r} {MEANINGS[r]}" for r in SCALE)
        + ". Only I and II count against a hypothesis (1 and 2).",
    ),
    Subset(
        field="included",
        label="Evidence used",
        options=lambda data: [(e, e) for e in data.evidence["evidence_id"]],
        definition="Untick an item to leave it out and see whether the result depends on it.",
    ),
    _weight(
        "primary",
        "Weight: primary sources",
        "How much an item from a primary source (the body that acted) counts.",
    ),
    _weight(
        "secondary", "Weight: secondary sources", "How much an item from press reporting counts."
    ),
    _weight(
        "estimate",
        "Weight: estimates",
        "How much an estimate (an official's figure, the briefing's mapping) counts.",
    ),
    _weight("unverified", "Weight: unverified", "How much an unverified item counts."),
)


@dataclass(frozen=True)
class AchState:
    ratings: tuple[Row, ...]
    included: tuple[str, ...]  # the evidence ids used
    weight_primary: float = 1.0
    weight_secondary: float = 0.8
    weight_estimate: float = 0.5
    weight_unverified: float = 0.25


# The documented alternative readings (``ach_readings``), by the name a reader sees: the
# explorer's presets, the seminar's sample participants and the dataset's table all use it.
READINGS = {
    "sceptic-arms": "A sceptic of arms-export motives",
    "un-centred": "A UN-centred reading",
}
BRIEFING_READING = "The briefing's ratings"


def make_presets(data: AchData) -> dict[str, AchState]:
    every = tuple(data.evidence["evidence_id"])
    return {
        BRIEFING_READING: AchState(briefing_ratings(data), every),
        **{name: AchState(reading_ratings(data, key), every) for key, name in READINGS.items()},
    }


@dataclass(frozen=True)
class AchResult:
    state: AchState
    evidence_ids: tuple[str, ...]
    inconsistency: dict[str, float]  # weighted, per hypothesis
    consistency: dict[str, float]  # weighted, for reference only
    ranking: tuple[str, ...]  # strongest (least inconsistent) first; ties by name
    top: tuple[str, ...]  # every hypothesis with the lowest score (more than one: a tie)
    non_diagnostic: tuple[str, ...]  # evidence rated alike for every hypothesis
    sensitive: tuple[str, ...]  # items whose removal or flipping changes the top hypothesis
    source_ids: tuple[str, ...]
    names: dict[str, str]  # hypothesis id -> short name, from the data computed on


def validate_state(state: AchState, data: AchData) -> None:
    check(CONTROLS, state, data)


def _scores(
    ratings: tuple[Row, ...], weights: list[float], keep: list[bool], table: dict[str, int]
) -> dict[str, float]:
    return {
        h: sum(w * table[row[j]] for row, w, k in zip(ratings, weights, keep, strict=True) if k)
        for j, h in enumerate(HYPOTHESES)
    }


def _ranking(scores: dict[str, float]) -> tuple[str, ...]:
    return tuple(sorted(HYPOTHESES, key=lambda h: (scores[h], h)))


def _top(scores: dict[str, float]) -> tuple[str, ...]:
    best = min(scores.values())
    return tuple(h for h in HYPOTHESES if abs(scores[h] - best) < 1e-9)


def compute(state: AchState, data: AchData) -> AchResult:
    validate_state(state, data)
    ids = tuple(data.evidence["evidence_id"])
    by_cred = {
        "primary": state.weight_primary,
        "secondary": state.weight_secondary,
        "estimate": state.weight_estimate,
        "unverified": state.weight_unverified,
    }
    weights = [by_cred[c] for c in data.evidence["credibility"].astype(str)]
    keep = [state.included is None or eid in state.included for eid in ids]
    inconsistency = _scores(state.ratings, weights, keep, INCONSISTENCY)
    ranking = _ranking(inconsistency)
    top = _top(inconsistency)

    non_diagnostic = tuple(
        eid
        for eid, row, k in zip(ids, state.ratings, keep, strict=True)
        if k and len(set(row)) == 1
    )
    sensitive = []
    for i, eid in enumerate(ids):
        if not keep[i]:
            continue
        without = keep.copy()
        without[i] = False
        flipped = list(state.ratings)
        flipped[i] = tuple(OPPOSITE[r] for r in state.ratings[i])
        if (
            _top(_scores(state.ratings, weights, without, INCONSISTENCY)) != top
            or _top(_scores(tuple(flipped), weights, keep, INCONSISTENCY)) != top
        ):
            sensitive.append(eid)

    sources: dict[str, None] = {}
    for row, k in zip(data.evidence["source_ids"], keep, strict=True):
        if k:
            sources.update(dict.fromkeys(row))
    return AchResult(
        state=state,
        evidence_ids=ids,
        inconsistency=inconsistency,
        consistency=_scores(state.ratings, weights, keep, CONSISTENCY),
        ranking=ranking,
        top=top,
        non_diagnostic=non_diagnostic,
        sensitive=tuple(sensitive),
        source_ids=tuple(sources),
        names=dict(zip(data.hypotheses["hypothesis_id"], data.hypotheses["name"], strict=True)),
    )


def table(result: AchResult) -> pd.DataFrame:
    """The table twin: the matrix as rated, with each item's inclusion and diagnosticity."""
    rows = []
    for eid, row in zip(result.evidence_ids, result.state.ratings, strict=True):
        rows.append(
            {
                "Evidence": eid,
                **{h: r for h, r in zip(HYPOTHESES, row, strict=True)},
                "Included": "yes"
                if result.state.included is None or eid in result.state.included
                else "no",
                "Diagnostic": "no" if eid in result.non_diagnostic else "yes",
                "Changes the top hypothesis if removed or flipped": (
                    "yes" if eid in result.sensitive else "no"
                ),
            }
        )
    rows.append(
        {
            "Evidence": "Weighted inconsistency",
            **{h: f"{result.inconsistency[h]:.2f}" for h in HYPOTHESES},
            "Included": "",
            "Diagnostic": "",
            "Changes the top hypothesis if removed or flipped": "",
        }
    )
    return pd.DataFrame(rows)
