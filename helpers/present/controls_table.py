"""The README's table of every explorer's controls, written from their declarations.

Why: the README used to describe each control's range and offline step in prose, a copy
that drifted from the code. This writes it from ``helpers.models.controls`` declarations
(through the explorer registry), and a unit test fails when the README's copy is stale.

    python -m helpers.present.controls_table            # print the table
    python -m helpers.present.controls_table --write    # rewrite it in README.md
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from helpers.explorers import REGISTRY, ExplorerSpec
from helpers.explorers.spec import Axis
from helpers.models.controls import Choice, Control, Grid, Number, StopRange, Subset

README = Path(__file__).resolve().parents[2] / "README.md"
START = "<!-- controls: written by `python -m helpers.present.controls_table --write` -->"
END = "<!-- /controls -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _live(control: Control, data: object) -> str:
    """What the live control offers, in words."""
    if isinstance(control, Number):
        return control.span() + ("" if control.kind == "number" else ", low–high")
    if isinstance(control, Choice | Subset):
        n = len(control.points(data))
        return f"{'one' if isinstance(control, Choice) else 'any'} of {n} options"
    if isinstance(control, StopRange):
        points = control.points(data)
        return f"{points[0][0]} to {points[-1][0]}, first–last"
    if isinstance(control, Grid):
        scale = "/".join(map(str, control.scale))
        return f"{len(control.rows(data))} rows × {len(control.columns)}, each {scale}"
    return "on or off"


def _offline(axis: Axis, control: Control, data: object, picks_rows: bool) -> str:
    """What the offline page offers on one axis of the sweep, in words."""
    named = "" if axis.label == control.label else f"{axis.label}: "
    points = axis.points(data)
    if axis.kind == "choice":
        rows = ", a row of charts each" if picks_rows else ""
        return f"{named}each of {len(points)} options{rows}"
    return f"{named}{points[0][0]} to {points[-1][0]}, steps of {axis.step}"


def _rows(spec: ExplorerSpec) -> Iterable[str]:
    data = spec.load()
    sweep = spec.swept
    axes = sweep.axes if sweep else ()
    for control in spec.controls:
        offline = "; ".join(
            _offline(a, control, data, picks_rows=len(axes) == 2 and a is axes[0])
            for a in axes
            if a.field == control.field
        )
        yield (
            f"| {spec.name} | {_cell(control.caption)} | {_cell(_live(control, data))} "
            f"| {_cell(offline) or 'live only'} |"
        )


def markdown() -> str:
    """The table, one row per control, explorers in registry order."""
    head = [
        "| explorer | control | live (JupyterLab, dashboard) | offline (precomputed) |",
        "|---|---|---|---|",
    ]
    return "\n".join([*head, *(row for spec in REGISTRY.values() for row in _rows(spec))])


def in_readme(text: str) -> str:
    """The README's current copy of the table (between its markers)."""
    start, end = text.index(START) + len(START), text.index(END)
    return text[start:end].strip()


def write(path: Path = README) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = text.index(START) + len(START), text.index(END)
    path.write_text(text[:start] + "\n" + markdown() + "\n" + text[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the table in README.md")
    if parser.parse_args().write:
        write()
    else:
        print(markdown())


if __name__ == "__main__":
    main()
