"""What has gone stale: the report a lecturer runs before each term (``make freshness``).

The briefing is dated. Offline and in seconds, from the datasets alone, this lists what a
reader next term should re-check: forecasts past their resolution date and still open (with
the source that settles them), datasets whose "as of" or newest row is older than a stated
age, series with a newer release due (SIPRI's fact sheet each March, Korea's annual export
figure each January), the 2026 searches to run again, and sources with no stored or archived
copy.
Nothing is fetched: the report says what to look up, not what the answer is.

Run: ``python -m helpers.present.freshness [--today YYYY-MM-DD] [--max-age DAYS]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from helpers.data import catalog_for, dataset_names, load, sources

MAX_AGE_DAYS = 180  # a dataset older than this (by its "as of") is listed for re-checking
MAX_ROW_AGE_DAYS = 365  # an event dataset whose newest dated row is older than this
SIPRI_MONTH = 3  # SIPRI publishes its arms-transfers fact sheet each March
KOREA_MONTH = 1  # the year's export-contract total is announced around the new year
ARCHIVES = r"web\.archive\.org|archive\.ph|archive\.today"


@dataclass(frozen=True)
class Item:
    """One stale thing: what it is, why it is stale, and what to check."""

    what: str
    why: str
    check: str


def due_forecasts(today: dt.date, data_dir: str | None = None) -> list[Item]:
    """Open forecasts whose resolution date has passed: each must be resolved (yes or no,
    with sources) from the source its row names."""
    f = load("forecasts", data_dir)
    late = f[(f["outcome"].astype(str) == "open") & (f["resolution_date"].dt.date < today)]
    return [
        Item(
            f"forecast {r.question_id}",
            f"resolution date {r.resolution_date:%Y-%m-%d} has passed; outcome still open",
            str(r.settled_by),
        )
        for r in late.itertuples()
    ]


def old_datasets(
    today: dt.date, max_age_days: int = MAX_AGE_DAYS, data_dir: str | None = None
) -> list[Item]:
    """Datasets whose "as of" is more than ``max_age_days`` before ``today``."""
    catalog = catalog_for(data_dir)
    items = []
    for name in dataset_names(data_dir):
        spec = catalog[name]
        age = (today - spec.as_of).days
        if age > max_age_days:
            items.append(
                Item(
                    f"dataset {name}",
                    f"as of {spec.as_of:%Y-%m-%d}, {age} days old (limit {max_age_days})",
                    f"re-check {spec.file} against its sources; then update its as_of",
                )
            )
    return items


def quiet_datasets(
    today: dt.date, max_age_days: int = MAX_ROW_AGE_DAYS, data_dir: str | None = None
) -> list[Item]:
    """Datasets with a dated column whose newest row is older than ``max_age_days``: the
    world may have moved on since their last event (not every quiet dataset is stale)."""
    catalog = catalog_for(data_dir)
    items = []
    for name in dataset_names(data_dir):
        spec = catalog[name]
        cols = [c.name for c in spec.columns if c.kind == "date" and c.name != "end_date"]
        if not cols or name == "corrections":
            continue
        newest = load(name, data_dir)[cols[0]].max()
        if pd.isna(newest):
            continue
        age = (today - newest.date()).days
        if age > max_age_days:
            items.append(
                Item(
                    f"dataset {name}",
                    f"newest row {newest:%Y-%m-%d}, {age} days before today",
                    "search for later events on this track; add them with sources",
                )
            )
    return items


def releases_due(today: dt.date, data_dir: str | None = None) -> list[Item]:
    """Series whose next release is out by ``today`` but not in the data: SIPRI's next
    five-year window (March) and Korea's next annual export-contract total (January)."""
    items = []
    sipri = load("sipri_exporters", data_dir)
    last_end = int(sipri["window_end"].max())
    due = dt.date(last_end + 1 + 1, SIPRI_MONTH, 1)
    if today >= due:
        items.append(
            Item(
                f"series sipri_exporters (newest window ends {last_end})",
                f"SIPRI's fact sheet for {last_end - 3}–{str(last_end + 1)[-2:]} was due in "
                f"March {due.year}",
                "SIPRI, 'Trends in International Arms Transfers' (fact sheet, March)",
            )
        )
    exports = load("arms_exports", data_dir)
    last_year = int(exports["last_year"].max())
    due = dt.date(last_year + 2, KOREA_MONTH, 1)
    if today >= due:
        items.append(
            Item(
                f"series arms_exports (newest year {last_year})",
                f"the {last_year + 1} export-contract total was due around January {due.year}",
                "South Korea's Defense Acquisition Program Administration or Office of the "
                "President; Yonhap",
            )
        )
    return items


def searches_to_repeat(
    today: dt.date, max_age_days: int = MAX_AGE_DAYS, data_dir: str | None = None
) -> list[Item]:
    """Questions searched 'not found' (or searched long ago): search again."""
    s = load("searches", data_dir)
    items = []
    for r in s.itertuples():
        searched = pd.Timestamp(str(r.searched)).date()
        if r.result == "not found" or (today - searched).days > max_age_days:
            items.append(
                Item(f"search {r.search_id}", f"{r.result} on {r.searched}", str(r.question))
            )
    return items


def sources_without_copy(data_dir: str | None = None) -> list[Item]:
    """Bibliography entries whose stored copy was not found: no archived copy to fall
    back on if the page changes or disappears."""
    bib = sources(data_dir)
    lost = bib[bib["note"].fillna("").str.contains("not found again|stored copy was not found")]
    return [
        Item(f"source {sid}", "no stored or archived copy found", str(r["url"]))
        for sid, r in lost.iterrows()
    ]


def report(
    today: dt.date, max_age_days: int = MAX_AGE_DAYS, data_dir: str | None = None
) -> dict[str, list[Item]]:
    """Every section of the report, in the order a lecturer works through it."""
    return {
        "Forecasts past their resolution date, still open": due_forecasts(today, data_dir),
        "Series with a newer release due": releases_due(today, data_dir),
        f"Datasets older than {max_age_days} days (by their as-of date)": old_datasets(
            today, max_age_days, data_dir
        ),
        f"Datasets whose newest dated row is over {MAX_ROW_AGE_DAYS} days old": quiet_datasets(
            today, data_dir=data_dir
        ),
        "Searches to run again (2026 and after)": searches_to_repeat(
            today, max_age_days, data_dir
        ),
        "Sources with no stored or archived copy": sources_without_copy(data_dir),
    }


def format_report(sections: dict[str, list[Item]], today: dt.date) -> str:
    lines = [f"Freshness report, as of {today:%Y-%m-%d} (offline: nothing is fetched)"]
    bib = sources()
    archived = int(
        (bib["url"].str.contains(ARCHIVES) | bib["via"].fillna("").str.contains(ARCHIVES)).sum()
    )
    lines.append(
        f"({len(bib)} sources, {archived} with an archive link: the others could change or "
        "disappear.)"
    )
    for title, items in sections.items():
        lines.append("")
        lines.append(f"{title}: {len(items) or 'none'}")
        for item in items:
            lines.append(f"  - {item.what}: {item.why}")
            lines.append(f"      check: {item.check}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--max-age", type=int, default=MAX_AGE_DAYS)
    args = parser.parse_args(argv)
    print(format_report(report(args.today, args.max_age), args.today))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
