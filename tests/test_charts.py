"""Chart mechanics: the layered renderer draws what a full matplotlib draw would, the house
style holds, and the month axis picks sensible ticks."""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import zlib
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from helpers.charts.axes import month_ticks
from helpers.charts.live import LiveChart
from helpers.charts.render import _png_rows, encode_png
from helpers.charts.style import OKABE_ITO, PALETTE, png_bytes
from helpers.charts.timeline import timeline_chart
from helpers.data import load
from helpers.explorers import REGISTRY, ExplorerSession
from helpers.explorers.session import SHARED_CHARTS_KEPT, shared_chart
from helpers.models import timeline as m

EVENTS = load("timeline")


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("L")).astype(float)


def _blocks(img: np.ndarray, size: int = 8) -> np.ndarray:
    """Mean grey level of each size x size block: glyphs rasterised at a sub-pixel offset
    barely change it; a missing or misplaced label or marker changes it a lot."""
    h, w = (img.shape[0] // size) * size, (img.shape[1] // size) * size
    return img[:h, :w].reshape(h // size, size, w // size, size).mean(axis=(1, 3))


@pytest.mark.parametrize("preset", list(m.PRESETS))
def test_layered_render_matches_a_full_matplotlib_draw(preset: str) -> None:
    chart = timeline_chart(EVENTS, "27 November 2026")
    chart.render(m.compute(m.TimelineState(period="hindsight"), EVENTS))  # warm other sprites
    fast = _pixels(chart.render(m.compute(m.PRESETS[preset], EVENTS)))
    for artist in [*chart.renderer.dynamic, *chart.renderer.texts]:
        artist.set_animated(False)
    full = _pixels(png_bytes(chart.fig))
    assert fast.shape == full.shape
    # Text may land a pixel apart (rounding); anything more is a misplaced or missing artist.
    differs = np.abs(_blocks(fast) - _blocks(full)) > 24
    assert differs.sum() == 0, f"{differs.sum()} blocks of 8x8 pixels differ"


def test_render_changes_only_with_the_result() -> None:
    chart = timeline_chart(EVENTS, "27 November 2026")
    a = chart.render(m.compute(m.PRESETS["With hindsight (to 2026)"], EVENTS))
    b = chart.render(m.compute(m.PRESETS["The arms deals"], EVENTS))
    c = chart.render(m.compute(m.PRESETS["With hindsight (to 2026)"], EVENTS))
    assert a == c and a != b


def test_empty_selection_says_so() -> None:
    chart = timeline_chart(EVENTS, "27 November 2026")
    result = m.compute(m.TimelineState(period="hindsight", categories=()), EVENTS)
    chart.render(result)
    assert chart.empty_text.get_visible()
    assert chart.title.get_text() == "No events match these settings"
    assert "No events match" in chart.alt_text(result)


def test_footer_names_source_and_date() -> None:
    chart = timeline_chart(EVENTS, "27 November 2026")
    chart.render(m.compute(m.PRESETS["With hindsight (to 2026)"], EVENTS))
    (text,) = [t.get_text() for t in chart.fig.texts if t.get_text().startswith("Source:")]
    assert text.startswith("Source: briefing timeline dataset")
    assert "Data as of 27 November 2026" in text


def test_palette_is_okabe_ito_without_yellow() -> None:
    assert set(PALETTE) <= set(OKABE_ITO.values())
    assert "#F0E442" not in PALETTE
    assert len(set(PALETTE)) == len(PALETTE) >= len(m.CATEGORIES)


@pytest.mark.parametrize(
    ("left", "right", "step", "first"),
    [
        (dt.date(2022, 1, 1), dt.date(2025, 12, 31), 6, dt.date(2022, 1, 1)),
        (dt.date(2023, 2, 1), dt.date(2024, 6, 30), 3, dt.date(2023, 4, 1)),
        (dt.date(2024, 12, 1), dt.date(2024, 12, 31), 1, dt.date(2024, 12, 1)),
    ],
)
def test_month_ticks(left: dt.date, right: dt.date, step: int, first: dt.date) -> None:
    ticks = month_ticks(left, right)
    assert ticks[0] == first
    assert all(left <= t <= right for t in ticks)
    gaps = {(b.year - a.year) * 12 + b.month - a.month for a, b in itertools.pairwise(ticks)}
    assert gaps <= {step}


def test_a_byte_bounded_cache_evicts_the_least_recently_used_within_its_budget() -> None:
    from helpers.charts.render import ByteBoundedCache

    cache = ByteBoundedCache(100)
    for i in range(50):
        cache.put(i, str(i), 30)
        assert cache.nbytes <= 100
    assert len(cache) == 3 and cache.get(49) == "49" and cache.get(0) is None
    cache.get(47)  # used: the least recently used is now 48
    cache.put("new", "x", 30)
    assert cache.get(47) == "47" and cache.get(48) is None and cache.nbytes == 90
    cache.put("huge", "x", 101)  # larger than the whole budget: never kept
    assert cache.get("huge") is None and cache.nbytes <= 100
    cache.put(47, "again", 10)  # a key put twice counts once
    assert cache.nbytes == 70


def test_the_chart_renderer_keeps_its_caches_within_their_budgets(monkeypatch) -> None:
    """A seminar moves sliders for an hour: every new title or label adds a sprite, every
    new axis range a background. The renderer's caches stay within their byte budgets
    (shrunk here, so a few renders fill them)."""
    from helpers.charts import render

    chart = timeline_chart(EVENTS, "27 November 2026")
    chart.render(m.compute(m.PRESETS["With hindsight (to 2026)"], EVENTS))
    renderer = chart.renderer
    layer = max(1, renderer.background_bytes // max(1, len(render.BACKGROUNDS)))
    sprites, backgrounds = 256 * 2**10, 3 * layer
    monkeypatch.setattr(render, "SPRITES", render.ByteBoundedCache(sprites))
    monkeypatch.setattr(render, "BACKGROUNDS", render.ByteBoundedCache(backgrounds))
    for i in range(12):
        chart.title.set_text(f"Title number {i}: " + "a long headline of many words " * 3)
        renderer.png(static_key=i)  # a new static layer each time
        assert renderer.sprite_bytes <= sprites and renderer.background_bytes <= backgrounds
    assert renderer.background_bytes > layer  # the cache is still used
    assert len(render.BACKGROUNDS) == 3  # the three most recent layers fill the budget
    # The latest sprite is kept: drawing the same title again costs no new sprite.
    before = len(render.SPRITES)
    renderer.png(static_key=11)
    assert len(render.SPRITES) == before


def test_the_renderers_division_by_255_rounds_as_integer_division_would() -> None:
    from helpers.charts.render import _div255

    x = np.arange(255 * 255 + 1, dtype=np.uint16)
    assert np.array_equal(_div255(x.copy()), (x.astype(np.int64) + 127) // 255)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_a_live_charts_update_draws_what_its_draw_function_draws(name: str) -> None:
    """A chart written as ``draw`` + ``update`` (helpers.charts.live): after moving from one
    preset to another, the fast frame is the chart its draw function makes on a new figure
    -- so an artist the update changes but the declaration left out (drawn stale in the
    static layer) shows here. Every explorer's chart is written this way."""
    session = ExplorerSession(REGISTRY[name])
    assert isinstance(session.chart, LiveChart), "one way to write an explorer chart"
    for preset in reversed(list(session.presets)):
        session.apply_preset(preset)
        fast = _pixels(session.png)
        redrawn = session.chart.redrawn_pixels(session.result)
        full = np.asarray(Image.fromarray(redrawn).convert("L")).astype(float)
        assert fast.shape == full.shape
        differs = np.abs(_blocks(fast) - _blocks(full)) > 24
        assert differs.sum() == 0, f"{preset}: {differs.sum()} blocks of 8x8 pixels differ"


@pytest.mark.parametrize(
    "text, style",
    [
        ("Mean Brier score of the briefing's dataset: 0.106 on the 2\nresolved questions", "title"),
        (" Commentary (July 2023) → later events hidden: 12", "note"),
        ("Russia–DPRK treaty", "label"),
        ("two lines,\ncentred", "centred"),
    ],
)
def test_sprites_drawn_from_cached_glyphs_are_matplotlibs_own_pixels(text: str, style: str) -> None:
    """The sprites' glyph cache (``render._draw_text_from_glyphs``) draws exactly the pixels
    matplotlib's own ``draw_text`` does: cold, then warm (every glyph from the cache), at
    several positions within a pixel."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    from helpers.charts import render
    from helpers.charts.style import RC, TITLE_STYLE

    kwargs = {
        "title": dict(TITLE_STYLE),
        "note": {"fontsize": 9, "color": "#333333"},
        "label": {
            "fontsize": 9,
            "bbox": {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        },
        "centred": {"fontsize": 11, "ha": "center", "multialignment": "center"},
    }[style]
    fig = Figure(figsize=(8, 1.5), dpi=150)
    chart_canvas = render.FigureCanvasAgg(fig)
    t = fig.text(0, 0.5, text, parse_math=False, **kwargs)
    for x in (0.1, 0.1 + 0.3 / 1200, 0.1 + 0.7 / 1200):  # a fraction of a pixel apart
        t.set_x(x)
        with mpl.rc_context(RC):
            chart_canvas.draw()  # matplotlib's own draw_text
            expected = np.asarray(chart_canvas.buffer_rgba()).copy()
            renderer = chart_canvas.get_renderer()
            for _ in range(2):  # the glyphs rasterised, then all from the cache
                renderer.clear()
                renderer.draw_text = functools.partial(render._draw_text_from_glyphs, renderer)
                try:
                    fig.draw(renderer)
                finally:
                    del renderer.draw_text
                assert np.array_equal(np.asarray(chart_canvas.buffer_rgba()), expected)


def test_two_texts_styled_alike_share_their_sprites() -> None:
    """A look compares by value: two labels with the same style (each with its own box
    style object) are one look, so a label text moving between them is not drawn again."""
    from matplotlib.figure import Figure

    from helpers.charts.render import _Look

    fig = Figure()
    box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}
    a, b = (fig.text(0, 0, "x", fontsize=9, bbox=dict(box)) for _ in range(2))
    assert _Look.of(a) == _Look.of(b) and hash(_Look.of(a)) == hash(_Look.of(b))
    c = fig.text(0, 0, "x", fontsize=9, bbox={**box, "boxstyle": "round,pad=0.3"})
    assert _Look.of(c) != _Look.of(a)


def test_the_png_encoder_packs_an_rgba_canvas_as_it_packs_plain_rgb() -> None:
    """``encode_png``'s one-copy path for a canvas's RGB view writes the bytes of the
    per-channel path (here given a plain RGB copy of the same pixels)."""
    rng = np.random.default_rng(22)
    for height, width in ((1, 1), (3, 5), (37, 101)):
        rgba = rng.integers(0, 256, (height, width, 4), dtype=np.uint8)
        view, plain = rgba[..., :3], np.ascontiguousarray(rgba[..., :3])
        assert np.array_equal(_png_rows(view), _png_rows(plain))
        assert encode_png(view) == encode_png(plain)
        assert np.array_equal(_pixels_rgb(encode_png(view)), plain)


def _pixels_rgb(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_sessions_over_the_same_data_share_one_chart_and_each_gets_its_own_picture(
    name: str,
) -> None:
    """Two sessions of an explorer draw on one chart (``session.shared_chart``): neither's
    picture depends on what the other drew in between."""
    first, second = ExplorerSession(REGISTRY[name]), ExplorerSession(REGISTRY[name])
    assert first.chart is second.chart, "the second session drew a new chart"
    presets = list(first.presets)
    first.apply_preset(presets[-1])
    before = first.png
    for preset in presets:  # the other session moves the shared chart through every preset
        second.apply_preset(preset)
        assert second.png.startswith(b"\x89PNG")
    first.show(first.state)  # drawn again, after the other session's pictures
    assert first.png == before, "a session's chart changed with another session's drawing"


def test_a_chart_is_shared_only_over_equal_data_and_the_same_spec() -> None:
    made: list[object] = []
    spec = SimpleNamespace(chart=lambda data: made.append(data) or object())
    one = shared_chart(spec, {"rows": [1, 2]})
    assert shared_chart(spec, {"rows": [1, 2]}) is one, "equal data (a fresh copy) shares"
    assert shared_chart(spec, {"rows": [1, 3]}) is not one, "other data gets its own chart"
    tiny = shared_chart(spec, {"frame": pd.DataFrame({"v": [1e-20]})})
    assert shared_chart(spec, {"frame": pd.DataFrame({"v": [1e-20]})}) is tiny
    assert shared_chart(spec, {"frame": pd.DataFrame({"v": [2e-20]})}) is not tiny, "exact"
    other_spec = SimpleNamespace(chart=spec.chart)
    assert shared_chart(other_spec, {"rows": [1, 2]}) is not one, "another spec, its own"
    for i in range(SHARED_CHARTS_KEPT):  # the oldest goes first
        shared_chart(spec, {"rows": [i, 99]})
    assert shared_chart(spec, {"rows": [1, 2]}) is not one, "kept past the bound"
    assert len(made) == 6 + SHARED_CHARTS_KEPT


@pytest.mark.parametrize("name", ["forecasts", "race"])
def test_an_explorer_chart_looks_the_same_whatever_the_kernels_own_style(name: str) -> None:
    """Drawn under matplotlib's defaults (a kernel that never called ``use_house_style``) or
    under the house style, an explorer chart is the same picture: sessions share a chart
    made under whichever was in force first."""
    import matplotlib as mpl

    from helpers.charts.style import RC

    spec, session = REGISTRY[name], ExplorerSession(REGISTRY[name])
    with mpl.rc_context():
        mpl.rcdefaults()
        plain = spec.chart(session.data).render(session.result)
    with mpl.rc_context(RC):
        styled = spec.chart(session.data).render(session.result)
    assert _pixels(plain).shape == _pixels(styled).shape
    assert (np.abs(_blocks(_pixels(plain)) - _blocks(_pixels(styled))) > 24).sum() == 0


def test_the_png_encoder_deflates_in_parts_and_every_part_decodes_to_the_frame() -> None:
    """``encode_png`` deflates a large frame in parts, one per core, joined into one zlib
    stream: Pillow reads back the very pixels, and zlib's own check of the stream (its
    Adler-32, combined from the parts') passes, for any number of parts, row counts that do
    not divide evenly, and a frame of flat colour with a few busy rows (as charts are)."""
    from helpers.charts.render import DEFLATE_PARTS, PARALLEL_BYTES, _zlib_stream

    rng = np.random.default_rng(7)
    frame = np.full((401, 997, 3), 250, np.uint8)  # over PARALLEL_BYTES: encoded in parts
    frame[40:60] = rng.integers(0, 256, (20, 997, 3), dtype=np.uint8)
    assert frame.nbytes >= PARALLEL_BYTES
    raw = _png_rows(frame).tobytes()
    for parts in (1, 2, 3, 4, 7, 401, 500):
        assert zlib.decompress(_zlib_stream(frame, parts)) == raw, parts
    canvas = np.zeros((401, 997, 4), np.uint8)  # a canvas's RGB view, as the renderer passes
    canvas[..., :3] = frame
    assert zlib.decompress(_zlib_stream(canvas[..., :3], 2)) == raw
    assert np.array_equal(_pixels_rgb(encode_png(frame)), frame), DEFLATE_PARTS


def test_adler32_combined_from_parts_is_zlibs_own() -> None:
    from helpers.charts.render import _adler32_combine

    rng = np.random.default_rng(3)
    data = rng.integers(0, 256, 200_000, dtype=np.uint8).tobytes()
    for cut in (0, 1, 65_520, 65_521, 65_522, 131_042, 199_999, 200_000):
        a, b = data[:cut], data[cut:]
        assert _adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(data)
