"""Every explorer in the briefing, by name: tests, benchmark and builds read this registry."""

from __future__ import annotations

from pathlib import Path

from helpers.explorers.ach import SPEC as ACH
from helpers.explorers.backlash import SPEC as BACKLASH
from helpers.explorers.forecasts import SPEC as FORECASTS
from helpers.explorers.money import SPEC as MONEY
from helpers.explorers.precomputed import PrecomputedView, static_mode
from helpers.explorers.race import SPEC as RACE
from helpers.explorers.session import ExplorerSession
from helpers.explorers.spec import ExplorerSpec
from helpers.explorers.timeline import SPEC as TIMELINE
from helpers.explorers.unsc import SPEC as UNSC
from helpers.explorers.view import ExplorerView

REGISTRY: dict[str, ExplorerSpec] = {
    spec.name: spec for spec in (TIMELINE, UNSC, MONEY, RACE, BACKLASH, ACH, FORECASTS)
}


def explore(
    name: str, preset: str | None = None, scenario: str | Path | None = None
) -> ExplorerView | PrecomputedView:
    """The widget for explorer ``name``, set to ``preset`` (default: the first, the
    commentary's view; Reset always returns there) or to a prepared ``scenario`` (a file
    saved by the explorer, or its one-line form).

    In a static build's kernel (``BRIEFING_STATIC=1``) it returns the precomputed view:
    every preset's chart, switchable in the page without a kernel."""
    if name not in REGISTRY:
        raise KeyError(f"no explorer {name!r}; explorers: {sorted(REGISTRY)}")
    session = ExplorerSession(REGISTRY[name])
    if preset is not None:
        session.apply_preset(preset)
    if scenario is not None:
        session.load_scenario(scenario)
    if static_mode():
        return PrecomputedView(session, start=session.preset)
    return ExplorerView(session)


__all__ = [
    "REGISTRY",
    "ExplorerSession",
    "ExplorerSpec",
    "ExplorerView",
    "PrecomputedView",
    "explore",
]
