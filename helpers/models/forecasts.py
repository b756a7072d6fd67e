"""Forecasts as scored probabilities: Brier scores and calibration, pure functions.

A judgment in words ("likely") can neither be right nor wrong once; a probability on a
question with resolution criteria can be scored when the question resolves. The scores:

* **Brier score** of one forecast: ``(p - o)**2``, with ``p`` the probability given to
  "yes" and ``o`` the outcome (1 for yes, 0 for no). 0 is a perfect forecast, 1 the worst;
  saying 50% on everything scores 0.25 whatever happens. Lower is better.
* **Mean Brier score** of a forecaster: the mean over the *resolved* questions they
  answered; open questions are not scored (there is nothing to score them against).
* **Calibration**: forecasts grouped in probability bins; in each, the mean forecast beside
  the share that resolved yes. A calibrated forecaster's 70% questions happen about 70% of
  the time; a few resolved questions say little, so a chart waits for ``MIN_RESOLVED``.

Words become numbers through the ICD 203 scale (dataset ``estimative_scale``): a word
stands for a range, and where a single number is needed (the commentary's words) the
middle of the range is used and labelled as an assumption.

Everything here is pure: data in, results out; :func:`load_data` reads the datasets.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from helpers.data import DataError, catalog_for, load
from helpers.data.errors import Problem

MIN_RESOLVED = 5  # resolved questions before a calibration chart is drawn
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)  # calibration bins; the last includes 1.0
YES, NO, OPEN = "yes", "no", "open"


def brier(probability: float, happened: bool) -> float:
    """The Brier score of one forecast of a yes/no question (0 best, 1 worst)."""
    if not 0.0 <= probability <= 1.0 or math.isnan(probability):
        raise ValueError(f"a probability is between 0 and 1, not {probability!r}")
    return (probability - (1.0 if happened else 0.0)) ** 2


def resolved(outcomes: Mapping[str, str]) -> dict[str, bool]:
    """The questions that have resolved, as question -> happened (open ones left out)."""
    return {q: o == YES for q, o in outcomes.items() if o in (YES, NO)}


def scores(probabilities: Mapping[str, float], outcomes: Mapping[str, str]) -> dict[str, float]:
    """Brier score per resolved question the forecaster answered."""
    done = resolved(outcomes)
    return {q: brier(p, done[q]) for q, p in probabilities.items() if q in done}


def mean_score(
    probabilities: Mapping[str, float], outcomes: Mapping[str, str]
) -> float | None:
    """Mean Brier score over the resolved questions answered; None if none has resolved."""
    per = scores(probabilities, outcomes)
    return sum(per.values()) / len(per) if per else None


@dataclass(frozen=True)
class Bin:
    """One calibration bin: forecasts with low <= p < high (the last bin includes 1)."""

    low: float
    high: float
    n: int
    mean_forecast: float | None
    share_yes: float | None


def calibration(
    pairs: Iterable[tuple[float, bool]], edges: tuple[float, ...] = BINS
) -> tuple[Bin, ...]:
    """Forecasts (probability, happened) of resolved questions, binned by probability."""
    groups: list[list[tuple[float, bool]]] = [[] for _ in edges[:-1]]
    for p, happened in pairs:
        brier(p, happened)  # refuses a probability outside 0..1
        i = next(
            (k for k in range(len(edges) - 1) if edges[k] <= p < edges[k + 1]),
            len(edges) - 2,
        )
        groups[i].append((p, happened))
    return tuple(
        Bin(
            low=edges[i],
            high=edges[i + 1],
            n=len(g),
            mean_forecast=sum(p for p, _ in g) / len(g) if g else None,
            share_yes=sum(1 for _, h in g if h) / len(g) if g else None,
        )
        for i, g in enumerate(groups)
    )


def pairs(
    probabilities: Mapping[str, float], outcomes: Mapping[str, str]
) -> list[tuple[float, bool]]:
    """(probability, happened) for each resolved question answered."""
    done = resolved(outcomes)
    return [(p, done[q]) for q, p in probabilities.items() if q in done]


Ranges = Mapping[str, tuple[float, float]]  # word -> (low, high) as probabilities 0..1


def word_ranges(scale: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The ICD 203 scale as word -> (low, high) probabilities."""
    return {
        str(r.word): (float(r.low_percent) / 100, float(r.high_percent) / 100)
        for r in scale.itertuples()
    }


def implied(word: str, ranges: Ranges) -> float:
    """The middle of a word's range: the single number a word is read as where one is
    needed (an ASSUMPTION: the word stands for the whole range)."""
    low, high = ranges[word]
    return (low + high) / 2


def brier_range(word: str, happened: bool, ranges: Ranges) -> tuple[float, float]:
    """The best and worst Brier score anywhere in a word's range."""
    low, high = ranges[word]
    a, b = brier(low, happened), brier(high, happened)
    return (min(a, b), max(a, b))


def fits(probability: float, word: str, ranges: Ranges) -> bool:
    """Whether a probability lies in a word's range (ends included)."""
    low, high = ranges[word]
    return low - 1e-9 <= probability <= high + 1e-9


@dataclass(frozen=True)
class ForecastData:
    forecasts: pd.DataFrame
    ranges: dict[str, tuple[float, float]]
    as_of: pd.Timestamp


def check(forecasts: pd.DataFrame, ranges: Ranges, as_of: pd.Timestamp) -> list[Problem]:
    """What the catalog cannot check row by row: a probability inside its word's range, a
    question past its date resolved, a resolved question with its outcome explained."""
    problems = []
    for i, r in enumerate(forecasts.itertuples(), start=1):
        where = ("forecasts.csv", i)
        if not fits(float(r.probability), str(r.estimative_word), ranges):
            low, high = ranges[str(r.estimative_word)]
            problems.append(
                Problem(
                    *where,
                    "probability",
                    f"a probability in the range of {r.estimative_word!r} ({low:g}–{high:g})",
                    f"{r.probability:g}",
                )
            )
        if r.outcome == OPEN and r.resolution_date <= as_of:
            problems.append(
                Problem(
                    *where,
                    "outcome",
                    f"yes or no: the resolution date {r.resolution_date:%Y-%m-%d} has passed",
                    "open",
                )
            )
        if r.outcome != OPEN and not isinstance(r.outcome_note, str):
            problems.append(
                Problem(*where, "outcome_note", "what happened, for a resolved question", "empty")
            )
    return problems


def load_data(data_dir: str | None = None) -> ForecastData:
    """The forecasts and the ICD 203 scale, checked whole (one DataError lists every row)."""
    forecasts = load("forecasts", data_dir)
    ranges = word_ranges(load("estimative_scale", data_dir))
    as_of = pd.Timestamp(catalog_for(data_dir)["forecasts"].as_of)
    problems = check(forecasts, ranges, as_of)
    if problems:
        raise DataError(problems, "the forecasts")
    return ForecastData(forecasts, ranges, as_of)


def briefing_probabilities(data: ForecastData) -> dict[str, float]:
    f = data.forecasts
    return dict(zip(f["question_id"].astype(str), f["probability"].astype(float), strict=True))


def outcomes(data: ForecastData) -> dict[str, str]:
    f = data.forecasts
    return dict(zip(f["question_id"].astype(str), f["outcome"].astype(str), strict=True))
