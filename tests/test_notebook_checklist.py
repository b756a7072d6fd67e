"""The Notebooks for All authoring checklist, over the markdown cells of every notebook.

A reader with a screen reader moves by headings and links, and one who is new to the field
meets every abbreviation cold. So each notebook has exactly one H1 and no skipped heading
level; link text says where it goes (never "here", "link", "this" or a bare address);
every image has alt text; a dollar is written ``<span>&#36;</span>`` (JupyterLab typesets the
text between two dollars as mathematics: "a $12.4 billion deal ... a record $17.3 billion"
came out as one italic formula without spaces, wider than the cell, and ``\\$`` does not
stop it there, jupyterlab/jupyterlab#8645; the span keeps each dollar apart from the
typesetter, and nbconvert and Voila render it as a plain "$"); every abbreviation in capitals is
expanded where running text first uses it (a short title may use it before: headings are
skipped when finding that first use).
Expanded means written as "expansion (ABBR)" or "ABBR (expansion)". No browser: the .ipynb
files are read as they are stored.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))

# Capitalised words that are not abbreviations: the data's status labels, printed as words.
STATUS_WORDS = frozenset({"VERIFIED", "PARTLY", "UNVERIFIED", "DERIVED", "JUDGMENT"})
# Proper names that are abbreviations nobody expands (a company's registered name).
NAMES = frozenset({"TRM"})  # TRM Labs
VAGUE_LINK_TEXT = frozenset(
    {"here", "click here", "link", "this link", "this", "more", "read more", "this page"}
)
# Two or more capitals (digits may follow, as in AP4); not a model designation like FA-50.
ABBREVIATION = re.compile(r"(?<![\w-])([A-Z][A-Z]+[0-9]*)(?:s|'s)?(?![\w-])")
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def _markdown(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _prose(text: str) -> str:
    """The markdown without what is not prose: fenced and inline code, HTML comments and
    link targets (an address is not text the reader reads as words)."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def _headings(text: str) -> list[tuple[int, str]]:
    found = [
        (len(m[1]), m[2].strip())
        for line in _prose(text).splitlines()
        if (m := HEADING.match(line.strip()))
    ]
    found += [(int(level), t) for level, t in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", text)]
    return found


def heading_problems(text: str) -> list[str]:
    levels = [level for level, _ in _headings(text)]
    problems = []
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} H1 headings, not one")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"heading level skipped: H{before} then H{after}")
    return problems


def link_problems(text: str) -> list[str]:
    problems = []
    for label, target in re.findall(r"(?<!!)\[([^\]]*)\]\(([^)]*)\)", text):
        words = label.strip().strip("*_").lower()
        if not words or words in VAGUE_LINK_TEXT or re.match(r"https?://|www\.", words):
            problems.append(f"link text {label!r} for {target} does not say where it goes")
    for label in re.findall(r"<a\b[^>]*>(.*?)</a>", text, flags=re.S):
        if label.strip().lower() in VAGUE_LINK_TEXT or re.match(r"https?://", label.strip()):
            problems.append(f"link text {label!r} does not say where it goes")
    unlinked = _prose(re.sub(r"\[[^\]]*\]\([^)]*\)", " ", text))
    bare = re.findall(r"<https?://[^>]+>|(?<![(\"'=])\bhttps?://\S+", unlinked)
    problems += [f"bare address as text: {u}" for u in bare]
    return problems


def image_problems(text: str) -> list[str]:
    problems = [f"image without alt text: {t}" for a, t in re.findall(r"!\[([^\]]*)\]\(([^)]*)\)",
                                                                      text) if not a.strip()]
    for tag in re.findall(r"<img\b[^>]*>", text):
        alt = re.search(r"\balt\s*=\s*([\"'])(.*?)\1", tag)
        if not alt or not alt[2].strip():
            problems.append(f"image without alt text: {tag[:60]}")
    return problems


def dollar_problems(text: str) -> list[str]:
    """A ``$`` in prose, escaped or not: JupyterLab reads the text up to the next one as
    mathematics (see the module docstring for the dollar it cannot)."""
    prose = _prose(text)
    return [
        f"$ in prose (write <span>&#36;</span>): …{prose[max(0, m.start() - 30): m.end() + 30]}…"
        .replace("\n", " ")
        for m in re.finditer(r"\$", prose)
    ]


def _expanded(prose: str, start: int, end: int) -> bool:
    """Is the abbreviation at prose[start:end] written as "expansion (ABBR ...)" or as
    "ABBR (expansion)"?"""
    before, after = prose[:start], prose[end:]
    in_brackets = re.search(r"\w[\w'’.,-]*\s+\($", before) and re.match(r"[),:;]", after)
    spelled_after = re.match(r"(?:s|'s)?\s+\((?!\s*\d)[^)]*[a-z][^)]*\)", after)
    return bool(in_brackets or spelled_after)


def abbreviation_problems(text: str) -> list[str]:
    """Every abbreviation in capitals expanded at its first use in running text."""
    body = "\n".join(
        line for line in _prose(text).splitlines() if not HEADING.match(line.strip())
    )
    seen: set[str] = set()
    problems = []
    for m in ABBREVIATION.finditer(body):
        word = m[1]
        if word in seen or word in STATUS_WORDS or word in NAMES:
            continue
        seen.add(word)
        if not _expanded(body, m.start(1), m.end(1)):
            context = body[max(0, m.start() - 40): m.end() + 40].replace("\n", " ")
            problems.append(f"{word} not expanded at first use: …{context}…")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_notebooks_for_all_checklist(path: Path) -> None:
    text = _markdown(path)
    problems = (
        heading_problems(text) + link_problems(text) + image_problems(text)
        + dollar_problems(text) + abbreviation_problems(text)
    )
    assert problems == [], "\n".join(problems)


def test_the_checks_catch_what_they_are_for() -> None:
    """Each check fails on the mistake it names (so a green run means something)."""
    assert heading_problems("# A\n\n### C") == ["heading level skipped: H1 then H3"]
    assert heading_problems("# A\n\n# B") == ["2 H1 headings, not one"]
    assert heading_problems("# A\n\n## B\n\n### C\n\n## D") == []
    assert len(link_problems("see [here](x.ipynb) and [https://a.org](https://a.org)")) == 2
    assert link_problems("the [overview notebook](00-overview.ipynb)") == []
    assert link_problems("at https://example.org today") != []
    assert image_problems("![](chart.png) <img src='a.png'>") != []
    assert image_problems("![A bar chart of shares](chart.png)") == []
    assert abbreviation_problems("The ITPP was adopted.") != []
    assert abbreviation_problems("The Tailored Programme (ITPP) was adopted; the ITPP ...") == []
    assert abbreviation_problems("SIPRI (the Stockholm institute) counts; SIPRI says.") == []
    assert abbreviation_problems("# NATO\n\nThe North Atlantic alliance (NATO).") == []
    assert abbreviation_problems("Rows marked UNVERIFIED; a FA-50 jet; `CSV` code.") == []
    assert len(dollar_problems("a $12.4 billion deal, a record $17.3 billion")) == 2
    assert len(dollar_problems(r"a \$12.4 billion deal")) == 1, "JupyterLab ignores the \\"
    assert dollar_problems("a <span>&#36;</span>12.4 billion deal, `$x` in code") == []
    assert abbreviation_problems("in US dollars (2022)") != [], "a year is no expansion"


SPEAKER_NOTES = "> **Speaker notes**"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_speaker_note_is_labelled_for_a_reader(path: Path) -> None:
    """Read without a deck (JupyterLab, nbviewer, a forge), a speaker note ("Flag the detail
    on the slide") must not pass for the briefing's text: each is a quotation that opens
    with its label."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    notes = [
        "".join(c["source"])
        for c in cells
        if c["metadata"].get("slideshow", {}).get("slide_type") == "notes"
    ]
    assert notes, f"{path.name}: no speaker notes"
    unlabelled = [n[:60] for n in notes if not n.startswith(SPEAKER_NOTES)]
    assert unlabelled == []
    # Set apart: every line of the note is inside the quotation.
    assert [n[:60] for n in notes if any(not line.startswith(">") for line in n.split("\n"))] == []
