"""The briefing's data layer: curated CSV files with provenance, validated on load.

Every dataset is described in ``catalog.toml`` (what a row is, its unit, caveats,
"as of", the type of every column). ``load(name)`` reads the CSV, checks each cell
against the catalog and returns a pandas DataFrame with real dtypes. Anything wrong
raises one exception type, :class:`DataError`, whose message names the file, the row,
the column, what was expected and what was found -- so a person editing a CSV by hand
can fix it without reading a traceback.

Every dataset except the bibliography carries ``source_ids`` (resolving to
``sources.csv``) and ``status`` (VERIFIED / PARTLY / UNVERIFIED / DERIVED, as in the
research notes).
"""

from __future__ import annotations

from helpers.data.catalog import Catalog, ColumnSpec, DatasetSpec, load_catalog
from helpers.data.errors import DataError, Problem
from helpers.data.loader import DATA_DIR, catalog_for, dataset_names, load, sources

__all__ = [
    "DATA_DIR",
    "Catalog",
    "ColumnSpec",
    "DataError",
    "DatasetSpec",
    "Problem",
    "catalog_for",
    "dataset_names",
    "load",
    "load_catalog",
    "sources",
]
