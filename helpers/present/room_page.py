"""The participant page of a seminar room: one self-contained HTML file in which a
participant rates the ACH evidence and forecasts the open questions, in two rounds, from a
phone or a laptop.

Why generated here: the page must ask exactly what the notebooks ask, so every item, question,
hypothesis, rating and estimative word comes from the datasets and the models' declarations
(``ach_evidence``, ``hypotheses``, ``forecasts``, ``estimative_scale``, the ACH model's scale,
the forecasts model's word rule, the name rule of ``helpers.data.names``) and nothing is
retyped in the page. HTML text goes through :mod:`helpers.markup` (escaped by construction);
the data the script needs is embedded as JSON that cannot end its ``<script>`` element.

One page, two modes:

* **offline** (``server=False``; opened from the file system or a static course site): "Save
  my answers" downloads the round's answers as the combined CSV files the seminar views read
  unchanged (``participant,round,question_id,probability,rationale`` and
  ``participant,round,evidence_id,h1..h4``), one round per file;
* **server** (``server=True``; served at ``/`` by the room server): answers are sent to
  ``api/submit`` (relative URLs); if ``api/room`` does not answer, the page falls back to the
  offline mode and says so.

Answers are kept in the browser's ``localStorage``, so a reload loses nothing and round 2
starts from the participant's round-1 answers.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import markup
from helpers.citation import BRIEFING_TITLE, TIER_LABELS, human_date
from helpers.data import catalog_for, load, loader
from helpers.data import names as name_rule
from helpers.data.forecast_files import PROBABILITY, QUESTION
from helpers.data.participant_files import PARTICIPANT, ROUND, ROUNDS
from helpers.data.ratings import EVIDENCE
from helpers.data.room_store import FORMULA_START, MAX_RATIONALE, MAX_SECRET, MIN_SECRET, RATIONALE
from helpers.models import ach, agreement
from helpers.models import forecasts as fc
from helpers.present.sources_report import best_tier

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSS = (TEMPLATES / "room_page.css").read_text(encoding="utf-8")
JS = (TEMPLATES / "room_page.js").read_text(encoding="utf-8")
# The page's frame; every {slot} is filled through helpers.markup (escaped unless Markup).
PAGE = (TEMPLATES / "room_page.html").read_text(encoding="utf-8")
DISTRIBUTION = "yoon-nato-briefing"  # pyproject.toml's [project] name
# The datasets the page is made of: their bytes make the page's data hash.
DATASETS = ("ach_evidence", "hypotheses", "forecasts", "estimative_scale", "sources")
TITLE = "Take part in the seminar"

__all__ = ["data_hash", "page_data", "participant_page", "script_json"]


def _version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a source tree that is not installed
        return "unreleased"


def data_hash(data_dir: Path | None = None) -> str:
    """12 hex digits of SHA-256 over the page's datasets (name and bytes): two pages with the
    same hash ask the same questions of the same evidence, whatever the build date."""
    folder = data_dir or loader.DATA_DIR  # read when called: a test may point it elsewhere
    catalog = catalog_for(data_dir)
    digest = hashlib.sha256()
    for name in DATASETS:
        digest.update(name.encode() + b"\0")
        digest.update((folder / catalog[name].file).read_bytes())
    return digest.hexdigest()[:12]


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&``
    written as \\u escapes, so no text from a dataset can close the element or open a
    comment (the JSON still parses to the same value)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _open_questions() -> pd.DataFrame:
    """The questions the room forecasts: the forecasts model's open ones (the room server
    takes answers for exactly these), in the dataset's order."""
    data = fc.load_data()
    ids = set(fc.open_question_ids(data))
    return data.forecasts[data.forecasts["question_id"].isin(ids)]


def page_data(*, server: bool = False) -> dict[str, Any]:
    """Everything the page's script reads, from the datasets and the models' declarations.
    The lead's server may compare ``dataHash`` and ``version`` with its own."""
    ach_data = ach.load_data()
    matrix = agreement.matrix(ach_data)
    hypotheses = ach_data.hypotheses
    if len(hypotheses) != len(matrix.columns):
        raise ValueError("the hypotheses dataset and the ACH model's rating columns differ")
    tier_of = load("sources").set_index("source_id")["tier"].astype(str).to_dict()
    open_questions = _open_questions()
    scale = load("estimative_scale")
    catalog = catalog_for(None)
    as_of = max(catalog[name].as_of for name in DATASETS if name != "sources")
    return {
        "server": server,
        "version": _version(),
        "dataHash": data_hash(),
        "asOf": as_of.isoformat(),
        "rounds": list(ROUNDS),
        "hypotheses": [
            {"id": str(r.hypothesis_id), "column": col, "name": str(r.name)}
            for r, col in zip(hypotheses.itertuples(), matrix.columns, strict=True)
        ],
        "scale": [{"code": code, "meaning": ach.MEANINGS[code]} for code in matrix.scale],
        "items": [
            {
                "id": str(r.evidence_id),
                "tier": best_tier([tier_of[s] for s in r.source_ids]),
                "briefing": {c: str(getattr(r, c)) for c in matrix.columns},
            }
            for r in ach_data.evidence.itertuples()
        ],
        "questions": [
            {"id": str(r.question_id), "question": str(r.question)}
            for r in open_questions.itertuples()
        ],
        # Percent, as the dataset gives them; the page divides by 100 as word_ranges does.
        "words": [
            {"word": str(r.word), "low": float(r.low_percent), "high": float(r.high_percent)}
            for r in scale.itertuples()
        ],
        "names": {
            "maxLength": name_rule.MAX_LENGTH,
            "reserved": list(name_rule.RESERVED_PREFIXES),
            "scripts": sorted(name_rule.LOOK_ALIKE_SCRIPTS),
            # The key's look-alike letters, as helpers.data.names folds them.
            "skeleton": {chr(k): v for k, v in name_rule._SKELETON.items()},
            "formulaStart": list(FORMULA_START),
        },
        "maxRationale": MAX_RATIONALE,
        "secretLength": [MIN_SECRET, MAX_SECRET],
        "columns": {
            "forecasts": [PARTICIPANT, ROUND, QUESTION, PROBABILITY, RATIONALE],
            "ratings": [PARTICIPANT, ROUND, EVIDENCE, *matrix.columns],
        },
    }


def _scale_list(data: dict[str, Any]) -> markup.Markup:
    return markup.html(
        '<dl class="scale">{}</dl>',
        markup.join(
            markup.html("<div><dt>{}</dt><dd>{}</dd></div>", s["code"], s["meaning"])
            for s in data["scale"]
        ),
    )


def _item(row: Any, item: dict[str, Any], data: dict[str, Any]) -> markup.Markup:
    """One evidence item: its text and source tier, a labelled select per hypothesis."""
    options = markup.html('<option value="">not rated</option>') + markup.join(
        markup.html('<option value="{}">{} — {}</option>', s["code"], s["code"], s["meaning"])
        for s in data["scale"]
    )
    selects = markup.join(
        markup.html(
            '<div class="rating"><label for="r-{0}-{1}">{2}: {3}</label>'
            '<select id="r-{0}-{1}" data-item="{0}" data-column="{1}">{4}</select></div>',
            item["id"],
            h["column"],
            h["id"],
            h["name"],
            options,
        )
        for h in data["hypotheses"]
    )
    return markup.html(
        '<fieldset class="item" id="item-{0}"><legend><span class="id">{0}</span> {1}</legend>'
        '<p class="tier">Best source: {2}</p><div class="ratings">{3}</div></fieldset>',
        item["id"],
        row.evidence,
        TIER_LABELS[item["tier"]],
        selects,
    )


def _question(row: Any) -> markup.Markup:
    """One open question: its criterion and date, slider and number kept in sync, the
    estimative word, a one-line rationale."""
    return markup.html(
        '<fieldset class="question" id="q-{0}"><legend>{1}</legend>'
        '<p class="criterion"><span class="label">Resolves yes if:</span> {2}</p>'
        '<p class="date">Resolves by {3} ({4})</p>'
        '<div class="probability">'
        '<label class="slider-label" for="s-{0}">Probability of yes, slider</label>'
        '<input type="range" id="s-{0}" data-question="{0}" min="0" max="100" step="1" '
        'value="50" class="unset">'
        '<div class="typed"><label for="p-{0}">Probability of yes (%)</label>'
        '<input type="number" id="p-{0}" data-question="{0}" min="0" max="100" step="any" '
        'inputmode="decimal" aria-describedby="w-{0}">'
        '<span class="word" id="w-{0}">not answered</span>'
        '<button type="button" class="clear" id="c-{0}" data-question="{0}" '
        'aria-label="Clear my forecast for: {1}">Clear</button></div></div>'
        '<label for="why-{0}">Why, in one line (optional)</label>'
        '<input type="text" id="why-{0}" data-question="{0}" maxlength="{5}" class="why">'
        "</fieldset>",
        row.question_id,
        row.question,
        row.resolves_yes_if,
        human_date(f"{row.resolution_date:%Y-%m-%d}"),
        f"{row.resolution_date:%Y-%m-%d}",
        MAX_RATIONALE,
    )


def participant_page(*, server: bool = False) -> str:
    """The participant page as one HTML file (inline CSS and script, no network): offline
    mode saves CSV files; ``server=True`` sends answers to the room server's ``api/``."""
    data = page_data(server=server)
    if "</script" in JS.lower() or "<!--" in JS:
        raise ValueError("the page's script must not contain '</script' or '<!--'")
    evidence = load("ach_evidence")
    open_questions = _open_questions()
    hypotheses = load("hypotheses")
    version_line = markup.html(
        '<p class="version" id="version">{} · version {} · data as of {} · data {}</p>',
        BRIEFING_TITLE,
        data["version"],
        human_date(data["asOf"]),
        data["dataHash"],
    )
    hypothesis_list = markup.html(
        '<dl class="hypotheses">{}</dl>',
        markup.join(
            markup.html(
                "<div><dt>{}: {}</dt><dd>{}</dd></div>", r.hypothesis_id, r.name, r.description
            )
            for r in hypotheses.itertuples()
        ),
    )
    items = markup.join(
        _item(row, item, data)
        for row, item in zip(evidence.itertuples(), data["items"], strict=True)
    )
    questions = markup.join(_question(row) for row in open_questions.itertuples())
    rounds = markup.join(
        markup.html(
            '<div class="round"><input type="radio" name="round" id="round-{0}" value="{0}"{1}>'
            '<label for="round-{0}">Round {0} ({2})</label></div>',
            r,
            markup.Markup(" checked") if r == ROUNDS[0] else markup.Markup(""),
            "before the discussion" if r == ROUNDS[0] else "after the discussion",
        )
        for r in data["rounds"]
    )
    body = markup.html(
        PAGE,
        title=TITLE,
        style=markup.style(CSS),
        mode="server" if server else "offline",
        version=version_line,
        max_name=data["names"]["maxLength"],
        rounds=rounds,
        hypotheses=hypothesis_list,
        scale=_scale_list(data),
        items=items,
        questions=questions,
        data=markup.Markup(script_json(data)),
        script=markup.Markup(JS),
    )
    return str(body)
