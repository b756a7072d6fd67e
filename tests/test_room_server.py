"""The room server (helpers.present.room_server) as participants and mischief meet it: a real
tornado server on 127.0.0.1, real HTTP requests with whatever Host, Origin and body a hostile
client chooses. Each refusal is a sentence and changes nothing in the room."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from labdriver import room_in_thread

from helpers.data.ratings import Matrix
from helpers.data.room_store import RoomStore
from helpers.present import room_server as rs

MATRIX = Matrix(("E01", "E02"), ("h1", "h2"), ("CC", "C", "N", "I", "II", "NA"))
QIDS = ("q1", "q2")


class Served:
    def __init__(self, room: rs.Room, port: int, lan: str | None):
        self.room, self.port, self.lan = room, port, lan
        self.host = f"127.0.0.1:{port}"

    def call(self, method: str, path: str, body: object = None, *, host: str | None = None,
             origin: str | None = "same", kind: str = "application/json",
             raw: bytes | None = None, via: str = "127.0.0.1") -> tuple[int, dict]:  # fmt: skip
        conn = http.client.HTTPConnection(via, self.port, timeout=10)
        headers = {"Host": host or self.host}
        if origin == "same":
            headers["Origin"] = f"http://{host or self.host}"
        elif origin:
            headers["Origin"] = origin
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        if data is not None:
            headers["Content-Type"] = kind
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        text = resp.read()
        conn.close()
        try:
            return resp.status, json.loads(text)
        except ValueError:
            return resp.status, {"text": text.decode("utf-8", "replace")}

    def submit(self, name: str, secret: str | None = None, round_no: int = 1, **kw) -> tuple:
        body = {"code": self.room.store.status().code, "name": name, "secret": secret,
                "round": round_no, "ratings": None, "forecasts": None, **kw}  # fmt: skip
        return self.call("POST", "/api/submit", body)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    lan = rs.lan_address()  # this machine's own non-loopback address: a phone's view
    room = rs.Room(
        store=RoomStore(tmp_path, title="Test seminar", version="test"),
        page="<!doctype html><title>page</title>",
        matrix=MATRIX,
        question_ids=QIDS,
        briefing={"q1": 0.3, "q2": 0.8},
        hosts=frozenset({f"127.0.0.1:{port}", f"localhost:{port}", f"{lan}:{port}"}),
        address=f"http://127.0.0.1:{port}",
        limit=rs.RateLimit(),
    )
    with room_in_thread(room, ["127.0.0.1", *([lan] if lan else [])], port):
        yield Served(room, port, lan)


def count(served: Served) -> int:
    return served.room.store.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]


def test_a_participant_submits_and_only_their_browser_can_replace_it(served: Served) -> None:
    status, body = served.submit("Ana", forecasts={"q1": {"p": 0.7, "why": "talks"}})
    assert status == 200 and body["ok"] and body["name"] == "Ana"
    status, body2 = served.submit("ana", forecasts={"q1": {"p": 0.0}})
    assert status == 403 and "already taken" in body2["error"]
    status, _ = served.submit("ANA", body["secret"], forecasts={"q1": {"p": 0.6}})
    assert status == 200
    assert served.room.store.forecasts(1) == {"Ana": {"q1": 0.6}}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("the room (median)", "own rows"),
        ("The briefing's dataset", "own rows"),
        ("\u0430na", "scripts that look alike"),
        ("a\u200bna", "ZERO WIDTH"),
        ("ana\u202e", "RIGHT-TO-LEFT"),
    ],
)
def test_look_alike_invisible_and_reserved_names_are_refused(served, name, words) -> None:
    served.submit("Ana", forecasts={"q1": {"p": 0.7}})
    status, body = served.submit(name, forecasts={"q1": {"p": 0.1}})
    assert status == 400 and words in body["error"]
    assert served.room.store.forecasts(1) == {"Ana": {"q1": 0.7}}


def test_the_room_code_is_needed(served: Served) -> None:
    status, body = served.call("POST", "/api/submit", {"code": "XXXXX", "name": "Ana",
                               "round": 1, "forecasts": {"q1": {"p": 0.5}}})  # fmt: skip
    assert status == 403 and "code" in body["error"]
    assert count(served) == 0


@pytest.mark.parametrize(
    ("raw", "kind", "status", "words"),
    [
        (b"x" * (40 * 1024), "application/json", 413, "larger than 32 KB"),
        (b'{"name": "Ana", "name": "Eve"}', "application/json", 400, "'name' twice"),
        (b'{"p": ' + b"9" * 5000 + b"}", "application/json", 400, "too long"),
        (b'{"p": NaN}', "application/json", 400, "not a number"),
        (b"\xff\xfe{}", "application/json", 400, "not JSON"),
        (b"[1, 2]", "application/json", 400, "not JSON"),
        (b"name=Ana", "application/x-www-form-urlencoded", 415, "must be JSON"),
        (b'{"name": "Ana"}', "text/plain", 415, "must be JSON"),
    ],
)
def test_malformed_and_oversized_bodies_get_a_sentence(served, raw, kind, status, words) -> None:
    got, body = served.call("POST", "/api/submit", raw=raw, kind=kind)
    assert got == status and words in body["error"]
    assert count(served) == 0


def test_a_body_past_the_servers_limit_is_cut_off_and_the_server_goes_on(served) -> None:
    try:
        status, _ = served.call("POST", "/api/submit", raw=b"x" * (2 * 1024 * 1024))
        assert status >= 400
    except (ConnectionError, http.client.HTTPException):
        pass  # tornado closes the connection: also a refusal
    assert served.submit("Ana", forecasts={"q1": {"p": 0.5}})[0] == 200


def test_a_foreign_origin_or_host_is_refused(served: Served) -> None:
    code = served.room.store.status().code
    body = {"code": code, "name": "Ana", "round": 1, "forecasts": {"q1": {"p": 0.5}}}
    status, reply = served.call("POST", "/api/submit", body, origin="http://evil.example")
    assert status == 403 and "other sites" in reply["error"]
    status, reply = served.call("GET", "/api/room", host="evil.example:80")
    assert status == 400 and "address" in reply["error"]
    status, reply = served.call("GET", "/", host=f"rebind.example:{served.port}")
    assert status == 400
    assert count(served) == 0


def test_a_flood_from_one_device_is_slowed_and_the_room_still_answers(served: Served) -> None:
    limit = served.room.limit
    limit.per_second, limit.burst = 0.0, 20.0  # no refill: the count is exact however slow
    statuses = [served.submit(f"Flood {i}", forecasts={"q1": {"p": 0.5}})[0] for i in range(60)]
    assert statuses == [200] * 20 + [429] * 40
    assert served.call("GET", "/api/room")[0] == 200  # reading the room is not limited
    assert served.room.store.status().answered[1] == 20


def test_the_rate_limit_refills_at_its_rate() -> None:
    limit = rs.RateLimit(per_second=10.0, burst=30.0)
    assert all(limit.allow("phone", now=0.0) for _ in range(30))
    assert not limit.allow("phone", now=0.0)
    assert limit.allow("other phone", now=0.0)  # each device has its own bucket
    assert limit.allow("phone", now=0.15)  # 1.5 requests' worth refilled
    assert not limit.allow("phone", now=0.16)


@pytest.mark.parametrize(
    "path",
    ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/notebooks/06-seminar-kit.ipynb",
     "/api/kernels", "/room.sqlite", "/static/../room.sqlite", "//etc/passwd", "/api/submit/.."],
)  # fmt: skip
def test_no_path_leads_anywhere_but_the_page_and_its_api(served: Served, path: str) -> None:
    status, body = served.call("GET", path)
    assert status in (404, 405, 400)
    assert "room" not in json.dumps(body).lower() or "error" in body
    assert "SQLite" not in body.get("text", "")


def test_results_stay_hidden_until_the_chair_reveals(served: Served) -> None:
    served.submit("Ana", forecasts={"q1": {"p": 0.2}})
    served.submit("Ben", forecasts={"q1": {"p": 0.6}})
    assert served.call("GET", "/api/results")[1] == {"revealed": False}
    served.room.store.reveal()
    shown = served.call("GET", "/api/results")[1]
    assert shown["revealed"] and shown["participants"] == 2
    assert shown["forecasts"]["q1"] == {"median": pytest.approx(0.4), "n": 2}
    assert shown["briefing"] == {"q1": 0.3, "q2": 0.8}


def test_the_chairs_actions_come_only_from_the_laptop_itself(served: Served) -> None:
    status, body = served.call("POST", "/chair/reveal", {}, host=f"192.168.1.20:{served.port}")
    assert status == 400  # an address the server does not answer to
    status, body = served.call("POST", "/chair/reveal", {}, origin="http://evil.example")
    assert status == 403 and not served.room.store.status().revealed
    status, body = served.call("POST", "/chair/reveal", {}, kind="text/plain")
    assert status == 415 and not served.room.store.status().revealed
    status, body = served.call("POST", "/chair/close", {})
    assert status == 200 and body["round"] is None
    assert served.submit("Ana", forecasts={"q1": {"p": 0.5}})[0] == 423
    status, body = served.call("POST", "/chair/open", {"round": 2})
    assert status == 200 and body["round"] == 2
    served.submit("Ana", round_no=2, forecasts={"q1": {"p": 0.5}})
    assert served.call("POST", "/chair/remove", {"name": "ana"})[0] == 200
    assert served.room.store.status().answered == {1: 0, 2: 0}
    status, page = served.call("GET", "/chair")
    assert status == 200 and served.room.store.status().code in page["text"]
    status, line = served.call("GET", "/chair/status")
    assert line["line"] == "0 participants, round 2 open; results hidden from participants"


def test_a_phone_on_the_network_cannot_reach_the_chair(served: Served) -> None:
    if not served.lan:
        pytest.skip("no non-loopback address on this machine to play the phone")
    phone = {"via": served.lan, "host": f"{served.lan}:{served.port}"}
    code = served.room.store.status().code
    body = {"code": code, "name": "Ana", "round": 1, "forecasts": {"q1": {"p": 0.5}}}
    assert served.call("POST", "/api/submit", body, **phone)[0] == 200
    for method, path, sent in [
        ("POST", "/chair/reveal", {}),
        ("GET", "/chair", None),
        ("GET", "/chair/forecasts.csv", None),
        ("GET", "/chair/status", None),
        ("POST", "/chair/close", {}),
    ]:
        status, reply = served.call(method, path, sent, **phone)
        assert status == 403 and "laptop" in reply["error"], path
    # a loopback Host header does not make a phone the laptop
    status, _ = served.call("POST", "/chair/reveal", {}, via=served.lan,
                            host=f"127.0.0.1:{served.port}")  # fmt: skip
    assert status == 403
    assert not served.room.store.status().revealed and served.room.store.status().open_round == 1


def test_the_qr_code_decodes_to_the_printed_address_with_the_room_code(served: Served) -> None:
    import io

    import zxingcpp
    from PIL import Image

    png = io.BytesIO()
    rs.qr(served.room).save(png, kind="png", scale=6)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.getvalue())))
    code = served.room.store.status().code
    assert [d.text for d in decoded] == [f"http://127.0.0.1:{served.port}/?code={code}"]
    assert rs.join_address(served.room) == decoded[0].text
    _status, page = served.call("GET", "/chair")
    assert decoded[0].text.replace("&", "&amp;") in page["text"] and "<svg" in page["text"]
