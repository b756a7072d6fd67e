"""Re-run safety: run-all twice in one kernel, and each explorer cell right after the
import cell alone (a presenter jumping straight to a slide)."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.notebooks  # runs kernels

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _client(nb: nbformat.NotebookNode, path: Path) -> NotebookClient:
    env_ok = "MPLBACKEND" not in os.environ
    assert env_ok, "MPLBACKEND must not be set for notebook runs"
    return NotebookClient(nb, timeout=120, kernel_name="python3",
                          resources={"metadata": {"path": str(path.parent)}})


def _errors(nb: nbformat.NotebookNode) -> list[str]:
    return [f"{o.get('ename')}: {o.get('evalue')}" for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_run_all_twice_in_one_kernel(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = _client(nb, path)
    with client.setup_kernel():
        for _ in range(2):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
    assert _errors(nb) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_each_explorer_cell_runs_right_after_the_imports(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    imports = code[0]
    explorers = [c for c in code if "helpers.explore(" in c.source]
    assert explorers, "every notebook has an explorer"
    for cell in explorers:
        small = copy.deepcopy(nb)
        small.cells = [copy.deepcopy(imports), copy.deepcopy(cell)]
        client = _client(small, path)
        client.execute()
        assert _errors(small) == []
        assert "explorer>" in str(small.cells[1].outputs[0]["data"]["text/plain"])
