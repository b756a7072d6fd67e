"""Base rates that count rows are computed from those rows, never typed.

A forecast's base rate ("Poland signed a contract every year", "no resolution since ...")
is a count over another dataset. Typed by hand, it drifts from the rows it counts (an audit
found one that said the Council had adopted nothing on North Korea since 2022 while
``unsc_actions`` listed two resolutions). Here each such base rate is a function of its
dataset; ``forecasts.csv`` stores the function's text so readers see it, and a test fails
when the stored text and the rows disagree (regenerate with :func:`derived_base_rates`).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from helpers.data import load

ADOPTED = ("sanctions resolution", "panel renewal")
KIND_PHRASE = {
    "sanctions resolution": "a sanctions resolution",
    "panel renewal": "renewing the Panel of Experts",
}


def _day(value: object) -> str:
    """'23 March 2023' (a day without a leading zero), the briefing's style."""
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts:%B %Y}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _years(years: list[int]) -> str:
    """'2022 to 2025' for an unbroken run of years, else the years listed."""
    years = sorted(set(years))
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"in every year from {years[0]} to {years[-1]}"
    return "in " + ", ".join(str(y) for y in years)


def unsc_dprk(actions: pd.DataFrame) -> str:
    """The Council's last adopted texts on North Korea, and what was vetoed after them."""
    adopted = actions[actions["kind"].astype(str).isin(ADOPTED) & actions["resolution"].notna()]
    adopted = adopted.assign(when=pd.to_datetime(adopted["date"]).fillna(
        pd.to_datetime(adopted["year"].astype(str) + "-01-01")
    )).sort_values("when")
    last = adopted.iloc[-1]
    sanctions = adopted[adopted["kind"].astype(str) == "sanctions resolution"].iloc[-1]
    vetoed = actions[
        (actions["kind"].astype(str) == "vetoed draft")
        & (pd.to_datetime(actions["date"]) > last["when"])
    ]
    text = (
        f"The Council's last resolution on North Korea was resolution {last['resolution']} "
        f"({_day(last['when'])}), {KIND_PHRASE[str(last['kind'])]}; its last sanctions "
        f"resolution was "
        f"{sanctions['resolution']} ({_day(sanctions['when'])})."
    )
    if len(vetoed):
        text += " Since then: " + "; ".join(
            f"a draft vetoed on {_day(v.date)} ({_lower_first(str(v.trigger))})"
            for v in vetoed.itertuples()
        ) + "."
    return text + " Source: dataset unsc_actions."


def poland_contracts(deals: pd.DataFrame) -> str:
    """The years in which Poland signed an executive contract for Korean systems."""
    executive = deals[deals["stage"].astype(str) == "executive contract"]
    years = [int(d.year) for d in pd.to_datetime(executive["date"])]
    return (
        f"The dataset poland_deals lists {len(executive)} Polish executive contracts for Korean "
        f"systems, at least one {_years(years)}."
    )


def summit_attendance(milestones: pd.DataFrame, searches: pd.DataFrame) -> str:
    """Summits attended and missed (milestones), and any later summit searched without
    a finding (searches), so the base rate says what is not known as well."""
    summits = milestones[milestones["kind"].astype(str).isin(("summit", "absence"))]
    attended = [
        f"{pd.Timestamp(r.date).year} ({str(r.milestone).split(' summit')[0]})"
        for r in summits.itertuples()
        if r.kind == "summit"
    ]
    absent = [
        f"{pd.Timestamp(r.date).year} ({str(r.milestone).split(' summit')[0]})"
        for r in summits.itertuples()
        if r.kind == "absence"
    ]
    text = (
        f"South Korea's president attended {len(attended)} NATO summits, "
        f"{', '.join(attended)}, and stayed away from {len(absent)}, {', '.join(absent)} "
        "(dataset partnership_milestones)."
    )
    unknown = searches[(searches["topic"] == "summit") & (searches["result"] == "not found")]
    for r in unknown.itertuples():
        text += f" {r.finding} (searched {r.searched})."
    return text


DERIVED: dict[str, Callable[[str | None], str]] = {
    "unsc-dprk-2027": lambda d: unsc_dprk(load("unsc_actions", d)),
    "poland-contract-2027": lambda d: poland_contracts(load("poland_deals", d)),
    "summit-2027": lambda d: summit_attendance(
        load("partnership_milestones", d), load("searches", d)
    ),
}


def derived_base_rates(data_dir: str | None = None) -> dict[str, str]:
    """Every row-counting base rate, by question id, as the rows say it today."""
    return {qid: make(data_dir) for qid, make in DERIVED.items()}


def stale_base_rates(data_dir: str | None = None) -> dict[str, tuple[str, str]]:
    """Questions whose stored base rate differs from its rows: id -> (stored, derived)."""
    stored = load("forecasts", data_dir).set_index("question_id")["base_rate"]
    return {
        qid: (str(stored[qid]), text)
        for qid, text in derived_base_rates(data_dir).items()
        if str(stored[qid]) != text
    }
