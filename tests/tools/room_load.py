"""A room's worth of phones against a real room server, on loopback only, bounded.

``N`` participants each send round 1 (ratings and forecasts) at a random moment of the first
half of the window; the chair opens round 2 (from the laptop, as the chair page does); each
sends round 2 in the second half, with the secret round 1 gave them. With ``--kill`` the
server is killed with SIGKILL in the middle of round 1 and started again on the same folder;
clients whose request failed send it again. At the end every acknowledged submission is
looked up in the room's SQLite file with the value that was sent.

Prints one line per figure and a last line ``lost=0 p95_ms=… ok`` (or ``FAILED``).

    cd tests && ../.venv/bin/python -m tools.room_load [--participants 200] [--seconds 60] [--kill]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from helpers.models import agreement
from helpers.models import forecasts as forecast_model


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    acknowledged: dict[tuple[str, int], float] = field(default_factory=dict)  # -> p sent
    retries: int = 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "helpers.present.room_server", str(folder), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


async def wait_ready(client: httpx.AsyncClient, base: str, limit: float = 60) -> dict:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            r = await client.get(f"{base}/api/room")
            if r.status_code == 200:
                return r.json()
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError("the room server did not start within a minute")


async def participant(
    i: int, client: httpx.AsyncClient, base: str, code: str, plan: dict, tally: Tally,
    round2_open: asyncio.Event,
) -> None:  # fmt: skip
    rng = random.Random(i)
    name = f"Participant {i:03d}"
    secret = f"load-test-secret-{i:03d}-{rng.getrandbits(64):x}"  # the browser's own
    matrix, qids, window = plan["matrix"], plan["qids"], plan["seconds"]
    ratings = {
        e: {c: rng.choice(matrix.scale) for c in matrix.columns} for e in matrix.evidence_ids
    }
    for round_no in (1, 2):
        if round_no == 2:
            await round2_open.wait()
            await asyncio.sleep(rng.uniform(0, window * 0.4))
        else:
            await asyncio.sleep(rng.uniform(0, window * 0.4))
        p = round(rng.random(), 3)
        body = {"code": code, "name": name, "secret": secret, "round": round_no,
                "ratings": ratings, "forecasts": {q: {"p": p, "why": "load test"} for q in qids}}
        while True:  # a request the server never answered (it was killed) is sent again
            start = time.perf_counter()
            try:
                r = await client.post(f"{base}/api/submit", json=body,
                                      headers={"Origin": base})  # fmt: skip
            except httpx.TransportError:
                tally.retries += 1
                await asyncio.sleep(0.2)
                continue
            tally.latencies_ms.append((time.perf_counter() - start) * 1000)
            tally.statuses[r.status_code] = tally.statuses.get(r.status_code, 0) + 1
            if r.status_code == 200:
                secret = r.json()["secret"]
                body["secret"] = secret
                tally.acknowledged[name, round_no] = p
                break
            if r.status_code in (429, 409, 423):
                await asyncio.sleep(0.5)
                continue
            raise RuntimeError(f"{name}: {r.status_code} {r.text}")


async def run(participants: int, seconds: float, kill: bool, folder: Path) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    data = forecast_model.load_data()
    plan = {
        "matrix": agreement.matrix(agreement.load_data()),
        "qids": forecast_model.open_question_ids(data),
        "seconds": seconds,
    }
    server = start_server(folder, port)
    tally = Tally()
    limits = httpx.Limits(max_connections=participants, max_keepalive_connections=participants)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        code = (await wait_ready(client, base))["room"]
        round2 = asyncio.Event()
        began = time.monotonic()
        tasks = [
            asyncio.create_task(participant(i, client, base, code, plan, tally, round2))
            for i in range(participants)
        ]

        async def chair() -> None:
            nonlocal server
            if kill:
                await asyncio.sleep(seconds * 0.25)
                server.send_signal(signal.SIGKILL)
                server.wait()
                server = start_server(folder, port)
                await wait_ready(client, base)
            await asyncio.sleep(max(0.0, seconds * 0.5 - (time.monotonic() - began)))
            while not all(k in tally.acknowledged for k in ((f"Participant {i:03d}", 1)
                                                             for i in range(participants))):
                await asyncio.sleep(0.2)  # fmt: skip
            r = await client.post(f"{base}/chair/open", json={"round": 2},
                                  headers={"Origin": base})  # fmt: skip
            r.raise_for_status()
            round2.set()

        await asyncio.gather(chair(), *tasks)
        elapsed = time.monotonic() - began
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
    db = sqlite3.connect(folder / "room.sqlite")
    stored = {
        (name, round_no): float(value)
        for name, round_no, value in db.execute(
            "SELECT p.name, a.round, a.value FROM answers a JOIN participants p ON p.key = a.key "
            "WHERE a.kind = 'forecasts' AND a.item = ?",
            (plan["qids"][0],),
        )
    }
    db.close()
    lost = [k for k, p in tally.acknowledged.items() if stored.get(k) != p]
    lat = sorted(tally.latencies_ms)
    return {
        "participants": participants,
        "submissions_acknowledged": len(tally.acknowledged),
        "lost": len(lost),
        "elapsed_s": round(elapsed, 1),
        "p50_ms": round(statistics.median(lat), 1),
        "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1),
        "max_ms": round(lat[-1], 1),
        "statuses": tally.statuses,
        "retries_after_kill": tally.retries,
        "killed": kill,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="room-load-") as tmp:
        result = asyncio.run(run(args.participants, args.seconds, args.kill, Path(tmp)))
    for key, value in result.items():
        print(f"{key}: {json.dumps(value)}")
    ok = result["lost"] == 0 and result["submissions_acknowledged"] == 2 * args.participants
    ok = ok and result["p95_ms"] <= 200 and result["elapsed_s"] <= args.seconds + 5
    print(f"lost={result['lost']} p95_ms={result['p95_ms']} {'ok' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
