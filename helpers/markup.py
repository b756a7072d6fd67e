"""Every piece of HTML the briefing builds from data, escaped by construction.

Why one module: escaping by hand at each site let one sources line through unescaped (a
``<img onerror>`` in ``launch_series.csv`` ran in the offline page). Here HTML is a
:class:`markupsafe.Markup`: :func:`html` fills a fixed template, escaping every value that is
not already ``Markup``; joining ``Markup`` with a plain ``str`` escapes the ``str``. Code
elsewhere composes these pieces and never formats data into HTML strings itself, so a string
from a CSV, a scenario file or an upload can only ever reach the page as text.

It also holds the one CSV writer for downloads, which neutralises spreadsheet formulas.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
from markupsafe import Markup, escape

from helpers.frame import DISPLAY_WIDTH_PX

__all__ = [
    "Markup",
    "bibliography",
    "csv_download",
    "csv_text",
    "file_download",
    "html",
    "image",
    "items",
    "join",
    "problem_list",
    "style",
    "table",
    "text",
]

MAX_LISTED = 20  # problems listed in a message; the rest are counted
FORMULA_PREFIXES = ("=", "+", "-", "@", "|", "\t", "\r")


def html(template: str, *args: object, **kwargs: object) -> Markup:
    """``template`` (written in code, never from data) with every value escaped."""
    return Markup(template).format(*args, **kwargs)


def join(parts: Iterable[object], sep: str = "") -> Markup:
    """Pieces joined; plain strings among them are escaped."""
    return Markup(sep).join(escape(p) for p in parts)


def cell_text(value: object) -> str:
    """A table cell's text: lists joined, missing values empty, dates as YYYY-MM-DD."""
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def text(value: object) -> Markup:
    """One value as escaped text."""
    return escape(cell_text(value))


def table(frame: pd.DataFrame, css_class: str = "explorer-table") -> Markup:
    """A plain HTML table of ``frame`` (no index), every header and cell escaped."""
    head = join(html("<th>{}</th>", c) for c in frame.columns)
    body = join(
        html("<tr>{}</tr>", join(html("<td>{}</td>", text(v)) for v in row))
        for row in frame.itertuples(index=False, name=None)
    )
    return html(
        '<table class="{}"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>',
        css_class,
        head,
        body,
    )


def style(css: str) -> Markup:
    """A ``<style>`` element for a stylesheet shipped in the package (never data): refused if
    it could close the element early."""
    if "</" in css or "<!--" in css:
        raise ValueError("a stylesheet for a <style> element must not contain '</' or '<!--'")
    return Markup("<style>") + Markup(css) + Markup("</style>")


def items(entries: Iterable[object], ordered: bool = True, style: str = "") -> Markup:
    """A list; plain-string entries are escaped, ``Markup`` entries kept."""
    tag = "ol" if ordered else "ul"
    attr = html(' style="{}"', style) if style else Markup("")
    return html(
        "<{}>{}</{}>",
        Markup(tag),
        join(html("<li{}>{}</li>", attr, e) for e in entries),
        Markup(tag),
    )


def bibliography(source_ids: Sequence[str]) -> Markup:
    """The numbered bibliography entries for ``source_ids``."""
    from helpers.citation import bibliography as entries  # citation reads the data layer

    return items(entries(list(source_ids)))


def image(png: bytes, alt: str, css_class: str) -> Markup:
    """A chart as an inline PNG with its alt text, shown at the width it is designed for
    (narrower only if the page is), whatever its pixel size, never squashed: see
    helpers.frame. (A page-wide ``max-height`` on images would, with a set width,
    distort the chart.)"""
    data = base64.b64encode(png).decode("ascii")
    return html(
        '<img class="{}" style="width:{}px;max-width:100%;height:auto;max-height:none" '
        'alt="{}" src="data:image/png;base64,{}"/>',
        css_class,
        DISPLAY_WIDTH_PX,
        alt,
        data,
    )


# A column's unit, written in its name's ending (the catalog's convention): said in words.
UNIT_ENDINGS = {
    "_usd_bn": "US$ billion",
    "_usd_m": "US$ million",
    "_pct": "%",
    "_percent": "%",
}
INLINE_CODE = re.compile(r"`([^`\n]+)`")


def column_label(name: str) -> str:
    """A data column's name as a table header for people: words, units in brackets
    ("value_usd_bn" -> "Value (US$ billion)", "source_ids" -> "Sources")."""
    if name == "source_ids":
        return "Sources"
    for ending, unit in UNIT_ENDINGS.items():
        if name.endswith(ending):
            return f"{column_label(name[: -len(ending)])} ({unit})"
    words = name.removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:]


def unquoted_code(text: str, label: Callable[[str], str] = str) -> str:
    """Data text written for the CSV's editors ("`precision` says ...") for people: each
    `name` in backticks becomes “label(name)”, in quotation marks."""
    return INLINE_CODE.sub(lambda m: f"“{label(m[1])}”", text)


# On paper the briefing is two files (helpers.present.build): the handout, to read, and the
# appendix, with every table, source list and log in full. A long output prints a summary in
# the handout (HANDOUT_ONLY) and itself in the appendix (APPENDIX_ONLY); on screen, itself.
HANDOUT_ONLY = "handout-only"
APPENDIX_ONLY = "appendix-only"


def print_split(summary: Markup, full: Markup, inline: bool = False) -> Markup:
    """``full`` on screen and in the printed appendix; ``summary`` in the printed handout
    (``inline``: within a sentence)."""
    tag = "span" if inline else "div"
    return html(
        "<{0} class='{1}'>{2}</{0}><{0} class='{3}'>{4}</{0}>",
        Markup(tag),
        HANDOUT_ONLY,
        summary,
        APPENDIX_ONLY,
        full,
    )


# nbviewer, forges and JupyterLab typeset "$...$" in HTML outputs as maths: two amounts in
# one output ("$1.7bn ... $3bn") became one italic formula. MathJax 2 and 3 skip an element
# of these classes (their defaults): an output that carries data text wears them.
NO_MATHS = "tex2jax_ignore mathjax_ignore"

FOR_NOTEBOOK = "for-notebook"  # text for a notebook's reader: hidden on slides and paper


def for_notebook(text: Markup) -> Markup:
    """Text that only a notebook's reader can use (how to call a helper, which file to
    edit): decks and the printed handout leave it out (briefing.css, deck.css)."""
    return html('<span class="{}">{}</span>', FOR_NOTEBOOK, text)


def file_download(content: str | bytes, filename: str, mime: str, label: str) -> Markup:
    """A link that saves ``content`` (text as UTF-8) as ``filename`` without a server."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    data = base64.b64encode(raw).decode("ascii")
    return html('<a download="{}" href="data:{};base64,{}">{}</a>', filename, mime, data, label)


def png_download(filename: str) -> Markup:
    """A link that saves the chart it sits under as ``filename``: the offline pages' script
    (chart_download.js) gives it the chart's picture on a click, so no page holds it twice."""
    return html('<a class="png-download" download="{}" href="#">PNG</a>', filename)


def _neutral(value: object) -> object:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV for a download. Text cells that would start a spreadsheet formula are
    neutralised; numbers (a negative one too) stay numbers. Written with the csv module, which
    quotes a lone carriage return (pandas' writer does not, and the row would break)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # CRLF: a lone \r or \n is quoted
    writer.writerow([_neutral(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_neutral(v) if isinstance(v, str) else cell_text(v) for v in row])
    return out.getvalue()


def csv_download(frame: pd.DataFrame, filename: str) -> Markup:
    """ "Download these N rows as CSV", formulas neutralised."""
    return file_download(
        csv_text(frame), filename, "text/csv", f"Download these {len(frame)} rows as CSV"
    )


def problem_list(problems: Sequence[object], limit: int = MAX_LISTED) -> Markup:
    """At most ``limit`` problems as a list, then how many more (an upload with 10,000 bad
    rows must not send 10,000 list items to the page)."""
    shown = [str(p) for p in problems[:limit]]
    more = len(problems) - len(shown)
    if more > 0:
        shown.append(f"… and {more} more problem{'' if more == 1 else 's'}")
    return items(shown, ordered=False)
