"""``make room`` as a lecturer runs it: the room server in its own process, what it prints,
a room resumed from its folder, a stop with Ctrl-C, and a shortened room-load run with a
``kill -9`` in the middle (``make room-load`` is the full 200-phone run)."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
from labdriver import ROOM_SERVER, room_process
from tools import room_load

from helpers.present import room_server
from helpers.seminar.room_or_demo import POLL_MS


def _stop(proc: subprocess.Popen) -> tuple[float, str]:
    began = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=20)
    return time.monotonic() - began, out


def test_the_server_says_where_it_listens_and_resumes_the_room(tmp_path: Path) -> None:
    with room_process(tmp_path / "room") as (proc, port, lines):
        text = "\n".join(lines)
        assert f"listens on 127.0.0.1:{port} (this laptop only: add --lan for phones)" in text
        code = re.search(r"Participants: http://127\.0\.0\.1:\d+/\?code=([A-Z]+)", text).group(1)
        assert f"http://127.0.0.1:{port}/chair" in text
        assert (tmp_path / "room" / "room-qr.svg").is_file()
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "room-data" in page.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/room").json()["room"] == code
        seconds, out = _stop(proc)
    assert seconds < 5 and "answers are kept" in out
    with room_process(tmp_path / "room") as (_, port2, _):
        assert httpx.get(f"http://127.0.0.1:{port2}/api/room").json()["room"] == code


def test_a_taken_port_is_said_in_one_line(tmp_path: Path) -> None:
    with room_process(tmp_path / "a") as (_, port, _):
        second = subprocess.run(
            [*ROOM_SERVER, str(tmp_path / "b"), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 1
        assert second.stdout.strip().startswith("Cannot listen on 127.0.0.1 port")
        assert "Traceback" not in second.stdout + second.stderr


def test_a_kill_in_the_middle_of_a_round_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    result = asyncio.run(room_load.run(participants=40, seconds=10, kill=True, folder=tmp_path))
    assert result["killed"] and result["lost"] == 0
    assert result["submissions_acknowledged"] == 80  # both rounds of every participant


def test_the_lan_address_is_where_phones_would_come_from() -> None:
    address = room_server.lan_address()
    assert address is None or not address.startswith("127.")


def test_the_chairs_view_in_a_kernel_reads_the_room_as_it_fills(tmp_path: Path) -> None:
    """In a real kernel (as in JupyterLab or the dashboard) the view reads the room on its own
    every few seconds: a participant who joins while the chair talks appears without a click."""
    import nbclient
    import nbformat

    from helpers.data.room_store import RoomStore
    from helpers.models import agreement
    from helpers.models import forecasts as model

    data = model.load_data()
    qids = model.open_question_ids(data)
    matrix = agreement.matrix(agreement.load_data())
    store = RoomStore(tmp_path, title="t", version="v")
    store.submit("Ana", None, 1, forecasts={qids[0]: {"p": 0.3}}, matrix=matrix, question_ids=qids)
    join = (
        "from helpers.data.room_store import RoomStore\n"
        "from helpers.models import agreement, forecasts as model\n"
        f"s = RoomStore({str(tmp_path)!r})\n"
        "q = model.open_question_ids(model.load_data())\n"
        "s.submit('Ben', None, 1, forecasts={q[0]: {'p': 0.6}}, "
        "matrix=agreement.matrix(agreement.load_data()), question_ids=q)\n"
        "import asyncio\n"
        f"await asyncio.sleep({POLL_MS / 1000 + 2})\n"
        "print(v.room_line.value)"
    )
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from helpers.seminar import gather_forecasts\n"
            f"v = gather_forecasts(room={str(tmp_path)!r})\nprint(v.room_line.value)"
        ),
        nbformat.v4.new_code_cell(join),
    ]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    before, after = (c.outputs[0]["text"] for c in nb.cells)
    assert "1 participant, round 1 open" in before
    assert "2 participants, round 1 open" in after
