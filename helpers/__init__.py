"""Helpers for the interactive briefing on South Korea's NATO strategy.

Flow, one direction only: ``helpers.data`` (CSV + bibliography, validated on load) ->
``helpers.models`` (pure functions) -> ``helpers.charts`` (figures) -> ``helpers.explorers``
(widgets) -> the notebooks.
"""

from __future__ import annotations

from helpers.citation import bibliography, cite
from helpers.data import DataError, load, sources


def explore(name: str):
    """The interactive explorer ``name`` (e.g. ``"timeline"``), reset to the commentary's view."""
    from helpers.explorers import explore as _explore

    return _explore(name)


__all__ = ["DataError", "bibliography", "cite", "explore", "load", "sources"]
