"""Source tiers: every bibliography entry has one, the panels show it, `make sources` counts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from helpers.citation import format_source
from helpers.data import load, sources
from helpers.present.sources_report import build_report, format_report

REPO = Path(__file__).resolve().parents[1]


def test_every_entry_has_a_tier_and_copies_name_a_via() -> None:
    bib = sources()
    assert set(bib["tier"].astype(str)) <= {"originating", "established", "other"}
    assert bib["tier"].notna().all()
    # An entry read on a copy names that copy; the copy is never the cited URL itself.
    with_via = bib[bib["via"].notna()]
    assert (with_via["via"] != with_via["url"]).all()
    assert (with_via["tier"] != "other").all(), "a via exists to cite the originating body"


def test_the_bibliography_string_shows_the_tier_and_the_copy_read() -> None:
    entry = pd.Series(
        {
            "publisher": "NATO",
            "author": None,
            "title": "Alliance agrees the Republic of Korea's Mission to NATO",
            "url": "https://www.nato.int/x.htm",
            "published": "2022-09-26",
            "accessed": "2026-11-27",
            "tier": "originating",
            "via": "https://mirror.example/x",
        },
        name="x",
    )
    text = format_source(entry)
    assert "[originating source]" in text
    assert "Read via https://mirror.example/x" in text
    other = entry.copy()
    other["tier"], other["via"] = "other", None
    assert "[other: aggregator or mirror, not enough alone]" in format_source(other)
    assert "Read via" not in format_source(other)


def test_the_report_counts_every_row_once_and_lists_rows_on_other_only(data_dir: Path) -> None:
    # Make one dataset row rest on an 'other' source only, and check it is listed.
    bib = (data_dir / "sources.csv").read_text(encoding="utf-8")
    assert "\nun-sc14911," in bib
    report = build_report(data_dir)
    assert sum(report.rows["counts"].values()) == 2
    assert report.rows["counts"]["originating"] == 2
    lines = bib.splitlines()
    header = lines[0].split(",")
    col = header.index("tier")
    for i, line in enumerate(lines):
        if line.startswith("un-sc14911,"):
            cells = line.split(",")
            # the title is quoted and contains commas: find the tier cell from the end
            tail = len(header) - col
            cells[-tail] = "other"
            lines[i] = ",".join(cells)
    (data_dir / "sources.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build_report(data_dir)
    assert report.rows["counts"]["originating"] == 1  # 2023 also cites kim2023
    assert ("counts", "2022", ("un-sc14911",)) in report.other_only
    text = format_report(report)
    assert "counts: 2022  <- un-sc14911" in text
    total = sum(sum(c.values()) for c in report.rows.values())
    assert total == sum(len(load(n, data_dir)) for n in report.rows)


def test_make_sources_prints_rows_by_tier() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "helpers.present.sources_report"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    assert out.startswith("Bibliography: ")
    assert "Rows by best source tier: originating" in out
    assert "sipri_exporters" in out
