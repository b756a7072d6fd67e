"""Read-only views for the notebooks: the claim checks and tables of a dataset.

They return ipywidgets (never figures or DataFrames), so a notebook cell shows one stable
line of text under nbval and a formatted view in JupyterLab.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets
import pandas as pd

from helpers.citation import bibliography
from helpers.data import catalog_for, load

VERDICT_COLOURS = {  # Okabe–Ito, with a text label beside every colour
    "accurate": "#009E73",
    "needs nuance": "#E69F00",
    "inaccurate": "#D55E00",
    "cannot be verified": "#6B6B6B",
}


class Panel(widgets.HTML):
    """An HTML widget whose text form names what it shows (what nbval compares)."""

    def __init__(self, value: str, name: str):
        super().__init__(value=value)
        self._name = name

    def __repr__(self) -> str:
        return f"<{self._name}>"


def claim_checks(section: str) -> Panel:
    """The claim ledger's entries for one section of the commentary, with verdicts."""
    claims = load("claims")
    sections = list(claims["section"].cat.categories)
    if section not in sections:
        raise ValueError(f"unknown section {section!r}; sections: {sections}")
    rows = claims[claims["section"] == section]
    counts = rows["verdict"].value_counts()
    summary = ", ".join(f"{int(counts[v])} {v}" for v in VERDICT_COLOURS if counts.get(v, 0))
    items = []
    for row in rows.itertuples():
        colour = VERDICT_COLOURS[row.verdict]
        refs = "".join(f"<li>{html.escape(e)}</li>" for e in bibliography(list(row.source_ids)))
        items.append(
            f'<li style="margin-bottom:0.8em"><q>{html.escape(row.quote)}</q> '
            f'<span style="background:{colour};color:white;padding:0 0.4em;border-radius:3px">'
            f"{html.escape(row.verdict)}</span><br>{html.escape(row.evidence)}"
            f"<details><summary>Sources ({len(row.source_ids)})</summary><ol>{refs}</ol>"
            f"</details></li>"
        )
    body = (
        f"<p><b>{len(rows)} claims checked</b> ({summary}). Paragraph "
        f"{', '.join(str(p) for p in sorted(set(rows['paragraph'])))} of the commentary; "
        "verdicts are the briefing's judgment on the evidence.</p><ol>" + "".join(items) + "</ol>"
    )
    return Panel(body, f"Claim checks: {section} ({len(rows)} claims)")


def dataset_table(name: str, columns: Sequence[str], title: str) -> Panel:
    """Selected columns of a dataset as a table, with its caveats and "as of" under it."""
    frame = load(name)
    spec = catalog_for()[name]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = ""
    for row in frame[list(columns)].itertuples(index=False):
        cells = []
        for value in row:
            if isinstance(value, tuple):
                text = ", ".join(value)
            elif pd.isna(value):
                text = ""
            elif hasattr(value, "strftime"):
                text = value.strftime("%Y-%m-%d")
            else:
                text = str(value)
            cells.append(f"<td>{html.escape(text)}</td>")
        body += "<tr>" + "".join(cells) + "</tr>"
    return Panel(
        f"<p><b>{html.escape(title)}</b></p><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table><p style='font-size:90%'>Dataset <code>{name}</code>"
        f" ({len(frame)} rows), as of {spec.as_of:%-d %B %Y}. {html.escape(spec.caveats)} "
        f"Source ids resolve with <code>helpers.cite(id)</code>.</p>",
        f"Table: {title}",
    )


VERDICT_ORDER = ("happened", "partly", "not", "too early to tell", "not established")


def scorecard() -> Panel:
    """The commentary's backlash expectations against what happened (hindsight), counted."""
    rows = load("predictions")
    counts = rows["verdict"].value_counts()
    summary = " · ".join(f"<b>{int(counts.get(v, 0))}</b> {v}" for v in VERDICT_ORDER)
    body = "".join(
        f"<tr><td><q>{html.escape(r.expectation)}</q></td><td>{html.escape(r.what_happened)}"
        f"</td><td>{html.escape('' if pd.isna(r.when) else r.when)}</td>"
        f"<td><b>{html.escape(r.verdict)}</b></td>"
        f"<td>{html.escape(', '.join(r.source_ids))}</td></tr>"
        for r in rows.itertuples()
    )
    return Panel(
        f"<p>HINDSIGHT, judged in {catalog_for()['predictions'].as_of:%B %Y}: {summary} "
        f"(of {len(rows)} expectations)</p><table><thead><tr><th>The commentary expected"
        "</th><th>What happened</th><th>When</th><th>Verdict</th><th>Sources</th></tr>"
        f"</thead><tbody>{body}</tbody></table>",
        f"Scorecard: {len(rows)} expectations, "
        + ", ".join(f"{int(counts.get(v, 0))} {v}" for v in VERDICT_ORDER if counts.get(v, 0)),
    )


def claim_ledger() -> widgets.VBox:
    """The whole claim ledger, filterable by verdict and by section, counts at the top."""
    claims = load("claims")
    verdict = widgets.Dropdown(options=["all", *VERDICT_COLOURS], description="Verdict:")
    section = widgets.Dropdown(
        options=["all", *claims["section"].cat.categories], description="Section:"
    )
    counts = claims["verdict"].value_counts()
    head = widgets.HTML(
        f"<p><b>{len(claims)} claims</b>: "
        + " · ".join(f"{int(counts.get(v, 0))} {v}" for v in VERDICT_COLOURS)
        + "</p>"
    )
    body = widgets.HTML()

    def show(_change: object = None) -> None:
        rows = claims
        if verdict.value != "all":
            rows = rows[rows["verdict"] == verdict.value]
        if section.value != "all":
            rows = rows[rows["section"] == section.value]
        body.value = (
            f"<p>{len(rows)} shown</p><table><thead><tr><th>Section</th><th>Claim</th>"
            "<th>Verdict</th><th>Evidence</th><th>Sources</th></tr></thead><tbody>"
            + "".join(
                f"<tr><td>{html.escape(str(r.section))} (¶{r.paragraph})</td>"
                f"<td><q>{html.escape(r.quote)}</q></td><td>{html.escape(str(r.verdict))}</td>"
                f"<td>{html.escape(r.evidence)}</td>"
                f"<td>{html.escape(', '.join(r.source_ids))}</td></tr>"
                for r in rows.itertuples()
            )
            + "</tbody></table>"
        )

    verdict.observe(show, names="value")
    section.observe(show, names="value")
    show()
    return LedgerView([head, widgets.HBox([verdict, section]), body], len(claims))


def role_brief(actor: str | None = None) -> Panel:
    """The role-play brief: each side's interests, its line, and the briefing's evidence.

    ``role_brief()`` shows all six sides; ``role_brief("Beijing")`` one of them.
    """
    roles = load("roles")
    actors = list(roles["actor"].cat.categories)
    if actor is not None and actor not in actors:
        raise ValueError(f"unknown actor {actor!r}; actors: {actors}")
    shown = actors if actor is None else [actor]
    parts = []
    for side in shown:
        rows = roles[roles["actor"] == side]
        items = "".join(
            f'<li style="margin-bottom:0.6em"><b>{html.escape(r.interest)}</b> '
            f"<span>[{html.escape(str(r.attribution))}]</span><br>"
            f"<i>Line:</i> <q>{html.escape(r.position_line)}</q><br>"
            f"<i>Evidence</i> ({html.escape(str(r.status))}; notebook "
            f"<code>{html.escape(str(r.notebook))}</code>): {html.escape(r.evidence)}"
            f"<details><summary>Sources ({len(r.source_ids)})</summary><ol>"
            + "".join(f"<li>{html.escape(e)}</li>" for e in bibliography(list(r.source_ids)))
            + "</ol></details></li>"
            for r in rows.itertuples()
        )
        parts.append(f"<h4>{html.escape(side)}</h4><ul>{items}</ul>")
    rows = roles if actor is None else roles[roles["actor"] == actor]
    who = "six sides" if actor is None else actor
    head = (
        f"<p><b>Role-play brief: {html.escape(who)}</b> ({len(rows)} interests). "
        "The interests and lines are the briefing's JUDGMENTS of what each side wants and "
        "would argue, not its stated policy; the evidence is the briefing's data.</p>"
    )
    return Panel(head + "".join(parts), f"Role-play brief: {who} ({len(rows)} interests)")


class LedgerView(widgets.VBox):
    def __init__(self, children: list, n: int):
        super().__init__(children)
        self._n = n

    def __repr__(self) -> str:
        return f"<Claim ledger: {self._n} claims>"
