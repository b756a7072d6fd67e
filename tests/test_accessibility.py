"""Accessibility checks that need no browser: colour-vision deficiencies, alt text, names.

(The rendered DOM is checked in the browser tests.)
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from helpers.charts.style import PALETTE
from helpers.explorers import REGISTRY, ExplorerSession, explore

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}
MIN_DELTA_E = 8.0  # CIE76 distance at which two chart colours stay distinguishable


def _linear(hex_colour: str) -> np.ndarray:
    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                  [0.0193, 0.1192, 0.9505]])
    xyz = m @ np.clip(linear, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("vision", ["normal", *CVD])
def test_palette_categories_stay_distinguishable(vision: str) -> None:
    colours = [_linear(c) for c in PALETTE]
    if vision != "normal":
        colours = [np.array(CVD[vision]) @ c for c in colours]
    labs = [_lab(c) for c in colours]
    for (i, a), (j, b) in itertools.combinations(enumerate(labs), 2):
        distance = float(np.linalg.norm(a - b))
        assert distance >= MIN_DELTA_E, f"{PALETTE[i]}/{PALETTE[j]}, {vision}: {distance:.1f}"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_preset_has_meaningful_alt_text(name: str) -> None:
    session = ExplorerSession(REGISTRY[name])
    for preset in REGISTRY[name].presets:
        session.apply_preset(preset)
        alt = session.alt_text
        assert len(alt.split()) >= 15 and session.chart.headline(session.result) in alt


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_control_is_named(name: str) -> None:
    view = explore(name)
    for field, widget in view.controls.items():
        label = getattr(widget, "description", "")
        assert label and label.strip() not in ("", field), f"{name}.{field} has no name"


def test_requirements_pin_every_package_exactly() -> None:
    lines = [line.strip() for line in
             (Path(__file__).resolve().parents[1] / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[-1] == "-e ."
    unpinned = [line for line in lines[:-1] if "==" not in line]
    assert not unpinned, f"not pinned exactly: {unpinned}"
