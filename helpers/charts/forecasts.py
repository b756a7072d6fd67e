"""The forecast-scoring chart: Brier score per scored question, and calibration.

Left, one bar per scored question (shorter is better; the dashed line is the always-50%
score, 0.25). Right, calibration: each bin's mean forecast against the share that resolved
yes, on the diagonal when calibrated; drawn only once ``MIN_RESOLVED`` questions are scored,
otherwise a note says how many more are needed. Hypothetical outcomes are marked in the
labels and the title, never shown as what happened.

``draw`` makes the whole chart (``ForecastArtists``: what an update changes), ``update`` moves
it to another result; ``forecast_chart`` is the explorer's chart (``helpers.charts.live``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.charts.live import LiveChart
from helpers.charts.style import (
    FOOTER_STYLE,
    GREY,
    NOTE_STYLE,
    OKABE_ITO,
    SMALL_PT,
    TITLE_CHARS,
    TITLE_STYLE,
    footer_text,
    wrap_words,
)
from helpers.models.forecasts import BINS, MIN_RESOLVED, ScoreResult

BAR = OKABE_ITO["blue"]
HYPOTHETICAL = OKABE_ITO["orange"]
LABEL_STYLE = {"fontsize": SMALL_PT, "color": "#222222"}


def headline(result: ScoreResult) -> str:
    s = result.state
    who = s.forecaster
    if result.mean is None:
        return f"No resolved question to score {who} on yet"
    what = (
        f"on {result.n_scored} questions ({result.n_hypothetical} with hypothetical outcomes)"
        if result.n_hypothetical
        else f"on the {result.n_scored} resolved questions"
    )
    verdict = "better than" if result.mean < 0.25 else "no better than"
    return f"Mean Brier score of {who}: {result.mean:.3f} {what}, {verdict} always-50% (0.25)"


def _scored(result: ScoreResult) -> list[dict]:
    """The scored rows of the result's table, as dicts: read by column (pandas'
    ``dropna(...).to_dict("records")`` took a tenth of an update in the profile)."""
    t = result.table
    columns = ["Question", "Scored probability", "Outcome", "Brier score"]
    values = zip(*(t[c].tolist() for c in columns), strict=True)
    return [dict(zip(columns, v, strict=True)) for v in values if v[3] == v[3] and v[3] is not None]


def alt_text(result: ScoreResult) -> str:
    rows = _scored(result)
    parts = [
        f"{r['Question']} {r['Scored probability']:.2f}, {r['Outcome']}, Brier "
        f"{r['Brier score']:.3f}"
        for r in rows
    ]
    filled = [b for b in result.calibration if b.n]
    cal = (
        "Calibration: "
        + "; ".join(
            f"forecasts {b.low:.1f}–{b.high:.1f}: {b.n}, mean {b.mean_forecast:.2f}, "
            f"{b.share_yes:.0%} yes"
            for b in filled
        )
        if result.n_scored >= MIN_RESOLVED
        else f"Calibration not drawn: {result.n_scored} of the {MIN_RESOLVED} scored "
        "questions it needs"
    )
    return (
        f"Bar chart and calibration chart. {headline(result)}. Per question: "
        + ("; ".join(parts) or "none scored")
        + f". {cal}."
    )


@dataclass
class ForecastArtists:
    """What an update changes (the footer too: its note says whether outcomes are
    hypothetical); every other artist ``draw`` makes is static."""

    bars: PolyCollection
    points: PathCollection
    labels: list[Text]
    empty: Text
    counts: list[Text]
    cal_note: Text
    title: Text
    footer: Text
    as_of: str  # the footer's date


def draw(fig: Figure, result: ScoreResult, as_of: str, n_questions: int) -> ForecastArtists:
    """The whole chart for ``result`` on ``fig``: room for ``n_questions`` bars."""
    n = max(n_questions, 1)
    bars = fig.add_axes((0.29, 0.2, 0.33, 0.64))
    cal = fig.add_axes((0.73, 0.2, 0.24, 0.64))
    bars.set_xlim(0, 1)
    bars.set_ylim(n - 0.4, -0.6)
    bars.set_xlabel("Brier score (0 perfect, 1 worst)")
    bars.axvline(0.25, color=GREY, linestyle="--", linewidth=1.2)
    bars.text(0.26, -0.55, "always 50%", va="top", **NOTE_STYLE)
    bars.set_yticks([])
    cal.set_xlim(-0.05, 1.05)
    cal.set_ylim(-0.08, 1.08)
    cal.set_xlabel("Forecast probability (bin mean)")
    cal.set_ylabel("Share that resolved yes")
    cal.plot([0, 1], [0, 1], color=GREY, linestyle="--", linewidth=1.0)
    artists = ForecastArtists(
        bars=PolyCollection([], edgecolors="none"),
        points=cal.scatter([], [], marker="o", zorder=3),
        labels=[bars.text(-0.02, i, "", ha="right", va="center", **LABEL_STYLE) for i in range(n)],
        empty=bars.text(0.5, n / 2, "", ha="center", **NOTE_STYLE),
        counts=[
            cal.text(0, 0, "", ha="left", va="center", **NOTE_STYLE) for _ in range(len(BINS) - 1)
        ],
        cal_note=cal.text(
            0.5, 0.5, "", ha="center", va="center", transform=cal.transAxes, **NOTE_STYLE
        ),
        title=fig.text(0.02, 0.95, "", va="center", **TITLE_STYLE),
        footer=fig.text(0.01, 0.012, "", va="bottom", **FOOTER_STYLE),
        as_of=as_of,
    )
    bars.add_collection(artists.bars, autolim=False)
    update(artists, result)
    return artists


def update(a: ForecastArtists, result: ScoreResult) -> None:
    """Bars, calibration points and texts for ``result``."""
    rows = _scored(result)
    verts, colours = [], []
    for i, label in enumerate(a.labels):
        if i >= len(rows):
            label.set_text("")
            continue
        r = rows[i]
        hypo = "hypothetical" in str(r["Outcome"])
        score = float(r["Brier score"])
        verts.append([(0, i - 0.35), (score, i - 0.35), (score, i + 0.35), (0, i + 0.35)])
        colours.append(HYPOTHETICAL if hypo else BAR)
        label.set_text(f"{r['Question']} ({str(r['Outcome']).split()[0]}{'*' if hypo else ''})")
    a.bars.set_verts(verts)
    a.bars.set_facecolors(colours)
    a.empty.set_text("" if len(rows) else "No question scored yet")
    filled = [b for b in result.calibration if b.n] if result.n_scored >= MIN_RESOLVED else []
    if filled:
        a.points.set_offsets([(b.mean_forecast, b.share_yes) for b in filled])
        a.points.set_sizes([40 + 25 * b.n for b in filled])
        a.points.set_facecolors(HYPOTHETICAL if result.n_hypothetical else BAR)
    else:
        a.points.set_offsets(np.empty((0, 2)))
    for k, text in enumerate(a.counts):
        if k < len(filled):
            b = filled[k]
            text.set_position(
                (b.mean_forecast + 0.03, b.share_yes + (0.06 if b.share_yes < 0.5 else -0.06))
            )
            text.set_text(f"n={b.n}")
        else:
            text.set_text("")
    a.cal_note.set_text(
        "" if filled else f"Needs {MIN_RESOLVED} scored\nquestions: {result.n_scored} so far"
    )
    a.title.set_text(wrap_words(headline(result), TITLE_CHARS))
    _set_footer(a, result)


def _set_footer(a: ForecastArtists, result: ScoreResult) -> None:
    note = (
        "* hypothetical outcome: open questions scored as if resolved, not what happened"
        if result.n_hypothetical
        else "Open questions are not scored"
    )
    a.footer.set_text(
        footer_text(
            "the briefing's forecasts (dataset forecasts; probabilities are judgments, "
            "words read by ICD 203, ODNI)",
            a.as_of,
            note,
        )
    )


def forecast_chart(as_of: str, n_questions: int) -> LiveChart[ScoreResult, ForecastArtists]:
    """The explorer's (and the room's) chart: ``n_questions`` rows, the footer dated
    ``as_of``."""
    return LiveChart(
        6.4, partial(draw, as_of=as_of, n_questions=n_questions), update, headline, alt_text
    )
