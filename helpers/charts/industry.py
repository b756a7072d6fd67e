"""Static charts for the defence-industry notebook: contract values, and the Polish deals.

Each draws into the axes given and returns None (the notebook ends with ``plt.show()``),
showing a description (``describe``), the figure's alt text. Contract values (US$) and SIPRI's TIV
are never drawn on the same axes.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from helpers.charts.description import describe
from helpers.charts.style import (
    FOOTER_STYLE,
    OKABE_ITO,
    SMALL_PT,
    as_of,
    fit_to_slide,
    footer_text,
    join_words,
    literal_text,
)

POLAND, OTHERS = OKABE_ITO["vermillion"], "#9DB9D3"


def draw_contracts(ax: Axes, exports: pd.DataFrame) -> None:
    """Contract values per year, Poland's share where sourced, the 2010s as a range."""
    fit_to_slide(ax.figure, 6.0)
    yearly = exports[exports["first_year"] == exports["last_year"]].sort_values("first_year")
    ranged = exports[exports["first_year"] != exports["last_year"]]
    _draw_ranges(ax, ranged)
    _draw_years(ax, yearly)
    ax.set_xlim(2018.9, 2025.6)
    ax.set_xticks(list(range(2021, 2026)))
    ax.set_ylabel("US$ billion (contracts signed)")
    ax.set_ylim(0, 21)
    ax.grid(axis="y", color="#E3E3E3")
    ax.set_axisbelow(True)
    peak = yearly.loc[yearly["value_usd_bn"].idxmax()]
    ax.set_title(
        f"Contracts peaked at ${peak['value_usd_bn']:g}bn in {peak['first_year']}, "
        "Poland's year; orders, not deliveries",
        loc="left",
    )
    ax.figure.text(
        0.01,
        0.01,
        footer_text(
            "DAPA/MND figures via NABO, Yonhap and Edaily "
            "(the briefing's contract data). Red: Poland's share, where "
            "sourced",
            as_of("arms_exports"),
        ),
        **FOOTER_STYLE,
    )
    literal_text(ax.figure)
    describe(_contracts_description(yearly, ranged), ax.figure)


def _draw_ranges(ax: Axes, ranged: pd.DataFrame) -> None:
    """The years sourced only as a yearly range: a grey band at the left, not a bar (no one
    year's value is known)."""
    for row in ranged.itertuples():
        ax.axhspan(row.low, row.high, xmin=0, xmax=0.12, color="#DDDDDD")
        ax.text(
            2019.6,
            row.high + 0.3,
            f"{row.first_year}–{row.last_year}:\n${row.low:g}–{row.high:g}bn a year",
            fontsize=SMALL_PT,
            ha="center",
            va="bottom",
        )


def _draw_years(ax: Axes, yearly: pd.DataFrame) -> None:
    """One bar a year, Poland's share at its foot where sourced, and the sources' spread."""
    for row in yearly.itertuples():
        year, value = row.first_year, row.value_usd_bn
        poland = value * row.poland_share_pct / 100 if pd.notna(row.poland_share_pct) else 0
        ax.bar(year, poland, color=POLAND, width=0.65)
        ax.bar(year, value - poland, bottom=poland, color=OTHERS, width=0.65)
        if pd.notna(row.high) and row.high != value:
            ax.vlines(year, row.low, row.high, color="#222222", linewidth=2)
        label = f"${value:g}bn" + (
            f"\nPoland {row.poland_share_pct:g}%" if pd.notna(row.poland_share_pct) else ""
        )
        ax.text(
            year,
            (row.high if pd.notna(row.high) else value) + 0.3,
            label,
            ha="center",
            va="bottom",
            fontsize=SMALL_PT,
        )


def _contracts_description(yearly: pd.DataFrame, ranged: pd.DataFrame) -> str:
    """The chart in words (its alt text), for readers who cannot see it."""
    return (
        "Figure description: South Korea's arms-export contract values per year, US$ "
        "billion: "
        + join_words([f"{r.first_year} {r.value_usd_bn:g}" for r in yearly.itertuples()])
        + "; "
        + join_words(
            [
                f"about ${r.low:g}–{r.high:g}bn a year in {r.first_year}–{r.last_year}"
                for r in ranged.itertuples()
            ]
        )
        + ". Poland's share: "
        + join_words(
            [
                f"{r.poland_share_pct:g}% in {r.first_year}"
                for r in yearly.itertuples()
                if pd.notna(r.poland_share_pct)
            ]
        )
        + ". These are orders signed, not deliveries."
    )


def draw_framework_vs_contracted(ax: Axes, deals: pd.DataFrame) -> None:
    """For each system, the framework quantity against the quantity on executive contracts."""
    fit_to_slide(ax.figure, 5.0)
    frameworks = deals[deals["stage"] == "framework"].set_index("system")["quantity"]
    contracts = deals[(deals["stage"] == "executive contract") & deals["quantity"].notna()]
    rows = []
    for system, planned in frameworks.items():
        signed = contracts[contracts["system"] == system]
        high = int(signed["quantity"].sum())
        low = int(signed["quantity_low"].fillna(signed["quantity"]).sum())
        rows.append((system, int(planned), low, high))
    for i, (_system, planned, low, high) in enumerate(rows):
        ax.barh(i, planned, color="#E8E8E8", height=0.6, edgecolor="#999999")
        ax.barh(i, min(high, planned), color=OKABE_ITO["blue"], height=0.6)
        span = f"{low}–{high}" if low != high else f"{high}"
        ax.text(
            max(planned, high) + 15,
            i,
            f"{span} of {planned} on contract "
            f"({100 * low / planned:.0f}%"
            + (f"–{100 * high / planned:.0f}%)" if low != high else ")"),
            va="center",
            fontsize=SMALL_PT,
        )
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 1250)
    ax.set_xlabel("Pieces (grey: framework of 2022; blue: on executive contracts)")
    k2 = next(r for r in rows if r[0].startswith("K2"))
    ax.set_title(
        f"Of the {k2[1]} tanks in the 2022 framework, {k2[3]} are on executive contracts",
        loc="left",
    )
    ax.figure.subplots_adjust(left=0.2, bottom=0.24)
    ax.figure.text(
        0.01,
        0.01,
        footer_text(
            "Polish and Korean announcements via news reports",
            as_of("poland_deals"),
        ),
        **FOOTER_STYLE,
    )
    literal_text(ax.figure)
    describe(
        "Figure description: for each system in the Polish agreements, the framework "
        "quantity against what is on executive contracts: "
        + join_words([f"{s}: {lo if lo == hi else f'{lo}–{hi}'} of {p}" for s, p, lo, hi in rows])
        + ".",
        ax.figure,
    )
