"""The seed is an unchanged copy with metadata that agrees with the bibliography;
citations are built from that bibliography."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

import helpers
from helpers.citation import human_date
from helpers.data import sources

REPO = Path(__file__).resolve().parents[1]
META = tomllib.loads((REPO / "seeds" / "metadata.toml").read_text(encoding="utf-8"))["kim2023"]
SEED = REPO / "seeds" / META["file"]


def test_seed_is_the_unchanged_commentary() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == META["sha256"]
    text = SEED.read_text(encoding="utf-8")
    assert text.startswith(META["title"])
    assert "There are three possible explanations." in text


def test_seed_matches_the_shared_copy_when_present() -> None:
    shared = REPO.parent / "shared" / "seeds"
    copies = list(shared.glob("*.txt")) if shared.is_dir() else []
    if not copies:
        pytest.skip("no shared/seeds beside this checkout")
    assert SEED.read_bytes() in {c.read_bytes() for c in copies}


def test_seed_metadata_agrees_with_the_bibliography() -> None:
    entry = sources().loc[META["source_id"]]
    assert entry["title"] == META["title"]
    assert entry["author"] == META["author"]
    assert entry["publisher"] == META["publisher"]
    assert entry["url"] == META["url"] == "https://www.csis.org/analysis/what-yoons-nato-strategy"
    assert entry["published"] == META["date"]


def test_cite_the_seed() -> None:
    text = helpers.cite("seed")
    assert text.startswith("Ellen Kim. “What Is Yoon’s NATO Strategy?”")
    assert "July 2023" in text and META["url"] in text


def test_cite_the_briefing_names_the_seed_and_the_data_date() -> None:
    text = helpers.cite()
    newest = max(s.as_of for s in helpers.data.catalog_for().datasets.values())
    assert "Interactive Briefing" in text and f"data as of {newest:%-d %B %Y}" in text
    assert helpers.cite("seed") in text


def test_cite_a_dataset_counts_its_sources() -> None:
    n = len({s for ids in helpers.load("timeline")["source_ids"] for s in ids})
    text = helpers.cite("timeline")
    assert "Dataset file timeline.csv" in text and "`" not in text
    assert f"Compiled from {n} sources" in text


def test_a_dataset_compiled_from_one_source_says_source() -> None:
    ones = [
        d
        for d in helpers.data.dataset_names()
        if d != "sources" and len({s for ids in helpers.load(d)["source_ids"] for s in ids}) == 1
    ]
    assert ones, "a dataset with a single source exists to check the wording"
    assert "Compiled from 1 source listed in its bibliography." in helpers.cite(ones[0])


def test_cite_a_source_without_a_date_says_nd() -> None:
    text = helpers.cite("cfxmagazine-ronin-fbi")
    assert "n.d." in text and ".." not in text and "(accessed November 2026)" in text


def test_cite_unknown_key_says_what_is_citable() -> None:
    with pytest.raises(KeyError, match=r"a source id from sources\.csv"):
        helpers.cite("nonsense")


@pytest.mark.parametrize(("iso", "words"), [("2023", "2023"), ("2023-07", "July 2023"),
                                            ("2022-05-06", "6 May 2022")])
def test_human_date(iso: str, words: str) -> None:
    assert human_date(iso) == words
