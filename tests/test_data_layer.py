"""The data layer: every dataset loads with real dtypes, every source resolves, and bad
input gives one clear error naming file, row, column, expected and found."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from helpers.data import DataError, catalog_for, dataset_names, load, sources


@pytest.mark.parametrize("name", dataset_names())
def test_every_dataset_loads_and_matches_its_catalog(name: str) -> None:
    frame = load(name)
    spec = catalog_for()[name]
    assert list(frame.columns) == list(spec.column_names)
    assert len(frame) > 0
    assert frame.attrs["as_of"] == spec.as_of.isoformat()
    for col in spec.columns:
        if col.kind == "date":
            assert pd.api.types.is_datetime64_any_dtype(frame[col.name]), col.name
        if col.kind == "enum":
            assert isinstance(frame[col.name].dtype, pd.CategoricalDtype), col.name


@pytest.mark.parametrize("name", [n for n in dataset_names() if n != "sources"])
def test_every_row_has_resolving_sources_and_a_status(name: str) -> None:
    frame = load(name)
    known = set(sources().index)
    for ids in frame["source_ids"]:
        assert ids, "a row without sources"
        assert set(ids) <= known
    assert frame["status"].notna().all()


def test_every_source_is_used_or_is_the_seed() -> None:
    used = {sid for name in dataset_names() if name != "sources"
            for ids in load(name)["source_ids"] for sid in ids}
    unused = set(sources().index) - used - {"kim2023"}
    assert not unused, f"sources cited by no dataset: {sorted(unused)}"


def test_sources_have_publisher_title_url_and_kind() -> None:
    bib = sources()
    assert bib[["publisher", "title", "url", "accessed"]].notna().all().all()
    assert set(bib["kind"].unique()) <= {"primary", "secondary", "estimate"}
    assert bib["url"].str.startswith("http").all()


def test_timeline_dates_are_dates_and_ordered_ranges() -> None:
    ev = load("timeline")
    assert ev["date"].min() >= pd.Timestamp("2022-01-01")
    spans = ev.dropna(subset=["end_date"])
    assert (spans["end_date"] > spans["date"]).all()
    assert isinstance(ev["actors"].iloc[0], tuple)


def test_numeric_columns_get_numeric_dtypes(data_dir: Path) -> None:
    counts = load("counts", data_dir)
    assert str(counts["year"].dtype) == "Int64"
    assert counts["events"].tolist() == [31, 18]
    assert pd.isna(counts.loc[1, "share_pct"])
    assert counts.loc[1, "source_ids"] == ("un-sc14911", "kim2023")


def test_an_edited_file_is_reread(data_dir: Path) -> None:
    path = data_dir / "counts.csv"
    assert len(load("counts", data_dir)) == 2
    path.write_text(path.read_text() + "2024,14,,un-sc14911,VERIFIED\n", encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))  # a later modification time, as after a save
    assert len(load("counts", data_dir)) == 3


def _error(name: str, data_dir: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load(name, data_dir)
    return info.value


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_file(data_dir: Path) -> None:
    (data_dir / "counts.csv").unlink()
    err = _error("counts", data_dir)
    assert "counts.csv" in str(err) and "no such file" in str(err)


def test_missing_column(data_dir: Path) -> None:
    path = data_dir / "counts.csv"
    path.write_text("year,events,source_ids,status\n2022,31,un-sc14911,VERIFIED\n")
    err = _error("counts", data_dir)
    (p,) = err.problems
    assert (p.file, p.column) == ("counts.csv", "share_pct")
    assert "column 'share_pct'" in str(err) and "header: year, events" in str(err)


def test_non_numeric_value(data_dir: Path) -> None:
    _edit(data_dir / "counts.csv", "2023,18,", "2023,eighteen,")
    (p,) = _error("counts", data_dir).problems
    assert (p.file, p.row, p.column) == ("counts.csv", 2, "events")
    assert p.expected.startswith("a whole number") and "'eighteen'" in p.found


def test_number_with_thousands_separator(data_dir: Path) -> None:
    _edit(data_dir / "counts.csv", "2023,18,", '2023,"1,800",')
    (p,) = _error("counts", data_dir).problems
    assert (p.row, p.column, p.found) == (2, "events", "'1,800'")


def test_value_outside_its_bounds(data_dir: Path) -> None:
    _edit(data_dir / "counts.csv", "12.5", "112.5")
    (p,) = _error("counts", data_dir).problems
    assert (p.row, p.column) == (1, "share_pct")
    assert "between 0 and 100" in p.expected


def test_unparseable_date(data_dir: Path) -> None:
    _edit(data_dir / "timeline.csv", "2022-05-26", "26/05/2022")
    (p,) = _error("timeline", data_dir).problems
    assert (p.file, p.column) == ("timeline.csv", "date")
    assert p.expected == "a date as YYYY-MM-DD" and "26/05/2022" in p.found
    row = load("timeline")["event_id"].tolist().index("unsc-double-veto") + 1
    assert p.row == row


def test_impossible_date(data_dir: Path) -> None:
    _edit(data_dir / "timeline.csv", "2022-05-26", "2022-02-30")
    (p,) = _error("timeline", data_dir).problems
    assert "no such day" in p.found


def test_unknown_source_id(data_dir: Path) -> None:
    _edit(data_dir / "counts.csv", "un-sc14911;kim2023", "un-sc14911;no-such-source")
    (p,) = _error("counts", data_dir).problems
    assert (p.row, p.column) == (2, "source_ids")
    assert "no-such-source" in p.found and "sources.csv" in p.expected


def test_duplicate_key(data_dir: Path) -> None:
    _edit(data_dir / "counts.csv", "2023,18", "2022,18")
    (p,) = _error("counts", data_dir).problems
    assert (p.row, p.column) == (2, "year")
    assert "first at row 1" in p.found


def test_empty_file(data_dir: Path) -> None:
    (data_dir / "counts.csv").write_text("")
    err = _error("counts", data_dir)
    assert "counts.csv" in str(err) and "an empty file" in str(err)


def test_header_only(data_dir: Path) -> None:
    (data_dir / "counts.csv").write_text("year,events,share_pct,source_ids,status\n")
    assert "only a header" in str(_error("counts", data_dir))


def test_stray_comma(data_dir: Path) -> None:
    _edit(data_dir / "counts.csv", "2022,31,", "2022,31,,")
    (p,) = _error("counts", data_dir).problems
    assert p.row == 1 and "6 fields" in p.found and "5 fields" in p.expected


def test_byte_order_mark_is_accepted(data_dir: Path) -> None:
    path = data_dir / "counts.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert list(load("counts", data_dir)["year"]) == [2022, 2023]


def test_non_utf8_file(data_dir: Path) -> None:
    path = data_dir / "counts.csv"
    path.write_bytes(path.read_bytes().replace(b"VERIFIED\n2023", b"VERIFIED\n2023\xe9", 1))
    err = _error("counts", data_dir)
    assert "UTF-8" in str(err) and "line 3" in str(err)


def test_enum_value_outside_the_list(data_dir: Path) -> None:
    _edit(data_dir / "counts.csv", "un-sc14911,VERIFIED\n2023", "un-sc14911,Verified\n2023")
    (p,) = _error("counts", data_dir).problems
    assert p.column == "status" and "'VERIFIED'" in p.expected


def test_all_problems_are_reported_at_once(data_dir: Path) -> None:
    (data_dir / "counts.csv").write_text(
        "year,events,share_pct,source_ids,status\n2022,x,12.5,nope,VERIFIED\n2023,-1,,kim2023,?\n"
    )
    err = _error("counts", data_dir)
    assert {(p.row, p.column) for p in err.problems} == {
        (1, "events"), (1, "source_ids"), (2, "events"), (2, "status")}


def test_bad_catalog_type_names_the_catalog(data_dir: Path) -> None:
    _edit(data_dir / "catalog.toml", 'events = "int[0,]"', 'events = "integer"')
    err = _error("counts", data_dir)
    assert "catalog.toml [counts.columns]" in str(err) and "'integer'" in str(err)


def test_unknown_dataset_name() -> None:
    with pytest.raises(DataError, match="a dataset named one of"):
        load("no-such-dataset")


def test_ipython_shows_the_message_not_a_traceback(data_dir: Path) -> None:
    (data_dir / "counts.csv").write_text("")
    err = _error("counts", data_dir)
    rendered = err._render_traceback_()
    assert rendered == [f"DataError: {err}"]


def test_a_date_after_the_as_of_date_is_refused(data_dir: Path) -> None:
    _edit(data_dir / "timeline.csv", "2025-12-29", "2027-12-29")
    (p,) = _error("timeline", data_dir).problems
    as_of = catalog_for(data_dir)["timeline"].as_of.isoformat()
    assert p.column == "date" and f"no later than the data's as-of date ({as_of})" in p.expected


def test_a_negative_count_is_refused(data_dir: Path) -> None:
    _edit(data_dir / "launches.csv", "japan-mod-events,2022,31,", "japan-mod-events,2022,-31,")
    (p,) = _error("launches", data_dir).problems
    assert (p.column, p.found) == ("value", "'-31'") and "between 0 and inf" in p.expected


def test_a_unit_slip_millions_for_billions_is_refused(data_dir: Path) -> None:
    _edit(data_dir / "arms_exports.csv", "2022,2022,17.3,", "2022,2022,17300,")
    (p,) = _error("arms_exports", data_dir).problems
    assert p.column == "value_usd_bn" and "between 0 and 100" in p.expected


def test_a_share_above_100_percent_is_refused(data_dir: Path) -> None:
    _edit(data_dir / "sipri_exporters.csv", "2020–24,2024,1,United States,43,",
          "2020–24,2024,1,United States,143,")
    (p,) = _error("sipri_exporters", data_dir).problems
    assert p.column == "share_pct" and "between 0 and 100" in p.expected


def test_markup_in_a_text_field_loads_as_text(data_dir: Path) -> None:
    _edit(data_dir / "forums.csv", "A joint statement condemns",
          "<script>alert(1)</script> A joint statement condemns")
    forums = load("forums", data_dir)
    assert forums["statement"].str.contains("<script>", regex=False).any()  # kept, as text
