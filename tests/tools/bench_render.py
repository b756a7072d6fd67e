"""Benchmark: does each hand-written part of the chart renderer pay for itself?

Run by `make bench` (before the explorers' bench). For every explorer, the same states (the
random control changes the explorers' bench makes: same seed) are rendered by the chart
with its parts swapped one at a time for matplotlib's and Pillow's own, in the same run:

* **PNG encoder**: the renderer's ``encode_png`` (no row filters, zlib level 1) against
  Pillow's ``Image.save(..., "PNG", compress_level=1)`` on the same frame;
* **frame**: the chart's update as it stands (``Chart.render``: artists set, frame drawn,
  PNG out) against matplotlib's own blitting (``restore_region`` of the cached static
  layer, then every animated artist -- texts too -- drawn by ``Artist.draw``), and against
  the usual notebook pattern's full draw (``canvas.draw``) for scale;
* **glyphs**: the same update with its text sprites drawn by matplotlib's own
  ``draw_text`` (every glyph rasterised again) instead of from the renderer's glyph cache,
  each with a sprite cache of its own.

Each variant gets its own fresh chart (caches emptied per explorer); the variants are timed
state by state, back to back, after 10 warm-up states. Medians in ms; each ratio is the
median of the per-state ratios, so a load spike on a shared machine hits both sides of it.
Prints a table and writes build/bench-render.json. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from helpers.charts.render import encode_png

WARM_UP = 10


def pillow_png(rgb: np.ndarray) -> bytes:
    """Pillow's PNG encoder at zlib level 1 (its fastest that still compresses)."""
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(out, "PNG", compress_level=1)
    return out.getvalue()


def states(name: str, changes: int) -> tuple[object, list[object]]:
    """The session and the results after each of the explorers' bench's random changes."""
    from helpers.explorers import explore
    from helpers.explorers.drive import change_something

    view = explore(name)
    rng = random.Random(2026)
    results = []
    for _ in range(WARM_UP + changes):
        change_something(view, rng)
        results.append(view.session.result)
    return view.session, results


@contextmanager
def fresh_caches() -> Iterator[None]:
    """Empty render caches for one explorer's run (no explorer profits from another's)."""
    from helpers.charts import render

    saved = {k: getattr(render, k) for k in ("SPRITES", "BACKGROUNDS", "GLYPHS")}
    for key, cache in saved.items():
        setattr(render, key, render.ByteBoundedCache(cache.budget))
    try:
        yield
    finally:
        for key, cache in saved.items():
            setattr(render, key, cache)


VARIANTS: dict[str, Callable[[object], None] | None] = {}  # filled below


def time_variants(session, results: list) -> dict[str, list[float]]:
    """ms of ``chart.render`` per timed result, for each variant: one fresh chart each, the
    variants interleaved state by state (so a load spike hits them alike). The house
    variant uses the shared sprite and glyph caches, ``plain_glyphs`` a sprite cache of its
    own and no glyph cache; each chart keeps its own static layers."""
    with fresh_caches():
        charts = {}
        for name, patch in VARIANTS.items():
            chart = session.spec.chart(session.data)
            chart.render(results[0])  # a chart's renderer may be made by its first render
            if patch is not None:
                patch(chart)
            charts[name] = chart
        times: dict[str, list[float]] = {name: [] for name in charts}
        for i, result in enumerate(results[1:], start=1):
            order = list(charts.items())
            order = order[i % len(order) :] + order[: i % len(order)]
            for name, chart in order:
                start = time.perf_counter()
                chart.render(result)
                if i >= WARM_UP:
                    times[name].append((time.perf_counter() - start) * 1000)
    return times


def encode_times(session, results: list) -> tuple[list[float], list[float], int, int]:
    """ms (and bytes) of both encoders on the same frames, as the chart drew them."""
    chart = session.spec.chart(session.data)
    ours, pillows, sizes = [], [], [0, 0]
    for result in results[WARM_UP:]:
        chart.render(result)
        frame = np.asarray(chart.fig.canvas.buffer_rgba())[..., :3]
        for encoder, times, k in ((encode_png, ours, 0), (pillow_png, pillows, 1)):
            start = time.perf_counter()
            sizes[k] = len(encoder(frame))
            times.append((time.perf_counter() - start) * 1000)
    return ours, pillows, *sizes


def paired_ratio(ours: list[float], theirs: list[float]) -> float:
    """The median of the per-state ratios (each pair timed back to back)."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


def blit_everything(chart) -> None:
    """Swap the chart's frame drawing for matplotlib's own blitting: the static layer
    restored, then every animated artist (texts too) drawn by matplotlib."""
    live = chart.renderer
    canvas = live.canvas
    animated = [a for a in chart.fig.findobj() if a.get_animated()]

    def png(static_key=None, encode=encode_png) -> bytes:
        live.restore_static(static_key)  # the static layer, restored (drawn once per key)
        renderer = canvas.get_renderer()
        for artist in animated:
            if artist.get_visible():
                artist.draw(renderer)
        return encode(np.asarray(canvas.buffer_rgba())[..., :3])

    live.png = png


def full_draw(chart) -> None:
    """Swap the frame drawing for a full ``canvas.draw`` (the usual pattern, same figure)."""
    import matplotlib as mpl

    live = chart.renderer
    animated = [a for a in chart.fig.findobj() if a.get_animated()]
    for artist in animated:
        artist.set_animated(False)

    def png(static_key=None, encode=encode_png) -> bytes:
        with mpl.rc_context({"text.parse_math": False}):
            live.canvas.draw()
        return encode(np.asarray(live.canvas.buffer_rgba())[..., :3])

    live.png = png


def plain_glyphs(chart) -> None:
    """The house update, its new sprites drawn by matplotlib's ``draw_text`` (no glyph
    cache), kept in a sprite cache of this chart's own (so it never reuses the house
    variant's sprites, nor it this one's)."""
    from helpers.charts import render

    live = chart.renderer
    live.glyph_cache = False
    own = render.ByteBoundedCache(render.SPRITE_CACHE_BYTES)

    def sprite(artist):
        key = live._sprite_key(artist)
        found = own.get(key)
        if found is None:
            found = live._draw_sprite(key)
            own.put(key, found, found[0].nbytes + found[1].nbytes)
        return found

    live._sprite = sprite


VARIANTS.update(update=None, blit=blit_everything, full=full_draw, plain_glyphs=plain_glyphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--only", nargs="*", help="explorers to run (default: all)")
    parser.add_argument(
        "--out",
        default=str(Path(__file__).resolve().parents[2] / "build" / "bench-render.json"),
    )
    args = parser.parse_args()
    from helpers.explorers import REGISTRY

    names = args.only or sorted(REGISTRY)
    load = os.getloadavg()
    print(
        f"Render parts, same states, same run (load average {load[0]:.2f}, {load[1]:.2f}, "
        f"{load[2]:.2f}; medians in ms; ratio: the house part's time over matplotlib's or "
        "Pillow's own)"
    )
    header = (
        f"{'explorer':<11}{'encode_png':>11}{'Pillow':>8}{'ratio':>7}{'KB ours/PIL':>13}"
        f"{'update':>8}{'mpl blit':>10}{'ratio':>7}{'full draw':>11}{'mpl glyphs':>12}"
        f"{'ratio':>7}"
    )
    print(header)
    rows = []
    for name in names:
        session, results = states(name, args.changes)
        ours, pillow, size_ours, size_pillow = encode_times(session, results)
        times = time_variants(session, results)
        update, blit, full, plain = (
            statistics.median(times[k]) for k in ("update", "blit", "full", "plain_glyphs")
        )
        row = {
            "explorer": name,
            "encode_png_ms": round(statistics.median(ours), 1),
            "pillow_ms": round(statistics.median(pillow), 1),
            "encode_ratio": round(paired_ratio(ours, pillow), 2),
            "encode_png_kb": round(size_ours / 1024),
            "pillow_kb": round(size_pillow / 1024),
            "update_ms": round(update, 1),
            "blit_ms": round(blit, 1),
            "update_over_blit": round(paired_ratio(times["update"], times["blit"]), 2),
            "full_draw_ms": round(full, 1),
            "plain_glyphs_ms": round(plain, 1),
            "update_over_plain_glyphs": round(
                paired_ratio(times["update"], times["plain_glyphs"]), 2
            ),
        }
        rows.append(row)
        print(
            f"{name:<11}{row['encode_png_ms']:>11}{row['pillow_ms']:>8}"
            f"{row['encode_ratio']:>7.2f}{f'{size_ours // 1024}/{size_pillow // 1024}':>13}"
            f"{update:>8.1f}{blit:>10.1f}{row['update_over_blit']:>7.2f}{full:>11.1f}"
            f"{plain:>12.1f}{row['update_over_plain_glyphs']:>7.2f}",
            flush=True,
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"load_average": load, "explorers": rows}, indent=2))
    print(f"written: {out}")


if __name__ == "__main__":
    main()
