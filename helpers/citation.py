"""Copy-ready citations: for the briefing, for the seed commentary, for any dataset or source.

Citations are built from ``sources.csv`` and the catalog, so a corrected source shows up
everywhere it is cited without anyone retyping it.
"""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from helpers.data import catalog_for, load, sources
from helpers.data.loader import data_stamp

BRIEFING_TITLE = "South Korea’s NATO Strategy: An Interactive Briefing"
SEED_ID = "kim2023"
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# What a reader sees after each entry: how far the source can carry a fact on its own.
TIER_LABELS = {
    "originating": "originating source",
    "established": "established press",
    "other": "other: aggregator or mirror, not enough alone",
}


def _version() -> str:
    try:
        return version("yoon-nato-briefing")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unreleased"


def human_date(iso: str) -> str:
    """'2023-07' -> 'July 2023'; '2022-05-26' -> '26 May 2022'; '2022' -> '2022'."""
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def format_source(entry: pd.Series) -> str:
    """One bibliography entry: Author. “Title.” Publisher, date. URL (accessed …). [tier]

    The tier (originating, established press, other) ends the entry, and a copy read on a
    mirror or reprint is named after the URL ("Read via …"), so the panels that render these
    strings show both without any change to their HTML.
    """
    title = str(entry["title"])
    if not title.startswith("["):
        title = f"“{title if title.endswith(('?', '!', '.')) else title + '.'}”"
    author = entry["author"]
    head = f"{author}. {title}" if isinstance(author, str) and author else title
    published = entry["published"]
    when = human_date(published) if isinstance(published, str) and published else "n.d."
    dated = f"{head} {entry['publisher']}, {when}"
    dated += "" if dated.endswith(".") else "."
    text = f"{dated} {entry['url']} (accessed {human_date(entry['accessed'])})."
    via = entry.get("via")
    if isinstance(via, str) and via:
        text += f" Read via {via}."
    tier = entry.get("tier")
    if isinstance(tier, str) and tier in TIER_LABELS:
        text += f" [{TIER_LABELS[tier]}]"
    return text


def cite(key: str | None = None) -> str:
    """A copy-ready citation.

    ``cite()`` cites the briefing; ``cite("seed")`` the commentary it is built on;
    ``cite("timeline")`` (any dataset name) a dataset; ``cite("un-sc14911")`` (any source
    id) one source.
    """
    bib = sources()
    if key is None:
        as_of = max(spec.as_of for spec in catalog_for().datasets.values())
        return (
            f"{BRIEFING_TITLE}. Version {_version()}, data as of {as_of:%-d %B %Y}. "
            f"Built on: {format_source(bib.loc[SEED_ID].rename(SEED_ID))}"
        )
    if key == "seed":
        key = SEED_ID
    catalog = catalog_for()
    if key in catalog.datasets:
        spec = catalog[key]
        ids = (
            sorted({sid for ids in load(key)["source_ids"] for sid in ids})
            if key != "sources"
            else []
        )
        noun = "source" if len(ids) == 1 else "sources"
        used = f" Compiled from {len(ids)} {noun} listed in its bibliography." if ids else ""
        return (
            f"“{spec.title}.” Dataset file {spec.file} in {BRIEFING_TITLE}, "
            f"version {_version()}, as of {spec.as_of:%-d %B %Y}.{used}"
        )
    if key in bib.index:
        return format_source(bib.loc[key].rename(key))
    raise KeyError(
        f"Nothing to cite under {key!r}: use no argument (the briefing), 'seed', a dataset "
        f"({', '.join(sorted(catalog.datasets))}) or a source id from sources.csv."
    )


@functools.lru_cache(maxsize=4)
def _formatted(stamp: tuple[float, ...]) -> dict[str, str]:
    """Every bibliography entry, formatted once per version of the data files."""
    bib = sources()
    return {sid: format_source(bib.loc[sid].rename(sid)) for sid in bib.index}


def bibliography(source_ids: list[str] | tuple[str, ...]) -> list[str]:
    """Formatted entries for these ids, in the order given, without repeats."""
    entries = _formatted(data_stamp())
    return [entries[sid] for sid in dict.fromkeys(source_ids)]
