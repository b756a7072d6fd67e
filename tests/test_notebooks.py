"""The notebooks as stored: the house skeleton, clean metadata, executed outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SECTIONS = (
    "## The question",
    "## What you will see",
    "## Judgment",
    "## Discussion questions",
    "## Sources",
)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_skeleton(path: Path) -> None:
    markdown = "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")
    assert len(re.findall(r"^# ", markdown, flags=re.M)) == 1, "exactly one H1"
    positions = [markdown.find(s) for s in SECTIONS]
    assert all(p >= 0 for p in positions), f"missing sections: {SECTIONS}"
    assert positions == sorted(positions), "sections out of order"
    assert "judgment" in markdown.lower()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_stored_clean_and_executed(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert set(nb["metadata"]) <= {"kernelspec", "language_info"}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        assert cell["execution_count"] is not None, "run `make notebooks`"
        assert set(cell["metadata"]) <= {"slideshow", "tags"}
        for out in cell["outputs"]:
            assert out["output_type"] != "error"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr")
        code = _source(cell)
        if "plt.subplots" in code:
            assert code.rstrip().endswith("plt.show()"), "plot cells end with plt.show()"
        lines = [line for line in code.splitlines() if line.strip()]
        assert len(lines) <= 8, "long cells belong in helpers"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_speaker_notes_and_discussion_questions(path: Path) -> None:
    cells = _cells(path)
    kinds = [c["metadata"].get("slideshow", {}).get("slide_type") for c in cells]
    notes = [c for c, kind in zip(cells, kinds, strict=True) if kind == "notes"]
    assert notes, "at least one speaker-notes cell (slide_type 'notes')"
    for cell in notes:
        assert cell["cell_type"] == "markdown", "notes cells hold no code"
        # Each line of a note is quoted ("> - ..."): set apart from the briefing's text.
        lines = [line.removeprefix(">").strip() for line in _source(cell).splitlines()]
        bullets = [line for line in lines if line.startswith("- ")]
        assert 2 <= len(bullets) <= 5, "2-5 talking points per note"
    questions = [
        (c, kind)
        for c, kind in zip(cells, kinds, strict=True)
        if c["cell_type"] == "markdown" and _source(c).startswith("## Discussion questions")
    ]
    assert len(questions) == 1, "one discussion-questions section"
    cell, kind = questions[0]
    assert kind == "slide", "the discussion questions are their own slide"
    asked = re.findall(r"^\d+\. .+\?", _source(cell), flags=re.M)
    assert 3 <= len(asked) <= 5, "3-5 questions"


def test_every_notebook_is_linked_from_the_overview() -> None:
    overview = "\n".join(_source(c) for c in _cells(NOTEBOOKS[0]))
    for path in NOTEBOOKS[1:]:
        assert f"]({path.name})" in overview, f"the overview does not link {path.name}"


def _notes(path: Path) -> str:
    return "\n".join(
        _source(c)
        for c in _cells(path)
        if c["metadata"].get("slideshow", {}).get("slide_type") == "notes"
    )


def test_speaker_notes_cite_real_ids() -> None:
    """A presenter reads the notes aloud: every `id` in them must be a source, a dataset, a
    row key or a column. (Every figure in them is checked as a whole number, with its unit,
    against the data in tests/test_figures.py; the substring check that stood here could not
    fail for a figure under 100.)"""
    import helpers

    root = Path(helpers.__file__).parent / "data"
    known = set(helpers.sources().index)
    for csv in root.glob("*.csv"):
        frame = helpers.load(csv.stem)
        known |= {csv.stem, *frame.columns, *map(str, frame.index)}
        if frame.columns.size:
            known |= set(map(str, frame.iloc[:, 0]))
    unknown = []
    for path in NOTEBOOKS:
        notes = _notes(path)
        unknown += [(path.name, t) for t in re.findall(r"`([^`]+)`", notes) if t not in known]
    assert unknown == []


def _title(path: Path) -> str:
    markdown = "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")
    return re.search(r"^# (.+)$", markdown, flags=re.M)[1].strip()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_notebook_ends_with_links_to_the_previous_and_the_next(path: Path) -> None:
    """A reader who finishes one notebook is offered the neighbours, by their titles."""
    last = [c for c in _cells(path) if c["cell_type"] == "markdown"][-1]
    text = _source(last)
    at = NOTEBOOKS.index(path)
    neighbours = NOTEBOOKS[max(at - 1, 0) : at] + NOTEBOOKS[at + 1 : at + 2]
    for neighbour in neighbours:
        assert f"[{_title(neighbour)}]({neighbour.name})" in text, neighbour.name
    assert last["metadata"].get("slideshow", {}).get("slide_type") == "skip", "not a slide"
