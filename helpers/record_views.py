"""Views of the briefing's own record: its judgments and its corrections log.

Judgments live in one dataset (``judgments``) that every notebook renders, so two notebooks
cannot drift apart on the same verdict; corrections to the data are logged in another
(``corrections``) and shown, never made silently. Both return a :class:`Panel` (an HTML
widget whose text form is one stable line for nbval); every string from the data is escaped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import markup
from helpers.data import catalog_for, load
from helpers.models.forecasts import Ranges
from helpers.models.forecasts import word_ranges as probability_ranges
from helpers.views import Panel, sources_details


def word_ranges(data_dir: Path | str | None = None) -> Ranges:
    """Each estimative word's probability range, as ICD 203 gives it (dataset
    ``estimative_scale``, the one place words become numbers), in the dataset's order:
    least likely first."""
    return probability_ranges(load("estimative_scale", data_dir))


def range_label(word: str, ranges: Ranges) -> str:
    """'likely (ICD 203: 55–80%)': the word with the range it stands for."""
    low, high = ranges[word]
    return f"{word} (ICD 203: {round(100 * low, 4):g}–{round(100 * high, 4):g}%)"


def _judgment_item(r: object, ranges: Ranges) -> markup.Markup:
    word = r.estimative_word if isinstance(r.estimative_word, str) else None
    label = (
        markup.html("estimative word: <i>{}</i>", range_label(word, ranges))
        if word
        else "a finding, no probability stated"
    )
    lead = "So what: " if r.kind == "so what" else ""
    return markup.html(
        "<b>{}</b> {}<br><span style='font-size:90%'>[{}; evidence {}] "
        "<i>What would change it:</i> {}</span>{}",
        lead + r.headline,
        r.judgment,
        label,
        str(r.status),
        r.what_would_change,
        sources_details(r.source_ids),
    )


def judgments(notebook: str | None = None, data_dir: Path | str | None = None) -> Panel:
    """The judgments of one notebook (``judgments("03-defence-industry")``), or all of them."""
    rows = load("judgments", data_dir)
    notebooks = list(rows["notebook"].cat.categories)
    if notebook is not None and notebook not in notebooks:
        raise ValueError(f"unknown notebook {notebook!r}; notebooks: {notebooks}")
    shown = notebooks if notebook is None else [notebook]
    ranges = word_ranges(data_dir)
    parts = []
    for nb in shown:
        entries = markup.items(
            (_judgment_item(r, ranges) for r in rows[rows["notebook"] == nb].itertuples()),
            ordered=False,
            style="margin-bottom:0.6em",
        )
        head = markup.html("<h4>{}</h4>", nb) if notebook is None else markup.Markup("")
        parts.append(head + entries)
    n = len(rows) if notebook is None else int((rows["notebook"] == notebook).sum())
    who = "all notebooks" if notebook is None else notebook
    intro = markup.html(
        "<p><b>The briefing's judgment</b> ({}; from the briefing's judgments, shared by "
        "every notebook). Estimative words follow one scale, each word a probability range "
        "from ICD 203 (ODNI, Analytic Standards; the briefing's estimative scale){}</p>",
        n,
        markup.print_split(  # printed once, in the appendix: the handout names the scale
            markup.Markup("."),
            markup.html(": {}.", "; ".join(range_label(w, ranges) for w in reversed(ranges))),
            inline=True,
        ),
    )
    return Panel(intro + markup.join(parts), f"Judgments: {who} ({n})")


KINDS = ("correction", "update", "clarification")
LATEST = 5  # entries the summary lists


def corrections_summary(rows: pd.DataFrame) -> markup.Markup:
    """Counts by kind (correction, update, clarification) and the latest entries: what a
    reader checks first, before the full log below it."""
    counts = rows["kind"].astype(str).value_counts()
    latest = rows.sort_values(["date", "correction_id"], ascending=False).head(LATEST)
    return markup.html(
        "<p>{}. Latest {}:</p><ul>{}</ul><p><i>The full log follows"
        " (every entry, with why and the sources); to report an error, see "
        "“Report an error” in the README or the site.</i></p>",
        markup.join(
            (markup.html("<b>{}</b> {}{}", int(counts.get(k, 0)), k,
                         "" if int(counts.get(k, 0)) == 1 else "s") for k in KINDS),
            " · ",
        ),
        len(latest),
        markup.join(
            markup.html(
                "<li>{} ({}, {}): {}</li>",
                f"{r.date:%Y-%m-%d}",
                str(r.kind),
                markup.column_label(str(r.dataset)).lower(),
                markup.unquoted_code(r.what_changed),
            )
            for r in latest.itertuples()
        ),
    )


def _why(r: object) -> markup.Markup:
    """Why it changed, and (where a verdict changed) the verdict it replaced."""
    why = markup.unquoted_code(r.why)
    if pd.isna(r.earlier_verdict):
        return markup.html("{}", why)
    return markup.html("{} <i>Earlier verdict: {}.</i>", why, r.earlier_verdict)


def corrections(data_dir: Path | str | None = None) -> Panel:
    """The corrections log: every change made to the data after review, with why and source,
    under a summary by kind and the latest entries."""
    rows = load("corrections", data_dir)
    spec = catalog_for(data_dir)["corrections"]
    body = markup.join(
        markup.html(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "</tr>",
            f"{r.date:%Y-%m-%d}",
            str(r.kind),
            r.dataset,
            r.row,
            markup.unquoted_code(r.what_changed),
            _why(r),
            sources_details(r.source_ids),
        )
        for r in rows.itertuples()
    )
    return Panel(
        markup.html(
            '<div class="corrections-log"><p><b>Corrections log</b>: {} changes to the '
            "briefing's data, as of {}.</p>{}{}</div>",
            len(rows),
            f"{spec.as_of:%-d %B %Y}",
            corrections_summary(rows),
            markup.print_split(
                markup.html(
                    "<p><i>The log in full: the overview's page and the printed appendix."
                    "</i></p>"
                ),
                markup.html(
                    "<p>{}</p><table><thead><tr><th>Date</th><th>Kind</th><th>Dataset</th><th>Row</th>"
                    "<th>What changed</th><th>Why</th><th>Source</th></tr></thead><tbody>{}"
                    "</tbody></table>",
                    markup.unquoted_code(spec.caveats),
                    body,
                ),
            ),
        ),
        f"Corrections log: {len(rows)} entries ("
        + ", ".join(f"{int((rows['kind'] == k).sum())} {k}" for k in KINDS)
        + ")",
    )


def what_happened_next(data_dir: Path | str | None = None) -> Panel:
    """2026 on each track: what the stored sources showed, and what was searched and not
    found (with the date), so "nothing found" is never mistaken for "nothing happened"."""
    rows = load("searches", data_dir)
    spec = catalog_for(data_dir)["searches"]
    found = rows[rows["result"] == "found"]
    body = markup.join(
        markup.html(
            "<tr><td>{}</td><td>{}</td><td><b>{}</b> ({})</td><td>{}</td><td>{}</td></tr>",
            str(r.topic),
            r.question,
            str(r.result),
            str(r.searched),
            r.finding,
            sources_details(r.source_ids),
        )
        for r in rows.itertuples()
    )
    compact = markup.html(
        "<table><thead><tr><th>Question</th><th>Result (searched)</th><th>What the sources "
        "show</th></tr></thead><tbody>{}</tbody></table><p><i>The sources: on the page and "
        "in the printed appendix.</i></p>",
        markup.join(
            markup.html("<tr><td>{}</td><td>{} ({})</td><td>{}</td></tr>", r.question,
                        str(r.result), str(r.searched), r.finding)
            for r in rows.itertuples()
        ),
    )
    full = markup.html(
        "<p style='font-size:90%'>{}</p>"
        "<table><thead><tr><th>Track</th><th>Question</th><th>Result (searched)</th>"
        "<th>What the sources show</th><th>Sources</th></tr></thead><tbody>{}</tbody>"
        "</table>",
        markup.unquoted_code(spec.caveats),
        body,
    )
    return Panel(
        markup.html(
            "<div class='what-next'><p><b>What happened next (2026)</b>: {} questions searched,"
            " {} found, {} not found, as of {}.</p>{}</div>",
            len(rows),
            len(found),
            len(rows) - len(found),
            f"{spec.as_of:%-d %B %Y}",
            markup.print_split(compact, full),
        ),
        f"What happened next (2026): {len(rows)} questions, {len(found)} found",
    )
