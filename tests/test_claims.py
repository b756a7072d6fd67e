"""The claim ledger to fact-checking standard: every factual sentence of the commentary has a
row, each row has the fields a ClaimReview needs, and the JSON-LD export validates."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from helpers.data import load
from helpers.present.claimreview import SCALE, claim_reviews, write_claim_reviews

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").glob("*.txt"))
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
NUMBER_WORDS = r"\b(billions?|millions?|half|percent|first|second|third|fourth)\b"
# Words that make a sentence a forecast or an opinion rather than a statement of fact.
HEDGES = re.compile(
    r"\b(may|might|could|would|likely|seems|arguably|undoubtedly|possible|perhaps)\b", re.I
)
# Names a sentence can mention without stating a checkable fact about them.
GENERIC = {
    "South Korea", "North Korea", "Korea", "Seoul", "Pyongyang", "Beijing", "Moscow", "China",
    "Russia", "NATO", "Yoon", "Ukraine", "Europe", "European", "Besides", "Given", "Hence",
    "Indeed", "Therefore", "Another", "One", "The", "This", "There", "But", "As", "It", "In",
    "At", "His", "Amid", "According", "And", "Indo-Pacific", "Euro-Atlantic", "UNSC", "UN",
}

# JSON Schema for the ClaimReview objects we publish: what Google's and the IFCN's guidance
# ask of a fact-check (the claim, who made it, where and when, the rating on a stated scale
# with its name, the explanation, the review's date and author, the sources).
CLAIM_REVIEW_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": [
            "@context", "@type", "claimReviewed", "datePublished", "author", "reviewRating",
            "itemReviewed", "citation",
        ],
        "properties": {
            "@context": {"const": "https://schema.org"},
            "@type": {"const": "ClaimReview"},
            "claimReviewed": {"type": "string", "minLength": 10, "maxLength": 74},
            "datePublished": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
            "author": {
                "type": "object",
                "required": ["@type", "name"],
                "properties": {"@type": {"const": "Organization"}},
            },
            "reviewRating": {
                "type": "object",
                "required": [
                    "@type", "alternateName", "bestRating", "worstRating", "ratingExplanation",
                ],
                "properties": {
                    "@type": {"const": "Rating"},
                    "alternateName": {
                        "enum": ["accurate", "needs nuance", "inaccurate", "cannot be verified"]
                    },
                    "ratingValue": {"type": "integer", "minimum": 1, "maximum": 3},
                    "bestRating": {"const": 3},
                    "worstRating": {"const": 1},
                    "ratingExplanation": {"type": "string", "minLength": 20},
                },
                "if": {"properties": {"alternateName": {"const": "cannot be verified"}}},
                "then": {"not": {"required": ["ratingValue"]}},
                "else": {"required": ["ratingValue"]},
            },
            "itemReviewed": {
                "type": "object",
                "required": ["@type", "text", "author", "datePublished", "appearance"],
                "properties": {
                    "@type": {"const": "Claim"},
                    "author": {"type": "object", "required": ["@type", "name"]},
                    "appearance": {
                        "type": "object",
                        "required": ["@type", "url", "position"],
                        "properties": {
                            "url": {"type": "string", "pattern": "^https?://"},
                            "position": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
            "citation": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["url"],
                    "properties": {"url": {"type": "string", "pattern": "^https?://"}},
                },
            },
        },
    },
}


def seed_paragraphs() -> list[str]:
    """The commentary's body paragraphs, numbered from 1 as in the ledger (title and byline
    left out)."""
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return paragraphs[1:7]


def factual_sentences() -> list[tuple[int, str]]:
    """Every sentence of the commentary that states a figure, a date or a named fact.

    A figure or a date (a digit, a number word, a month, 'last week', 'last year', 'since')
    always counts;
    otherwise a sentence counts when it names something specific (a name that is not one of
    the generic actors) and is not hedged as a forecast or opinion.
    """
    found = []
    for number, paragraph in enumerate(seed_paragraphs(), start=1):
        for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z“])", paragraph):
            if sentence.endswith("?"):
                continue
            dated = re.search(
                rf"(?<![A-Za-z])\d|\b({MONTHS})\b|last (week|year)|\b[Ss]ince\b"
                rf"|(?i:{NUMBER_WORDS})",
                sentence,
            )
            names = {
                m.group(0).rstrip(".")
                for m in re.finditer(r"\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*", sentence)
            } - GENERIC
            named = any(n not in GENERIC and n.split()[0] not in GENERIC for n in names)
            if dated or (named and not HEDGES.search(sentence)):
                found.append((number, sentence))
    return found


def test_the_seed_has_the_factual_sentences_we_expect() -> None:
    sentences = factual_sentences()
    assert 15 <= len(sentences) <= 30
    assert any("$12.4 billion" in s for _, s in sentences)
    assert not any(s.startswith("His ambitious goal may") for _, s in sentences)


def test_every_factual_sentence_of_the_commentary_has_a_row() -> None:
    claims = load("claims")
    missing = []
    for paragraph, sentence in factual_sentences():
        rows = claims[claims["paragraph"] == paragraph]
        if not any(quote in sentence for quote in rows["quote"]):
            missing.append((paragraph, sentence))
    assert missing == [], "sentences of the commentary with no claim row:\n" + "\n".join(
        f"¶{p}: {s}" for p, s in missing
    )


def test_every_quote_is_verbatim_in_its_paragraph() -> None:
    paragraphs = seed_paragraphs()
    for row in load("claims").itertuples():
        assert row.quote in paragraphs[row.paragraph - 1], row.claim_id


def test_summaries_are_short_and_carry_no_verdict() -> None:
    verdict_words = re.compile(
        r"\b(accurate|inaccurate|nuance|verified|true|false|misleading|wrong|correct)\b", re.I
    )
    for row in load("claims").itertuples():
        assert len(row.summary) < 75, row.claim_id
        assert not verdict_words.search(row.summary), row.claim_id


def test_the_numeric_rating_follows_the_published_scale() -> None:
    for row in load("claims").itertuples():
        expected = SCALE.get(str(row.verdict))
        if expected is None:
            assert pd.isna(row.rating_value), row.claim_id
        else:
            assert row.rating_value == expected, row.claim_id


def test_the_claimreview_export_validates(tmp_path: Path) -> None:
    path = write_claim_reviews(tmp_path / "claims.jsonld")
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, CLAIM_REVIEW_SCHEMA)
    assert len(data) == len(load("claims"))
    assert {d["identifier"] for d in data} == set(load("claims")["claim_id"])


@pytest.mark.parametrize(
    "breakage",
    [
        lambda r: r["reviewRating"].pop("alternateName"),
        lambda r: r["reviewRating"].pop("ratingValue", None) or r["reviewRating"].pop("bestRating"),
        lambda r: r.update(claimReviewed="x" * 80),
        lambda r: r["itemReviewed"]["appearance"].pop("url"),
        lambda r: r.update(citation=[]),
    ],
)
def test_the_schema_refuses_an_incomplete_review(breakage) -> None:
    reviews = copy.deepcopy(claim_reviews())
    breakage(reviews[0])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(reviews, CLAIM_REVIEW_SCHEMA)


def test_make_slides_writes_the_ledger(site) -> None:
    written = json.loads((site / "claims.jsonld").read_text(encoding="utf-8"))
    jsonschema.validate(written, CLAIM_REVIEW_SCHEMA)
    assert written == json.loads(json.dumps(claim_reviews()))
