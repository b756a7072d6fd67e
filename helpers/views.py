"""Read-only views for the notebooks: the claim checks and tables of a dataset.

They return ipywidgets (never figures or DataFrames), so a notebook cell shows one stable
line of text under nbval and a formatted view in JupyterLab.

The claim checks, dataset tables, scorecard, claim ledger and role brief sit together because
each is one dataset shown read-only through the same ``Panel``, verdict colours and sources.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
import pandas as pd

from helpers import markup
from helpers.data import catalog_for, load, sources
from helpers.models import ach, forecasts
from helpers.static_face import StaticFace

VERDICT_COLOURS = {  # Okabe–Ito, with a text label beside every colour
    "accurate": "#009E73",
    "needs nuance": "#E69F00",
    "inaccurate": "#D55E00",
    "cannot be verified": "#6B6B6B",
}
# The label's text colour on each: black where white fails WCAG AA contrast (4.5:1).
VERDICT_TEXT = {"accurate": "black", "needs nuance": "black", "inaccurate": "black"}


class Panel(StaticFace, widgets.HTML):
    """An HTML widget whose text form names what it shows (what nbval compares)."""

    def __init__(self, value: str, name: str):
        super().__init__(value=value)
        self._name = name

    def __repr__(self) -> str:
        return f"<{self._name}>"


def sources_details(source_ids: Sequence[str]) -> markup.Markup:
    """A collapsed bibliography for one entry."""
    return markup.html(
        "<details><summary>Sources ({})</summary>{}</details>",
        len(source_ids),
        markup.bibliography(source_ids),
    )


def claim_checks(section: str) -> Panel:
    """The claim ledger's entries for one section of the commentary, with verdicts."""
    claims = load("claims")
    sections = list(claims["section"].cat.categories)
    if section not in sections:
        raise ValueError(f"unknown section {section!r}; sections: {sections}")
    rows = claims[claims["section"] == section]
    counts = rows["verdict"].value_counts()
    summary = ", ".join(f"{int(counts[v])} {v}" for v in VERDICT_COLOURS if counts.get(v, 0))
    items = markup.items(
        (
            markup.html(
                '<q>{}</q> <span style="background:{};color:{};padding:0 0.4em;'
                'border-radius:3px">{}</span><br>{}{}',
                row.quote,
                VERDICT_COLOURS[row.verdict],
                VERDICT_TEXT.get(row.verdict, "white"),
                row.verdict,
                row.evidence,
                sources_details(row.source_ids),
            )
            for row in rows.itertuples()
        ),
        style="margin-bottom:0.8em",
    )
    body = markup.html(
        "<p><b>{} claims checked</b> ({}). Paragraph {} of the commentary; verdicts are the "
        "briefing's judgment on the evidence.</p>{}",
        len(rows),
        summary,
        ", ".join(str(p) for p in sorted(set(rows["paragraph"]))),
        markup.print_split(
            markup.html(
                "<p><i>Each claim, with its evidence and sources: the claim ledger (part 5) "
                "and the appendix.</i></p>"
            ),
            items,
        ),
    )
    return Panel(body, f"Claim checks: {section} ({len(rows)} claims)")


def publishers(ids: Sequence[str]) -> str:
    """Source ids as the publishers a reader knows them by ("NATO; Yonhap (2)"): what a
    slide or a printed table shows; the ids stay in the data and the bibliography."""
    publisher = sources()["publisher"]
    return _counted([str(publisher[i]) if i in publisher.index else i for i in ids])


def _counted(names: Sequence[str]) -> str:
    counts = pd.Series(list(names), dtype=object).value_counts(sort=False)
    return "; ".join(n if c == 1 else f"{n} ({c})" for n, c in counts.items())


# What a reader sees for a row another dataset names: its text, not its key.
_ROW_NAMES = {"risks": "risk", "launch_series": "label"}


def _readable(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Key and reference columns in words: sources by publisher, another dataset's rows by
    their text, the rows an item is drawn from by their dataset's title, readings by name."""
    catalog = catalog_for()
    spec = catalog[name]
    for column in frame.columns:
        declared = spec.column(column)
        if column == "source_ids":
            frame[column] = frame[column].map(publishers)
        elif column == "drawn_from":
            frame[column] = frame[column].map(
                lambda refs: _counted([catalog[r.split(":")[0]].title for r in refs])
            )
        elif column == "reading":
            frame[column] = frame[column].map(lambda r: ach.READINGS.get(str(r), str(r)))
        elif declared.kind == "ref" and declared.choices[0] in _ROW_NAMES:
            other = declared.choices[0]
            rows = load(other).set_index(catalog[other].key[0])[_ROW_NAMES[other]]
            frame[column] = frame[column].map(lambda k, rows=rows: rows.get(k, k))
    return frame


def dataset_table(name: str, columns: Sequence[str], title: str) -> Panel:
    """Selected columns of a dataset as a table for people (headers in words, sources by
    publisher, other rows by their text, not their keys), with its caveats and "as of"
    under it; how to look a source up in code is said for the notebook's reader only (a
    slide or the handout leaves it out)."""
    frame = _readable(load(name)[list(columns)].copy(), name)
    spec = catalog_for()[name]
    frame.columns = [markup.column_label(c) for c in frame.columns]
    return Panel(
        markup.html(
            "<p><b>{}</b></p>{}<p style='font-size:90%'>Dataset “{}” ({}, {} rows), as of "
            "{:%-d %B %Y}. {}{}</p>",
            title,
            markup.print_split(
                markup.html(
                    "<p><i>The table ({} rows) is printed in the appendix.</i></p>", len(frame)
                ),
                markup.table(frame, css_class="dataset-table"),
            ),
            spec.title,
            spec.file,
            len(frame),
            spec.as_of,
            markup.unquoted_code(spec.caveats, markup.column_label),
            markup.for_notebook(
                markup.html(" Sources resolve with <code>helpers.cite(id)</code>.")
            ),
        ),
        f"Table: {title}",
    )


VERDICT_ORDER = ("happened", "partly", "not", "too early to tell", "not established")


def _implied(r: object, scored: dict[str, object]) -> markup.Markup:
    """The scorecard's implied-probability cell: the commentary's word, its ICD 203 range,
    the middle read as a probability and the Brier score, or why the row is not scored."""
    f = scored.get(str(r.prediction_id))
    if f is None:
        why = (
            "its 'may' names a possibility, not a probability"
            if " may " in f" {r.expectation} "
            else "it reports an event or states no likelihood"
        )
        return markup.html(
            "<i>not scored</i>: no word of the ICD 203 scale in the commentary's sentence ({})",
            why,
        )
    low, high = f.range
    return markup.html(
        "<i>{}</i> (ICD 203: {:g}–{:g}%), read as {:.3f} [ASSUMPTION]; outcome {}; "
        "<b>Brier {:.3f}</b> ({:.3f}–{:.3f} across the range)",
        f.word,
        low * 100,
        high * 100,
        f.probability,
        f.outcome,
        f.brier,
        *f.brier_range,
    )


class _Scored:
    def __init__(self, row: object, ranges: dict[str, tuple[float, float]]):
        self.word = str(row.estimative_word)
        self.range = ranges[self.word]
        self.probability = float(row.probability)
        self.outcome = str(row.outcome)
        happened = self.outcome == forecasts.YES
        self.brier = forecasts.brier(self.probability, happened)
        self.brier_range = forecasts.brier_range(self.word, happened, ranges)


def _scored_expectations() -> dict[str, _Scored]:
    """The commentary's expectations that have a resolved forecast row, by prediction id."""
    data = forecasts.load_data()
    f = data.forecasts
    linked = f[f["prediction_id"].notna() & (f["outcome"] != forecasts.OPEN)]
    return {str(r.prediction_id): _Scored(r, data.ranges) for r in linked.itertuples()}


def earlier_verdicts(dataset: str) -> dict[str, tuple[str, str]]:
    """Rows of ``dataset`` whose verdict a logged correction changed: key -> (the earlier
    verdict, the date it changed), so a changed verdict never hides its history."""
    log = load("corrections")
    changed = log[(log["dataset"].astype(str) == dataset) & log["earlier_verdict"].notna()]
    return {
        str(r.row).split(" ")[0]: (str(r.earlier_verdict), f"{r.date:%Y-%m-%d}")
        for r in changed.itertuples()
    }


def _verdict(verdict: object, key: str, earlier: dict[str, tuple[str, str]]) -> markup.Markup:
    """The verdict in bold, and the one it replaced (with the date) where it changed."""
    if key not in earlier:
        return markup.html("<b>{}</b>", str(verdict))
    was, when = earlier[key]
    return markup.html("<b>{}</b> <i>(earlier: {}, until {})</i>", str(verdict), was, when)


def _scorecard_full(
    rows: pd.DataFrame, scored: dict[str, _Scored], earlier: dict[str, tuple[str, str]]
) -> markup.Markup:
    """The scorecard with every column, on screen and in the printed appendix."""
    body = markup.join(
        markup.html(
            "<tr><td><q>{}</q></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "<td>{}</td></tr>",
            r.expectation,
            r.what_happened,
            markup.text(r.when),
            _verdict(r.verdict, str(r.prediction_id), earlier),
            _implied(r, scored),
            publishers(r.source_ids),
        )
        for r in rows.itertuples()
    )
    return markup.html(
        "<table><thead><tr><th>The commentary expected</th><th>What happened</th><th>When"
        "</th><th>Verdict</th><th>Implied probability and Brier score</th><th>Sources</th>"
        "</tr></thead><tbody>{}</tbody></table>",
        body,
    )


def _scorecard_compact(
    rows: pd.DataFrame, scored: dict[str, _Scored], earlier: dict[str, tuple[str, str]]
) -> markup.Markup:
    """The scorecard in four columns for the printed handout (the appendix prints it whole)."""
    return markup.html(
        "<table><thead><tr><th>The commentary expected</th><th>What happened</th><th>Verdict"
        "</th><th>Brier score</th></tr></thead><tbody>{}</tbody></table><p><i>The implied "
        "probabilities, their ranges and the sources are printed in the appendix.</i></p>",
        markup.join(
            markup.html(
                "<tr><td><q>{}</q></td><td>{} ({})</td><td>{}</td><td>{}</td></tr>",
                r.expectation,
                r.what_happened,
                markup.text(r.when),
                _verdict(r.verdict, str(r.prediction_id), earlier),
                f"{scored[str(r.prediction_id)].brier:.3f}"
                if str(r.prediction_id) in scored
                else "not scored",
            )
            for r in rows.itertuples()
        ),
    )


def scorecard() -> Panel:
    """The commentary's backlash expectations against what happened (hindsight), counted,
    with an implied probability and a Brier score where the commentary's words allow one."""
    rows = load("predictions")
    scored = _scored_expectations()
    earlier = earlier_verdicts("predictions")
    counts = rows["verdict"].value_counts()
    summary = markup.join(
        (markup.html("<b>{}</b> {}", int(counts.get(v, 0)), v) for v in VERDICT_ORDER), " · "
    )
    full = _scorecard_full(rows, scored, earlier)
    compact = _scorecard_compact(rows, scored, earlier)
    return Panel(
        markup.html(
            "<p>HINDSIGHT, judged in {:%B %Y}: {} (of {} expectations)</p>{}"
            "<p style='font-size:90%'><b>Caveat</b>: the commentary "
            "gave words, not numbers, and no dates. Where its sentence uses a word of the "
            "ICD 203 scale (ODNI, Analytic Standards), the briefing reads the word as the "
            "middle of its range and sets an end date (the briefing's forecasts, rows of the "
            "forecaster 'commentary (implied)'): an ASSUMPTION of the briefing, not "
            "the author's number. The range beside each score shows how much the reading "
            "matters. Expectations phrased with 'may', or judged only partly borne out, are "
            "not scored. {}</p>",
            catalog_for()["predictions"].as_of,
            summary,
            len(rows),
            markup.print_split(compact, full),
            forecasts.hindsight_note(forecasts.load_data()),
        ),
        f"Scorecard: {len(rows)} expectations, "
        + ", ".join(f"{int(counts.get(v, 0))} {v}" for v in VERDICT_ORDER if counts.get(v, 0))
        + f"; {len(scored)} scored",
    )


def _ledger_page(rows: pd.DataFrame) -> markup.Markup:
    return markup.html(
        "<p>{} shown</p><table><thead><tr><th>Section</th><th>Claim</th><th>Verdict</th>"
        "<th>Evidence</th><th>Sources</th></tr></thead><tbody>{}</tbody></table>",
        len(rows),
        markup.join(
            markup.html(
                "<tr><td>{} (¶{})</td><td><q>{}</q></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                str(r.section),
                r.paragraph,
                r.quote,
                str(r.verdict),
                r.evidence,
                publishers(r.source_ids),
            )
            for r in rows.itertuples()
        ),
    )


def claim_ledger() -> LedgerView:
    """The whole claim ledger, filterable by verdict and by section, counts at the top.

    Every combination of the two filters is built in advance and the dropdowns are linked
    to it in the browser (``jslink``), so the filters work the same with a kernel and in
    the offline page and deck, where no Python runs."""
    claims = load("claims")
    verdicts = ["all", *VERDICT_COLOURS]
    sections = ["all", *claims["section"].cat.categories]
    verdict = widgets.Dropdown(options=verdicts, description="Verdict:")
    section = widgets.Dropdown(options=sections, description="Section:")
    counts = claims["verdict"].value_counts()
    head = widgets.HTML(
        markup.html(
            "<p><b>{} claims</b>: {}</p>",
            len(claims),
            " · ".join(f"{int(counts.get(v, 0))} {v}" for v in VERDICT_COLOURS),
        )
    )
    note = widgets.HTML(
        '<p class="ledger-note" style="font-size:90%">The filters work in the page itself, '
        "with or without a kernel: every combination is listed in advance.</p>"
    )
    by_verdict = []
    for v in verdicts:
        rows = claims if v == "all" else claims[claims["verdict"] == v]
        pages = [
            widgets.HTML(_ledger_page(rows if s == "all" else rows[rows["section"] == s]))
            for s in sections
        ]
        inner = widgets.Stack(pages, selected_index=0)
        inner.links = widgets.jslink((section, "index"), (inner, "selected_index"))
        by_verdict.append(inner)
    body = widgets.Stack(by_verdict, selected_index=0)
    body.add_class("claim-ledger-body")
    body.link = widgets.jslink((verdict, "index"), (body, "selected_index"))
    filters = widgets.HBox([verdict, section])
    for part in (filters, body, note):
        part.add_class(markup.APPENDIX_ONLY)
    compact = widgets.HTML(_ledger_compact(claims))
    compact.add_class(markup.HANDOUT_ONLY)
    return LedgerView([head, filters, body, note, compact], len(claims))


def _ledger_compact(claims: pd.DataFrame) -> markup.Markup:
    """The ledger as the handout prints it: each claim and its verdict (the evidence and
    sources are in the appendix)."""
    return markup.html(
        "<table><thead><tr><th>Section</th><th>Claim</th><th>Verdict</th></tr></thead>"
        "<tbody>{}</tbody></table><p><i>The evidence and sources of each claim are printed in "
        "the appendix.</i></p>",
        markup.join(
            markup.html(
                "<tr><td>{} (¶{})</td><td><q>{}</q></td><td>{}</td></tr>",
                str(r.section),
                r.paragraph,
                r.quote,
                str(r.verdict),
            )
            for r in claims.itertuples()
        ),
    )


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
        items = markup.items(
            (
                markup.html(
                    "<b>{}</b> <span>[{}]</span><br><i>Line:</i> <q>{}</q><br><i>Evidence</i> "
                    "({}; notebook {}): {}{}",
                    r.interest,
                    str(r.attribution),
                    r.position_line,
                    str(r.status),
                    str(r.notebook)[:2],  # "01", as the briefing numbers its notebooks
                    r.evidence,
                    sources_details(r.source_ids),
                )
                for r in rows.itertuples()
            ),
            ordered=False,
            style="margin-bottom:0.6em",
        )
        parts.append(markup.html("<h4>{}</h4>{}", side, items))
    rows = roles if actor is None else roles[roles["actor"] == actor]
    who = "six sides" if actor is None else actor
    head = markup.html(
        "<p><b>Role-play brief: {}</b> ({} interests). The interests and lines are the "
        "briefing's JUDGMENTS of what each side wants and would argue, not its stated policy; "
        "the evidence is the briefing's data.</p>",
        who,
        len(rows),
    )
    body = markup.print_split(
        markup.html("<p><i>The interests, lines and evidence are printed in the appendix.</i></p>"),
        markup.join(parts),
    )
    return Panel(head + body, f"Role-play brief: {who} ({len(rows)} interests)")


class LedgerView(StaticFace, widgets.VBox):
    def __init__(self, children: list, n: int):
        super().__init__(children)
        self._n = n

    @property
    def shown(self) -> str:
        """The HTML of the page the two filters select (as the browser shows it)."""
        verdict, section = self.children[1].children
        return self.children[2].children[verdict.index].children[section.index].value

    def __repr__(self) -> str:
        return f"<Claim ledger: {self._n} claims>"
