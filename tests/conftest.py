"""The test layers, and shared fixtures (the offline build once per run, a private copy of
the data folder that a test may break).

Every test is in one layer, marked so ``pytest -m LAYER`` runs it alone:

* ``unit``: no kernel, no build, no browser (``make unit``; its goal is under a minute);
* ``notebooks``: runs kernels (strict nbval over ``notebooks/``, re-runs, the live servers);
* ``site``: reads the offline build (``make slides``), made once per run by ``site``;
* ``browser``: drives Debian's Chromium.

A test is placed by what it uses: ``@pytest.mark.browser`` first, then its file's layer
where the file holds no unit test (``WHOLE_FILES``), then the ``site`` fixture, then a
notebook or ``@pytest.mark.notebooks``; everything else is ``unit``. ``pytest -m unit`` does
not even import the whole-file modules (their imports cost seconds per worker).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from helpers.data import DATA_DIR

# Property tests: a short run in every test run, the long one on demand
# (`make properties`, HYPOTHESIS_PROFILE=long).
settings.register_profile("quick", max_examples=40)  # every run: keeps make unit short
settings.register_profile("long", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

LAYERS = ("browser", "site", "notebooks")  # in order of precedence; the rest is "unit"
# Files whose every test is in one layer.
WHOLE_FILES = {
    "test_a11y_live.py": "browser",
    "test_axe.py": "browser",
    "test_browser.py": "browser",
    "test_room.py": "browser",
    "test_live.py": "notebooks",  # the live servers start kernels
    "test_live_hardening.py": "notebooks",
    "test_rerun.py": "notebooks",
    "test_room_process.py": "notebooks",  # the room server in its own process
}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under ``-m unit``, skip importing the files that hold no unit test."""
    if config.getoption("markexpr", "").strip() == "unit" and collection_path.name in WHOLE_FILES:
        return True
    return None


def _layer(item: pytest.Item) -> str:
    if item.get_closest_marker("browser"):
        return "browser"
    if item.path.name in WHOLE_FILES:
        return WHOLE_FILES[item.path.name]
    if "site" in getattr(item, "fixturenames", ()):
        return "site"
    if item.get_closest_marker("notebooks") or item.path.suffix == ".ipynb":
        return "notebooks"
    return "unit"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(_layer(item))


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
    """The offline build (``make slides``), once per test run, shared by every test of the
    ``site`` layer: with several xdist workers the first to ask builds it under a lock in
    the run's shared temporary folder, and the others wait and read the same files."""
    from labdriver import CHROMIUM

    from helpers.present import build

    base = tmp_path_factory.getbasetemp()  # under xdist, the run's folder is its parent
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out, done = shared / "site", shared / "site.built"
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            lines: list[str] = []
            build.build(out, pdf=CHROMIUM.exists(), log=lines.append)
            assert [line.split(":")[0] for line in lines if ".ipynb" in line] == [
                p.name for p in build.notebooks()
            ], "progress is printed per notebook"
            done.write_text("\n".join(lines), encoding="utf-8")
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
