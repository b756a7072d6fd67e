"""Print the smallest text of every chart, in CSS px at the width the page shows it.

Run with `(cd tests && ../.venv/bin/python -m tools.chart_text_sizes)`. The same measure as
tests/test_chart_readability.py (which asserts the minimum), printed per chart: every
explorer's presets (PNG shown at the <img>'s width) and the notebooks' figures (the inline
backend's 2x PNG, shown at its display width).
"""

from __future__ import annotations

import contextlib
import io
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from IPython.core.pylabtools import retina_figure
from PIL import Image

import helpers
from helpers.charts import agreement, industry, partnership
from helpers.charts.style import (
    MIN_TEXT_CSS_PX,
    png_bytes,
    text_sizes_css_px,
    use_house_style,
)
from helpers.explorers import REGISTRY, ExplorerSession
from helpers.markup import image as img_html
from helpers.models import agreement as agreement_model


def _width(png: bytes) -> int:
    return Image.open(io.BytesIO(png)).size[0]


def _shown(html: str) -> float:
    return float(re.search(r"(?<![-\w])width:\s*([\d.]+)px", html).group(1))


def main() -> None:
    rows = []
    for name in sorted(REGISTRY):
        session = ExplorerSession(REGISTRY[name])
        smallest = []
        for preset in list(session.scenarios):
            session.apply_preset(preset)
            shown = _shown(img_html(session.png, "", "x"))
            smallest.append(min(text_sizes_css_px(session.chart.fig, _width(session.png), shown)))
        size, text = min(smallest)
        rows.append((f"explorer {name}", shown, _width(session.png), size, text))

    data = agreement_model.load_data()
    fig = agreement.figure(agreement_model.compare(agreement_model.sample_participants(data), data))
    png = png_bytes(fig)
    shown = _shown(img_html(png, "", "x"))
    rows.append(
        (
            "agreement (seminar kit)",
            shown,
            _width(png),
            *min(text_sizes_css_px(fig, _width(png), shown)),
        )
    )

    use_house_style()
    for draw, datasets in (
        (partnership.draw_milestones, ("partnership_milestones",)),
        (partnership.draw_itpp_map, ("itpp_areas",)),
        (partnership.draw_theft, ("crypto_theft", "crypto_incidents")),
        (industry.draw_contracts, ("arms_exports",)),
        (industry.draw_framework_vs_contracted, ("poland_deals",)),
    ):
        fig, ax = plt.subplots()
        with contextlib.redirect_stdout(io.StringIO()):
            draw(ax, *(helpers.load(d) for d in datasets))
        png, meta = retina_figure(fig)
        size, text = min(text_sizes_css_px(fig, _width(png), meta["width"], 2 * fig.dpi))
        rows.append((f"notebook {draw.__name__}", meta["width"], _width(png), size, text))
        plt.close(fig)

    print(
        f"{'chart':<36}{'shown px':>9}{'PNG px':>8}{'smallest':>10}   text   (rule: >= "
        f"{MIN_TEXT_CSS_PX} CSS px)"
    )
    for chart, shown, png_width, size, text in rows:
        flag = "" if size >= MIN_TEXT_CSS_PX else "  BELOW"
        print(f"{chart:<36}{shown:>9g}{png_width:>8}{size:>10.1f}   {text[:30]!r}{flag}")


if __name__ == "__main__":
    main()
