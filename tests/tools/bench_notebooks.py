"""Benchmark, part two: notebooks, memory, and the browser round trip.

Prints a table and writes build/bench-notebooks.json:
* each notebook's execution time and its kernel's peak resident memory (VmHWM);
* the whole strict nbval run;
* per explorer, in JupyterLab in Chromium: the time from a preset change to the new chart
  in the page (median of 12 changes), measured in the page with a MutationObserver;
* the JupyterLab server's peak memory during that run.
Goals are printed beside each figure; nothing here is asserted. ``--only browser`` (or
``notebooks``, ``slides``) runs one part alone and keeps the file's other parts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from labdriver import (
    CHROMIUM,
    REPO,
    browser_page,
    run_all,
    running_lab,
    show_output,
    wait_for_run_all,
)
from nbclient import NotebookClient

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
CHANGES = 12
ROUND_TRIP_JS = """
([name, index]) => new Promise((resolve, reject) => {
  const root = document.querySelector('.explorer-' + name + '-chart');
  const select = document.querySelector('.explorer-' + name + '-preset select');
  const before = root.querySelector('img').getAttribute('src');
  const t0 = performance.now();
  const timer = setTimeout(() => reject('no new chart within 10 s'), 10000);
  const obs = new MutationObserver(() => {
    const img = root.querySelector('img');
    if (img && img.getAttribute('src') !== before) {
      obs.disconnect(); clearTimeout(timer); resolve(performance.now() - t0);
    }
  });
  obs.observe(root, {subtree: true, childList: true, attributes: true});
  select.selectedIndex = index;
  select.dispatchEvent(new Event('change', {bubbles: true}));
})
"""


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def notebook_runs() -> list[dict]:
    rows = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}},
                                extra_arguments=["--IPKernelApp.log_level=ERROR"])
        with client.setup_kernel():
            start = time.perf_counter()
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            seconds = time.perf_counter() - start
            memory = peak_rss_mb(client.km.provisioner.process.pid)
        rows.append({"notebook": path.name, "execute_s": round(seconds, 2),
                     "kernel_peak_mb": round(memory, 1)})
    return rows


def nbval_seconds() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "notebooks", "-q"], cwd=REPO, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def browser_round_trips() -> tuple[list[dict], float]:
    rows = []
    with tempfile.TemporaryDirectory() as home, running_lab(Path(home)) as (lab, proc):
        with browser_page() as (pg, blocked):
            for path in NOTEBOOKS:
                run_all(pg, lab, path.name)
                wait_for_run_all(pg)
                show_output(pg, ".explorer img")
                names = pg.evaluate(
                    "() => Array.from(document.querySelectorAll('.explorer')).map(e =>"
                    " Array.from(e.classList).find(c => c.startsWith('explorer-')).slice(9))")
                for name in names:
                    pg.locator(f".explorer-{name}-chart img").scroll_into_view_if_needed()
                    times = [pg.evaluate(ROUND_TRIP_JS, [name, (i + 1) % 2])
                             for i in range(CHANGES)]
                    rows.append({"notebook": path.name, "explorer": name,
                                 "median_ms": round(statistics.median(times), 1),
                                 "blocked_requests": len(blocked)})
                pg.goto("about:blank")
        server_mb = peak_rss_mb(proc.pid)
    return rows, server_mb


PARTS = ("notebooks", "browser", "slides")


def print_round_trips(rows: list[dict], server_mb: float) -> None:
    load = os.getloadavg()
    print(
        f"{'explorer (in JupyterLab, Chromium)':<42}{'median ms':>10}   goal <= 100 ms "
        f"(median of {CHANGES} preset changes; load average {load[0]:.2f}, {load[1]:.2f}, "
        f"{load[2]:.2f})"
    )
    for r in rows:
        verdict = "met" if r["median_ms"] <= 100 else "MISSED"
        where = f"{r['explorer']} ({r['notebook'][:2]})"
        print(f"{where:<42}{r['median_ms']:>10}   {verdict}")
    print(f"JupyterLab server peak memory: {server_mb:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        nargs="+",
        choices=PARTS,
        default=list(PARTS),
        help="the parts to run (default: all): notebook runs and nbval, the browser round "
        "trips in JupyterLab, the slides build",
    )
    args = parser.parse_args()
    out = REPO / "build" / "bench-notebooks.json"
    report: dict = json.loads(out.read_text()) if out.exists() and len(args.only) < 3 else {}
    if "notebooks" in args.only:
        report["notebooks"] = notebook_runs()
        report["nbval_s"] = round(nbval_seconds(), 1)
        print(f"{'notebook':<42}{'execute s':>10}{'kernel peak MB':>16}   goals: <= 5 s, <= 300 MB")
        for r in report["notebooks"]:
            print(f"{r['notebook']:<42}{r['execute_s']:>10}{r['kernel_peak_mb']:>16}")
        print(f"strict nbval over notebooks/: {report['nbval_s']} s (goal <= 30 s)")
    if "browser" in args.only:
        if CHROMIUM.exists():
            rows, server_mb = browser_round_trips()
            report["browser"], report["lab_server_peak_mb"] = rows, round(server_mb, 1)
            report["browser_load_average"] = os.getloadavg()
            print_round_trips(rows, server_mb)
        else:
            print(f"{CHROMIUM} not found: browser round trips not measured")
    if "slides" in args.only:
        slides(report)
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"written: {out} ({', '.join(args.only)}; other parts kept from its last run)"
          if len(args.only) < 3 else f"written: {out}")


def slides(report: dict) -> None:
    from helpers.present.build import build

    lines: list[str] = []
    timings = build(REPO / "build" / "site", pdf=CHROMIUM.exists(), log=lines.append)
    report["slides_build_s"] = round(timings["total"], 1)
    print(f"make slides (decks, pages, handout): {report['slides_build_s']} s (goal < 60 s)")
    static = sorted((REPO / "build" / "site").glob("**/*.html"))
    if static:
        report["static_mb"] = {str(p.relative_to(REPO)): round(p.stat().st_size / 2**20, 2)
                               for p in static}
        for name, mb in report["static_mb"].items():
            print(f"{name:<52}{mb:>8} MB (goal <= 5 MB)")
    else:
        print("static HTML and decks: none built, so no sizes")


if __name__ == "__main__":
    main()
