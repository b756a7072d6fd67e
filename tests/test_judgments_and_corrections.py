"""One dataset of judgments that every notebook renders; a corrections log the overview shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.data import catalog_for, load
from helpers.record_views import corrections, judgments, word_ranges

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _code(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_notebook_renders_its_judgments_from_the_dataset(path: Path) -> None:
    rows = load("judgments")
    assert (rows["notebook"] == path.stem).sum() >= 2, "a notebook's judgment has bullets"
    assert f'judgments("{path.stem}")' in _code(path)


def test_every_judgment_uses_the_scale_it_names() -> None:
    for row in load("judgments").itertuples():
        if isinstance(row.estimative_word, str):
            assert row.estimative_word in word_ranges()
            assert row.estimative_word in f"{row.headline} {row.judgment}".lower(), row.judgment_id


def test_notebooks_03_and_05_no_longer_disagree_on_the_market_motive() -> None:
    rows = load("judgments").set_index("judgment_id")
    assert "better than any other" not in rows.loc["industry-order-book", "judgment"]
    assert "ties" in rows.loc["industry-order-book", "judgment"]
    text = " ".join(load("judgments")["judgment"])
    assert "survived" not in text


def test_the_view_escapes_every_string(data_dir: Path) -> None:
    path = data_dir / "judgments.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("The commentary was written at a high point.", "<b onclick=x()>High</b>"),
        encoding="utf-8",
    )
    panel = judgments("00-overview", data_dir=data_dir)
    assert "<b onclick" not in panel.value and "&lt;b onclick=x()&gt;" in panel.value
    assert repr(panel) == "<Judgments: 00-overview (3)>"


def test_an_unknown_notebook_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown notebook"):
        judgments("07-nothing")


def test_every_correction_names_a_dataset_and_the_overview_shows_the_log() -> None:
    log = load("corrections")
    datasets = set(catalog_for().datasets)
    for row in log.itertuples():
        assert row.dataset in datasets, row.correction_id
    assert "corrections()" in _code(NOTEBOOKS[0])
    panel = corrections()
    kinds = ", ".join(f"{int((log['kind'] == k).sum())} {k}" for k in
                      ("correction", "update", "clarification"))
    assert repr(panel) == f"<Corrections log: {len(log)} entries ({kinds})>"


def test_the_issue_14_fixes_are_all_logged() -> None:
    """Each dataset row this issue changed has an entry in the corrections log."""
    logged = " ".join(f"{r.dataset} {r.row}" for r in load("corrections").itertuples())
    for needle in (
        "sipri_exporters 2018–22, China", "k9_europe finland-2017", "signposts dprk-statements",
        "risks dprk-reprimand", "predictions pyongyang-reprimand", "predictions non-lethal",
        "crypto_theft Chainalysis, 2021", "sources kbs-171230", "unsc_actions res-2407",
        "poland_deals k9-2", "ach_evidence E07", "claims industry-poland-12-4bn",
        "claims partnership-ronin",
    ):
        assert needle in logged, needle


def test_the_scale_is_icd_203s_words_in_order_each_a_range_that_meets_the_next() -> None:
    scale = load("estimative_scale")
    assert list(word_ranges()) == list(scale["word"].astype(str))  # least likely first
    assert {tuple(s) for s in scale["source_ids"]} == {("odni-icd203",)}
    lows, highs = list(scale["low_percent"]), list(scale["high_percent"])
    assert all(lo < hi for lo, hi in zip(lows, highs, strict=True))
    assert lows[1:] == highs[:-1], "ICD 203's ranges meet at their ends"
    assert (lows[0], highs[-1]) == (1, 99), "no word claims certainty"


def test_every_judgment_with_a_word_shows_the_range_it_stands_for() -> None:
    ranges = word_ranges()
    panel = judgments("04-backlash-risks").value
    for word in load("judgments").query("notebook == '04-backlash-risks'")["estimative_word"]:
        if isinstance(word, str):
            low, high = ranges[word]
            assert f"<i>{word} (ICD 203: {100 * low:.0f}–{100 * high:.0f}%)</i>" in panel
    assert "ICD 203" in panel and "ODNI" in panel


def test_an_edited_range_shows_in_the_panel(data_dir: Path) -> None:
    path = data_dir / "estimative_scale.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("likely,probable,55,80", "likely,probable,60,80"),
        encoding="utf-8",
    )
    assert "likely (ICD 203: 60–80%)" in judgments("00-overview", data_dir=data_dir).value
