"""What opening a page costs the test run, in processor seconds (the run is bound by the
processor: both cores busy throughout). Prints, each the mean of ``--repeat`` tries on
this machine, counted from /proc/stat (every process: Python, Playwright's driver,
Chromium's processes):

* starting Playwright's driver alone;
* launching Chromium and closing it;
* a new context and page in a running Chromium (what ``labdriver.browser_page`` does);
* loading an offline deck from the last ``make slides`` with every request routed through
  the test's guard (``labdriver._guard``) against the same load without it.

Run from tests/: ``../.venv/bin/python -m tools.bench_browser_start``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

from labdriver import CHROMIUM, CHROMIUM_ARGS, REPO, _guard


def busy_seconds() -> float:
    """Processor time used by the whole machine so far (all cores, user and system)."""
    with open("/proc/stat", encoding="ascii") as fh:
        ticks = [int(x) for x in fh.readline().split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def cost(run: Callable[[], None], repeat: int) -> tuple[float, float]:
    """Mean processor seconds and wall seconds of ``run``."""
    busy, wall = busy_seconds(), time.monotonic()
    for _ in range(repeat):
        run()
    return (busy_seconds() - busy) / repeat, (time.monotonic() - wall) / repeat


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    n = parser.parse_args().repeat
    rows = []

    def driver() -> None:
        with sync_playwright():
            pass

    rows.append(("Playwright's driver: start and stop", *cost(driver, n)))
    deck = REPO / "build" / "site" / "decks" / "03-defence-industry.slides.html"
    with sync_playwright() as pw:

        def launch() -> None:
            pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS).close()

        rows.append(("Chromium: launch and close", *cost(launch, n)))
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        def context(url: str = "about:blank", guarded: bool = False) -> None:
            ctx = browser.new_context(viewport={"width": 1280, "height": 720})
            if guarded:
                ctx.route("**/*", _guard([]))
            ctx.new_page().goto(url, wait_until="load")
            ctx.close()

        rows.append(("a context and a blank page", *cost(context, n)))
        if deck.exists():
            rows.append(("a deck, unguarded", *cost(lambda: context(deck.as_uri()), n)))
            rows.append(
                ("a deck, every request guarded", *cost(lambda: context(deck.as_uri(), True), n))
            )
        else:
            print(f"({deck} missing: `make slides` first for the deck rows)")
        browser.close()
    print(f"{'':40} {'processor s':>12} {'wall s':>8}")
    for label, cpu, wall in rows:
        print(f"{label:40} {cpu:12.2f} {wall:8.2f}")


if __name__ == "__main__":
    main()
