"""The claim ledger as schema.org ClaimReview JSON-LD, the format fact-checkers publish in.

Each row of ``claims`` becomes one ``ClaimReview``: the claim's summary (``claimReviewed``),
the claim itself with its author, date and where it appeared (``itemReviewed``), the verdict
on the briefing's published scale (``reviewRating``: value, bounds, the verdict's name and the
explanation) and the sources the verdict rests on (``citation``). ``make slides`` writes the
list to ``claims.jsonld`` beside the decks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.citation import BRIEFING_TITLE
from helpers.data.loader import load, sources

BEST_RATING, WORST_RATING = 3, 1
SCALE = {"accurate": 3, "needs nuance": 2, "inaccurate": 1}  # 'cannot be verified': unrated


def _claim_author(claimant: str) -> dict[str, Any]:
    """'Ellen Kim (CSIS)' -> a Person affiliated with the organisation in brackets."""
    name, _, org = claimant.partition(" (")
    person: dict[str, Any] = {"@type": "Person", "name": name.strip()}
    if org:
        person["affiliation"] = {"@type": "Organization", "name": org.rstrip(")")}
    return person


def modified_dates(claims: pd.DataFrame, log: pd.DataFrame) -> dict[str, str]:
    """Each claim's last change: the latest corrections-log entry on the claims dataset that
    names it (or 'every row'), else its review date. ClaimReview's ``dateModified``."""
    on_claims = log[log["dataset"].astype(str) == "claims"]
    out = {}
    for r in claims.itertuples():
        dates = [str(r.review_date)] + [
            f"{c.date:%Y-%m-%d}"
            for c in on_claims.itertuples()
            if r.claim_id in re.split(r"[,;\s()]+", str(c.row)) or "every row" in str(c.row)
        ]
        out[str(r.claim_id)] = max(dates)
    return out


def claim_reviews(data_dir: Path | str | None = None) -> list[dict[str, Any]]:
    """One ClaimReview object per row of the claim ledger, in the ledger's order."""
    claims = load("claims", data_dir)
    bib = sources(data_dir)
    modified = modified_dates(claims, load("corrections", data_dir))
    reviews = []
    for r in claims.itertuples():
        rating: dict[str, Any] = {
            "@type": "Rating",
            "alternateName": str(r.verdict),
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "ratingExplanation": r.evidence,
        }
        if not pd.isna(r.rating_value):
            rating["ratingValue"] = int(r.rating_value)
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": r.claim_id,
                "claimReviewed": r.summary,
                "datePublished": r.review_date,
                "dateModified": modified[str(r.claim_id)],
                "author": {"@type": "Organization", "name": BRIEFING_TITLE},
                "reviewRating": rating,
                "itemReviewed": {
                    "@type": "Claim",
                    "text": r.quote,
                    "author": _claim_author(r.claimant),
                    "datePublished": r.claim_date,
                    "appearance": {
                        "@type": "CreativeWork",
                        "url": r.appearance_url,
                        "position": int(r.paragraph),
                    },
                },
                "citation": [
                    {"@type": "CreativeWork", "url": str(bib.loc[sid, "url"]), "name": sid}
                    for sid in r.source_ids
                ],
            }
        )
    return reviews


def write_claim_reviews(path: Path, data_dir: Path | str | None = None) -> Path:
    """Write the ledger as a JSON-LD array to ``path``; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(claim_reviews(data_dir), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path
