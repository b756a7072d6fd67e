"""Fast re-rendering of a figure in which only a few artists change.

Redrawing a whole matplotlib figure costs 100 ms or more when it holds many texts (each
string costs about 1.5 ms to lay out and rasterise on this machine). An explorer's chart
changes only some artists per control change, so ``LayeredRenderer`` splits a frame:

* the **static layer** -- axes, ticks, grid, footer -- is drawn once per ``static_key``
  (say, the y-limits) and kept as a pixel buffer (the last few keys are remembered);
* **dynamic artists** (points, shading, lines) are drawn on top of it each frame;
* **dynamic texts** (labels, the title) are stamped from a cache of pre-rendered sprites,
  so a label that was drawn once costs microseconds afterwards.

The artists stay ordinary matplotlib artists (tests can read their text and data); only
how they reach the pixels changes.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

_SPRITE_CACHE_LIMIT = 2048
_BACKGROUNDS_KEPT = 16


class LayeredRenderer:
    def __init__(self, fig: Figure, dynamic: Iterable[Artist], texts: dict[Text, dict[str, Any]]):
        """``dynamic``: artists redrawn each frame; ``texts``: text artists and the style
        (keyword arguments of ``Figure.text``) each was created with."""
        self.fig = fig
        agg = isinstance(fig.canvas, FigureCanvasAgg)
        self.canvas = fig.canvas if agg else FigureCanvasAgg(fig)
        self.dynamic = list(dynamic)
        self.texts = dict(texts)
        self._style_keys = {t: repr(sorted(style.items())) for t, style in self.texts.items()}
        for artist in [*self.dynamic, *self.texts]:
            artist.set_animated(True)
        # Static layers by key (say, the y-limits), most recently used last.
        self._backgrounds: OrderedDict[Hashable, Any] = OrderedDict()
        self._scratch = Figure(figsize=(24, 2), dpi=fig.dpi)  # wider than any one line
        FigureCanvasAgg(self._scratch)
        self._scratch.patch.set_alpha(0)
        self._scratch.canvas.draw()  # creates the renderer that sprites are drawn with
        self._scratch_texts: dict[str, Text] = {}
        # (text, style) -> (pixels, offset of the text box in them, text box size,
        #                   height of the box above the first line's baseline)
        self._sprites: dict[
            tuple[str, str], tuple[np.ndarray, float, float, float, float, float]
        ] = {}

    def _scratch_text(self, style: dict[str, Any], align: str) -> Text:
        """One reusable text artist per style on the scratch figure."""
        key = align + repr(sorted(style.items()))
        if key not in self._scratch_texts:
            h = self._scratch.canvas.get_width_height()[1]
            self._scratch_texts[key] = self._scratch.text(
                8,
                h / 2,
                "",
                ha="left",
                va="baseline",
                multialignment=align,
                transform=None,
                **style,
            )
        return self._scratch_texts[key]

    def _sprite(self, artist: Text) -> tuple[np.ndarray, float, float, float, float, float]:
        """RGBA pixels of ``artist``'s text and the offset of its anchor within them."""
        style = self.texts[artist]
        align = artist.get_horizontalalignment()  # also aligns the lines of a multi-line text
        # The colour may be changed on the artist after creation (say, white text on a dark
        # cell), so it is part of the key and applied to the sprite.
        colour = artist.get_color()
        key = (artist.get_text(), f"{align}{colour}{self._style_keys[artist]}")
        if key not in self._sprites:
            if len(self._sprites) > _SPRITE_CACHE_LIMIT:
                self._sprites.clear()
            h = self._scratch.canvas.get_width_height()[1]
            t = self._scratch_text(style, align)
            t.set_text(artist.get_text())
            t.set_color(colour)
            renderer = self._scratch.canvas.get_renderer()
            renderer.clear()  # cheaper than drawing the whole scratch figure
            t.draw(renderer)
            box = t.get_window_extent(renderer)
            patch = t.get_bbox_patch()
            if patch is not None:
                box = type(box).union([box, patch.get_window_extent(renderer)])
            x0, x1 = int(np.floor(box.x0)) - 1, int(np.ceil(box.x1)) + 1
            y0, y1 = int(np.floor(box.y0)) - 1, int(np.ceil(box.y1)) + 1
            pixels = np.asarray(self._scratch.canvas.buffer_rgba())
            rgba = pixels[h - y1 : h - y0, max(x0, 0) : x1].astype(np.float32)
            alpha = rgba[..., 3:4] / 255.0
            # Kept premultiplied: stamping is then one multiply and one add per pixel.
            crop = np.concatenate([rgba[..., :3] * alpha, 1.0 - alpha], axis=-1)
            text_box = t.get_window_extent(renderer)
            # Offsets from the crop's top-left corner to the text's own box.
            self._sprites[key] = (
                crop,
                text_box.x0 - x0,
                y1 - text_box.y1,
                text_box.width,
                text_box.height,
                text_box.y1 - h / 2,
            )
        return self._sprites[key]

    def _stamp(self, frame: np.ndarray, artist: Text) -> None:
        crop, off_x, off_y, width, height_text, above_baseline = self._sprite(artist)
        # Where matplotlib would put the text box: its anchor, aligned as the artist says
        # (the texts stamped here are never rotated).
        ax_, ay_ = artist.get_transform().transform(artist.get_position())
        ha, va = artist.get_horizontalalignment(), artist.get_verticalalignment()
        x0 = ax_ - {"left": 0.0, "center": width / 2, "right": width}[ha]
        y1 = (
            ay_
            + {
                "top": 0.0,
                "center": height_text / 2,
                "center_baseline": height_text / 2,
                "bottom": height_text,
                "baseline": above_baseline,
            }[va]
        )
        height = frame.shape[0]
        left = round(x0 - off_x)
        top = round(height - y1 - off_y)
        h, w = crop.shape[:2]
        r0, c0 = max(top, 0), max(left, 0)
        r1, c1 = min(top + h, height), min(left + w, frame.shape[1])
        if r1 <= r0 or c1 <= c0:
            return
        src = crop[r0 - top : r1 - top, c0 - left : c1 - left]
        dst = frame[r0:r1, c0:c1, :3]
        dst[...] = (src[..., :3] + dst * src[..., 3:4]).astype(np.uint8)

    def png(self, static_key: Hashable) -> bytes:
        """Render the current state of every artist and encode it as PNG."""
        if static_key not in self._backgrounds:
            self.canvas.draw()  # animated artists are left out of this
            self._backgrounds[static_key] = self.canvas.copy_from_bbox(self.fig.bbox)
            if len(self._backgrounds) > _BACKGROUNDS_KEPT:
                self._backgrounds.popitem(last=False)
        self._backgrounds.move_to_end(static_key)
        self.canvas.restore_region(self._backgrounds[static_key])
        renderer = self.canvas.get_renderer()
        for artist in self.dynamic:
            if artist.get_visible():
                artist.draw(renderer)
        rgba = np.array(self.canvas.buffer_rgba())
        frame = rgba[..., :3]  # a view: stamping writes into ``rgba``
        for artist in self.texts:
            if artist.get_visible() and artist.get_text():
                self._stamp(frame, artist)
        buffer = io.BytesIO()
        height, width = rgba.shape[:2]
        image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
        image.convert("RGB").save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
