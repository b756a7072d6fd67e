"""House style for every chart: a colour-blind-safe palette, projector-sized type, a footer.

Figures are built with ``matplotlib.figure.Figure`` and an Agg canvas (not pyplot), so an
explorer's figure never shows up twice in a notebook and renders the same with or without
a display.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

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

RC = {
    "font.size": 11,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "briefing",
}
DPI = 80  # enough for a projector at notebook width, and fast to encode


# --- Projector-grade charts: the rule, stated once --------------------------------------
# A chart is designed to be shown DISPLAY_WIDTH_PX CSS px wide (a 1280 x 720 slide less its
# margins; JupyterLab at that window size gives about the same). At that width no text may
# be smaller than MIN_TEXT_CSS_PX. The PNG carries PIXEL_RATIO device pixels per CSS px, so
# it stays crisp on a high-density screen. ``text_sizes_css_px`` measures the rule.
DISPLAY_WIDTH_PX = 1200
MIN_TEXT_CSS_PX = 16


def text_sizes_css_px(
    fig: Figure, png_width_px: float, displayed_width_px: float
) -> list[tuple[float, str]]:
    """(size in CSS px, text) of every text ``fig`` draws, when its PNG, ``png_width_px``
    pixels wide, is displayed ``displayed_width_px`` CSS px wide.

    A text's size is its font size (the em height, as CSS's font-size) in the PNG's pixels,
    scaled by how much the page shrinks or stretches the PNG. Texts drawn by the layered
    renderer count as well (they are ordinary artists); tick labels count only for the
    ticks the axis draws."""
    from matplotlib.axis import Tick

    fig.canvas.get_renderer()
    png_per_figure_px = png_width_px / fig.bbox.width
    tick_texts = {
        id(t)
        for tick in fig.findobj(Tick)
        for t in (tick.label1, tick.label2)
    }
    drawn: list[Text] = [t for t in fig.findobj(Text) if id(t) not in tick_texts]
    for ax in fig.axes:
        if ax.get_visible():
            for axis in (ax.xaxis, ax.yaxis):
                drawn += axis.get_majorticklabels() + axis.get_minorticklabels()
    sizes = []
    for t in drawn:
        if not t.get_visible() or not t.get_text().strip():
            continue
        if t.axes is not None and not t.axes.get_visible():
            continue
        png_px = t.get_fontsize() * fig.dpi / 72 * png_per_figure_px
        sizes.append((png_px * displayed_width_px / png_width_px, t.get_text()))
    return sizes


def new_figure(width: float = 11.0, height: float = 5.0) -> Figure:
    """A figure with the house style applied to its axes' defaults."""
    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def footer_text(sources: str, as_of: str, note: str = "") -> str:
    """The line under every chart: where the data come from and how current they are."""
    parts = [f"Source: {sources}", f"Data as of {as_of}"]
    if note:
        parts.append(note)
    return " · ".join(parts)


def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
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
    """Apply the briefing's chart style to pyplot figures made in this kernel."""
    import matplotlib as mpl

    mpl.rcParams.update(RC)
    mpl.rcParams["figure.dpi"] = DPI


def as_of(dataset: str) -> str:
    """A dataset's "as of" date, in words, for chart footers."""
    from helpers.data import catalog_for

    return f"{catalog_for()[dataset].as_of:%-d %B %Y}"


# Text styles shared by every explorer chart (stamped texts are cached by style).
TITLE_STYLE: dict = {"fontsize": 13, "fontweight": "bold"}
PANEL_STYLE: dict = {"fontsize": 11, "color": "#222222"}
NOTE_STYLE: dict = {"fontsize": 9, "color": "#333333"}
FOOTER_STYLE: dict = {"fontsize": 8.5, "color": "#444444"}
EMPTY_NOTE_STYLE: dict = {"fontsize": 12, "color": GREY}


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
