"""Fast re-rendering of a figure in which only a few artists change.

A chart declares the artists an update changes (``helpers.charts.live``); ``LayeredRenderer``
makes each frame from them:

* the **static layer** -- axes, ticks, grid, footer -- is drawn once per ``static_key`` by
  matplotlib and kept as its pixel buffer (``canvas.copy_from_bbox``), put back with
  ``canvas.restore_region``: matplotlib's own blitting;
* **dynamic artists** (points, shading, lines) are drawn on top by matplotlib;
* **dynamic texts** (labels, the title) are stamped from a cache of pre-rendered sprites;
* the frame is encoded by ``encode_png``.

The last two are hand-written, and kept because ``make bench`` (tests/tools/bench_render.py)
measures them against matplotlib's and Pillow's own on every explorer, same states, same
run; see their docstrings for the figures. The artists stay ordinary matplotlib artists
(tests read their text and data); only how they reach the pixels changes.

Memory is bounded in bytes, not entries (a seminar moves sliders for an hour, and a title
sprite at the projector resolution weighs hundreds of kilobytes): sprites and static layers
live in two least-recently-used caches shared by every chart in the kernel, each with a
byte budget.
"""

from __future__ import annotations

import io
import itertools
import os
import struct
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import RenderMode
from matplotlib.text import Text

SPRITE_CACHE_BYTES = 24 * 2**20  # pre-rendered texts, all charts together
BACKGROUND_CACHE_BYTES = 64 * 2**20  # static layers (a full-figure pixel buffer each)
GLYPH_CACHE_BYTES = 4 * 2**20  # rasterised glyphs the sprites are drawn from
DEFLATE_PARTS = max(1, min(4, os.cpu_count() or 1))  # a frame's PNG is deflated in this many
PARALLEL_BYTES = 2**20  # bands at once from this size of frame (a chart's is about 5 MB)


class ByteBoundedCache:
    """A least-recently-used mapping whose values' sizes (in bytes) never sum past ``budget``."""

    def __init__(self, budget: int):
        self.budget = budget
        self.nbytes = 0
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()

    def get(self, key: Hashable) -> Any | None:
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return item[0]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        if key in self._items:
            self.nbytes -= self._items.pop(key)[1]
        if size > self.budget:
            return  # never kept: it must not flush what is
        while self._items and self.nbytes + size > self.budget:
            self.nbytes -= self._items.popitem(last=False)[1][1]
        self._items[key] = (value, size)
        self.nbytes += size

    def drop(self, predicate: Any) -> None:
        """Forget the entries whose key satisfies ``predicate``."""
        for key in [k for k in self._items if predicate(k)]:
            self.nbytes -= self._items.pop(key)[1]

    def __len__(self) -> int:
        return len(self._items)


SPRITES = ByteBoundedCache(SPRITE_CACHE_BYTES)
BACKGROUNDS = ByteBoundedCache(BACKGROUND_CACHE_BYTES)
GLYPHS = ByteBoundedCache(GLYPH_CACHE_BYTES)
_renderer_ids = itertools.count()
# A text's sprite: 255 - alpha and the premultiplied RGBA (see ``LayeredRenderer._draw_sprite``),
# then the offsets of its box and baseline.
_Sprite = tuple[np.ndarray, np.ndarray, float, float, float, float, float]
_scratch_figures: dict[float, tuple[Figure, dict[tuple[str, _Look], Text]]] = {}


def _chunk(tag: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))


def _png_rows(rgb: np.ndarray) -> np.ndarray:
    """The PNG's filtered scanlines: a 0 (no filter) and the row's RGB bytes, for each row.

    When ``rgb`` is the RGB view of a contiguous RGBA buffer (a canvas's: the frames
    ``LayeredRenderer`` encodes), each pixel is copied as one 4-byte word, R, G, B and its
    alpha, at 3-byte steps in ascending order, so each alpha byte is overwritten by the next
    pixel's red (and a row's last one by the next row's filter byte, set after): one copy
    instead of three strided ones per channel. Same bytes (checked in the tests); measured
    on the forecasts frame (1800 x 960), same process, load average 3.2: 1.8 against 6.3 ms
    for the per-channel copies."""
    height, width = rgb.shape[:2]
    rgba = rgb.base
    if (
        isinstance(rgba, np.ndarray)
        and rgba.dtype == np.uint8
        and rgba.shape == (height, width, 4)
        and rgba.flags.c_contiguous
        and rgb.strides == rgba.strides
        and rgb.ctypes.data == rgba.ctypes.data
    ):
        stride = 1 + 3 * width
        buffer = np.empty(height * stride + 1, np.uint8)  # + 1: the last pixel's alpha
        words = np.ndarray((height, width), "<u4", buffer, offset=1, strides=(stride, 3))
        words[...] = rgba.view("<u4")[..., 0]
        raw = buffer[: height * stride].reshape(height, stride)
        raw[:, 0] = 0
        return raw
    raw = np.zeros((height, 1 + 3 * width), np.uint8)  # a 0 (no filter) before each row
    pixels = raw[:, 1:].reshape(height, width, 3)  # a view into ``raw``
    for channel in range(3):  # faster than one copy of a strided (RGBA-backed) array
        pixels[..., channel] = rgb[..., channel]
    return raw


def _adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """The Adler-32 of A + B from A's, B's and B's length: zlib's ``adler32_combine``,
    which Python's ``zlib`` does not expose (the same arithmetic, modulo 65521)."""
    base = 65521
    rem = len2 % base
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (adler2 & 0xFFFF) + base - 1
    sum2 += ((adler1 >> 16) & 0xFFFF) + ((adler2 >> 16) & 0xFFFF) + base - rem
    sum1 -= base if sum1 >= base else 0
    sum1 -= base if sum1 >= base else 0
    sum2 -= 2 * base if sum2 >= 2 * base else 0
    sum2 -= base if sum2 >= base else 0
    return sum1 | (sum2 << 16)


def _deflate_rows(rgb: np.ndarray, last: bool) -> tuple[bytes, int, int]:
    """One band of rows as PNG scanlines, deflated on its own (level 1) and ended on a byte
    boundary (the last band ends the stream): its deflate blocks, the scanlines' Adler-32 and
    their length. numpy's copy and zlib let other threads run meanwhile."""
    raw = _png_rows(rgb).data
    deflater = zlib.compressobj(1, zlib.DEFLATED, -15)  # raw deflate: the header is ours
    body = deflater.compress(raw) + deflater.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
    return body, zlib.adler32(raw), raw.nbytes


_pool: tuple[int, ThreadPoolExecutor] | None = None  # (the process it was made in, the pool)


def _threads() -> ThreadPoolExecutor:
    """Threads for the bands (made again in a forked child, where the parent's are gone)."""
    global _pool
    if _pool is None or _pool[0] != os.getpid():
        _pool = (os.getpid(), ThreadPoolExecutor(max(1, DEFLATE_PARTS - 1), "png-deflate"))
    return _pool[1]


def _zlib_stream(rgb: np.ndarray, parts: int) -> bytes:
    """The zlib stream of ``rgb``'s PNG scanlines (``_png_rows``), made in ``parts`` bands of
    rows at once, as pigz does: each band packed and deflated in a thread of its own, the
    bands' Adler-32 checksums combined into the stream's. Decoders see one ordinary stream."""
    rows = rgb.shape[0]
    parts = max(1, min(parts, rows))
    if parts == 1:
        return zlib.compress(_png_rows(rgb).data, 1)
    cuts = [rows * i // parts for i in range(parts + 1)]
    bands = [rgb[a:b] for a, b in itertools.pairwise(cuts)]
    others = [_threads().submit(_deflate_rows, band, False) for band in bands[:-1]]
    last = _deflate_rows(bands[-1], True)  # here, while the threads do the others
    done = [f.result() for f in others] + [last]
    adler = done[0][1]
    for _, band_adler, length in done[1:]:
        adler = _adler32_combine(adler, band_adler, length)
    # 0x78 0x01: deflate, 32 KB window, fastest level (as zlib.compress(data, 1) writes)
    return b"\x78\x01" + b"".join(body for body, _, _ in done) + struct.pack(">I", adler)


def encode_png(rgb: np.ndarray) -> bytes:
    """An RGB array as PNG: no row filters and zlib level 1, deflated in one part per core
    (``DEFLATE_PARTS``) for frames of ``PARALLEL_BYTES`` or more.

    Hand-written because Pillow cannot be told to skip PNG row filters: it tries them all on
    every row, even at ``compress_level=0`` (measured 94 ms against 101 ms at level 1 on the
    race chart's frame, so the filtering, not zlib, is its cost). On these mostly flat-colour
    charts unfiltered rows compress as well. ``make bench`` (tests/tools/bench_render.py),
    every explorer's frames, same run, shared machine (load average 7.8-11): this encoder
    takes 0.26-0.35 of the time of Pillow's ``Image.save(..., "PNG", compress_level=1)``
    (median of paired ratios; e.g. race 39.6 vs 136.5 ms, forecasts 65.7 vs 281.7 ms) for
    1.0-1.1x its bytes. zlib level 1 is zlib's fastest; RLE, Huffman-only and Up/Sub row
    filters measured slower or larger.

    The parts: zlib and numpy's copies release the GIL, so a 2-core machine packs and
    deflates two halves of the frame at once. Encoding alone, every explorer's frames, one
    part against two, same process, load average 0.8: 19.6-22.6 against 11.2-15.2 ms
    (median), the same bytes to within 1 KB. A whole update, one part and two alternating
    over the same 80 changes (median, ms): forecasts 54.8 to 39.9, ach 50.0 to 41.3, backlash
    34.6 to 28.0, unsc 42.7 to 37.0, timeline 43.0 to 39.4, race 48.9 to 45.6, money 51.7 to
    48.4."""
    height, width = rgb.shape[:2]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    parts = DEFLATE_PARTS if 3 * height * width >= PARALLEL_BYTES else 1
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", _zlib_stream(rgb, parts))
        + _chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class _Look:
    """How a text looks, apart from its words, alignment and colour: its font and the box
    behind it (a label's white backing), read off the artist itself. Two texts styled alike
    look alike: the box style compares by its kind and parameters, not as the artist's own
    ``BoxStyle`` object (which made every label of the timeline a look of its own, so a label
    moving to another of the chart's label artists was drawn again: 2.3 sprites drawn per
    timeline update against 1.1 with this, measured over the same 60 updates)."""

    font: FontProperties
    box: tuple[Any, ...] | None  # boxstyle (kind, parameters), face and edge colour, line width
    style: Any = field(default=None, compare=False)  # the artist's BoxStyle, to draw with

    @classmethod
    def of(cls, text: Text) -> _Look:
        patch = text.get_bbox_patch()
        box, style = None, None
        if patch is not None:
            style = patch.get_boxstyle()
            box = (
                (type(style), tuple(sorted(vars(style).items()))),
                tuple(patch.get_facecolor()),
                tuple(patch.get_edgecolor()),
                patch.get_linewidth(),
            )
        return cls(text.get_fontproperties().copy(), box, style)

    def bbox(self) -> dict[str, Any] | None:
        if self.box is None:
            return None
        _, face, edge, width = self.box
        return {"boxstyle": self.style, "facecolor": face, "edgecolor": edge, "linewidth": width}


def _div255(x: np.ndarray) -> np.ndarray:
    """``x / 255`` rounded, in place, for uint16 ``x`` up to 255 * 255: ``(t + (t >> 8)) >> 8``
    with ``t = x + 128`` equals ``(x + 127) // 255`` over that whole range (checked in the
    tests), in shifts: numpy's integer division is several times slower."""
    x += 128
    x += x >> 8
    x >>= 8
    return x


_IDENTITY = np.array([[0x10000, 0], [0, 0x10000]])  # FreeType's 16.16 unrotated transform


def _draw_text_from_glyphs(
    renderer: RendererAgg,
    gc: Any,
    x: float,
    y: float,
    s: str,
    prop: FontProperties,
    angle: float,
    ismath: bool | str = False,
    mtext: Text | None = None,
) -> None:
    """``RendererAgg.draw_text`` with every glyph's bitmap kept: the sprites' scratch
    renderer draws text with it.

    matplotlib (3.11) sets the glyph's font size, builds its transform and has FreeType
    rasterise it for every glyph of every text it draws; a new title (the score in it changes
    with nearly every update) rasterised about 85 glyphs again. Here the same layout
    (``FT2Font._layout``) places the same glyphs, each rasterised once per font, size, glyph
    and position within its pixel (in FreeType's 64ths; a whole-pixel move shifts the
    bitmap and nothing else) and drawn by the same ``draw_text_image`` call: the same pixels
    (checked in the tests against matplotlib's own ``draw_text``). ``make bench``
    (tests/tools/bench_render.py), same states, same run, shared machine (load average 3.2):
    a whole chart update takes 0.71 (forecasts: 51.0 against 75.2 ms) and 0.85 (timeline:
    45.5 against 52.5 ms) of the time it takes with its sprites drawn by matplotlib's
    ``draw_text`` (median of paired ratios). Rotated and math text go to matplotlib's own
    (sprites have neither)."""
    if ismath or angle:
        RendererAgg.draw_text(renderer, gc, x, y, s, prop, angle, ismath, mtext)
        return
    font = renderer._prepare_font(prop)
    flags = get_hinting_flag()
    items = font._layout(
        s,
        flags=flags,
        features=mtext.get_fontfeatures() if mtext is not None else None,
        language=mtext.get_language() if mtext is not None else None,
    )
    size = prop.get_size_in_points()
    antialiased = gc.get_antialiased()
    mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
    height, dpi = renderer.height, renderer.dpi
    draw = renderer._renderer.draw_text_image
    for item in items:
        # Where matplotlib puts the glyph's origin, in 64ths of a pixel (y upwards).
        fx = round(0x40 * (x + item.x))
        fy = round(0x40 * (height - y + item.y))
        key = (item.ft_object, size, dpi, item.glyph_index, flags, mode, fx & 0x3F, fy & 0x3F)
        glyph = GLYPHS.get(key)
        if glyph is None:
            ft = item.ft_object
            ft.set_size(size, dpi)
            ft._set_transform(_IDENTITY, [fx & 0x3F, fy & 0x3F])
            bitmap = ft._render_glyph(item.glyph_index, flags, mode)
            buffer = np.array(bitmap.buffer)  # a copy: kept past the next glyph
            if not antialiased:
                buffer *= 0xFF
            glyph = (buffer, bitmap.left, bitmap.top)
            GLYPHS.put(key, glyph, buffer.nbytes + 200)  # + 200: the key and the tuple
        buffer, left, top = glyph
        draw(buffer, left + (fx >> 6), int(height) - (top + (fy >> 6)) + buffer.shape[0], 0, gc)


def _scratch(dpi: float) -> tuple[Figure, dict[tuple[str, _Look], Text]]:
    """A transparent figure, wider than any one line, that sprites are drawn on (one per
    resolution, shared by every chart)."""
    if dpi not in _scratch_figures:
        fig = Figure(figsize=(20, 1), dpi=dpi)  # small: it is cleared for every sprite
        FigureCanvasAgg(fig)
        fig.patch.set_alpha(0)
        fig.canvas.draw()  # creates the renderer that sprites are drawn with
        _scratch_figures[dpi] = (fig, {})
    return _scratch_figures[dpi]


class LayeredRenderer:
    """A frame from a cached static layer, the dynamic artists and stamped text sprites.

    The sprites are hand-written because matplotlib's own blitting (restore the static layer,
    ``Artist.draw`` every animated artist, texts too) rasterises every glyph of every text
    on every frame. ``make bench`` (tests/tools/bench_render.py), same states, same run,
    shared machine (load average 7.8-11), a whole chart update with sprites over the same
    update with matplotlib drawing the texts (median of paired ratios): ach 0.46, backlash
    0.70, forecasts 0.44, money 0.48, race 0.72, timeline 0.68, unsc 0.40 (e.g. unsc 60.6
    vs 142.3 ms). The static layer itself is matplotlib's blitting
    (``copy_from_bbox``/``restore_region``)."""

    glyph_cache = True  # sprites drawn from cached glyphs (the benchmark turns it off)

    def __init__(self, fig: Figure, dynamic: Iterable[Artist]):
        """``dynamic``: the artists an update changes (every other artist is static). Texts
        among them are stamped from sprites, in their own font, box and colour; the others
        are drawn by matplotlib on the restored static layer, in the order given."""
        self.fig = fig
        agg = isinstance(fig.canvas, FigureCanvasAgg)
        self.canvas = fig.canvas if agg else FigureCanvasAgg(fig)
        declared = list(dynamic)
        self.dynamic = [a for a in declared if not isinstance(a, Text)]
        self.texts = [a for a in declared if isinstance(a, Text)]
        # A text's look is fixed when it is declared (its colour may change: see _sprite).
        self._looks = {t: _Look.of(t) for t in self.texts}
        for artist in declared:
            artist.set_animated(True)
        self._id = next(_renderer_ids)  # keys this chart's static layers in BACKGROUNDS
        self._scratch, self._scratch_texts = _scratch(fig.dpi)

    def __del__(self) -> None:
        BACKGROUNDS.drop(lambda key: key[0] == self._id)

    @property
    def sprite_bytes(self) -> int:
        """Bytes held by the text sprites of every chart in the kernel."""
        return SPRITES.nbytes

    @property
    def background_bytes(self) -> int:
        """Bytes held by the static layers of every chart in the kernel."""
        return BACKGROUNDS.nbytes

    def forget_backgrounds(self) -> None:
        """Drop this chart's static layers (say, after changing a static artist)."""
        BACKGROUNDS.drop(lambda key: key[0] == self._id)

    def _scratch_text(self, look: _Look, align: str) -> Text:
        """One reusable text artist per look and alignment on the scratch figure."""
        key = (align, look)
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
                parse_math=False,  # data text: a "$" is a dollar
                fontproperties=look.font,
                bbox=look.bbox(),
            )
        return self._scratch_texts[key]

    def _sprite_key(self, artist: Text) -> tuple[float, str, str, str, _Look]:
        """What a text's sprite depends on. The colour may be changed on the artist after
        creation (say, white text on a dark cell), so it is part of the key; the alignment
        also aligns the lines of a multi-line text."""
        return (
            self.fig.dpi,
            artist.get_text(),
            artist.get_horizontalalignment(),
            to_hex(artist.get_color(), keep_alpha=True),
            self._looks[artist],
        )

    def _sprite(self, artist: Text) -> _Sprite:
        """``artist``'s text as a sprite, drawn once per :meth:`_sprite_key`."""
        key = self._sprite_key(artist)
        sprite = SPRITES.get(key)
        if sprite is None:
            sprite = self._draw_sprite(key)
            SPRITES.put(key, sprite, sprite[0].nbytes + sprite[1].nbytes)
        return sprite

    def _draw_sprite(self, key: tuple[float, str, str, str, _Look]) -> _Sprite:
        """Pixels of a text (``_sprite_key``) and the offset of its anchor within them: two
        (h, w, 4) uint8 arrays, 255 - alpha (in every channel) and the premultiplied RGB
        with the alpha, so stamping is one multiply and one add per byte of the frame (and
        making them runs along whole rows too: 0.84 against 3.5 ms for a title-sized crop,
        83 x 1576 pixels, when made from the RGB bytes alone; same process)."""
        _, text, align, colour, look = key
        h = self._scratch.canvas.get_width_height()[1]
        t = self._scratch_text(look, align)
        t.set_text(text)
        t.set_color(colour)
        renderer = self._scratch.canvas.get_renderer()
        if self.glyph_cache:
            renderer.draw_text = partial(_draw_text_from_glyphs, renderer)
        else:
            vars(renderer).pop("draw_text", None)  # matplotlib's own
        renderer.clear()  # cheaper than drawing the whole scratch figure
        t.draw(renderer)
        text_box = box = t.get_window_extent(renderer)
        patch = t.get_bbox_patch()
        if patch is not None:
            box = type(box).union([box, patch.get_window_extent(renderer)])
        x0, x1 = int(np.floor(box.x0)) - 1, int(np.ceil(box.x1)) + 1
        y0, y1 = int(np.floor(box.y0)) - 1, int(np.ceil(box.y1)) + 1
        pixels = np.asarray(self._scratch.canvas.buffer_rgba())
        rgba = pixels[h - y1 : h - y0, max(x0, 0) : x1]
        alpha = np.repeat(rgba[..., 3:], 4, axis=-1)
        add = _div255(np.multiply(rgba, alpha, dtype=np.uint16)).astype(np.uint8)
        add[..., 3] = rgba[..., 3]  # so the frame's alpha stays 255 (it is never encoded)
        keep = 255 - alpha
        # Offsets from the crop's top-left corner to the text's own box.
        return (
            keep,
            add,
            text_box.x0 - x0,
            y1 - text_box.y1,
            text_box.width,
            text_box.height,
            text_box.y1 - h / 2,
        )

    def _stamp(self, frame: np.ndarray, artist: Text) -> None:
        """Blend ``artist``'s sprite into ``frame`` (the canvas's RGBA buffer) where
        matplotlib would draw the text.

        All four bytes of each pixel, so numpy runs along whole rows: on the RGB bytes alone
        (a 3-byte inner loop at a 4-byte stride) stamping every text of a frame took 2.0-2.4
        times as long, for the same pixels (median over 40 frames of the explorers' bench
        states, same process, load average 2.6: forecasts, 18 texts, 4.2 against 10.2 ms;
        timeline, 13 texts, 2.7 against 5.5 ms)."""
        keep, add, off_x, off_y, width, height_text, above_baseline = self._sprite(artist)
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
        h, w = keep.shape[:2]
        r0, c0 = max(top, 0), max(left, 0)
        r1, c1 = min(top + h, height), min(left + w, frame.shape[1])
        if r1 <= r0 or c1 <= c0:
            return
        rows, cols = slice(r0 - top, r1 - top), slice(c0 - left, c1 - left)
        dst = frame[r0:r1, c0:c1]
        out = _div255(np.multiply(dst, keep[rows, cols], dtype=np.uint16))
        out += add[rows, cols]
        np.minimum(out, 255, out=out)
        dst[...] = out

    def png(
        self, static_key: Hashable, encode: Callable[[np.ndarray], bytes] = encode_png
    ) -> bytes:
        """Render the current state of every artist and encode it (an RGB array in, PNG
        bytes out: the offline build passes its own, for small paletted PNGs made
        straight from the pixels)."""
        self.restore_static(static_key)
        renderer = self.canvas.get_renderer()
        for artist in self.dynamic:
            if artist.get_visible():
                artist.draw(renderer)
        frame = np.asarray(self.canvas.buffer_rgba())  # stamping writes into the canvas
        for artist in self.texts:
            if artist.get_visible() and artist.get_text():
                self._stamp(frame, artist)
        return encode(frame[..., :3])

    def restore_static(self, static_key: Hashable) -> None:
        """Put the static layer for ``static_key`` on the canvas (drawn once per key)."""
        key = (self._id, static_key)
        background = BACKGROUNDS.get(key)
        if background is None:
            with mpl.rc_context({"text.parse_math": False}):  # ticks made while drawing, too
                self.canvas.draw()  # animated artists are left out of this
            background = self.canvas.copy_from_bbox(self.fig.bbox)
            width, height = self.canvas.get_width_height()
            BACKGROUNDS.put(key, background, 4 * width * height)
        self.canvas.restore_region(background)


    def svg(self) -> bytes:
        """The current state of every artist as SVG, text as text: the chart a reader takes
        away (drawn by matplotlib itself, the layers and sprites set aside)."""
        layered = [*self.dynamic, *self.texts]
        for artist in layered:
            artist.set_animated(False)
        try:
            buffer = io.BytesIO()
            with mpl.rc_context({"text.parse_math": False, "svg.fonttype": "none"}):
                self.fig.savefig(buffer, format="svg")
            return buffer.getvalue()
        finally:
            for artist in layered:
                artist.set_animated(True)
