"""ICD 203's words are written once, in their own dataset: the catalog's columns that take an
estimative word read their choices from ``estimative_scale`` (``enum:=estimative_scale``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.data import DATA_DIR, DataError, load
from helpers.data.catalog import load_catalog

WORDS = ("almost no chance", "very unlikely", "roughly even chance", "almost certainly")


def test_the_words_are_listed_only_in_their_own_dataset() -> None:
    catalog = load_catalog(DATA_DIR)
    listed = [
        f"{d.name}.{c.name}"
        for d in catalog.datasets.values()
        for c in d.columns
        if not c.choices_from and any(w in c.choices for w in WORDS)
    ]
    assert listed == []  # no column type spells the words out
    scale = load("estimative_scale")
    for name in ("judgments", "forecasts"):
        column = load_catalog(DATA_DIR)[name].column("estimative_word")
        assert column.choices == tuple(scale["word"].astype(str))


def test_a_word_renamed_in_the_scale_is_what_the_other_datasets_must_use(data_dir: Path) -> None:
    scale = data_dir / "estimative_scale.csv"
    scale.write_text(scale.read_text(encoding="utf-8").replace("\nunlikely,", "\nimprobable,", 1),
                     encoding="utf-8")  # fmt: skip
    choices = load_catalog(data_dir)["forecasts"].column("estimative_word").choices
    assert "improbable" in choices and "unlikely" not in choices
    uses = load("forecasts")["estimative_word"].astype(str).eq("unlikely").any()
    if uses:  # a forecast worded 'unlikely' is now refused, naming file, column and choices
        with pytest.raises(DataError, match=r"estimative_word.*improbable"):
            load("forecasts", data_dir)
