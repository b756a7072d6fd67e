"""Report an error: how a reader tells the briefing it is wrong, and what happens next.

Written in the spirit of the International Fact-Checking Network's commitment to open and
honest corrections: a published way to report an error, a check against the originating
source, a logged and typed correction, and an earlier verdict kept visible. The same text is
the README's section and a page of the offline site (``report-an-error.html``), so the two
cannot differ; the counts come from the corrections log itself.
"""

from __future__ import annotations

from pathlib import Path

from helpers import markup
from helpers.data import catalog_for, load

TITLE = "Report an error"

HOW = (
    "Say where: the notebook (or page, or deck) and the sentence, chart or table; for data, "
    "the dataset and the row's key (every table names its dataset, e.g. timeline, "
    "event_id martial-law).",
    "Say what is wrong and what you think is right.",
    "Give a source for it, best the body that produced the fact (a government, NATO, the UN, "
    "SIPRI, a court, a company) or a wire service or paper of record; a link to the page you "
    "read is enough.",
    "Send it to whoever gave you this copy of the briefing (the lecturer, or the issue "
    "tracker of the repository it came from).",
)

NEXT = (
    "The report is checked against the source it gives and against the sources the row "
    "already cites; nothing is changed on the report alone.",
    "If the briefing is wrong, the row is fixed and the change is logged in the corrections "
    "log (dataset corrections) with the date, what changed, why and the source, typed as a "
    "correction (a fact was wrong), an update (the world changed) or a clarification "
    "(sources, wording or detail added; the fact stands). Nothing is changed silently.",
    "A verdict that changes keeps its earlier verdict and the date of the change visible in "
    "the log; the claim ledger's ClaimReview export carries the date it was last modified.",
    "If the briefing is right, the reporter is told why, with the sources.",
    "Either way the tests are re-run: a figure in the prose must still match its data, and a "
    "base rate must still match the rows it counts.",
)


def summary(data_dir: str | None = None) -> str:
    """One line on the log as it stands (counts by kind, the as-of date)."""
    log = load("corrections", data_dir)
    kinds = log["kind"].astype(str).value_counts()
    as_of = catalog_for(data_dir)["corrections"].as_of
    parts = ", ".join(f"{int(kinds.get(k, 0))} {k}s" for k in ("correction", "update",
                                                               "clarification"))
    return f"The corrections log holds {len(log)} entries as of {as_of:%-d %B %Y}: {parts}."


def page_html(data_dir: str | None = None) -> str:
    """The offline site's page (escaped through helpers.markup)."""
    return str(
        markup.html(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{}</title>'
            "</head><body style=\"font-family:sans-serif;max-width:50em;margin:2em auto\">"
            "<h1>{}</h1><p>Found a wrong figure, date, name or verdict? Please tell us.</p>"
            "<h2>How to report it</h2>{}<h2>What happens next</h2>{}<p>{}</p>"
            "<p><a href='index.html'>Back to the briefing</a> · the full log is at the end of "
            "the overview (<a href='pages/00-overview.html'>page</a>) and in the appendix.</p>"
            "</body></html>",
            TITLE,
            TITLE,
            markup.items(HOW),
            markup.items(NEXT),
            summary(data_dir),
        )
    )


def readme_section() -> str:
    """The README's section, in Markdown (a test keeps the README equal to it)."""
    how = "\n".join(f"{i}. {line}" for i, line in enumerate(HOW, 1))
    nxt = "\n".join(f"{i}. {line}" for i, line in enumerate(NEXT, 1))
    return (
        f"## {TITLE}\n\nFound a wrong figure, date, name or verdict? Please tell us.\n\n"
        f"**How to report it**\n\n{how}\n\n**What happens next**\n\n{nxt}\n\n"
        "The offline site (`make slides`) has the same text as `report-an-error.html`.\n"
    )


def write(out: Path, data_dir: str | None = None) -> Path:
    path = out / "report-an-error.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_html(data_dir), encoding="utf-8")
    return path
