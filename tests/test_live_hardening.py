"""Issue 25, in the live pages as a presenter meets them: an upload too large to send, a
kernel that dies, page loads in a burst. A real Voila server on a free loopback port and
a real Chromium (``labdriver``), as in ``test_live.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from labdriver import browser_page, live_server, require_chromium

from helpers.data.participant_files import MAX_BYTES
from helpers.models import ach, agreement


@pytest.fixture
def page() -> Iterator[tuple[object, list[str]]]:
    require_chromium()
    with browser_page() as pair:
        yield pair


def one_notebook(folder: Path, source: str, name: str = "00-room.ipynb") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = dict(name="python3", display_name="Python 3", language="python")
    nbformat.write(nb, folder / name)
    return folder


def ratings_csv() -> bytes:
    data = agreement.load_data()
    ratings = agreement.sample_participants(data)[ach.BRIEFING_READING]
    rows = [
        ",".join([e, *r]) for e, r in zip(data.evidence["evidence_id"], ratings, strict=True)
    ]
    return ("evidence_id,h1,h2,h3,h4" + "\n" + "\n".join(rows) + "\n").encode()


def choose_files(pg, button: str, files: list[tuple[str, bytes]]) -> None:
    """Click the upload button and pick ``files`` in the browser's file chooser."""
    with pg.expect_file_chooser() as chooser:
        pg.locator(button).click()
    chooser.value.set_files(
        [{"name": n, "mimeType": "text/csv", "buffer": content} for n, content in files]
    )


@pytest.mark.browser
def test_an_upload_too_large_to_send_is_refused_in_the_browser_and_the_room_is_kept(
    tmp_path: Path, page
) -> None:
    """Issue 25 item 1. Before: a 12 MB file was dropped by the websocket (10 MiB) before any
    check, with no message; later uploads were ignored and a reload lost the room. Now the
    page refuses it before sending, says so by name, and the room keeps working."""
    pg, blocked = page
    root = one_notebook(
        tmp_path / "nbs",
        "from helpers.seminar.class_ratings import gather_ratings\ngather_ratings()",
    )
    good = ratings_csv()
    huge = good + b"\n" * (12 * 1024 * 1024)
    with live_server("dashboard", tmp_path, root=root) as (base, _):
        pg.goto(f"{base}/voila/render/00-room.ipynb")
        message = pg.locator(".class-ratings-message")
        button = ".class-ratings-upload"
        pg.wait_for_selector(button)
        choose_files(pg, button, [("anna.csv", good)])
        pg.wait_for_function(
            "() => /Added anna/.test(document.querySelector('.class-ratings-message').innerText)"
        )
        choose_files(pg, button, [("huge.csv", huge), ("bo.csv", good)])
        refused = pg.locator(".briefing-upload-refused[role=alert]")
        refused.wait_for(state="visible", timeout=30_000)
        said = refused.inner_text()
        assert "huge.csv" in said and f"{MAX_BYTES:,}" in said, said
        # The other file of the same choice is still sent and added, and so is a later one.
        pg.wait_for_function(
            "() => /Added bo/.test(document.querySelector('.class-ratings-message').innerText)"
        )
        choose_files(pg, button, [("cy.csv", good)])
        pg.wait_for_function(
            "() => /Added cy/.test(document.querySelector('.class-ratings-message').innerText)"
        )
        assert not refused.count(), "the refusal is cleared by the next good upload"
        label = pg.locator(".class-ratings-label").inner_text()
        assert re.search(r"\b3 participants\b", label), label
        assert "huge" not in message.inner_text()
        # Many files that together are too large for one message: none sent, said.
        many = [(f"p{i}.csv", good + b" " * (MAX_BYTES - len(good) - 10)) for i in range(12)]
        choose_files(pg, button, many)
        refused.wait_for(state="visible", timeout=30_000)
        assert "together" in refused.inner_text(), refused.inner_text()
        choose_files(pg, button, [("dee.csv", good)])
        pg.wait_for_function(
            "() => /Added dee/.test(document.querySelector('.class-ratings-message').innerText)"
        )
        assert re.search(r"\b4 participants\b", pg.locator(".class-ratings-label").inner_text())
    assert blocked == []
