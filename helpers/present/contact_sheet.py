"""``make contact-sheet``: one PNG per offline deck with every slide as a thumbnail, in the
order a clicker reaches them, so a person can review a whole deck at a glance before a
seminar (an empty slide, a cut-off table or an unreadable chart shows at once).

Each slide is photographed at 1280 x 720, the projector size the browser tests use, by
Debian's Chromium through Playwright with every non-file request blocked; a slide taller
than the frame gets a second photograph scrolled to its end, marked "end". Pillow lays the
photographs out on a grid, each labelled with its number.

    python -m helpers.present.contact_sheet [--site build/site] [--out build/contact-sheets]
"""

from __future__ import annotations

import argparse
import io
import math
import sys
from pathlib import Path

from helpers.present.pdf import ARGS, CHROMIUM, RENDERED

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1280, "height": 720}
THUMB = (480, 270)  # a quarter of the slide's width and height, legible when zoomed
COLUMNS = 4
LABEL_HEIGHT = 22

# Every slide in reading order (reveal's own list: vertical slides after their parent).
SLIDES = """() => Reveal.getSlides()
  .map(s => { const i = Reveal.getIndices(s); return [i.h, i.v || 0]; })"""
# Show slide (h, v), its scroll at the top; report whether it is taller than the frame.
SHOW = """([h, v]) => { Reveal.slide(h, v);
  const leaf = Reveal.getCurrentSlide(); leaf.scrollTop = 0;
  return leaf.scrollHeight > leaf.clientHeight + 1; }"""
TO_END = "() => { const s = Reveal.getCurrentSlide(); s.scrollTop = s.scrollHeight; }"


def photograph(deck: Path) -> list[tuple[str, bytes]]:
    """(label, PNG) for every slide of ``deck``, and for the end of every tall slide."""
    from playwright.sync_api import sync_playwright

    shots: list[tuple[str, bytes]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport=VIEWPORT)
        tab.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
        )
        tab.goto(deck.resolve().as_uri(), wait_until="load")
        tab.wait_for_function("() => window.Reveal && window.Reveal.isReady()")
        tab.wait_for_function(RENDERED, timeout=30_000)
        # Long slides are continued on parts of their own once the deck is drawn.
        tab.wait_for_function("() => window.DECK_FIT && window.DECK_FIT.done", timeout=60_000)
        for n, (h, v) in enumerate(tab.evaluate(SLIDES), start=1):
            tall = tab.evaluate(SHOW, [h, v])
            tab.wait_for_timeout(150)
            shots.append((f"{n}", tab.screenshot()))
            if tall:
                tab.evaluate(TO_END)
                tab.wait_for_timeout(100)
                shots.append((f"{n} end", tab.screenshot()))
        browser.close()
    return shots


def montage(shots: list[tuple[str, bytes]], title: str):
    """The photographs on a grid, each with its label above it, the deck's name on top."""
    from PIL import Image, ImageDraw

    rows = math.ceil(len(shots) / COLUMNS)
    cell_w, cell_h = THUMB[0] + 12, THUMB[1] + LABEL_HEIGHT + 12
    sheet = Image.new("RGB", (COLUMNS * cell_w + 12, rows * cell_h + 40), "white")
    draw = ImageDraw.Draw(sheet)
    draw.text((12, 10), f"{title}: {len(shots)} photographs at 1280x720", fill="black")
    for i, (label, png) in enumerate(shots):
        x, y = 12 + (i % COLUMNS) * cell_w, 40 + (i // COLUMNS) * cell_h
        thumb = Image.open(io.BytesIO(png)).convert("RGB").resize(THUMB, Image.LANCZOS)
        draw.text((x, y + 4), label, fill="black")
        sheet.paste(thumb, (x, y + LABEL_HEIGHT))
        draw.rectangle(
            (x - 1, y + LABEL_HEIGHT - 1, x + THUMB[0], y + LABEL_HEIGHT + THUMB[1]), outline="#888"
        )
    return sheet


def contact_sheets(site: Path, out: Path, log=print) -> list[Path]:
    """One sheet per deck in ``site/decks`` into ``out``; returns the files written."""
    decks = sorted((site / "decks").glob("*.slides.html"))
    if not decks:
        raise RuntimeError(f"no decks in {site / 'decks'}: run `make slides` first")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for deck in decks:
        name = deck.name.removesuffix(".slides.html")
        shots = photograph(deck)
        target = out / f"{name}.png"
        montage(shots, name).save(target, optimize=True)
        log(f"{target}: {len(shots)} photographs")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "build" / "site"))
    parser.add_argument("--out", default=str(ROOT / "build" / "contact-sheets"))
    args = parser.parse_args(argv)
    try:
        contact_sheets(Path(args.site), Path(args.out))
    except RuntimeError as exc:
        print(f"make contact-sheet failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
