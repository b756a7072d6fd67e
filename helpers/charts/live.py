"""An explorer chart written in ordinary matplotlib: a draw function, and what an update changes.

A chart module writes three plain functions and one declaration:

* ``draw(fig, result) -> A`` draws the whole chart for ``result`` on ``fig`` -- axes, labels,
  footer and data, as any notebook chart -- and returns ``A``, a dataclass of the artists that
  depend on the result. That dataclass **is** the declaration of what an update changes:
  every artist in it (lists and dicts of artists too) is redrawn on each update, every other
  artist is static;
* ``update(artists, result) -> key`` sets those artists for another result (data, texts,
  visibility, positions) and returns a hashable key for the static parts, or ``None`` when
  it never touches them (an update that changes a static artist -- a footer note, an axis
  range -- returns a key that names what it set: one static layer is kept per key);
* ``headline(result)`` and ``alt_text(result)``: the title's finding and the text
  alternative.

``LiveChart`` joins them: the first ``render`` calls ``draw``, every later one ``update``;
the frame is made by ``LayeredRenderer`` (the static layer kept as pixels, declared artists
drawn on top). ``redrawn_png`` is the same chart drawn from scratch by ``draw`` on a new
figure: the usual notebook pattern, against which the fast path is tested and benchmarked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Generic, TypeVar

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.charts.render import LayeredRenderer, encode_png
from helpers.charts.style import RC, figure_pixels, new_figure, png_bytes

R = TypeVar("R")
A = TypeVar("A")


def declared_artists(artists: Any) -> Iterator[Artist]:
    """Every artist in the dataclass ``artists`` (fields holding an artist, or a list, tuple
    or dict of them), in field order; other fields (a date, names) are the update's data."""
    for field in dataclasses.fields(artists):
        value = getattr(artists, field.name)
        items = list(value.values()) if isinstance(value, dict) else value
        if isinstance(items, list | tuple):
            yield from (a for a in items if isinstance(a, Artist))
        elif isinstance(value, Artist) and not isinstance(value, Axes):
            yield value  # an Axes field is there for the update to set its limits


class LiveChart(Generic[R, A]):
    """A chart drawn once by ``draw`` and moved by ``update`` (see the module's docstring)."""

    def __init__(
        self,
        height: float,
        draw: Callable[[Figure, R], A],
        update: Callable[[A, R], Hashable],
        headline: Callable[[R], str],
        alt_text: Callable[[R], str],
    ):
        self.height = height
        self.draw, self.update = draw, update
        self.headline, self.alt_text = headline, alt_text
        self.fig = new_figure(height)
        # RGB pixels to PNG bytes; the offline build sets its own for a sweep's charts.
        self.encode: Callable[[np.ndarray], bytes] = encode_png
        self.artists: A | None = None
        self.renderer: LayeredRenderer | None = None

    def __getattr__(self, name: str) -> Any:
        """A declared artist by its field name (``chart.title``), once drawn: for tests and
        tools that read what the chart shows."""
        artists = self.__dict__.get("artists")
        if artists is None or name.startswith("_") or not hasattr(artists, name):
            raise AttributeError(name)
        return getattr(artists, name)

    def render(self, result: R) -> bytes:
        """The chart for ``result`` as PNG: drawn whole the first time, updated after.

        Drawn in the house style whatever the kernel's own ``rcParams`` (matplotlib makes
        some artists, tick labels among them, only when it draws): a chart made before a
        notebook's ``use_house_style()`` and shared after it looks the same."""
        with mpl.rc_context(RC):
            if self.artists is None:
                self.artists = self.draw(self.fig, result)
                self.renderer = LayeredRenderer(self.fig, declared_artists(self.artists))
            key = self.update(self.artists, result)
            return self.renderer.png(static_key=key, encode=self.encode)

    def redrawn_figure(self, result: R) -> Figure:
        """The same chart drawn from scratch: a new figure, ``draw`` on it."""
        fig = new_figure(self.height)
        with mpl.rc_context(RC):
            self.draw(fig, result)
        return fig

    def redrawn_pixels(self, result: R) -> np.ndarray:
        """The same chart drawn from scratch, as RGB pixels (no PNG to encode and decode)."""
        with mpl.rc_context(RC):
            return figure_pixels(self.redrawn_figure(result))

    def redrawn_png(self, result: R) -> bytes:
        """The usual pattern: a new figure, ``draw`` on it, one full matplotlib draw, PNG."""
        with mpl.rc_context(RC):
            return png_bytes(self.redrawn_figure(result))
