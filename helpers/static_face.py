"""The static face of a widget: HTML a renderer without widgets shows.

Why: a stored notebook opened on a forge, on nbviewer, by ``jupyter nbconvert --to html``
without executing it, showed every table, claim check and explorer as a one-line
placeholder (``<Table: ...>``), because an ipywidget's output carries only the widget view
and its ``text/plain`` repr. :class:`StaticFace` adds ``text/html`` to the output: the
widget tree as it stands (HTML widgets as they are, the selected page of a ``Stack``, an
``Accordion``'s sections as ``<details>``, each control as its label and current value).
A front end with a widget manager and the widget's state (JupyterLab with a kernel, the
offline build) still prefers the live widget view; one without falls back to this HTML.

The HTML widgets' values were built by :mod:`helpers.markup` (escaped there), so they are
kept as they are; every label and value taken from a control is escaped here.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from helpers import markup

NOTE = markup.Markup(
    '<p class="static-face-note" style="font-size:90%"><i>Static view: the controls are '
    "shown at their set values. Run the notebook to change them.</i></p>"
)


def _control(w: widgets.Widget) -> markup.Markup:
    """A control as "label: value" (what a reader needs to read the chart it sets)."""
    label = getattr(w, "description", "") or ""
    if isinstance(w, widgets.Checkbox):
        return markup.html("<p>{} {}</p>", "☑" if w.value else "☐", label)
    if isinstance(w, widgets.Dropdown | widgets.ToggleButtons | widgets.RadioButtons):
        value: Any = w.label
    elif isinstance(w, widgets.SelectMultiple):
        value = ", ".join(str(v) for v in w.label)
    else:
        value = w.value
        if isinstance(value, tuple | list):
            value = "–".join(str(v) for v in value)
    return markup.html("<p>{} <b>{}</b></p>", label, value)


def static_html(w: widgets.Widget) -> markup.Markup:
    """The widget tree ``w`` as static HTML (see the module docstring)."""
    if getattr(getattr(w, "layout", None), "display", None) == "none":
        return markup.Markup("")  # hidden on screen: not part of the face either
    if isinstance(w, widgets.HTML | widgets.HTMLMath):
        return markup.Markup(w.value)  # built (escaped) by helpers.markup
    if isinstance(w, widgets.Label):
        return markup.html("<p>{}</p>", w.value)
    if isinstance(w, widgets.Stack):
        i = w.selected_index
        return static_html(w.children[i]) if i is not None and w.children else markup.Markup("")
    if isinstance(w, widgets.Accordion | widgets.Tab):
        return markup.join(
            markup.html("<details><summary>{}</summary>{}</details>", title, static_html(c))
            for title, c in zip(w.titles, w.children, strict=False)
        )
    if isinstance(w, widgets.Box):
        return markup.html("<div>{}</div>", markup.join(static_html(c) for c in w.children))
    if isinstance(w, widgets.Button | widgets.FileUpload | widgets.Textarea | widgets.Text):
        return markup.Markup("")  # actions and inputs: nothing to read without a kernel
    if isinstance(w, widgets.ValueWidget):
        return _control(w)
    return markup.Markup("")


class StaticFace:
    """Mixin for a widget: its output also carries ``text/html`` (its static face)."""

    static_note: bool = False  # say that the controls are frozen (explorers)

    def static_more(self) -> markup.Markup:
        """What the static face shows after the widget tree (nothing, unless overridden)."""
        return markup.Markup("")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        data = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        face = static_html(self) + self.static_more()  # type: ignore[arg-type]
        data["text/html"] = str(
            markup.html(
                '<div class="static-face {}">{}{}</div>',
                markup.NO_MATHS,
                NOTE if self.static_note else "",
                face,
            )
        )
        return data
