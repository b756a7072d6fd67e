"""Report an error: one text for the README and the offline site, through helpers.markup."""

from __future__ import annotations

from pathlib import Path

from helpers.present import report_error
from helpers.present.build import index_page

REPO = Path(__file__).resolve().parents[1]


def test_the_readme_carries_the_same_section_as_the_site() -> None:
    assert report_error.readme_section() in (REPO / "README.md").read_text("utf-8")


def test_the_page_says_how_to_report_and_what_happens_next(tmp_path: Path) -> None:
    page = report_error.write(tmp_path).read_text("utf-8")
    assert "How to report it" in page and "What happens next" in page
    assert "correction" in page and "update" in page and "clarification" in page
    assert "corrections log holds" in page
    assert "<script" not in page


def test_the_site_index_links_the_page() -> None:
    assert "report-an-error.html" in index_page([], pdf=False)
