"""A static chart's description, shown as readable text in every mode.

The partnership and industry charts describe themselves for readers who cannot see them.
Printed, the description came out as monospace text above the chart, with numbers broken
across lines on a slide. Shown through ``describe`` it is a collapsed "Figure description"
under a summary line (text, not code, in JupyterLab, Voila and the offline build); the
offline build also makes it the chart's alt text (``helpers.present.build``).
"""

from __future__ import annotations

from IPython.display import HTML, display

from helpers import markup

PREFIX = "Figure description: "
CSS_CLASS = "figure-description"


def description_html(text: str) -> str:
    """The description as a collapsed ``<details>``, every character escaped."""
    body = text.removeprefix(PREFIX)
    body = body[:1].upper() + body[1:]
    return str(
        markup.html(
            '<details class="{}"><summary>Figure description</summary><p>{}</p></details>',
            CSS_CLASS,
            body,
        )
    )


def describe(text: str) -> None:
    """Show ``text`` (which may start with "Figure description: ") under the chart's cell."""
    display(HTML(description_html(text)))
