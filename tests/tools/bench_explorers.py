"""Benchmark: kernel-side time from a control change to the new chart, per explorer, beside
the usual notebook pattern timed in the same run; and the memory after many changes.

Run with `make bench` (the timing, a few minutes) and `make bench-memory` (the memory, each
explorer in a fresh process: the longer part). Prints tables and writes build/bench.json (the
memory to build/bench-memory.json). Not a test: timings vary with the machine, so they are
measured and reported, never asserted.

* **Update**: for every registered explorer, 10 warm-up changes, then N random control
  changes (the same random sequence each run), each timed from setting the widget's value
  until the view has the new image, table and sources (the handler returns).
* **Usual pattern**, in the same run and for the same states: what a notebook does without
  an explorer -- clear the output and replot: a new figure (the same chart, built from
  scratch: figure, axes, artists), one full draw, saved as PNG at the same pixel size. The
  output clearing and display are not timed (they would only add to it), nor are the table
  and sources the explorer updates too: the ratio is, if anything, in the usual pattern's
  favour. Absolute times move from machine to machine and with load; a ratio in one run
  does not, so the goal is stated on the ratio (and on a quiet machine's median).
* **Memory** (``--memory``, or ``--memory-only``): each explorer in a fresh process, its
  resident memory (VmRSS) after creating the view and after M more random changes (default
  5,000).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL_MEDIAN_MS, GOAL_P95_MS = 40.0, 60.0  # median <= 40 ms on a quiet machine
GOAL_RATIO = 1 / 3  # an explorer's update against the usual pattern, same run
GOAL_GROWTH_MB, GOAL_RSS_MB = 50.0, 300.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import helpers; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def rss_mb() -> float:
    """This process's resident memory, in MB (from /proc: Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def usual_pattern_png(session) -> bytes:
    """Replot the session's current result the usual way: the chart's draw function on a
    new figure, one full draw, PNG out (``LiveChart.redrawn_png``)."""
    return session.chart.redrawn_png(session.result)


def time_explorer(name: str, changes: int) -> dict:
    import ipywidgets as widgets

    from helpers.explorers import explore
    from helpers.explorers.drive import change_something

    view = explore(name)
    rng = random.Random(2026)
    for _ in range(10):
        change_something(view, rng)
    output = widgets.Output()
    update, usual = [], []
    for _ in range(changes):
        start = time.perf_counter()
        change_something(view, rng)
        update.append((time.perf_counter() - start) * 1000)
        with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel it prints escapes
            output.clear_output(wait=True)
        start = time.perf_counter()
        usual_pattern_png(view.session)
        usual.append((time.perf_counter() - start) * 1000)
    median, usual_median = statistics.median(update), statistics.median(usual)
    return {
        "explorer": name,
        "changes": len(update),
        "median_ms": round(median, 1),
        "p95_ms": round(percentile(update, 0.95), 1),
        "max_ms": round(max(update), 1),
        "usual_median_ms": round(usual_median, 1),
        "ratio": round(median / usual_median, 3),
    }


def memory_child(name: str, updates: int) -> None:
    """In a fresh process: RSS after making the view, then after ``updates`` changes."""
    from helpers.explorers import explore
    from helpers.explorers.drive import change_something

    view = explore(name)
    rng = random.Random(7)
    for _ in range(10):
        change_something(view, rng)
    start = rss_mb()
    for _ in range(updates):
        change_something(view, rng)
    print(
        json.dumps(
            {
                "explorer": name,
                "updates": updates,
                "start_mb": round(start, 1),
                "end_mb": round(rss_mb(), 1),
            }
        )
    )


def measure_memory(names: list[str], updates: int) -> list[dict]:
    rows = []
    for name in names:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", name, "--memory-updates", str(updates)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        row["growth_mb"] = round(row["end_mb"] - row["start_mb"], 1)
        rows.append(row)
        print(f"  memory {name}: {row['start_mb']} -> {row['end_mb']} MB", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=60)
    parser.add_argument(
        "--memory",
        action="store_true",
        help="also measure each explorer's memory in a fresh process (the longer part)",
    )
    parser.add_argument(
        "--memory-only", action="store_true", help="measure the memory, not the timing"
    )
    parser.add_argument(
        "--memory-updates",
        type=int,
        default=5000,
        help="changes per explorer for the memory line (default 5,000)",
    )
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="*", help="explorers to run (default: all)")
    build = Path(__file__).resolve().parents[2] / "build"
    parser.add_argument("--out", default=str(build / "bench.json"))
    parser.add_argument("--memory-out", default=str(build / "bench-memory.json"))
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.memory_updates)
        return

    from helpers.explorers import REGISTRY

    names = args.only or sorted(REGISTRY)
    if not args.memory_only:
        timing(names, args.changes, Path(args.out))
    if args.memory or args.memory_only:
        memory(names, args.memory_updates, Path(args.memory_out))


def timing(names: list[str], changes: int, out: Path) -> None:
    from helpers.charts.style import LIVE_PIXEL_RATIO
    from helpers.frame import DISPLAY_WIDTH_PX

    rows = [time_explorer(name, changes) for name in names]
    seconds = import_time()

    print(
        f"Charts {DISPLAY_WIDTH_PX} CSS px wide at {LIVE_PIXEL_RATIO:g}x. Usual pattern: the "
        "same chart replotted from scratch (new figure, full draw, PNG), same run, same "
        "states."
    )
    print(
        f"{'explorer':<12}{'changes':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}"
        f"{'usual ms':>10}{'ratio':>8}   goal"
    )
    for r in rows:
        ok = r["ratio"] <= GOAL_RATIO and r["p95_ms"] <= GOAL_P95_MS
        print(
            f"{r['explorer']:<12}{r['changes']:>8}{r['median_ms']:>11}{r['p95_ms']:>9}"
            f"{r['max_ms']:>9}{r['usual_median_ms']:>10}{r['ratio']:>8.2f}   ratio <= 1/3: "
            f"{'met' if r['ratio'] <= GOAL_RATIO else 'MISSED'}; median <= "
            f"{GOAL_MEDIAN_MS:g} ms (quiet machine): "
            f"{'met' if r['median_ms'] <= GOAL_MEDIAN_MS else 'not here'}; p95 <= "
            f"{GOAL_P95_MS:g}: {'met' if ok else 'MISSED'}"
        )
    load = os.getloadavg()
    print(
        "Absolute times are noisy on a shared machine; the ratio is measured in one run "
        f"(load average {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f})."
    )
    print(f"import helpers: {seconds:.2f} s (goal <= 1 s: {'met' if seconds <= 1 else 'MISSED'})")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"explorers": rows, "import_helpers_s": round(seconds, 3), "load_average": load},
            indent=2,
        )
    )
    print(f"written: {out} (memory: make bench-memory)")


def memory(names: list[str], updates: int, out: Path) -> None:
    print(f"Memory: each explorer in a fresh process, {updates} changes")
    rows = measure_memory(names, updates)
    print(f"{'explorer':<12}{'updates':>8}{'start MB':>10}{'end MB':>8}{'growth MB':>11}   goal")
    for m in rows:
        ok = m["growth_mb"] <= GOAL_GROWTH_MB and m["end_mb"] <= GOAL_RSS_MB
        print(
            f"{m['explorer']:<12}{m['updates']:>8}{m['start_mb']:>10}{m['end_mb']:>8}"
            f"{m['growth_mb']:>11}   growth <= {GOAL_GROWTH_MB:g} MB, under "
            f"{GOAL_RSS_MB:g} MB: {'met' if ok else 'MISSED'}"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"memory": rows}, indent=2))
    print(f"written: {out}")


if __name__ == "__main__":
    main()
