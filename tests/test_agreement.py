"""Seminar agreement on the ACH matrix: reading participants' files, the figures, the widget."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from helpers import markup
from helpers.charts import agreement as chart
from helpers.data import DataError
from helpers.data.ratings import PARTICIPANTS_DIR, parse_ratings, ratings_csv
from helpers.models import ach
from helpers.models import agreement as m
from helpers.seminar.class_ratings import ClassRatingsView, gather_ratings

DATA = m.load_data()
SHAPE = m.matrix(DATA)
IDS = SHAPE.evidence_ids
BRIEFING = ach.briefing_ratings(DATA)
# The shipped sample participants, by the names a reader sees (the readings' names).
SAMPLE_NAMES = (ach.BRIEFING_READING, *ach.READINGS.values())
HEADER = "evidence_id,h1,h2,h3,h4"


def _with(ratings: tuple, changes: dict[tuple[str, str], str]) -> tuple:
    """``ratings`` with some cells, keyed (evidence id, hypothesis), re-rated."""
    rows = [list(r) for r in ratings]
    for (eid, h), value in changes.items():
        rows[IDS.index(eid)][ach.HYPOTHESES.index(h)] = value
    return tuple(map(tuple, rows))


def _csv(ratings: tuple) -> str:
    return ratings_csv(ratings, SHAPE)


# Three hand-made participants: the briefing's matrix with a few cells re-rated.
# E01×H2 (briefing CC): CC, C, I -> split, a three-way tie.
# E03×H1 (briefing CC): CC, CC, N -> not split, CC by 2 of 3.
# E05×H3 (briefing C): C, CC, CC -> not split (degree, not direction), mode CC.
# E02×H1 (briefing C): C, C, I -> split on C against I alone (no CC, no II).
ANNA = BRIEFING
BEN = _with(BRIEFING, {("E01", "H2"): "C", ("E05", "H3"): "CC"})
CARA = _with(
    BRIEFING, {("E01", "H2"): "I", ("E03", "H1"): "N", ("E05", "H3"): "CC", ("E02", "H1"): "I"}
)
TRIO = {"anna": ANNA, "ben": BEN, "cara": CARA}


def _write_trio(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for name, ratings in TRIO.items():
        (folder / f"{name}.csv").write_text(_csv(ratings), encoding="utf-8")
    return folder


def _problems(tmp_path: Path, text: str | bytes, name: str = "alice.csv") -> list[str]:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(DataError) as caught:
        m.read_participants(path, data=DATA)
    assert all(p.file == str(path) for p in caught.value.problems)  # the path as given
    return [str(p).removeprefix(f"{tmp_path}/") for p in caught.value.problems]


# --- the figures ---------------------------------------------------------------------


def test_cell_figures_on_three_hand_made_participants() -> None:
    r = m.compare(TRIO, DATA)
    split = r.cell("E01", "H2")
    assert split.split and split.counts == (("CC", 1), ("C", 1), ("I", 1))
    assert split.modes == ("CC", "C", "I") and split.mode == "CC/C/I"
    assert split.share == pytest.approx(1 / 3)
    assert split.briefing == "CC"
    two_of_three = r.cell("E03", "H1")
    assert not two_of_three.split
    assert (two_of_three.mode, two_of_three.share) == ("CC", pytest.approx(2 / 3))
    degree = r.cell("E05", "H3")
    assert not degree.split and degree.mode == "CC" and degree.briefing == "C"
    assert degree.differs_from_briefing
    plain = r.cell("E02", "H1")
    assert plain.split and (plain.mode, plain.share) == ("C", pytest.approx(2 / 3))
    assert [(c.evidence_id, c.hypothesis) for c in r.split_cells] == [("E01", "H2"), ("E02", "H1")]
    untouched = r.cell("E10", "H4")
    assert (untouched.mode, untouched.share, untouched.split) == ("CC", 1.0, False)


def test_scores_are_the_ach_explorers_and_top_differences_are_found() -> None:
    r = m.compare(TRIO, DATA)
    for s in r.scores:
        expected = ach.compute(ach.AchState(TRIO[s.participant], IDS), DATA)
        assert s.inconsistency == expected.inconsistency and s.top == expected.top
    # Cara's E01×H2 = I counts 1 × primary (1.0) against H2.
    assert r.scores[2].inconsistency["H2"] == pytest.approx(r.scores[0].inconsistency["H2"] + 1)
    assert r.top_differs
    same = m.compare({"anna": ANNA, "ben": BEN}, DATA)
    assert not same.top_differs  # Ben's changes are all on the consistent side


def test_one_participant_agrees_with_themself() -> None:
    r = m.compare({"anna": ANNA}, DATA)
    assert all(c.share == 1.0 and not c.split for c in r.cells)
    assert not r.top_differs
    assert chart.headline(r).startswith("One participant so far")


def test_compare_refuses_no_participants_and_bad_matrices() -> None:
    with pytest.raises(ValueError, match="at least one"):
        m.compare({}, DATA)
    wanted = r"participant .zed.: ratings row 2 must be one of CC, C, N, I, II, NA"
    with pytest.raises(ValueError, match=wanted):
        m.compare({"zed": _with(BRIEFING, {("E02", "H1"): "X"})}, DATA)


def test_table_twin_has_a_row_per_cell() -> None:
    table = m.table(m.compare(TRIO, DATA))
    assert len(table) == len(IDS) * len(ach.HYPOTHESES)
    row = table[(table["Evidence"] == "E01") & (table["Hypothesis"] == "H2")].iloc[0]
    assert (row["Modal rating"], row["Agreement"], row["Split?"]) == ("CC/C/I", "33%", "yes")
    assert row["Briefing's rating"] == "CC" and row["Ratings given"] == "CC×1, C×1, I×1"


# --- reading files -------------------------------------------------------------------


def test_folder_and_combined_file_give_the_same_result(tmp_path: Path) -> None:
    folder = _write_trio(tmp_path / "class")
    lines = ["participant," + HEADER]
    for name, ratings in TRIO.items():
        lines += [f"{name},{line}" for line in _csv(ratings).splitlines()[1:]]
    combined = tmp_path / "seminar.csv"
    combined.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from_folder = m.read_participants(folder, data=DATA)
    from_combined = m.read_participants(combined, data=DATA)
    assert from_folder == from_combined == TRIO
    assert m.compare(from_folder, DATA) == m.compare(from_combined, DATA)


def test_a_copied_matrix_with_extra_columns_in_any_order_reads(tmp_path: Path) -> None:
    text = "Reason, H4 ,h3,h2,H1,Evidence_ID\n" + "".join(
        f'"why, me",{r[3]},{r[2]}, {r[1]} ,{r[0]},{eid}\n' for eid, r in zip(IDS, BEN, strict=True)
    )
    (tmp_path / "ben.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # BOM
    assert m.read_participants(tmp_path / "ben.csv", data=DATA) == {"ben": BEN}


def test_unknown_evidence_id(tmp_path: Path) -> None:
    text = _csv(ANNA).replace("E03,", "E99,").replace("E04,", "e04,")
    found = _problems(tmp_path, text)
    assert any(
        "alice.csv, row 3 (line 4), column 'evidence_id': expected an evidence id of the "
        "matrix (E01–E11); found 'E99'" in p
        for p in found
    )
    assert any("row 4 (line 5)" in p and "'e04' (ids are upper case)" in p for p in found)


def test_rating_not_in_the_scale(tmp_path: Path) -> None:
    rows = _csv(ANNA).splitlines()
    rows[2] = "E02,C,X,N,C"
    rows[5] = "E05,N,cc,,C"
    found = _problems(tmp_path, "\n".join(rows))
    assert found == [
        "alice.csv, row 2 (line 3), column 'h2': expected one of CC, C, N, I, II, NA; found 'X'",
        "alice.csv, row 5 (line 6), column 'h2': expected one of CC, C, N, I, II, NA; "
        "found 'cc' (ratings are upper case)",
        "alice.csv, row 5 (line 6), column 'h3': expected one of CC, C, N, I, II, NA; "
        "found an empty cell",
    ]


def test_missing_evidence_rows(tmp_path: Path) -> None:
    rows = [r for r in _csv(ANNA).splitlines() if not r.startswith(("E05", "E11"))]
    assert _problems(tmp_path, "\n".join(rows)) == [
        "alice.csv, column 'evidence_id': expected a row for every evidence item "
        "(E01–E11); found no row for E05, E11"
    ]


def test_duplicate_rows_per_file_and_per_participant(tmp_path: Path) -> None:
    rows = _csv(ANNA).splitlines()
    found = _problems(tmp_path, "\n".join([*rows, "E02,C,C,N,C"]))
    assert found == [
        "alice.csv, row 12 (line 13), column 'evidence_id': expected one row per evidence "
        "item; found 'E02' again (first at row 2)"
    ]
    combined = ["participant," + HEADER]
    combined += [f"ann,{r}" for r in rows[1:]] + [f"bo,{r}" for r in rows[1:]] + ["bo,E07,N,N,N,N"]
    found = _problems(tmp_path, "\n".join(combined), "class.csv")
    assert found == [
        "class.csv, row 23 (line 24), column 'evidence_id': expected one row per evidence "
        "item and participant; found 'E07' again for 'bo' (first at row 18)"
    ]


def test_missing_column_and_wrong_field_count(tmp_path: Path) -> None:
    text = _csv(ANNA).replace(HEADER, "evidence_id,h1,h2,h4", 1)
    (found,) = _problems(tmp_path, text)
    assert found.startswith("alice.csv, column 'h3': expected the column(s) in the header")
    assert "found header: evidence_id,h1,h2,h4" in found
    rows = _csv(ANNA).splitlines()
    rows[3] = "E03,CC,N,N"
    assert _problems(tmp_path, "\n".join(rows)) == [
        "alice.csv, row 3 (line 4): expected 5 fields; found 4 fields (a stray or missing comma?)",
        "alice.csv, column 'evidence_id': expected a row for every evidence item (E01–E11); "
        "found no row for E03",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "expected a header line and rows; found an empty file"),
        (b"  \n\n", "expected a header line and rows; found an empty file"),
        (HEADER.encode() + b"\n", "expected one row per evidence item; found only a header"),
        (HEADER.encode() + b"\nE01,N,N,N,N\nE02,\xe9,N,N,N\n", "expected UTF-8 text"),
    ],
)
def test_empty_header_only_and_non_utf8_files(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    (found,) = _problems(tmp_path, content)
    assert found.startswith("alice.csv") and expected in found
    if b"\xe9" in content:
        assert "row 2 (line 3)" in found and "byte 0xe9 on line 3" in found


def test_every_problem_in_every_file_is_reported_together(tmp_path: Path) -> None:
    folder = _write_trio(tmp_path / "class")
    (folder / "dan.csv").write_text(_csv(ANNA).replace("E02,C,C,N,C", "E02,C,C,N,Q"))
    (folder / "eve.csv").write_bytes(b"")
    other = tmp_path / "other"
    other.mkdir()
    (other / "anna.csv").write_text(_csv(BEN))  # a second 'anna'
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError) as caught:
        m.read_participants(folder, other, tmp_path / "empty", tmp_path / "nope.csv", data=DATA)
    err = caught.value
    found = [str(p) for p in err.problems]
    assert len(found) == 5
    assert any(str(folder / "dan.csv") in p and "column 'h4'" in p and "'Q'" in p for p in found)
    assert any(str(folder / "eve.csv") in p and "an empty file" in p for p in found)
    assert any(str(other / "anna.csv") in p and "already read from" in p for p in found)
    assert any(p.startswith(str(tmp_path / "empty")) and "no .csv files" in p for p in found)
    assert any(p.startswith(str(tmp_path / "nope.csv")) and "no such file" in p for p in found)
    assert str(err).startswith("5 problems in the participants' ratings:")
    assert err._render_traceback_() == [f"DataError: {err}"]  # no traceback in IPython


# --- the shipped samples ---------------------------------------------------------------


def test_shipped_samples_equal_their_derivation() -> None:
    samples = m.sample_participants(DATA)
    assert list(samples) == list(SAMPLE_NAMES)  # as readers know them: no ids
    shipped = sorted(p.stem for p in PARTICIPANTS_DIR.glob("*.csv"))
    assert shipped == sorted(samples), "run tests/tools/make_samples.py"
    for name, ratings in samples.items():
        text = (PARTICIPANTS_DIR / f"{name}.csv").read_text(encoding="utf-8")
        assert text == _csv(ratings), f"{name}.csv drifted: run the script"
    assert samples[SAMPLE_NAMES[0]] == BRIEFING
    assert m.read_participants(data=DATA) == samples


def test_samples_disagree_where_the_readings_say() -> None:
    r = m.compare(m.sample_participants(DATA), DATA)
    readings = DATA.readings
    changed = set(readings["evidence_id"])
    for c in r.cells:
        if c.evidence_id not in changed:
            assert c.share == 1.0 and c.mode == c.briefing
    # The sceptic re-rates E08 against H3 from CC to I: the samples' one split.
    assert [(c.evidence_id, c.hypothesis) for c in r.split_cells] == [("E08", "H3")]
    assert r.top_differs


# --- the chart -------------------------------------------------------------------------


def test_chart_marks_split_cells_without_colour_and_states_the_finding() -> None:
    r = m.compare(TRIO, DATA)
    fig = Figure()
    ax = fig.subplots()
    chart.draw_agreement(ax, r)
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == len(r.split_cells) == 2
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("CC/C/I 33%\nSPLIT") == 1 and texts.count("C 67%\nSPLIT") == 1
    assert "CC 67%" in texts and "CC 100%" in texts
    assert ax.get_title(loc="left").replace("\n", " ") == chart.headline(r)  # wrapped
    assert "split on direction in 2 of 44 cells" in chart.headline(r)
    footer = fig.texts[-1].get_text()
    assert footer.startswith("Source: ratings by 3 participants") and "Data as of" in footer
    alt = chart.alt_text(r)
    assert chart.headline(r) in alt and "Split cells: E01 against H2 and E02 against H1." in alt
    assert chart.render_png(r).startswith(b"\x89PNG")


# --- the widget ------------------------------------------------------------------------


def _upload(name: str, content: bytes) -> dict:
    return {
        "name": name,
        "type": "text/csv",
        "size": len(content),
        "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        "content": memoryview(content),
    }


def test_widget_shows_samples_chart_table_and_scores() -> None:
    view = gather_ratings()
    assert isinstance(view, ClassRatingsView)
    assert repr(view) == "<ACH agreement: 3 participants>"
    assert 'alt="' in view.image.value and "data:image/png;base64," in view.image.value
    assert "E08 against H3" in view.alt_text
    assert "<td>E08</td><td>H3</td><td>CC</td><td>67%</td><td>yes</td>" in view.table_html.value
    for name in SAMPLE_NAMES:
        assert f"<td>{markup.text(name)}</td>" in view.scores_html.value
    assert "differ on the least contradicted" in view.scores_html.value


def _descendants(widget) -> list:
    kids = list(getattr(widget, "children", ()))
    return kids + [d for k in kids for d in _descendants(k)]


def test_a_static_build_says_the_upload_needs_a_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    import ipywidgets as widgets

    live = _descendants(gather_ratings())
    assert any(isinstance(w, widgets.FileUpload) for w in live)
    monkeypatch.setenv("BRIEFING_STATIC", "1")
    view = gather_ratings()
    shown = _descendants(view)
    assert not any(isinstance(w, widgets.FileUpload) for w in shown), "an upload that cannot work"
    notes = [w.value for w in shown if "precomputed-note" in getattr(w, "value", "")]
    assert len(notes) == 1
    assert "3 sample participants below (a demonstration) was computed" in notes[0]
    assert "To add the room's CSVs" in html.unescape(notes[0])
    assert "data:image/png;base64," in view.image.value, "the chart is still shown"


def test_widget_reads_given_folders_and_refuses_bad_paths(tmp_path: Path) -> None:
    view = gather_ratings(_write_trio(tmp_path / "class"))
    assert repr(view) == "<ACH agreement: 3 participants>"
    assert view.participants == TRIO
    with pytest.raises(DataError, match=r"nope\.csv: expected a participant.s CSV file"):
        gather_ratings(tmp_path / "nope.csv")


def test_the_room_counts_only_the_rooms_files_and_the_samples_are_a_demonstration() -> None:
    """After four uploads the room has four participants, not seven; the
    samples stay one click away, labelled as a demonstration."""
    view = gather_ratings()
    assert view.showing.value == "samples" and "Demonstration" in view.label.value
    assert repr(view) == "<ACH agreement: 3 participants>"
    for who, ratings in zip("abcd", (ANNA, BEN, CARA, CARA), strict=True):
        view.upload.value = (_upload(f"{who}.csv", _csv(ratings).encode()),)
    assert repr(view) == "<ACH agreement: 4 participants>"
    assert set(view.participants) == set("abcd")
    assert view.showing.value == "room" and "<b>The room</b>: 4 participants" in view.label.value
    for sample in SAMPLE_NAMES:
        assert f"<td>{markup.text(sample)}</td>" not in view.scores_html.value
    view.showing.value = "samples"  # the presenter shows the demonstration again
    assert repr(view) == "<ACH agreement: 3 participants>"
    assert f"<td>{markup.text(SAMPLE_NAMES[0])}</td>" in view.scores_html.value
    assert len(view.room) == 4  # and the room's files are kept


def test_upload_adds_a_participant_and_a_bad_upload_keeps_the_others() -> None:
    view = gather_ratings()
    view.upload.value = (_upload("dora.csv", _csv(CARA).encode()),)
    before: dict = {}
    assert repr(view) == "<ACH agreement: 1 participant>"
    assert view.participants["dora"] == CARA
    assert "Added <bdi>dora</bdi>" in view.message.value
    assert "<td>dora</td>" in view.scores_html.value
    assert view.upload.value == ()  # ready for the next upload

    shown = view.image.value
    bad = _csv(CARA).replace("E06,I,CC,N,C", "E06,I,CC,N,maybe").encode()
    view.upload.value = (_upload("ed.csv", bad), _upload("notes.txt", b"hello"))
    assert repr(view) == "<ACH agreement: 1 participant>"
    assert view.participants == {**before, "dora": CARA}
    assert view.image.value == shown
    message = view.message.value
    assert 'role="alert"' in message and "Not added" in message and "Traceback" not in message
    assert "ed.csv, row 6 (line 7), column &#39;h4&#39;" in message
    assert "found &#39;maybe&#39;" in message
    assert "notes.txt: expected a .csv file" in message


def test_upload_of_a_combined_file_and_a_replacement() -> None:
    view = gather_ratings()
    rows = _csv(BEN).splitlines()[1:]
    combined = "participant," + HEADER + "\n" + "".join(f"{w},{r}\n" for w in "xy" for r in rows)
    problems = view.add_files({"pair.csv": combined.encode(), "dora.csv": _csv(BEN).encode()})
    assert problems == []
    assert repr(view) == "<ACH agreement: 3 participants>"
    assert view.add_files({"Dora .csv": _csv(CARA).encode()}) == []
    assert repr(view) == "<ACH agreement: 3 participants>"
    assert view.participants["Dora"] == CARA and "dora" not in view.participants
    assert "replacing earlier ratings of <bdi>Dora</bdi>" in view.message.value


def test_parse_ratings_returns_no_one_from_a_file_with_problems() -> None:
    text = _csv(ANNA).replace("E09,C,C,N,N", "E09,C,C,N,IIII").encode()
    found, problems = parse_ratings(text, "x.csv", "x", SHAPE)
    assert found == {} and len(problems) == 1 and problems[0].row == 9
