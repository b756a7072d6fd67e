"""Shared fixtures: a private copy of the data folder that a test may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.data import DATA_DIR

REPO = Path(__file__).resolve().parents[1]

EXTRA_DATASET = '''
[counts]
file = "counts.csv"
title = "A numeric test dataset"
row = "one year"
unit = "events"
as_of = 2026-11-27
caveats = "made up for tests"
key = ["year"]

[counts.columns]
year = "int"
events = "int[0,]"
share_pct = "float[0,100]?"
source_ids = "sources"
status = "enum:VERIFIED|PARTLY|UNVERIFIED|DERIVED"
'''

COUNTS_CSV = """year,events,share_pct,source_ids,status
2022,31,12.5,un-sc14911,VERIFIED
2023,18,,un-sc14911;kim2023,DERIVED
"""


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline build (``make slides``), once per session, shared by the presenting
    tests and the room's tests."""
    from labdriver import CHROMIUM

    from helpers.present import build

    out = tmp_path_factory.mktemp("site")
    lines: list[str] = []
    build.build(out, pdf=CHROMIUM.exists(), log=lines.append)
    assert [line.split(":")[0] for line in lines if ".ipynb" in line] == [
        p.name for p in build.notebooks()
    ], "progress is printed per notebook"
    return out


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the real data plus a small numeric dataset, ``counts``."""
    target = tmp_path / "data"
    target.mkdir()
    for item in DATA_DIR.iterdir():
        if item.suffix in (".csv", ".toml"):
            shutil.copy(item, target / item.name)
    with (target / "catalog.toml").open("a", encoding="utf-8") as fh:
        fh.write(EXTRA_DATASET)
    (target / "counts.csv").write_text(COUNTS_CSV, encoding="utf-8")
    return target
