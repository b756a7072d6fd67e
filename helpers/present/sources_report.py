"""`make sources`: which tier of source each data row rests on, per dataset.

A seminar trusts a number when it rests on the body that produced it (an *originating*
source) or on established press; an aggregator or a mirror alone is not enough. Every row of
every dataset cites source ids; a row's tier is the best tier among them. The report counts
rows by tier per dataset and lists the rows that rest only on *other* sources, so they can
be re-sourced or marked.

Run ``python -m helpers.present.sources_report`` (or ``make sources``).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from helpers.data.loader import catalog_for, load, sources

TIERS = ("originating", "established", "other")


@dataclass(frozen=True)
class SourcesReport:
    """Bibliography entries by tier, rows by best tier per dataset, and rows on *other* only."""

    entries: Counter[str]
    rows: dict[str, Counter[str]]
    other_only: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)

    def row_total(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for counts in self.rows.values():
            total.update(counts)
        return total


def best_tier(tiers: list[str]) -> str:
    """The strongest of a row's source tiers ('originating' beats 'established' beats 'other')."""
    return min(tiers, key=TIERS.index)


def build_report(data_dir: Path | str | None = None) -> SourcesReport:
    bib = sources(data_dir)
    tier_of = bib["tier"].astype(str).to_dict()
    catalog = catalog_for(data_dir)
    rows: dict[str, Counter[str]] = {}
    other_only: list[tuple[str, str, tuple[str, ...]]] = []
    for name in sorted(catalog.datasets):
        if name == "sources":
            continue
        frame = load(name, data_dir)
        key = catalog[name].key
        counts: Counter[str] = Counter()
        for _, row in frame.iterrows():
            ids = tuple(row["source_ids"])
            tier = best_tier([tier_of[s] for s in ids])
            counts[tier] += 1
            if tier == "other":
                label = ", ".join(str(row[k]) for k in key)
                other_only.append((name, label, ids))
        rows[name] = counts
    return SourcesReport(Counter(bib["tier"].astype(str)), rows, other_only)


def _shares(counts: Counter[str]) -> str:
    total = sum(counts.values()) or 1
    return ", ".join(f"{t} {counts[t]} ({100 * counts[t] / total:.0f}%)" for t in TIERS)


def format_report(report: SourcesReport) -> str:
    """The report as plain text: entries by tier, a table of rows by tier, rows on 'other'."""
    lines = [
        f"Bibliography: {sum(report.entries.values())} entries: {_shares(report.entries)}",
        "",
        f"{'dataset':<24}{'rows':>6}" + "".join(f"{t:>13}" for t in TIERS),
    ]
    for name, counts in report.rows.items():
        lines.append(
            f"{name:<24}{sum(counts.values()):>6}" + "".join(f"{counts[t]:>13}" for t in TIERS)
        )
    total = report.row_total()
    lines.append(
        f"{'all datasets':<24}{sum(total.values()):>6}" + "".join(f"{total[t]:>13}" for t in TIERS)
    )
    lines += ["", f"Rows by best source tier: {_shares(total)}", ""]
    if report.other_only:
        lines.append(f"Rows resting only on 'other' sources ({len(report.other_only)}):")
        lines += [f"  {name}: {key}  <- {'; '.join(ids)}" for name, key, ids in report.other_only]
    else:
        lines.append("No row rests only on 'other' sources.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        print(format_report(build_report(args[0] if args else None)))
    except BrokenPipeError:  # piped into `head`: stop quietly
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
