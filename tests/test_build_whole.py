"""``make slides`` builds the site whole or not at all. Each test runs the
build as ``make slides`` does (``python -m helpers.present.build``), on a folder of small
notebooks, over a last good site, and checks that site afterwards: a real Ctrl-C (SIGINT to
the build process), a notebook failing after others were exported, a disk that fills, an
output folder that cannot be written."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from helpers.present import build

pytestmark = pytest.mark.notebooks  # real kernels

LAST_GOOD = "<!DOCTYPE html><title>the last good site</title>"


def notebooks(folder: Path, *sources: str) -> Path:
    """A folder of numbered one-cell notebooks, one per source."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, source in enumerate(sources):
        title = nbformat.v4.new_markdown_cell(f"# Notebook {n}")
        nb = nbformat.v4.new_notebook(cells=[title, nbformat.v4.new_code_cell(source)])
        nb.metadata["kernelspec"] = dict(name="python3", display_name="Python 3", language="python")
        nbformat.write(nb, folder / f"{n:02d}-nb.ipynb")
    return folder


def last_good_site(out: Path) -> dict[str, str]:
    """A site as a previous build left it; returns its files and their text."""
    (out / "pages").mkdir(parents=True)
    files = {"index.html": LAST_GOOD, "pages/00-nb.html": "old page", "handout.html": "old"}
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    return files


def site_files(out: Path) -> dict[str, str]:
    """Every file of the site and its contents (text, or a digest of the bytes)."""
    found = {}
    for p in sorted(out.rglob("*")):
        if p.is_file():
            raw = p.read_bytes()
            found[str(p.relative_to(out))] = (
                raw.decode()
                if p.suffix == ".html" and len(raw) < 100
                else hashlib.sha1(raw).hexdigest()
            )
    return found


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]


def make_slides(out: Path, root: Path, **kwargs) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    return subprocess.Popen(
        [sys.executable, "-m", "helpers.present.build", "--out", str(out), "--no-pdf",
         "--notebooks", str(root)],
        env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs,
    )  # fmt: skip


def children(pid: int) -> list[int]:
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(p) for p in found.stdout.split()]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def test_ctrl_c_stops_the_build_within_seconds_and_leaves_the_last_good_site(
    tmp_path: Path,
) -> None:
    """Before: Ctrl-C took 75 s (every notebook ran to its end, their kernels do not see
    the terminal's Ctrl-C) and left one deck rewritten."""
    out = tmp_path / "site"
    before = last_good_site(out)
    root = notebooks(tmp_path / "nbs", "print('quick')", *["import time; time.sleep(300)"] * 3)
    # As in a terminal: a test runner's worker may ignore SIGINT, and a child inherits that.
    proc = make_slides(out, root, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        for line in proc.stdout:  # the quick notebook's deck is written: the slow ones run
            if line.startswith("00-nb.ipynb"):
                break
        kernels = children(proc.pid)
        assert kernels, "the build's kernels are its children"
        proc.send_signal(signal.SIGINT)
        t0 = time.monotonic()
        _, err = proc.communicate(timeout=60)
        took = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert took < 10, f"Ctrl-C took {took:.1f} s"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "stopped (Ctrl-C)" in lines[0], err
    assert "untouched" in lines[0] and "Traceback" not in err
    assert proc.returncode != 0
    assert site_files(out) == before
    assert leftovers(out) == []
    time.sleep(1)
    assert not [k for k in kernels if alive(k)], "the kernels were stopped"


def test_a_notebook_failing_late_leaves_the_last_good_site_whole(tmp_path: Path) -> None:
    """Before: a data error in a late notebook left index.html, the handout and the later
    notebooks' files from the previous build beside this build's first decks, unmarked."""
    out = tmp_path / "site"
    good = notebooks(tmp_path / "good", "print('one')", "print('two')")
    proc = make_slides(out, good)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    built = site_files(out)
    assert {"index.html", "decks/00-nb.slides.html", "pages/01-nb.html"} <= set(built)
    bad = notebooks(
        tmp_path / "bad",
        "print('one')",
        "print('two')",
        "import helpers\nhelpers.load('timeline', '/nonexistent-data')",
    )
    proc = make_slides(out, bad)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("make slides failed: 02-nb.ipynb, cell 2"), err
    assert "the last good site" in lines[0] and "untouched" in lines[0]
    assert site_files(out) == built, "not one file of the failed build in the site"
    assert leftovers(out) == []


def test_a_full_disk_is_one_line_and_the_last_good_site_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """Before: a page cut at half its size in the site and a raw OSError traceback."""
    out = tmp_path / "site"
    before = last_good_site(out)
    real = build._write

    def disk_fills(path: Path, text: str) -> None:
        if path.name == "handout.html":
            path.write_text(text[: len(text) // 2], encoding="utf-8")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, text)

    monkeypatch.setattr(build, "_write", disk_fills)
    root = notebooks(tmp_path / "nbs", "print('one')")
    assert build.main(["--out", str(out), "--no-pdf", "--notebooks", str(root)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "No space left on device" in err[0] and "handout.html" in err[0]
    assert "untouched" in err[0]
    assert site_files(out) == before and leftovers(out) == []


def test_an_output_folder_that_cannot_be_written_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Before: a traceback. (The tests run as root, whom a read-only mode does not stop: the
    folder's parent here is a file, which stops everyone.)"""
    blocker = tmp_path / "build"
    blocker.write_text("a file where the build folder should be", encoding="utf-8")
    root = notebooks(tmp_path / "nbs", "print('one')")
    out = blocker / "site"
    assert build.main(["--out", str(out), "--no-pdf", "--notebooks", str(root)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("make slides failed: cannot write"), err
    assert "Traceback" not in err[0]


def test_a_date_pandas_cannot_hold_stops_make_slides_in_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Before: a 30-line OutOfBoundsDatetime traceback, no file named."""
    import shutil

    from helpers.data import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    timeline = data / "timeline.csv"
    timeline.write_text(
        timeline.read_text(encoding="utf-8").replace("2022-03-23", "1027-12-31", 1),
        encoding="utf-8",
    )
    root = notebooks(tmp_path / "nbs", f"import helpers\nhelpers.load('timeline', {str(data)!r})")
    assert build.main(["--out", str(tmp_path / "site"), "--no-pdf", "--notebooks", str(root)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "timeline.csv" in err[0] and "'1027-12-31'" in err[0] and "1900-01-01" in err[0]
    assert "Traceback" not in err[0] and "OutOfBounds" not in err[0]
