"""Widgets that ipywidgets lacks, built from its parts (``live_controls`` picks them for a
declared control)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import traitlets

from helpers import markup

WIDE = {"description_width": "initial"}  # descriptions in full, not cut at 80px


class SelectionRange(widgets.VBox):
    """A range over named stops (months): a two-handle slider, and beside it a "from" and a
    "to" list over the same stops, declared once. ``value`` is the (first, last) pair.

    Why the lists: a selection slider's readout cannot be typed into, so without them the
    range could only be dragged or stepped with the arrows (WCAG 2.5.7 asks for a
    single-pointer alternative to dragging); a list is one click, or a typed first letter.
    """

    value = traitlets.Tuple()

    def __init__(self, options: Sequence[tuple[str, Any]], description: str, width: str):
        self.description = description
        self._syncing = False
        self._ready = False  # the empty default is allowed until the stops exist
        self.slider = widgets.SelectionRangeSlider(
            options=list(options),
            description=description,
            style=WIDE,
            layout=widgets.Layout(width=width),
            continuous_update=False,
        )
        self.first, self.last = (
            widgets.Dropdown(
                options=list(options), description=label, layout=widgets.Layout(width="auto")
            )
            for label in ("From:", "to:")
        )
        self.first.add_class("range-first")
        self.last.add_class("range-last")
        self.slider.observe(lambda c: self._from_part(c["new"]), names="value")
        self.first.observe(
            lambda c: self._from_part((c["new"], max(c["new"], self.last.value))), names="value"
        )
        self.last.observe(
            lambda c: self._from_part((min(self.first.value, c["new"]), c["new"])), names="value"
        )
        super().__init__([self.slider, widgets.HBox([self.first, self.last])])
        self._ready = True
        self.value = (options[0][1], options[-1][1])  # the whole range

    @property
    def options(self) -> tuple:
        return self.slider.options

    def _from_part(self, pair: tuple) -> None:
        if not self._syncing:
            self.value = tuple(pair)

    @traitlets.validate("value")
    def _valid(self, proposal: dict) -> tuple:
        pair = tuple(proposal["value"])
        if not self._ready:
            return pair
        stops = [v for _, v in self.slider.options]
        if len(pair) != 2 or any(v not in stops for v in pair) or pair[0] > pair[1]:
            raise traitlets.TraitError(f"not a range over the slider's stops: {pair!r}")
        return pair

    @traitlets.observe("value")
    def _to_parts(self, change: dict) -> None:
        if not self._ready:
            return
        self._syncing = True  # one change of value, not one per part
        try:
            self.slider.value = change["new"]
            self.first.value, self.last.value = change["new"]
        finally:
            self._syncing = False


class CheckboxGroup(widgets.VBox):
    """A set of checkboxes with one ``value``: the tuple of ticked keys, in option order.

    Easier for a newcomer than a multi-select list (no Ctrl-click), and each box is a real
    labelled checkbox for screen readers.
    """

    value = traitlets.Tuple()

    def __init__(self, options: Sequence[tuple[str, str]], description: str = ""):
        self.description = description
        self._syncing = False
        self._keys = [key for _, key in options]
        self.boxes = [
            widgets.Checkbox(
                value=True,
                description=label,
                indent=False,
                layout=widgets.Layout(width="auto", margin="0 1em 0 0"),
            )
            for label, _ in options
        ]
        for key, box in zip(self._keys, self.boxes, strict=True):
            box.add_class(f"option-{key}")
            box.observe(self._from_boxes, names="value")
        heading = widgets.Label(description)
        super().__init__(
            [heading, widgets.HBox(self.boxes, layout=widgets.Layout(flex_flow="row wrap"))]
        )
        self.value = tuple(self._keys)

    def _from_boxes(self, _change: dict) -> None:
        if not self._syncing:  # a box ticked by the reader, not by _to_boxes
            self.value = tuple(k for k, b in zip(self._keys, self.boxes, strict=True) if b.value)

    @traitlets.observe("value")
    def _to_boxes(self, change: dict) -> None:
        unknown = set(change["new"]) - set(self._keys)
        if unknown:
            raise traitlets.TraitError(f"unknown options {sorted(unknown)}")
        self._syncing = True  # one change of value, not one per box
        try:
            for key, box in zip(self._keys, self.boxes, strict=True):
                box.value = key in change["new"]
        finally:
            self._syncing = False


class RatingTable(widgets.VBox):
    """One row per item, each with a likelihood and an impact slider; ``value`` is the tuple
    of (likelihood, impact) pairs in row order."""

    value = traitlets.Tuple()

    def __init__(self, labels: Sequence[str], description: str = "", low: int = 1, high: int = 5):
        self.description = description
        self._syncing = False
        self.rows = []
        widgets_rows = []
        for i, label in enumerate(labels):
            pair = (
                widgets.IntSlider(
                    min=low,
                    max=high,
                    description="Likelihood",
                    layout=widgets.Layout(width="260px"),
                ),
                widgets.IntSlider(
                    min=low, max=high, description="Impact", layout=widgets.Layout(width="240px")
                ),
            )
            for s in pair:
                s.add_class(f"row-{i}")
                s.observe(self._from_sliders, names="value")
            self.rows.append(pair)
            widgets_rows.append(
                widgets.HBox([widgets.Label(label, layout=widgets.Layout(width="440px")), *pair])
            )
        super().__init__([widgets.Label(description), *widgets_rows])
        self.value = tuple((p[0].value, p[1].value) for p in self.rows)

    def _from_sliders(self, _change: dict) -> None:
        if not self._syncing:
            self.value = tuple((p[0].value, p[1].value) for p in self.rows)

    @traitlets.observe("value")
    def _to_sliders(self, change: dict) -> None:
        if len(change["new"]) != len(self.rows):
            raise traitlets.TraitError(f"expected {len(self.rows)} pairs")
        self._syncing = True
        try:
            for (likelihood, impact), (a, b) in zip(change["new"], self.rows, strict=True):
                a.value, b.value = likelihood, impact
        finally:
            self._syncing = False


class RatingMatrix(widgets.VBox):
    """A grid of dropdowns, one row per item and one column per hypothesis; ``value`` is the
    tuple of rows, each a tuple of ratings."""

    value = traitlets.Tuple()

    def __init__(
        self,
        rows: Sequence[str],
        columns: Sequence[str],
        scale: Sequence[str],
        description: str = "",
    ):
        self.description = description
        self.scale = tuple(scale)
        self._syncing = False
        self.cells: list[list[widgets.Dropdown]] = []
        lines = [
            widgets.HBox(
                [
                    widgets.Label("", layout=widgets.Layout(width="360px")),
                    *[widgets.Label(c, layout=widgets.Layout(width="70px")) for c in columns],
                ]
            )
        ]
        for i, label in enumerate(rows):
            cells = [
                widgets.Dropdown(
                    options=self.scale,
                    layout=widgets.Layout(width="70px"),
                    description="",
                    tooltip=f"{label}: {c}",
                )
                for c in columns
            ]
            for j, cell in enumerate(cells):
                cell.add_class(f"cell-{i}-{j}")
                cell.observe(self._from_cells, names="value")
            self.cells.append(cells)
            lines.append(
                widgets.HBox(
                    [
                        # An HTML label wraps at word boundaries; a Label would clip its
                        # text mid-word with an ellipsis.
                        widgets.HTML(
                            markup.html('<span style="line-height:1.2">{}</span>', label),
                            layout=widgets.Layout(width="360px"),
                        ),
                        *cells,
                    ]
                )
            )
        super().__init__([widgets.Label(description), *lines])
        self.value = tuple(tuple(c.value for c in row) for row in self.cells)

    def _from_cells(self, _change: dict) -> None:
        if not self._syncing:
            self.value = tuple(tuple(c.value for c in row) for row in self.cells)

    @traitlets.observe("value")
    def _to_cells(self, change: dict) -> None:
        new = change["new"]
        if len(new) != len(self.cells) or any(
            len(r) != len(c) for r, c in zip(new, self.cells, strict=False)
        ):
            raise traitlets.TraitError("the ratings do not match the grid's shape")
        self._syncing = True
        try:
            for row, cells in zip(new, self.cells, strict=True):
                for rating, cell in zip(row, cells, strict=True):
                    cell.value = rating
        finally:
            self._syncing = False
