"""One error type for every data problem, written for the person who edits the CSV."""

from __future__ import annotations

from dataclasses import dataclass

MAX_LISTED = 20


def visible(text: str) -> str:
    """``text`` with its invisible and control characters shown as ``<U+202E>``: a file
    named with a right-to-left override would otherwise reverse the message after it, and
    a zero-width one name nothing a reader can see."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or ch == " " else f"<U+{ord(ch):04X}>" for ch in text
    )


class RowNumber(int):
    """A data row's number (1 is the row after the header) that knows the file line it
    starts on: a quoted cell may hold line breaks (Excel's Alt+Enter), so row N is not
    always line N + 1, and a person fixes a file by its lines."""

    line: int

    def __new__(cls, row: int, line: int) -> RowNumber:
        number = super().__new__(cls, row)
        number.line = line
        return number


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or a whole file when ``row`` is None)."""

    file: str
    row: int | None
    column: str | None
    expected: str
    found: str
    label: str = "column"  # what ``column`` names: a CSV column, or a field of a JSON file

    def __str__(self) -> str:
        where = visible(self.file)
        if self.row is not None:
            # Data row 1 is line 2 of the file (line 1 is the header), unless a quoted cell
            # above it held line breaks (a RowNumber knows its line).
            line = getattr(self.row, "line", self.row + 1)
            where += f", row {int(self.row)} (line {line})"
        if self.column is not None:
            where += f", {self.label} '{visible(self.column)}'"
        return f"{where}: expected {self.expected}; found {self.found}"


class DataError(ValueError):
    """A dataset or the catalog failed validation.

    ``problems`` lists every problem found (not just the first), so one edit-and-reload
    cycle can fix them all. ``subject`` names what was read (the briefing's data, or
    files a reader brought, such as seminar participants' ratings).
    """

    def __init__(self, problems: list[Problem], subject: str = "the briefing's data"):
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"... and {len(self.problems) - MAX_LISTED} more problems")
        head = "1 problem" if len(self.problems) == 1 else f"{len(self.problems)} problems"
        super().__init__(f"{head} in {subject}:\n  " + "\n  ".join(lines))

    @classmethod
    def one(
        cls, file: str, row: int | None, column: str | None, expected: str, found: str
    ) -> DataError:
        return cls([Problem(file, row, column, expected, found)])

    def _render_traceback_(self) -> list[str]:
        """Show IPython users the message alone, not a deep traceback."""
        return [f"DataError: {self}"]


def field_count_problem(file: str, row: int, header: list[str], cells: list[str]) -> Problem:
    """A row with more or fewer fields than the header: usually a stray or missing comma."""
    return Problem(
        file,
        row,
        None,
        f"{len(header)} fields",
        f"{len(cells)} fields (a stray or missing comma?)",
    )
