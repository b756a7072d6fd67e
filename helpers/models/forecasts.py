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

Three sections sit here (the scoring, the room, the explorer) because the room and the
explorer score with the functions above over the same ``ForecastData``: they cannot differ.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers.data import DataError, catalog_for, load
from helpers.data.errors import Problem
from helpers.data.forecast_files import read_forecasts
from helpers.models.controls import Choice, Number
from helpers.models.controls import check as check_controls

MIN_RESOLVED = 5  # resolved questions before a calibration chart is drawn
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)  # calibration bins; the last includes 1.0
YES, NO, OPEN = "yes", "no", "open"


def brier(probability: float, happened: bool) -> float:
    """The Brier score of one forecast of a yes/no question (0 best, 1 worst)."""
    if not 0.0 <= probability <= 1.0 or math.isnan(probability):
        raise ValueError(f"a probability is between 0 and 1, not {probability!r}")
    return (probability - (1.0 if happened else 0.0)) ** 2


LOG_FLOOR = 0.01  # an assumption: a forecast of 0% or 100% is scored as 1% or 99% in the log score


def log_score(probability: float, happened: bool) -> float:
    """The log score of one forecast: the natural log of the probability given to what
    happened (0 best, more negative worse). It punishes confident misses far harder than the
    Brier score; a forecast of 0 or 1 is read as LOG_FLOOR from the end (an assumption, so a
    single miss is not minus infinity)."""
    brier(probability, happened)  # refuses a probability outside 0..1
    given = probability if happened else 1.0 - probability
    return math.log(min(max(given, LOG_FLOOR), 1.0 - LOG_FLOOR))


def resolved(outcomes: Mapping[str, str]) -> dict[str, bool]:
    """The questions that have resolved, as question -> happened (open ones left out)."""
    return {q: o == YES for q, o in outcomes.items() if o in (YES, NO)}


def scores(probabilities: Mapping[str, float], outcomes: Mapping[str, str]) -> dict[str, float]:
    """Brier score per resolved question the forecaster answered."""
    done = resolved(outcomes)
    return {q: brier(p, done[q]) for q, p in probabilities.items() if q in done}


def mean_score(probabilities: Mapping[str, float], outcomes: Mapping[str, str]) -> float | None:
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


def words_for(probability: float, ranges: Ranges) -> tuple[str, ...]:
    """The estimative words whose ICD 203 range holds ``probability`` (:func:`fits`, ends
    included), in the scale's order. Neighbouring ranges share their ends, so 5% is both
    "almost no chance" and "very unlikely"; below the lowest word and above the highest there
    is none. The participant page shows these words live beside a probability."""
    return tuple(w for w in ranges if fits(probability, w, ranges))


@dataclass(frozen=True)
class ForecastData:
    forecasts: pd.DataFrame
    ranges: dict[str, tuple[float, float]]
    as_of: pd.Timestamp

    @cached_property
    def columns(self) -> dict[str, list]:
        """The columns :func:`score` and :func:`outcomes` read, as Python values (``str``
        ids, words, forecasters and outcomes, ``float`` probabilities, ``source_ids`` as
        stored), read once: with pandas' ``itertuples`` (twice per score: 71% of scoring in
        the profile) a compute took 10 times as long (median of paired ratios over all 336
        states of the explorer, 10.5 against 1.0 ms, same process, load average 3.5)."""
        f = self.forecasts
        return {
            "question_id": [str(v) for v in f["question_id"]],
            "forecaster": [str(v) for v in f["forecaster"]],
            "estimative_word": [str(v) for v in f["estimative_word"]],
            "probability": [float(v) for v in f["probability"]],
            "outcome": f["outcome"].astype(str).tolist(),
            "source_ids": list(f["source_ids"]),
        }

    @cached_property
    def hindsight(self) -> str:
        """:func:`hindsight_note` of these data, made once (the explorer's sources line
        loaded and checked the datasets again for it on every update: 14 ms)."""
        return hindsight_note(self)


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


def written_after_outcome(data: ForecastData) -> tuple[str, ...]:
    """Resolved questions whose resolution date came before the briefing wrote them down
    (the forecasts' as-of date): their outcomes were known when written, so a score on them
    tests a reading of words, not foresight, and every place that scores them says so."""
    f = data.forecasts
    late = f[(f["outcome"] != OPEN) & (f["resolution_date"] < data.as_of)]
    return tuple(str(q) for q in late["question_id"])


def hindsight_note(data: ForecastData) -> str:
    """One sentence for every place that scores resolved questions (empty when none); it
    names no question id, since it is printed on slides."""
    late = written_after_outcome(data)
    if not late:
        return ""
    n = len(late)
    return (
        f"{'Both' if n == 2 else f'All {n}' if n > 2 else 'The'} resolved question"
        f"{'s' if n > 1 else ''} {'were' if n > 1 else 'was'} written by "
        f"the briefing on {data.as_of.day} {data.as_of:%B %Y}, after "
        f"{'their outcomes were' if n > 1 else 'its outcome was'} known: the scores test the "
        "briefing's reading of the commentary's words, not anyone's foresight."
    )


def briefing_probabilities(data: ForecastData) -> dict[str, float]:
    f = data.forecasts
    return dict(zip(f["question_id"].astype(str), f["probability"].astype(float), strict=True))


def outcomes(data: ForecastData) -> dict[str, str]:
    c = data.columns
    return dict(zip(c["question_id"], c["outcome"], strict=True))


# --- The room: participants' forecasts beside the briefing's ----------------------------

BRIEFING = "the briefing's dataset"
Forecasts = dict[str, float]


def question_ids(data: ForecastData) -> tuple[str, ...]:
    return tuple(str(q) for q in data.forecasts["question_id"])


def open_question_ids(data: ForecastData) -> tuple[str, ...]:
    """The questions a room can still forecast: those without a recorded outcome."""
    done = resolved(outcomes(data))
    return tuple(q for q in question_ids(data) if q not in done)


def sample_forecasters(data: ForecastData) -> dict[str, Forecasts]:
    """The shipped demonstration forecasters, derived (not invented): the briefing's words
    read at the low end and at the high end of their ICD 203 ranges, and the always-50%
    baseline. ``tests/tools/make_samples.py`` writes them to ``helpers/data/forecasters``;
    a test checks the files still equal this derivation."""
    f = data.forecasts
    words = dict(zip(f["question_id"].astype(str), f["estimative_word"].astype(str), strict=True))
    return {
        "icd-low-end": {q: data.ranges[w][0] for q, w in words.items()},
        "icd-high-end": {q: data.ranges[w][1] for q, w in words.items()},
        "always-50": dict.fromkeys(words, 0.5),
    }


def read_forecasters(
    *paths: str | Path, data: ForecastData, round_no: int | None = None
) -> dict[str, Forecasts]:
    """Participants' forecasts from files or folders (none: the shipped samples), of one
    round (each participant's latest when ``round_no`` is None). Raises
    :class:`helpers.data.DataError` naming file, row, column, expected and found."""
    return read_forecasts(*paths, question_ids=question_ids(data), round_no=round_no)


def median_of(values: list[float]) -> float:
    """The median of forecasts (the room's forecast: robust to one wild answer)."""
    v = sorted(values)
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2


@dataclass(frozen=True)
class RoomResult:
    """The room's forecasts per question and everyone's scores on resolved questions."""

    questions: pd.DataFrame  # one row per question: briefing, room median, spread, outcome
    scores: pd.DataFrame  # one row per forecaster: mean Brier, questions scored
    median: dict[str, float]  # the room's median forecast per question answered
    n_resolved: int
    calibration: tuple[Bin, ...]  # of the room's median forecasts


def room(participants: Mapping[str, Forecasts], data: ForecastData) -> RoomResult:
    """The room's median and spread per question beside the briefing's, and the Brier
    score of each participant, of the room (its median forecast) and of the briefing."""
    outcome = outcomes(data)
    briefing = briefing_probabilities(data)
    rows, median = [], {}
    for r in data.forecasts.itertuples():
        q = str(r.question_id)
        given = [p[q] for p in participants.values() if q in p]
        if given:
            median[q] = median_of(given)
        rows.append(
            {
                "Question": q,
                "Briefing": briefing[q],
                "Room median": median.get(q),
                "Lowest": min(given) if given else None,
                "Highest": max(given) if given else None,
                "Answers": len(given),
                "Outcome": outcome[q],
            }
        )
    who = {BRIEFING: briefing, "the room (median)": median, **participants}
    scored = []
    done = resolved(outcome)
    for name, probs in who.items():
        per = scores(probs, outcome)
        logs = [log_score(p, done[q]) for q, p in probs.items() if q in done]
        scored.append(
            {
                "Forecaster": name,
                "Mean Brier score": sum(per.values()) / len(per) if per else None,
                "Mean log score": sum(logs) / len(logs) if logs else None,
                "Resolved questions scored": len(per),
            }
        )
    return RoomResult(
        questions=pd.DataFrame(rows),
        scores=pd.DataFrame(scored),
        median=median,
        n_resolved=len(resolved(outcome)),
        calibration=calibration(pairs(median, outcome)),
    )


def shift(
    before: Mapping[str, Forecasts], after: Mapping[str, Forecasts], data: ForecastData
) -> pd.DataFrame:
    """Did the discussion move the room? Per question answered in both rounds: the room's
    median before and after, the briefing's probability, and whether the median moved towards
    the briefing, away from it, or not at all (a change under one percentage point)."""
    briefing = briefing_probabilities(data)
    rows = []
    for q in question_ids(data):
        first = [p[q] for p in before.values() if q in p]
        second = [p[q] for p in after.values() if q in p]
        if not first or not second:
            continue
        m1, m2 = median_of(first), median_of(second)
        gap1, gap2 = abs(m1 - briefing[q]), abs(m2 - briefing[q])
        moved = (
            "no change" if abs(m2 - m1) < 0.01
            else "towards the briefing" if gap2 < gap1
            else "away from the briefing"
        )  # fmt: skip
        rows.append(
            {
                "Question": q,
                "Round 1 median": m1,
                "Round 2 median": m2,
                "Briefing": briefing[q],
                "Answers (round 1, round 2)": f"{len(first)}, {len(second)}",
                "Moved": moved,
            }
        )
    return pd.DataFrame(rows)


def cohorts(rooms: Mapping[str, Mapping[str, Forecasts]], data: ForecastData) -> pd.DataFrame:
    """Every seminar that used the briefing, scored as questions resolve: per cohort (its
    label, e.g. its date), participants, the Brier and log scores of the room's median on the
    resolved questions it answered, beside the briefing's on the same questions."""
    outcome = outcomes(data)
    done = resolved(outcome)
    briefing = briefing_probabilities(data)
    rows = []
    for label, participants in rooms.items():
        median = {
            q: median_of([p[q] for p in participants.values() if q in p])
            for q in question_ids(data)
            if any(q in p for p in participants.values())
        }
        asked = [q for q in median if q in done]
        rows.append(
            {
                "Cohort": label,
                "Participants": len(participants),
                "Resolved questions scored": len(asked),
                "Room median, Brier": (
                    sum(brier(median[q], done[q]) for q in asked) / len(asked) if asked else None
                ),
                "Room median, log": (
                    sum(log_score(median[q], done[q]) for q in asked) / len(asked)
                    if asked
                    else None
                ),
                "Briefing, Brier": (
                    sum(brier(briefing[q], done[q]) for q in asked) / len(asked) if asked else None
                ),
            }
        )
    return pd.DataFrame(rows)


# --- The explorer: change a forecaster's probabilities, watch the scores move ------------

OPEN_AS = {
    "open": "Open questions stay open (recorded outcomes only)",
    "expected": "Suppose each open question resolves as the forecaster leans (hypothetical)",
    "yes": "Suppose every open question resolves yes (hypothetical)",
    "no": "Suppose every open question resolves no (hypothetical)",
}


# The controls, declared once: the live controls, the offline sweep, validate_state, the
# scenario parser and the README's table read these.
CONTROLS = (
    Choice(
        field="forecaster",
        label="Forecaster",
        options=lambda data: [(name, name) for name in data.forecasters],
        definition="Whose probabilities are scored: the briefing's dataset (its own forecasts, "
        "all still open, and the commentary's two implied ones, resolved), or a shipped "
        "demonstration forecaster derived from them (the low or high end of each word's ICD 203 "
        "range; always 50%). The room's own forecasts are gathered below the explorer.",
    ),
    Number(
        field="sharpen",
        label="Move probabilities from 50%",
        hint="1 = as stated",
        low=0.0,
        high=2.0,
        step=0.1,
        sweep_step=0.5,
        fmt=".1f",
        definition="Moves every probability of the chosen forecaster towards 50% (below 1) or "
        "away from it (above 1): 0 turns every forecast into 50%, 2 doubles each one's distance "
        "from 50% (kept within 1%–99%). Bolder forecasts score better when right and much worse "
        "when wrong.",
    ),
    Choice(
        field="open_as",
        label="Open questions",
        options=[(label, key) for key, label in OPEN_AS.items()],
        definition="Open questions have no outcome yet and are not scored. To see how the scores "
        "and the calibration chart would move once they resolve, suppose outcomes: as the "
        "forecaster leans (50% or more: yes), all yes or all no. These outcomes are HYPOTHETICAL "
        "and marked so in the chart and the table.",
    ),
)


@dataclass(frozen=True)
class ScoreState:
    forecaster: str = BRIEFING
    sharpen: float = 1.0
    open_as: str = "open"


@dataclass(frozen=True)
class ScoreData:
    forecasts: ForecastData
    forecasters: dict[str, Forecasts]  # the briefing first, then the samples


def load_score_data() -> ScoreData:
    data = load_data()
    return ScoreData(data, {BRIEFING: briefing_probabilities(data), **read_forecasters(data=data)})


def make_presets(data: ScoreData) -> dict[str, ScoreState]:
    return {
        "The briefing's forecasts, as stated": ScoreState(),
        "The briefing, if the open questions went its way (hypothetical)": ScoreState(
            open_as="expected"
        ),
        "The briefing, if every open question resolved no (hypothetical)": ScoreState(open_as="no"),
        "Always 50%, the no-skill baseline": ScoreState(sharpen=0.0),
    }


def sharpened(p: float, k: float) -> float:
    """``p`` moved away from 50% by the factor ``k`` (0: 50%, 1: as stated, 2: twice as
    far), kept within ICD 203's outer bounds 1%–99%, rounded to the percent."""
    if k == 1.0:
        return p
    return round(min(0.99, max(0.01, 0.5 + k * (p - 0.5))) if k else 0.5, 2)


@dataclass(frozen=True)
class ScoreResult:
    state: ScoreState
    table: pd.DataFrame  # one row per question
    mean: float | None  # the forecaster's mean Brier score on the questions scored
    baseline: float | None  # always-50% on the same questions
    n_scored: int
    n_hypothetical: int
    calibration: tuple[Bin, ...]
    source_ids: tuple[str, ...]
    hindsight: str = ""  # hindsight_note of the data scored, for every place that shows scores


def _lean(p: float) -> str:
    return YES if p >= 0.5 else NO


def compute(state: ScoreState, data: ScoreData) -> ScoreResult:
    """Score one forecaster (probabilities moved by ``sharpen``) on the recorded outcomes,
    and, if asked, on hypothetical outcomes of the open questions."""
    check_controls(CONTROLS, state, data)
    probs = {q: sharpened(p, state.sharpen) for q, p in data.forecasters[state.forecaster].items()}
    return score(state, probs, data.forecasts)


def score(state: ScoreState, probs: Mapping[str, float], data: ForecastData) -> ScoreResult:
    """Score ``probs`` (the forecaster named in ``state``) on the recorded outcomes and, as
    ``state.open_as`` asks, hypothetical outcomes of the open questions."""
    recorded = outcomes(data)
    used, hypothetical = {}, set()
    for q, o in recorded.items():
        if o == OPEN and state.open_as != "open" and q in probs:
            used[q] = _lean(probs[q]) if state.open_as == "expected" else state.open_as
            hypothetical.add(q)
        else:
            used[q] = o
    per = scores(probs, used)
    c = data.columns
    questions = c["question_id"]
    rows = {
        "Question": questions,
        "Forecaster": c["forecaster"],
        "Word": c["estimative_word"],
        "Stated": c["probability"],
        "Scored probability": [probs.get(q) for q in questions],
        "Outcome": [used[q] + (" (hypothetical)" if q in hypothetical else "") for q in questions],
        "Brier score": [per.get(q) for q in questions],
    }
    done = resolved(used)
    answered = [q for q in probs if q in done]
    return ScoreResult(
        state=state,
        table=pd.DataFrame(rows) if questions else pd.DataFrame([]),
        mean=sum(per.values()) / len(per) if per else None,
        baseline=0.25 if answered else None,
        n_scored=len(per),
        n_hypothetical=len(hypothetical & set(per)),
        calibration=calibration(pairs(probs, used)),
        source_ids=tuple(
            dict.fromkeys(
                s
                for q, ids in zip(questions, c["source_ids"], strict=True)
                if q in per
                for s in ids
            )
        )
        or ("odni-icd203",),
        hindsight=data.hindsight,
    )


def _decimals(value: float | None, fixed: bool = False) -> str:
    """A probability (0.7, 0.675) or, ``fixed``, a score (0.106) for reading: at most three
    decimals, blank where there is none."""
    if value is None or pd.isna(value):
        return ""
    return f"{value:.3f}" if fixed else f"{round(value, 3):g}"


def table(result: ScoreResult) -> pd.DataFrame:
    """The table twin: the scored table with its numbers written for reading (the model's
    own table keeps them as numbers, for the chart)."""
    shown = result.table.copy()
    for column in ("Stated", "Scored probability", "Brier score"):
        shown[column] = [_decimals(v, fixed=column == "Brier score") for v in shown[column]]
    return shown
