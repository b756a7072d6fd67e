"""Where seminar participants agree, and disagree, in rating the briefing's ACH matrix.

ACH ratings are judgments, so a class that rates the same matrix will differ. The useful
question for a seminar is not the average rating but *where* the readings part ways and
whether that changes the answer:

* per cell, the most common (modal) rating and the share of participants who gave it;
* a cell is **split** when some participants call the item consistent with the hypothesis
  (C or CC) and others inconsistent (I or II): a disagreement about direction, which
  matters more than one about degree (C against CC) and is what the discussion should
  take up first;
* per participant, the weighted inconsistency of each hypothesis, scored exactly as the
  briefing's ACH explorer scores it (:func:`helpers.models.ach.compute`, default
  credibility weights), and whether participants end up with different least
  contradicted hypotheses.

The briefing's own rating sits beside each cell so the class can see where it reads the
evidence differently from the briefing.

Everything here is pure except :func:`read_participants` and :func:`load_data`, which read
files (as :func:`helpers.models.ach.load_data` does).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.data.ratings import Matrix, Ratings, read_ratings
from helpers.models import ach

CONSISTENT = frozenset({"CC", "C"})
INCONSISTENT = frozenset({"I", "II"})


def matrix(data: ach.AchData) -> Matrix:
    """The shape a participant's ratings must fit: the briefing's evidence × H1–H4."""
    return Matrix(
        evidence_ids=tuple(str(e) for e in data.evidence["evidence_id"]),
        columns=tuple(h.lower() for h in ach.HYPOTHESES),
        scale=ach.SCALE,
    )


def load_data() -> ach.AchData:
    return ach.load_data()


def read_participants(
    *paths: str | Path, data: ach.AchData, round_no: int | None = None
) -> dict[str, Ratings]:
    """Participants' ratings from files or folders (none: the shipped samples), of one round
    (each participant's latest when ``round_no`` is None).

    Raises :class:`helpers.data.DataError` naming file, row, column, expected and found.
    """
    return read_ratings(*paths, matrix=matrix(data), round_no=round_no)


def sample_participants(data: ach.AchData) -> dict[str, Ratings]:
    """The shipped sample participants, derived (not invented): the briefing's own ratings
    and each documented alternative reading in ``ach_readings``.

    ``tests/tools/make_samples.py`` writes them to ``helpers/data/participants``,
    and a test checks the shipped files still equal this derivation.
    """
    samples: dict[str, Ratings] = {ach.BRIEFING_READING: ach.briefing_ratings(data)}
    for reading in dict.fromkeys(str(r) for r in data.readings["reading"]):
        samples[ach.READINGS.get(reading, reading)] = ach.reading_ratings(data, reading)
    return samples


@dataclass(frozen=True)
class Cell:
    """The class's ratings of one evidence item against one hypothesis."""

    evidence_id: str
    hypothesis: str
    counts: tuple[tuple[str, int], ...]  # (rating, participants), scale order, none at 0
    modes: tuple[str, ...]  # the most common rating(s); more than one is a tie
    share: float  # share of participants who gave the modal rating (0–1)
    split: bool  # some rated it consistent (C/CC) and some inconsistent (I/II)
    briefing: str  # the briefing's own rating, for comparison

    @property
    def mode(self) -> str:
        """The modal rating as shown: tied ratings joined with '/' (say 'C/I')."""
        return "/".join(self.modes)

    @property
    def differs_from_briefing(self) -> bool:
        return self.briefing not in self.modes


@dataclass(frozen=True)
class Scores:
    """One participant's ACH result, as the briefing's ACH explorer would show it."""

    participant: str
    inconsistency: dict[str, float]
    top: tuple[str, ...]  # least contradicted (more than one: a tie)


@dataclass(frozen=True)
class AgreementResult:
    participants: tuple[str, ...]
    evidence_ids: tuple[str, ...]
    hypotheses: tuple[str, ...]
    names: dict[str, str]  # hypothesis id -> short name
    cells: tuple[Cell, ...]  # evidence-major: E01 H1, E01 H2, …
    scores: tuple[Scores, ...]  # in participant order
    top_differs: bool  # participants do not all find the same least contradicted

    def cell(self, evidence_id: str, hypothesis: str) -> Cell:
        i = self.evidence_ids.index(evidence_id) * len(self.hypotheses)
        return self.cells[i + self.hypotheses.index(hypothesis)]

    @property
    def split_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.split)

    def top_counts(self) -> dict[str, int]:
        """How many participants find each answer least contradicted ('H1/H2' for a tie),
        most common first."""
        counts = Counter("/".join(s.top) for s in self.scores)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def cell_agreement(evidence_id: str, hypothesis: str, ratings: list[str], briefing: str) -> Cell:
    """Agreement in one cell, from each participant's rating of it."""
    if not ratings:
        raise ValueError("need at least one participant's rating")
    counted = Counter(ratings)
    top = max(counted.values())
    rated = set(ratings)
    return Cell(
        evidence_id=evidence_id,
        hypothesis=hypothesis,
        counts=tuple((r, counted[r]) for r in ach.SCALE if counted[r]),
        modes=tuple(r for r in ach.SCALE if counted[r] == top),
        share=top / len(ratings),
        split=bool(rated & CONSISTENT) and bool(rated & INCONSISTENT),
        briefing=briefing,
    )


def compare(participants: Mapping[str, Ratings], data: ach.AchData) -> AgreementResult:
    """Agreement per cell and each participant's scores, from the participants' ratings.

    Each participant's matrix is checked and scored by :func:`helpers.models.ach.compute`
    (every item included, the default credibility weights), so a participant's numbers
    here equal what the ACH explorer shows for the same ratings.
    """
    if not participants:
        raise ValueError("need at least one participant's ratings")
    ids = tuple(str(e) for e in data.evidence["evidence_id"])
    briefing = ach.briefing_ratings(data)
    scores = []
    for name, ratings in participants.items():
        try:
            result = ach.compute(ach.AchState(tuple(ratings), ids), data)
        except ValueError as err:
            raise ValueError(f"participant {name!r}: {err}") from None
        scores.append(Scores(name, result.inconsistency, result.top))
    cells = [
        cell_agreement(
            eid,
            h,
            [ratings[i][j] for ratings in participants.values()],
            briefing[i][j],
        )
        for i, eid in enumerate(ids)
        for j, h in enumerate(ach.HYPOTHESES)
    ]
    names = dict(
        zip(
            data.hypotheses["hypothesis_id"].astype(str),
            data.hypotheses["name"].astype(str),
            strict=True,
        )
    )
    return AgreementResult(
        participants=tuple(participants),
        evidence_ids=ids,
        hypotheses=ach.HYPOTHESES,
        names=names,
        cells=tuple(cells),
        scores=tuple(scores),
        top_differs=len({s.top for s in scores}) > 1,
    )


def _words(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _counts_text(cell: Cell) -> str:
    return ", ".join(f"{r}×{n}" for r, n in cell.counts)


def table(result: AgreementResult) -> pd.DataFrame:
    """The table twin of the agreement chart: one row per cell."""
    return pd.DataFrame(
        [
            {
                "Evidence": c.evidence_id,
                "Hypothesis": c.hypothesis,
                "Modal rating": c.mode,
                "Agreement": f"{c.share:.0%}",
                "Split?": "yes" if c.split else "no",
                "Briefing's rating": c.briefing,
                "Ratings given": _counts_text(c),
            }
            for c in result.cells
        ]
    )


def scores_table(result: AgreementResult) -> pd.DataFrame:
    """Each participant's weighted inconsistency per hypothesis and least contradicted."""
    return pd.DataFrame(
        [
            {
                "Participant": s.participant,
                **{h: f"{s.inconsistency[h]:.2f}" for h in result.hypotheses},
                "Least contradicted": _words(s.top),
            }
            for s in result.scores
        ]
    )
