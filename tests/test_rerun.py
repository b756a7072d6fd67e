"""Re-run safety and no network: run-all twice in one kernel with every network attempt
recorded (none is allowed, not even a name lookup), and each explorer cell right after the
import cell alone (a presenter jumping straight to a slide). One kernel per notebook covers
all of it: a kernel's start and the imports cost seconds each, in every test run."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))


GUARD = """
import sys as _sys
_OFFLINE_ATTEMPTS = []
_LOCAL = ("127.0.0.1", "::1", "localhost", "0.0.0.0", "")
def _offline_hook(event, args):
    if event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else str(address)
        if host not in _LOCAL and not str(host).startswith("/"):
            _OFFLINE_ATTEMPTS.append(f"connect {host}")
    elif event == "socket.getaddrinfo" and args[0] not in _LOCAL:
        _OFFLINE_ATTEMPTS.append(f"lookup {args[0]}")
_sys.addaudithook(_offline_hook)
"""
REPORT = "import json as _json; print(_json.dumps(_OFFLINE_ATTEMPTS))"


def _client(nb: nbformat.NotebookNode, path: Path) -> NotebookClient:
    env_ok = "MPLBACKEND" not in os.environ
    assert env_ok, "MPLBACKEND must not be set for notebook runs"
    return NotebookClient(nb, timeout=120, kernel_name="python3",
                          resources={"metadata": {"path": str(path.parent)}})


def _errors_in(cells: list) -> list[str]:
    return [f"{o.get('ename')}: {o.get('evalue')}" for c in cells if c.cell_type == "code"
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_explorers_first_then_run_all_twice_in_one_kernel_without_the_network(
    path: Path,
) -> None:
    """One kernel per notebook, three checks in turn: each explorer cell right after the
    import cell (a presenter jumping straight to its slide: nothing between the imports and
    the explorer has run; with two explorers the imports run again before the second), then
    run-all twice (re-run safety), with every network attempt recorded from the start."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    jumps = [copy.deepcopy(c) for c in code if "helpers.explore(" in c.source]
    assert jumps, "every notebook has an explorer"
    guard, report = nbformat.v4.new_code_cell(GUARD), nbformat.v4.new_code_cell(REPORT)
    nb.cells = [guard, *nb.cells, report]
    client = _client(nb, path)
    with client.setup_kernel():
        client.execute_cell(guard, 0)
        for explorer in jumps:
            imports = copy.deepcopy(code[0])
            for cell in (imports, explorer):
                client.execute_cell(cell, 1)
                assert _errors_in([cell]) == [], f"jumping to {explorer.source[:60]!r}"
            assert "explorer>" in str(explorer.outputs[0]["data"]["text/plain"])
        for _ in range(2):
            for index, cell in enumerate(nb.cells[1:-1], start=1):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
        client.execute_cell(report, len(nb.cells) - 1)
    assert _errors_in(nb.cells) == []
    attempts = json.loads(report.outputs[0]["text"])
    assert attempts == [], f"{path.name} tried the network: {attempts}"


def test_the_guard_records_an_attempt() -> None:
    """The check above can fail: a cell that looks up a host is caught."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(GUARD),
        nbformat.v4.new_code_cell(
            "import socket\ntry:\n    socket.getaddrinfo('example.invalid', 80)\n"
            "except OSError:\n    pass"),
        nbformat.v4.new_code_cell(REPORT),
    ]
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    assert json.loads(nb.cells[-1].outputs[0]["text"]) == ["lookup example.invalid"]
