"""A static chart's description, shown as readable text in every mode.

The partnership and industry charts describe themselves for readers who cannot see them.
Printed, the description came out as monospace text above the chart, with numbers broken
across lines on a slide. Shown through ``describe`` it is a collapsed "Figure description"
under a summary line (text, not code, in JupyterLab, Voila and the offline build).

It is also the chart's alt text everywhere. JupyterLab and Voila draw an ``image/png``
output as an ``<img>`` without ``alt`` (axe-core: image-alt, critical), so a described
figure's output also carries ``text/html``: the same PNG as an ``<img>`` with the description
as its ``alt``, which both prefer to the bare PNG (the offline build replaces it with its own,
``helpers.present.build``). Undescribed figures are shown as before.
"""

from __future__ import annotations

import base64
import weakref

from IPython.display import HTML, display
from matplotlib.figure import Figure

from helpers import markup

PREFIX = "Figure description: "
CSS_CLASS = "figure-description"
# The description's text also rides in its output's metadata, so the offline build reads it
# as data (helpers.present.build.describe_charts), not out of the HTML.
METADATA_KEY = "briefing_figure_description"


def description_html(text: str) -> str:
    """The description as a collapsed ``<details>``, every character escaped."""
    return str(
        markup.html(
            '<details class="{} {}"><summary>Figure description</summary><p>{}</p></details>',
            CSS_CLASS,
            markup.NO_MATHS,
            _plain(text),
        )
    )


_ALT: weakref.WeakKeyDictionary[Figure, str] = weakref.WeakKeyDictionary()


def _plain(text: str) -> str:
    body = text.removeprefix(PREFIX)
    return body[:1].upper() + body[1:]


def figure_html(figure: Figure) -> str | None:
    """A described figure as an ``<img>`` with its description as alt text, the PNG as
    IPython's own PNG formatter makes it (same pixels, same shown size); None (no HTML) for a
    figure without a description."""
    from IPython import get_ipython

    alt, shell = _ALT.get(figure), get_ipython()
    if alt is None or shell is None:
        return None
    made = shell.display_formatter.formatters["image/png"](figure)
    png, meta = made if isinstance(made, tuple) else (made, {})
    if not png:
        return None
    if isinstance(png, bytes):  # IPython gives base64 text already; older ones gave bytes
        png = base64.b64encode(png).decode("ascii")
    size = "".join(f' {k}="{int(meta[k])}"' for k in ("width", "height") if k in meta)
    return str(
        markup.html(
            '<img src="data:image/png;base64,{}" alt="{}"' + size + ">",
            png,
            _plain(alt),
        )
    )


def describe(text: str, figure: Figure | None = None) -> None:
    """Show ``text`` (which may start with "Figure description: ") under the chart's cell;
    with ``figure``, make it that figure's alt text too (see the module docstring)."""
    display(HTML(description_html(text)), metadata={METADATA_KEY: _plain(text)})
    if figure is None:
        return
    _ALT[figure] = text
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(Figure, figure_html)
