"""The frame every surface is designed for: a 1280 × 720 projector.

Why a module of its own: the chart builders (``helpers.charts``) size their figures by it
and the HTML builder (``helpers.markup``, which the charts use) shows a chart at its width,
so the numbers live below both.
"""

from __future__ import annotations

# A chart is designed to be shown DISPLAY_WIDTH_PX CSS px wide (a 1280 x 720 slide less its
# margins; JupyterLab at that window size gives about the same).
DISPLAY_WIDTH_PX = 1200
# The slide those charts are shown on: reveal's frame is the 16:9 projector itself, with no
# margin, so at 1280 x 720 reveal does not scale the slide down (a 1280 x 800 frame was shown
# at 0.86 there, and a 16.7 px label became 14.4 px on the screen).
DECK_FRAME = {"width": 1280, "height": 720, "margin": 0}
