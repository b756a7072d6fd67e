"""``make room`` as a lecturer runs it: the room server in its own process, what it prints,
a room resumed from its folder, a stop with Ctrl-C, and a shortened room-load run with a
``kill -9`` in the middle (``make room-load`` is the full 200-phone run)."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from tools import room_load

from helpers.present import room_server


def _start(folder: Path, *args: str) -> tuple[subprocess.Popen, int, list[str]]:
    port = room_load.free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "helpers.present.room_server",
            str(folder),
            "--port",
            str(port),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    end = time.monotonic() + 60
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("Chair and projector slide"):
            break
    return proc, port, lines


def _stop(proc: subprocess.Popen) -> tuple[float, str]:
    began = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=20)
    return time.monotonic() - began, out


def test_the_server_says_where_it_listens_and_resumes_the_room(tmp_path: Path) -> None:
    proc, port, lines = _start(tmp_path / "room")
    try:
        text = "\n".join(lines)
        assert f"listens on 127.0.0.1:{port} (this laptop only: add --lan for phones)" in text
        code = re.search(r"Participants: http://127\.0\.0\.1:\d+/\?code=([A-Z]+)", text).group(1)
        assert f"http://127.0.0.1:{port}/chair" in text
        assert (tmp_path / "room" / "room-qr.svg").is_file()
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "room-data" in page.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/room").json()["room"] == code
    finally:
        seconds, out = _stop(proc)
    assert seconds < 5 and "answers are kept" in out
    again, port2, _lines2 = _start(tmp_path / "room")
    try:
        assert httpx.get(f"http://127.0.0.1:{port2}/api/room").json()["room"] == code
    finally:
        _stop(again)


def test_a_taken_port_is_said_in_one_line(tmp_path: Path) -> None:
    first, port, _ = _start(tmp_path / "a")
    try:
        second = subprocess.run(
            [sys.executable, "-m", "helpers.present.room_server", str(tmp_path / "b"),
             "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )
        assert second.returncode == 1
        assert second.stdout.strip().startswith("Cannot listen on 127.0.0.1 port")
        assert "Traceback" not in second.stdout + second.stderr
    finally:
        _stop(first)


def test_a_kill_in_the_middle_of_a_round_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    result = asyncio.run(room_load.run(participants=40, seconds=10, kill=True, folder=tmp_path))
    assert result["killed"] and result["lost"] == 0
    assert result["submissions_acknowledged"] == 80  # both rounds of every participant


def test_the_lan_address_is_where_phones_would_come_from() -> None:
    address = room_server.lan_address()
    assert address is None or not address.startswith("127.")
