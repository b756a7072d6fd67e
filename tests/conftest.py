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

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
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
    """Mark each test's layer; then order the files so that two workers stay busy: first
    those that run kernels or browsers without the offline build (the longest; the build
    runs meanwhile), then those that read the build, then the unit files (short, they fill
    the end). xdist hands out files in this order; a file's tests stay together."""
    for item in items:
        item.add_marker(_layer(item))
    kinds: dict[Path, set[str]] = {}
    for item in items:
        kinds.setdefault(item.path, set()).add(
            "site" if "site" in getattr(item, "fixturenames", ()) else _layer(item)
        )
    files = {path: 1 if "site" in k else 2 if k == {"unit"} else 0 for path, k in kinds.items()}
    order = {path: (rank, i) for i, (path, rank) in enumerate(files.items())}
    items.sort(key=lambda item: order[item.path])


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


# The build in a process of its own (its progress lines go to site.built once it succeeds).
BUILD_SCRIPT = """import sys
from pathlib import Path
from helpers.present import build
shared, pdf = Path(sys.argv[1]), sys.argv[2] == "pdf"
lines = []
build.build(shared / "site", pdf=pdf, log=lines.append)
(shared / "site.built").write_text("\\n".join(lines), encoding="utf-8")
"""


def _shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's folder, shared by every xdist worker (a worker's own is one level down)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def _pinned_javascript(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``npm ci`` of the pinned JavaScript (axe-core, reveal, the widget manager), once per
    run and before any test that opens a page, starts a live server or builds: one worker
    installs, the other waits on the lock. The build did it, and the browser tests relied on
    it running first; on a fresh clone, with the build in the background, ``npm ci`` was
    still replacing ``node_modules`` while the first pages opened (axe missing, live pages
    without their scripts)."""
    if all(_layer(item) == "unit" for item in request.session.items):
        return
    from helpers.present import assets

    with (_shared(tmp_path_factory) / "assets.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # Without npm, the tests that need the files say what is missing, as before.
        with contextlib.suppress(assets.AssetError):
            assets.install()


@pytest.fixture(scope="session", autouse=True)
def _site_build_started_early(
    _pinned_javascript: None,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """When any selected test reads the offline build, start it at once, in the background,
    so that the workers run other tests meanwhile (the files that read it are scheduled
    after those that do not: ``pytest_collection_modifyitems``). Before, the first two
    tests of a run were both ``site`` tests: one worker built for 45-70 s and the other
    waited on the lock. The first worker here starts it; the lock is handed to the build's
    process, so ``site`` waits exactly until it ends."""
    if not any("site" in getattr(item, "fixturenames", ()) for item in request.session.items):
        yield
        return
    from labdriver import CHROMIUM

    shared = _shared(tmp_path_factory)
    builder = None
    with (shared / "site.lock").open("a") as lock:
        try:  # never wait here: a held lock means the build is under way
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            first = not (shared / "site.started").exists() and not (shared / "site.built").exists()
        except BlockingIOError:
            first = False
        if first:
            (shared / "site.started").touch()
            pdf = "pdf" if CHROMIUM.exists() else ""
            with (shared / "site.log").open("w") as log:
                builder = subprocess.Popen(  # the lock passes to it, held until it exits
                    [sys.executable, "-c", BUILD_SCRIPT, str(shared), pdf],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=(lock.fileno(),),
                )
    yield
    if builder is not None:
        builder.wait()  # done by now unless no test read it (then it finishes first)


@pytest.fixture(scope="module", autouse=True)
def _one_chromium_per_module() -> Iterator[None]:
    """The pages a test module opens share one Chromium (``labdriver.shared_browser``),
    closed here at the module's end: Playwright's synchronous API holds an asyncio loop
    open in the thread, and a later module's ``asyncio.run`` fails inside it."""
    yield
    if "labdriver" in sys.modules:
        sys.modules["labdriver"].close_shared_browser()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline build (``make slides``), once per test run, shared by every test of the
    ``site`` layer: built in the background from the run's start (above), or here, under
    the lock in the run's shared folder, when nothing started it."""
    from labdriver import CHROMIUM

    from helpers.present import build

    shared = _shared(tmp_path_factory)
    out, done, started = shared / "site", shared / "site.built", shared / "site.started"
    with (shared / "site.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists() and started.exists():
            log = (shared / "site.log").read_text(encoding="utf-8", errors="replace")
            pytest.fail(f"the offline build failed; its last lines:\n{log[-3000:]}")
        if not done.exists():
            from labdriver import close_shared_browser

            close_shared_browser()  # the PDF starts Playwright, which cannot run inside another
            lines: list[str] = []
            build.build(out, pdf=CHROMIUM.exists(), log=lines.append)
            done.write_text("\n".join(lines), encoding="utf-8")
    lines = done.read_text(encoding="utf-8").splitlines()
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
