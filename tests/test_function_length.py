"""No function in ``helpers`` runs over 60 lines: a longer one holds more than one
step, and each step should be a function whose name and docstring say why it exists.

The length is read from the source with ``ast`` (``end_lineno - lineno + 1``, the docstring
included, decorators not), for every function and method, nested ones too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import helpers

PACKAGE = Path(helpers.__file__).resolve().parent
LIMIT = 60


def _too_long(path: Path, limit: int = LIMIT) -> list[str]:
    """Each function in the file over ``limit`` lines, named with its file, line and length."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE.parent) else path
    return [
        f"{where}:{node.lineno} {node.name} "
        f"({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if node.end_lineno - node.lineno + 1 > limit
    ]


def test_no_function_in_helpers_is_over_60_lines() -> None:
    long = [name for path in sorted(PACKAGE.rglob("*.py")) for name in _too_long(path)]
    assert long == [], "split these into named steps:\n" + "\n".join(long)


def test_the_check_counts_the_docstring_and_sees_a_method(tmp_path: Path) -> None:
    body = "".join(f"        x{i} = {i}\n" for i in range(LIMIT - 2))
    source = f'class C:\n    def m(self):\n        """Doc."""\n{body}'
    (tmp_path / "exact.py").write_text(source, encoding="utf-8")  # 60 lines: allowed
    (tmp_path / "over.py").write_text(source + "        y = 1\n", encoding="utf-8")
    assert _too_long(tmp_path / "exact.py", LIMIT) == []
    assert [line.split()[1:] for line in _too_long(tmp_path / "over.py", LIMIT)] == [
        ["m", "(61", "lines)"]
    ]
