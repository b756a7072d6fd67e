"""House style for every chart: a colour-blind-safe palette, projector-sized type, a footer.

The projector rule lives here and nowhere else: the display width a chart is designed for,
the smallest text in CSS px at that width, the pixel ratio of the PNG. Font sizes below
derive from it, and ``text_sizes_css_px`` measures any figure against it.

Figures are built with ``matplotlib.figure.Figure`` and an Agg canvas (not pyplot), so an
explorer's figure never shows up twice in a notebook and renders the same with or without
a display.
"""

from __future__ import annotations

import io
import math
import os
import textwrap
from collections.abc import Iterable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.frame import DISPLAY_WIDTH_PX

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common
# colour-vision deficiencies. Yellow is left out: too faint on white under a projector.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
PALETTE: tuple[str, ...] = tuple(OKABE_ITO.values())
# A second cue besides colour, for greyscale print-outs and for the colour-blind.
MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X")
GREY = "#6B6B6B"
HINDSIGHT_SHADE = "#EDEDED"  # after the commentary, shown with hindsight
HIDDEN_SHADE = "#D6D6D6"  # after the commentary, hidden in its own view

# --- Projector-grade charts: the rule, stated once --------------------------------------
# A chart is designed to be shown DISPLAY_WIDTH_PX CSS px wide (``helpers.frame``). At that
# width no text may be smaller than MIN_TEXT_CSS_PX. The PNG carries PIXEL_RATIO device pixels
# per CSS px, so it stays crisp on a high-density screen. ``text_sizes_css_px`` measures it.
MIN_TEXT_CSS_PX = 16
FIGURE_WIDTH_IN = 12.0
# Figure pixels per inch such that one figure pixel is one CSS px at the designed width.
DPI = DISPLAY_WIDTH_PX / FIGURE_WIDTH_IN
PIXEL_RATIO = 2  # PNG pixels per CSS px: sharp on a "retina" laptop, exact on a projector
# An explorer's chart is re-encoded on every control change, and encoding time grows with
# the pixels: 1.5 keeps it crisp enough on a high-density screen and the update fast.
LIVE_PIXEL_RATIO = 1.5
# The smallest font size that meets the rule: a point is DPI / 72 CSS px at that width.
MIN_FONT_PT = MIN_TEXT_CSS_PX * 72 / DPI

# Font sizes in points, all at or above MIN_FONT_PT (12 pt = 16.7 CSS px).
SMALL_PT = 12.0  # footers, notes, tick and value labels: the smallest text on any chart
LABEL_PT = 13.0  # axis labels, names of rows, panel labels
TITLE_PT = 16.0  # the finding, above every chart

RC = {
    "font.size": LABEL_PT,
    "axes.titlesize": TITLE_PT,
    "axes.titleweight": "bold",
    "axes.labelsize": LABEL_PT,
    "xtick.labelsize": SMALL_PT,
    "ytick.labelsize": SMALL_PT,
    "legend.fontsize": SMALL_PT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "briefing",
    "svg.fonttype": "none",  # an SVG's text stays text: a reader can copy and restyle it
    # Chart text is data (names, labels, "$12.4 billion"): never typeset as mathematics.
    "text.parse_math": False,
}



SVG_ENV = "BRIEFING_CHART_SVG"  # set by the offline build for its kernels

def _drawn_tick_labels(axis: Axis) -> list[Text]:
    """The tick labels ``axis`` draws: those of ticks inside its view interval."""
    lo, hi = sorted(axis.get_view_interval())
    eps = (hi - lo) * 1e-9
    labels = []
    for minor in (False, True):
        axis.get_ticklabels(minor=minor)  # sets the labels' texts from the formatter
        locs = axis.get_minorticklocs() if minor else axis.get_majorticklocs()
        ticks = axis.get_minor_ticks(len(locs)) if minor else axis.get_major_ticks(len(locs))
        for tick, loc in zip(ticks, locs, strict=True):
            if lo - eps <= loc <= hi + eps:
                labels += [t for t in (tick.label1, tick.label2) if t.get_visible()]
    return labels


def text_sizes_css_px(
    fig: Figure, png_width_px: float, displayed_width_px: float, png_dpi: float | None = None
) -> list[tuple[float, str]]:
    """(size in CSS px, text) of every text ``fig`` draws, when its PNG, ``png_width_px``
    pixels wide and saved at ``png_dpi`` (default: the figure's dpi), is displayed
    ``displayed_width_px`` CSS px wide. (A PNG cropped to its content, as the inline
    backend's, is narrower than the figure: hence the dpi, not the width, gives its scale.)

    A text's size is its font size (the em height, as CSS's font-size) in the PNG's pixels,
    scaled by how much the page shrinks or stretches the PNG. Texts drawn by the layered
    renderer count as well (they are ordinary artists); tick labels count only for the
    ticks the axis draws."""
    from matplotlib.axis import Tick

    png_per_figure_px = (png_dpi or fig.dpi) / fig.dpi
    tick_texts = {id(t) for tick in fig.findobj(Tick) for t in (tick.label1, tick.label2)}
    drawn: list[Text] = [t for t in fig.findobj(Text) if id(t) not in tick_texts]
    for ax in fig.axes:
        if ax.get_visible():
            for axis in (ax.xaxis, ax.yaxis):
                drawn += _drawn_tick_labels(axis)
    sizes = []
    for t in drawn:
        if not t.get_visible() or not t.get_text().strip():
            continue
        if t.axes is not None and not t.axes.get_visible():
            continue
        png_px = t.get_fontsize() * fig.dpi / 72 * png_per_figure_px
        sizes.append((png_px * displayed_width_px / png_width_px, t.get_text()))
    return sizes


def new_figure(height: float = 6.0) -> Figure:
    """An explorer's figure: the designed width, ``height`` inches tall, at LIVE_PIXEL_RATIO
    pixels per CSS px (the page shows it DISPLAY_WIDTH_PX wide)."""
    fig = Figure(figsize=(FIGURE_WIDTH_IN, height), dpi=DPI * LIVE_PIXEL_RATIO)
    FigureCanvasAgg(fig)
    return fig


def fit_to_slide(fig: Figure, height: float) -> None:
    """Give a notebook's figure the designed width (whatever size the cell asked for) and
    ``height`` inches; the inline backend then shows it DISPLAY_WIDTH_PX wide."""
    fig.set_size_inches(FIGURE_WIDTH_IN, height)


def literal_text(fig: Figure) -> None:
    """Draw every text of ``fig`` as written: a "$" in data is a dollar, never mathtext
    (which would typeset "$12.4 billion … $17.3" as maths or raise ValueError)."""
    for t in fig.findobj(Text):
        t.set_parse_math(False)


# About how many characters of SMALL_PT text fit across the designed width (DejaVu Sans).
LINE_CHARS = 135
TITLE_CHARS = 86  # the same for a TITLE_PT bold title


def wrap_words(text: str, chars: int, separator: str = " · ") -> str:
    """``text`` in lines of at most ``chars`` characters, broken between the parts joined by
    ``separator`` where possible, else between words: never inside a word."""
    lines: list[str] = []
    for part in text.split(separator):
        pieces = textwrap.wrap(part, chars, break_long_words=False, break_on_hyphens=False)
        for piece in pieces or [""]:
            if (
                lines
                and len(lines[-1]) + len(separator) + len(piece) <= chars
                and piece is pieces[0]
            ):
                lines[-1] += separator + piece
            else:
                lines.append(piece)
    return "\n".join(lines)


def footer_text(sources: str, as_of: str, note: str = "") -> str:
    """The line (or two) under every chart: where the data come from and how current they
    are, wrapped to the chart's width. Draw it with ``va="bottom"``."""
    parts = [f"Source: {sources}", f"Data as of {as_of}"]
    if note:
        parts.append(note)
    return wrap_words(" · ".join(parts), LINE_CHARS)


def figure_pixels(fig: Figure) -> np.ndarray:
    """The figure's RGB pixels as ``png_bytes`` draws them, without encoding a PNG (a test
    that compares pixels need not encode and decode them)."""
    import matplotlib as mpl

    literal_text(fig)
    with mpl.rc_context({"text.parse_math": False}):
        fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3]


def png_bytes(fig: Figure) -> bytes:
    """The whole figure as PNG, at the figure's own resolution, every text literal."""
    import matplotlib as mpl

    literal_text(fig)
    buffer = io.BytesIO()
    with mpl.rc_context({"text.parse_math": False}):
        fig.savefig(buffer, format="png", dpi=fig.dpi, metadata={"Software": None})
    return buffer.getvalue()


def join_words(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c' -- for alt text and titles."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def nice_top(value: float) -> float:
    """An axis top a little above ``value``, from the steps 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k.

    Few distinct tops means the renderer can reuse a cached static layer (the y-tick labels)
    when the data change.
    """
    if value <= 0:
        return 1.0
    target = value * 1.12
    scale = 10 ** math.floor(math.log10(target))
    steps = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    return next(round(m * scale, 10) for m in steps if m * scale >= target)


def use_house_style() -> None:
    """Apply the briefing's chart style to pyplot figures made in this kernel: the house
    fonts, one figure pixel per CSS px, and (in a kernel) PNGs at PIXEL_RATIO shown at the
    figure's size (IPython's "retina" format)."""
    import matplotlib as mpl

    mpl.rcParams.update(RC)
    mpl.rcParams["figure.dpi"] = DPI
    mpl.rcParams["figure.figsize"] = (FIGURE_WIDTH_IN, 5.5)
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    if get_ipython() is not None:
        # The offline build's kernels also keep each chart as SVG, for its pages' download
        # links (helpers.present.build.describe_charts); a reader's kernel does not.
        extra = ("svg",) if os.environ.get(SVG_ENV) == "1" else ()
        set_matplotlib_formats("retina", *extra)


def as_of(dataset: str) -> str:
    """A dataset's "as of" date, in words, for chart footers."""
    from helpers.data import catalog_for

    return f"{catalog_for()[dataset].as_of:%-d %B %Y}"


# Text styles shared by every explorer chart (stamped texts are cached by style).
TITLE_STYLE: dict = {"fontsize": TITLE_PT, "fontweight": "bold"}
PANEL_STYLE: dict = {"fontsize": LABEL_PT, "color": "#222222"}
NOTE_STYLE: dict = {"fontsize": SMALL_PT, "color": "#333333"}
FOOTER_STYLE: dict = {"fontsize": SMALL_PT, "color": "#444444"}
EMPTY_NOTE_STYLE: dict = {"fontsize": LABEL_PT, "color": GREY}


def centre_note(ax: Axes, text: str = "") -> Text:
    """A hidden note in the middle of ``ax``, shown when a selection leaves nothing to draw."""
    return ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        visible=False,
        **EMPTY_NOTE_STYLE,
    )
