"""Views of the briefing's own record: its judgments and its corrections log.

Judgments live in one dataset (``judgments``) that every notebook renders, so two notebooks
cannot drift apart on the same verdict; corrections to the data are logged in another
(``corrections``) and shown, never made silently. Both return a :class:`Panel` (an HTML
widget whose text form is one stable line for nbval); every string from the data is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path

from helpers.citation import bibliography
from helpers.data import catalog_for, load
from helpers.views import Panel

SCALE = (
    "almost certainly",
    "very likely",
    "likely",
    "roughly even chance",
    "unlikely",
    "very unlikely",
    "almost no chance",
)


def _sources_details(ids: tuple[str, ...]) -> str:
    refs = "".join(f"<li>{html.escape(e)}</li>" for e in bibliography(list(ids)))
    return f"<details><summary>Sources ({len(ids)})</summary><ol>{refs}</ol></details>"


def judgments(notebook: str | None = None, data_dir: Path | str | None = None) -> Panel:
    """The judgments of one notebook (``judgments("03-defence-industry")``), or all of them."""
    rows = load("judgments", data_dir)
    notebooks = list(rows["notebook"].cat.categories)
    if notebook is not None and notebook not in notebooks:
        raise ValueError(f"unknown notebook {notebook!r}; notebooks: {notebooks}")
    shown = notebooks if notebook is None else [notebook]
    parts = []
    for nb in shown:
        items = []
        for r in rows[rows["notebook"] == nb].itertuples():
            word = r.estimative_word if isinstance(r.estimative_word, str) else None
            label = (
                f"estimative word: <i>{html.escape(word)}</i>"
                if word
                else "a finding, no probability stated"
            )
            lead = "So what: " if r.kind == "so what" else ""
            items.append(
                f'<li style="margin-bottom:0.6em"><b>{html.escape(lead + r.headline)}</b> '
                f"{html.escape(r.judgment)}<br><span style='font-size:90%'>[{label}; "
                f"evidence {html.escape(str(r.status))}] <i>What would change it:</i> "
                f"{html.escape(r.what_would_change)}</span>{_sources_details(r.source_ids)}</li>"
            )
        head = f"<h4>{html.escape(nb)}</h4>" if notebook is None else ""
        parts.append(f"{head}<ul>{''.join(items)}</ul>")
    n = len(rows) if notebook is None else int((rows["notebook"] == notebook).sum())
    who = "all notebooks" if notebook is None else notebook
    intro = (
        f"<p><b>The briefing's judgment</b> ({n}; dataset <code>judgments</code>, shared by "
        "every notebook). Estimative words follow one scale: "
        + ", ".join(SCALE)
        + ".</p>"
    )
    return Panel(intro + "".join(parts), f"Judgments: {who} ({n})")


def corrections(data_dir: Path | str | None = None) -> Panel:
    """The corrections log: every change made to the data after review, with why and source."""
    rows = load("corrections", data_dir)
    spec = catalog_for(data_dir)["corrections"]
    body = "".join(
        f"<tr><td>{r.date:%Y-%m-%d}</td><td>{html.escape(r.dataset)}</td>"
        f"<td>{html.escape(r.row)}</td><td>{html.escape(r.what_changed)}</td>"
        f"<td>{html.escape(r.why)}</td><td>{_sources_details(r.source_ids)}</td></tr>"
        for r in rows.itertuples()
    )
    return Panel(
        f"<p><b>Corrections log</b>: {len(rows)} changes to the briefing's data, as of "
        f"{spec.as_of:%-d %B %Y}. {html.escape(spec.caveats)}</p><table><thead><tr>"
        "<th>Date</th><th>Dataset</th><th>Row</th><th>What changed</th><th>Why</th>"
        f"<th>Source</th></tr></thead><tbody>{body}</tbody></table>",
        f"Corrections log: {len(rows)} entries",
    )
