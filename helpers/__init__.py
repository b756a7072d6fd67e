"""Helpers for the interactive briefing on South Korea's NATO strategy.

Flow, one direction only: ``helpers.data`` (CSV + bibliography, validated on load) ->
``helpers.models`` (pure functions) -> ``helpers.charts`` (figures) -> ``helpers.explorers``
(widgets) -> the notebooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from helpers.citation import bibliography, cite
from helpers.data import DataError, load, sources

if TYPE_CHECKING:
    from helpers.explorers.precomputed import PrecomputedView
    from helpers.explorers.view import ExplorerView


def explore(
    name: str, preset: str | None = None, scenario: str | Path | None = None
) -> ExplorerView | PrecomputedView:
    """The interactive explorer ``name`` (e.g. ``"timeline"``), at ``preset``, at a prepared
    ``scenario`` file, or at the commentary's view. Imported lazily: ``import helpers`` stays
    fast without widgets."""
    from helpers.explorers import explore as _explore

    return _explore(name, preset, scenario)


__all__ = ["DataError", "bibliography", "cite", "explore", "load", "sources"]
