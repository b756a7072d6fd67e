"""Benchmark: kernel-side time from a control change to the new chart, per explorer.

Run with `make bench`. Prints a table and writes build/bench.json. Not a test: timings vary
with the machine, so they are measured and reported, never asserted.

For every registered explorer: 10 warm-up changes, then N random control changes (the same
random sequence each run), each timed from setting the widget's value until the view has
the new image, table and sources (the handler returns).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL_MEDIAN_MS, GOAL_P95_MS = 30.0, 60.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import helpers; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=60)
    parser.add_argument("--out", default="build/bench.json")
    args = parser.parse_args()

    from helpers.explorers import REGISTRY, explore
    from helpers.explorers.drive import change_something

    rows = []
    for name in sorted(REGISTRY):
        view = explore(name)
        rng = random.Random(2026)
        for _ in range(10):
            change_something(view, rng)
        times = []
        for _ in range(args.changes):
            start = time.perf_counter()
            change_something(view, rng)
            times.append((time.perf_counter() - start) * 1000)
        rows.append({
            "explorer": name,
            "changes": len(times),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1),
        })
    seconds = import_time()

    print(f"{'explorer':<12}{'changes':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}   goal")
    for r in rows:
        ok = r["median_ms"] <= GOAL_MEDIAN_MS and r["p95_ms"] <= GOAL_P95_MS
        print(f"{r['explorer']:<12}{r['changes']:>8}{r['median_ms']:>11}{r['p95_ms']:>9}"
              f"{r['max_ms']:>9}   median <= {GOAL_MEDIAN_MS:g}, p95 <= {GOAL_P95_MS:g}: "
              f"{'met' if ok else 'MISSED'}")
    print(f"import helpers: {seconds:.2f} s (goal <= 1 s: {'met' if seconds <= 1 else 'MISSED'})")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"explorers": rows, "import_helpers_s": round(seconds, 3)},
                              indent=2))
    print(f"written: {out}")


if __name__ == "__main__":
    main()
