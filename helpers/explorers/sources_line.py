"""The line under every explorer's chart: what it rests on, how current, how to cite it."""

from __future__ import annotations

from helpers import markup
from helpers.charts.style import as_of


def data_note(*datasets: str) -> markup.Markup:
    """The end of every sources line: how current the data are and how to cite them."""
    cites = markup.join(
        (markup.html("<code>helpers.cite('{}')</code>", d) for d in datasets), sep=", "
    )
    return markup.html(
        "Data as of {}.{}",
        as_of(datasets[0]),
        markup.for_notebook(markup.html(" Cite the data: {}.", cites)),
    )


def sources_paragraph(line: object) -> markup.Markup:
    """An explorer's sources line as shown under its chart (plain text is escaped)."""
    return markup.html('<div class="explorer-sources-line" style="font-size:90%">{}</div>', line)
