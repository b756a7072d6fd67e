"""Controls that ipywidgets lacks, built from its parts."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
import traitlets


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
                widgets.HBox([widgets.Label(label, layout=widgets.Layout(width="380px")), *pair])
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
