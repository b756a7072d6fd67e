"""The repository stands on its own: no code, test, note or notebook points a reader to an
issue tracker that is not in it (a numbered item there tells a new maintainer nothing). A test
or comment says what it checks and why, in its own words."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRACKER = re.compile(r"\b[Ii]ssues? #?\d+\b")
PLACES = ("helpers", "tests", "notebooks")
SUFFIXES = {".py", ".js", ".css", ".html", ".csv", ".toml", ".md", ".ipynb", ".cfg", ".txt"}


def _texts() -> list[Path]:
    files = [REPO / "README.md", REPO / "Makefile", REPO / "pyproject.toml"]
    for place in PLACES:
        files += [p for p in (REPO / place).rglob("*") if p.suffix in SUFFIXES and p.is_file()]
    return [p for p in files if ".ipynb_checkpoints" not in p.parts]


def references(path: Path, base: Path = REPO) -> list[str]:
    """Each line of ``path`` naming a numbered issue, as 'file:line: words'."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if match := TRACKER.search(line):
            found.append(f"{path.relative_to(base)}:{number}: {match[0]}")
    return found


def test_no_file_points_to_an_issue_tracker_outside_the_repository() -> None:
    found = [ref for path in _texts() for ref in references(path)]
    assert found == [], "\n".join(found)


def test_the_check_sees_a_reference(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    word = "iss" + "ue"  # spelt apart, or this file would be a finding
    probe.write_text(f"ok\n# see {word} 25 item 4\n{word}s 14-17\n", encoding="utf-8")
    assert references(probe, tmp_path) == [f"probe.py:2: {word} 25", f"probe.py:3: {word}s 14"]
