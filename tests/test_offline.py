"""Offline: every notebook runs without trying to reach the network.

Each notebook is executed with an audit hook installed first in its kernel; the hook records
every socket connection and name lookup that is not to the loopback interface. The browser
tests do the same for the page (every request outside 127.0.0.1 is blocked and counted).
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))

pytestmark = pytest.mark.notebooks  # runs kernels

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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_makes_no_network_attempt(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells = [nbformat.v4.new_code_cell(GUARD), *nb.cells, nbformat.v4.new_code_cell(REPORT)]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    attempts = json.loads(nb.cells[-1].outputs[0]["text"])
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
