"""Benchmark of the live modes (make present / make dashboard), in Chromium:

* the speaker view: seconds from pressing S to the upcoming slide shown, and how many page
  loads (each one a kernel under Voila) it caused;
* a data error (a bad date in timeline.csv): seconds from opening notebook 00 to the alert,
  in each mode (goal: 5 s);
* kernels: resident memory of the server's kernels with three tabs open, and again after
  two tabs are closed (a closing page stops its kernel; anything left is culled, here after
  10 idle seconds, in make present after 300).

    (cd tests && ../.venv/bin/python -m tools.bench_live)

Prints the figures; nothing is asserted (the behaviour is tested in test_live.py).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import psutil
from labdriver import (
    base_url,
    broken_data,
    browser_page,
    free_port,
    kernels_read,
    live_server,
    serving,
)

from helpers.present import live

DECK = "03-defence-industry.ipynb"


def speaker_view(home: Path) -> None:
    with browser_page() as (pg, _), live_server("present", home) as (base, _):
        loads: list[str] = []
        pg.on("request", lambda r: loads.append(r.url) if "/voila/render/" in r.url else None)
        pg.goto(f"{base}/voila/render/{DECK}")
        pg.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=120_000)
        pg.keyboard.press("PageDown")
        t0 = time.perf_counter()
        with pg.context.expect_page() as popup:
            pg.keyboard.press("s")
        popup.value.wait_for_selector("#upcoming .slide-preview", state="attached")
        seconds = time.perf_counter() - t0
        pg.wait_for_timeout(1_000)
        print(f"speaker view: {seconds:.2f} s to the upcoming slide; "
              f"page loads it caused: {len(loads) - 1} (the stock view: 2 more kernels)")


def data_error(home: Path) -> None:
    env = kernels_read(broken_data(home), home)
    for mode in ("present", "dashboard"):
        with browser_page() as (pg, _), live_server(mode, home, env=env) as (base, _):
            t0 = time.perf_counter()
            pg.goto(f"{base}/voila/render/00-overview.ipynb", wait_until="commit")
            pg.locator(".briefing-error").wait_for(state="visible", timeout=120_000)
            print(f"data error, {mode}: alert after {time.perf_counter() - t0:.1f} s (goal 5 s)")


def kernels_of(server: psutil.Process) -> list[psutil.Process]:
    return [
        p for p in server.children(recursive=True)
        if any("ipykernel" in part for part in p.cmdline())
    ]


def mib(procs: list[psutil.Process]) -> float:
    return sum(p.memory_info().rss for p in procs) / 2**20


def culling(home: Path) -> None:
    port = free_port()
    cmd, env = live.command("present", port)
    cmd += ["--MappingKernelManager.cull_idle_timeout=10", "--MappingKernelManager.cull_interval=2"]
    env["JUPYTER_RUNTIME_DIR"] = str(home / "runtime")
    with serving(cmd, env, home / "cull.log", f"{base_url(port)}/") as proc, browser_page() as (
        pg,
        _,
    ):
        server = psutil.Process(proc.pid)
        tabs = [pg] + [pg.context.new_page() for _ in range(2)]
        for tab in tabs:
            tab.goto(f"{base_url(port)}/voila/render/{DECK}")
            tab.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=120_000)
        open_kernels = kernels_of(server)
        print(f"kernels, 3 tabs open: {len(open_kernels)}, {mib(open_kernels):.0f} MiB")
        for tab in tabs[1:]:
            tab.close()
        deadline = time.monotonic() + 90
        while len(kernels_of(server)) > 1 and time.monotonic() < deadline:
            time.sleep(1)
        left = kernels_of(server)
        print(f"kernels, 2 tabs closed: {len(left)}, {mib(left):.0f} MiB "
              f"(the open tab keeps its kernel)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for step in (speaker_view, data_error, culling):
            home = Path(tmp) / step.__name__
            home.mkdir()
            step(home)


if __name__ == "__main__":
    main()
