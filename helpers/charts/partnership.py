"""Static charts for the partnership notebook: milestones, the ITPP map, the theft series.

Each function draws into the axes it is given and returns None; the notebook makes the
figure (``fig, ax = plt.subplots()``) and ends the cell with ``plt.show()``. Each shows a
one-paragraph description (``describe``), the figure's alt text, for readers who cannot see it.

Grouped by the notebook that draws them, not by subject: the theft series is here because
notebook 02 argues that cyber defence is why Seoul wants the partnership institutional.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes

from helpers.charts.description import describe
from helpers.charts.style import (
    FOOTER_STYLE,
    GREY,
    LINE_CHARS,
    MARKERS,
    OKABE_ITO,
    SMALL_PT,
    as_of,
    fit_to_slide,
    footer_text,
    join_words,
    literal_text,
    wrap_words,
)

KIND_STYLE = {
    "dialogue": ("o", OKABE_ITO["black"]),
    "programme": ("s", OKABE_ITO["blue"]),
    "institution": ("D", OKABE_ITO["bluish_green"]),
    "summit": ("o", OKABE_ITO["orange"]),
    "absence": ("X", OKABE_ITO["vermillion"]),
}
EXPLANATIONS = {
    "unsc": "1 · UN Council paralysis",
    "partnership": "2 · Institutional partnership",
    "defence-industry": "3 · Defence-industry market",
    "values": "Values and global standing",
}
SOURCE_STYLE = {
    "Chainalysis": (OKABE_ITO["blue"], "o"),
    "TRM Labs": (OKABE_ITO["orange"], "s"),
    "UN Panel of Experts": (OKABE_ITO["bluish_green"], "D"),
}


def _footer(ax: Axes, text: str) -> None:
    """The source line under the chart; also the last text drawn, so every text is set to
    be drawn literally from here ("$" in data is a dollar, not mathtext)."""
    ax.figure.text(0.01, 0.01, wrap_words(text, LINE_CHARS), ha="left", va="bottom", **FOOTER_STYLE)
    literal_text(ax.figure)


def _short(milestone: str) -> str:
    return milestone.split(":")[0].split(" (")[0]


def draw_milestones(ax: Axes, milestones: pd.DataFrame) -> None:
    """What became permanent, and when: one row per milestone, oldest at the top."""
    fit_to_slide(ax.figure, 6.0)
    ms = milestones.sort_values("date").reset_index(drop=True)
    lasting = ms[ms["lasting"] == "yes"]
    first_lasting_year = int(lasting["date"].dt.year.min())
    for i, row in enumerate(ms.itertuples()):
        marker, colour = KIND_STYLE[row.kind]
        x = mdates.date2num(row.date)
        ax.scatter([x], [i], marker=marker, s=80, color=colour, zorder=3)
        tag = "lasting" if row.lasting == "yes" else "one-off"
        right = row.date.year >= 2021
        when = f"{row.date:%Y}" if row.precision == "year" else f"{row.date:%b %Y}"
        ax.text(
            x + (-90 if right else 90),
            i,
            f"{when}: {_short(row.milestone)} ({tag})",
            fontsize=SMALL_PT,
            va="center",
            ha="right" if right else "left",
        )
    ax.set_ylim(len(ms) - 0.5, -0.7)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_title(
        f"Lasting steps accumulated from {first_lasting_year}; summit attendance lapsed in 2025",
        loc="left",
    )
    _footer(
        ax,
        footer_text(
            "NATO, ROK government and press reports",
            as_of("partnership_milestones"),
        ),
    )
    steps = [f"{r.date:%Y}: {_short(r.milestone)}" for r in lasting.itertuples()]
    summits = [str(d.year) for d in ms[ms["kind"] == "summit"]["date"]]
    describe(
        f"Figure description: {len(ms)} NATO–ROK milestones from "
        f"{ms['date'].dt.year.min()} to {ms['date'].dt.year.max()}, one per row. Lasting "
        f"steps: {join_words(steps)}. One-off: the summits of {join_words(summits)} and the "
        "absence from the 2025 summit.",
        ax.figure,
    )


def draw_itpp_map(ax: Axes, areas: pd.DataFrame) -> None:
    """The 11 ITPP areas against the explanations they serve (the briefing's judgment)."""
    fit_to_slide(ax.figure, 7.5)
    columns = list(EXPLANATIONS)
    counts = dict.fromkeys(columns, 0)
    ordered = areas.sort_values("area_no")
    for i, row in enumerate(ordered.itertuples()):
        for c in row.serves:
            counts[c] += 1
            colour = OKABE_ITO["blue"] if c == "partnership" else GREY
            ax.scatter(
                [columns.index(c)],
                [i],
                s=140,
                color=colour,
                zorder=3,
                marker=MARKERS[columns.index(c)],
            )
    labels = [
        wrap_words(
            f"{r.area_no}. {r.area}" + ("  ◆ named" if r.named_in_commentary == "yes" else ""),
            40,
        )
        for r in ordered.itertuples()
    ]
    ax.set_yticks(range(len(labels)), labels, fontsize=SMALL_PT)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    # Wrapped to a column's width: on one line each, the headers ran into each other.
    headers = [wrap_words(EXPLANATIONS[c].replace(" · ", " "), 16) for c in columns]
    ax.set_xticks(range(len(columns)), headers, fontsize=SMALL_PT, linespacing=1.15)
    ax.xaxis.tick_top()
    ax.set_xlim(-0.5, len(columns) - 0.5)
    ax.grid(color="#E3E3E3")
    ax.set_axisbelow(True)
    top = max(counts, key=counts.get)
    left, right = 0.37, 0.98
    ax.figure.subplots_adjust(left=left, right=right, top=0.80, bottom=0.09)
    ax.set_title(
        f"A judgment: {counts[top]} of the 11 ITPP areas serve the "
        f"{EXPLANATIONS[top].split('· ')[-1].lower()} itself",
        loc="left",
        x=(0.01 - left) / (right - left),  # from the figure's left edge, not the axes'
        pad=70,
    )
    _footer(
        ax,
        "Areas: ROK presidential office via Korean press; NATO has "
        "not published the ITPP. ◆ named in the commentary. The mapping is a judgment.",
    )
    describe(
        "Figure description: a grid of the ITPP's 11 areas (rows) against four motives "
        "(columns). Areas per motive, in the briefing's judgment: "
        + join_words([f"{EXPLANATIONS[c]}: {counts[c]}" for c in columns])
        + ".",
        ax.figure,
    )


def draw_theft(ax: Axes, theft: pd.DataFrame, incidents: pd.DataFrame) -> None:
    """Theft per year by source, kept apart, with the largest single thefts marked."""
    fit_to_slide(ax.figure, 6.0)
    _draw_theft_sources(ax, theft)
    _draw_incidents(ax, incidents, theft["year"].max())
    ax.set_ylabel("US$ million")
    ax.set_xticks(sorted(theft["year"].unique()))
    ax.grid(axis="y", color="#E3E3E3")
    ax.set_axisbelow(True)
    ax.legend(frameon=False, loc="upper left")
    by_source = {
        s: theft[theft["source"] == s].set_index("year")["value_usd_m"] for s in SOURCE_STYLE
    }
    ax.set_title(_theft_title(by_source), loc="left")
    _footer(
        ax,
        footer_text(
            "Chainalysis, TRM Labs and the UN Panel via news reports",
            as_of("crypto_theft"),
        ),
    )
    describe(_theft_description(by_source, incidents), ax.figure)


def _draw_theft_sources(ax: Axes, theft: pd.DataFrame) -> None:
    """One line per source, never summed (they count differently), with each year's spread."""
    for source, (colour, marker) in SOURCE_STYLE.items():
        rows = theft[theft["source"] == source].sort_values("year")
        if rows.empty:
            continue
        ax.plot(
            rows["year"].astype(float),
            rows["value_usd_m"],
            color=colour,
            marker=marker,
            linewidth=2,
            label=source + (" (a floor)" if source.startswith("UN") else ""),
        )
        spread = rows.dropna(subset=["low", "high"])
        ax.vlines(
            spread["year"].astype(float),
            spread["low"],
            spread["high"],
            color=colour,
            linewidth=4,
            alpha=0.5,
        )


def _draw_incidents(ax: Axes, incidents: pd.DataFrame, last_year: float) -> None:
    """A star and a label for each of the largest single thefts, placed clear of the lines."""
    for row in incidents.itertuples():
        last = row.date.year >= int(last_year)
        ax.scatter(
            [row.date.year],
            [row.value_usd_m],
            marker="*",
            s=220,
            color=OKABE_ITO["vermillion"],
            zorder=4,
        )
        ax.annotate(
            f"{row.name}\n${row.value_usd_m:,.0f}m ({row.date:%b %Y})",
            (row.date.year, row.value_usd_m),
            # Below its star, into the room the lines leave: to the right of the star, or
            # ending under it in the last year (the lines rise from the left into it).
            xytext=(10, -30) if last else (12, -10),
            textcoords="offset points",
            fontsize=SMALL_PT,
            ha="right" if last else "left",
            va="top",
            # On a white ground above the lines: a line that still passes under a label
            # does not run through its words.
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
            zorder=5,
        )


def _theft_title(by_source: dict[str, pd.Series]) -> str:
    """The finding as the title: the peak, and whether the two main sources agree."""
    chain, trm = by_source["Chainalysis"], by_source["TRM Labs"]
    both = trm.index.intersection(chain.index)
    trm_lower = len(both) > 0 and bool((trm[both] < chain[both]).all())
    peak_year = int(chain.idxmax())
    return f"Theft peaked at ${chain.max() / 1000:.2f}bn in {peak_year} (Chainalysis); " + (
        "TRM Labs counts less" if trm_lower else "the sources disagree"
    )


def _theft_description(by_source: dict[str, pd.Series], incidents: pd.DataFrame) -> str:
    """The chart in words (its alt text), for readers who cannot see it."""

    def series(name: str) -> str:
        return join_words([f"{int(y)}: {v:,.0f}" for y, v in by_source[name].items()])

    return (
        "Figure description: North Korean crypto theft per year in US$ million, one line "
        f"per source. Chainalysis {series('Chainalysis')}; TRM Labs {series('TRM Labs')}; "
        f"the UN Panel at least {series('UN Panel of Experts')}. Stars mark "
        + join_words(
            [
                f"{r.name} ({r.date:%b %Y}, about ${r.value_usd_m:,.0f}m)"
                for r in incidents.itertuples()
            ]
        )
        + "."
    )
