"""The participant page: one self-contained HTML file generated from the briefing's
datasets, which a participant fills on a phone or a laptop and either saves as the very CSV
files the seminar views read (offline) or sends to the room server (server mode).

Unit tests read the page's embedded data against the datasets; browser tests (Debian's
Chromium, network blocked) fill it by touch and keyboard at 390 x 844, save both rounds and
parse the downloads with the real readers, run axe-core, and talk to a fake room server.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers.data import load
from helpers.data.forecast_files import parse_forecasts, read_forecasts
from helpers.data.names import NameRefused, clean_name
from helpers.data.ratings import parse_ratings, read_ratings
from helpers.models import ach, agreement
from helpers.models import forecasts as fc
from helpers.present import room_page

DATA = re.compile(r'<script type="application/json" id="room-data">(.*?)</script>', re.S)


def page_data(page: str) -> dict:
    (raw,) = DATA.findall(page)
    return json.loads(raw)


@pytest.fixture(scope="module")
def page() -> str:
    return room_page.participant_page()


# --- unit: what the page is made of ----------------------------------------------------


def test_every_open_question_and_no_resolved_one_is_on_the_page(page: str) -> None:
    f = load("forecasts")
    open_ = f[f["outcome"] == fc.OPEN]
    data = page_data(page)
    assert [q["id"] for q in data["questions"]] == list(open_["question_id"])
    text = html.unescape(page)
    for r in open_.itertuples():
        assert r.question in text and r.resolves_yes_if in text
        assert f"{r.resolution_date:%Y-%m-%d}" in text
        assert f'id="p-{r.question_id}"' in page
    for r in f[f["outcome"] != fc.OPEN].itertuples():
        assert r.question not in text


def test_every_ach_item_with_its_tier_and_the_briefings_ratings(page: str) -> None:
    e = load("ach_evidence")
    data = page_data(page)
    items = {i["id"]: i for i in data["items"]}
    assert list(items) == list(e["evidence_id"])
    matrix = agreement.matrix(ach.load_data())
    assert [h["column"] for h in data["hypotheses"]] == list(matrix.columns)
    assert [h["name"] for h in data["hypotheses"]] == list(load("hypotheses")["name"])
    assert [s["code"] for s in data["scale"]] == list(ach.SCALE)
    text = html.unescape(page)
    tiers = load("sources").set_index("source_id")["tier"].astype(str)
    for r in e.itertuples():
        assert r.evidence in text
        assert items[r.evidence_id]["briefing"] == {c: str(getattr(r, c)) for c in matrix.columns}
        best = min(
            (tiers[s] for s in r.source_ids), key=["originating", "established", "other"].index
        )
        assert items[r.evidence_id]["tier"] == best
        for c in matrix.columns:
            assert f'id="r-{r.evidence_id}-{c}"' in page
    for code, meaning in ach.MEANINGS.items():
        assert f"{code} — {meaning}" in text


def test_the_page_says_which_briefing_it_belongs_to_and_needs_no_network(page: str) -> None:
    data = page_data(page)
    assert data["version"] and re.fullmatch(r"[0-9a-f]{12}", data["dataHash"])
    assert data["version"] in page and data["dataHash"] in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert room_page.participant_page() == page  # generated, not stamped with the time


def test_the_embedded_data_cannot_end_its_script_element() -> None:
    hostile = {"x": "</script><script>alert(1)</script><!-- & >"}
    safe = room_page.script_json(hostile)
    assert "<" not in safe and ">" not in safe and "&" not in safe
    assert json.loads(safe) == hostile


def test_the_name_rule_is_the_python_rule() -> None:
    rule = page_data(room_page.participant_page())["names"]
    from helpers.data import names

    assert rule["maxLength"] == names.MAX_LENGTH
    assert rule["reserved"] == list(names.RESERVED_PREFIXES)


def test_server_mode_is_the_same_page_told_to_use_the_server() -> None:
    assert page_data(room_page.participant_page(server=True))["server"] is True
    assert page_data(room_page.participant_page())["server"] is False


def test_the_offline_index_links_the_participant_page() -> None:
    from helpers.present import build

    index = build.index_page([], pdf=False)
    assert "href='room/index.html'" in index  # a file, so it opens from a USB stick too


def test_the_offline_build_writes_the_participant_page_in_offline_mode(site: Path) -> None:
    written = (site / "room" / "index.html").read_text(encoding="utf-8")
    assert page_data(written)["server"] is False
    assert page_data(written)["dataHash"] == room_page.data_hash()


# --- browser: the page in Chromium -----------------------------------------------------

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("room")
    path = folder / "index.html"
    path.write_text(room_page.participant_page(), encoding="utf-8")
    return path


@pytest.fixture
def phone(request: pytest.FixtureRequest) -> Iterator[object]:
    """A touch phone (390 x 844) in Debian's Chromium, every non-loopback request blocked."""
    yield from _browser(PHONE, touch=True)


def _browser(viewport: dict, touch: bool) -> Iterator[object]:
    from labdriver import chromium_pages

    with chromium_pages() as (new_page, blocked):
        pg = new_page(viewport, touch)
        pg.blocked = blocked
        yield pg
    assert blocked == []


def _no_horizontal_scroll(pg) -> None:
    wide = pg.evaluate(
        """() => [document.documentElement.scrollWidth, window.innerWidth,
          Array.from(document.querySelectorAll('body *')).filter(e => {
            const r = e.getBoundingClientRect(); return r.width && r.right > innerWidth + 1; })
          .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)]"""
    )
    assert wide[0] <= wide[1] and wide[2] == [], wide


def _save(pg, tmp: Path) -> dict[str, bytes]:
    """Click "Save my answers" and return the files it downloads (name -> bytes)."""
    got: list = []

    def keep(download: object) -> None:
        got.append(download)

    pg.on("download", keep)
    pg.locator("#save").click()
    pg.wait_for_function("() => document.querySelector('#save-status').textContent.length > 0")
    pg.wait_for_timeout(500)
    pg.remove_listener("download", keep)
    files = {}
    for d in got:
        target = tmp / d.suggested_filename
        d.save_as(target)
        files[d.suggested_filename] = target.read_bytes()
    return files


@pytest.mark.browser
def test_icd_words_in_the_page_are_the_python_mapping(page_file: Path, phone) -> None:
    pg = phone
    pg.goto(page_file.as_uri())
    ranges = fc.load_data().ranges
    sweep = sorted({i / 2 for i in range(0, 201)} | {r * 100 for lh in ranges.values() for r in lh})
    got = pg.evaluate("(ps) => ps.map(p => roomPage.wordsFor(p))", sweep)
    assert got == [list(fc.words_for(p / 100, ranges)) for p in sweep]


HOSTILE = [
    "",
    "   ",
    "x" * 61,
    "ali\u200bce",  # zero-width space
    "\u202eecila",  # right-to-left override
    "The Room (median)",
    "the briefing's dataset",
    "THE BRIEFING",
    "аlice",  # Cyrillic а with Latin letters
    "=HYPERLINK(1)",
]


@pytest.mark.browser
def test_hostile_names_are_refused_in_the_page_with_the_rules_message(
    page_file: Path, phone
) -> None:
    pg = phone
    pg.goto(page_file.as_uri())
    for name in HOSTILE:
        python = None
        try:
            clean_name(name)
        except NameRefused as why:
            python = str(why)
        js = pg.evaluate("(n) => roomPage.nameProblem(n)", name)
        assert js, f"{name!r} accepted by the page"
        if python:  # the same words as the Python rule (the page cannot name code points)
            assert js.split("(")[0].strip() == python.split("(")[0].strip()
        pg.fill("#name", name)
        pg.locator("#name").blur()
        message = pg.locator("#name-problem").inner_text()
        assert js in message
    for name in ["Alice", "José Núñez", "김민준", "Ólafur  Arnalds"]:
        assert pg.evaluate("(n) => roomPage.nameProblem(n)", name) == ""
        assert clean_name(name)


def _fill_round_one(pg) -> None:
    """Name, the briefing's ratings with one changed by touch, three forecasts: by slider
    (keyboard), by typing, by touch."""
    pg.locator("#name").tap()
    pg.keyboard.type("Dana Kim")
    pg.locator("#start-briefing").tap()
    pg.locator("#r-E01-h1").select_option("N")
    pg.locator("#s-summit-2027").focus()
    for _ in range(5):
        pg.keyboard.press("ArrowRight")
    pg.locator("#p-itpp-renewed").tap()
    pg.keyboard.type("72")
    pg.locator("#why-itpp-renewed").tap()
    pg.keyboard.type("=SUM(A1) one renewal, on time")


@pytest.mark.browser
def test_a_phone_fills_both_rounds_by_touch_and_keyboard_and_saves_files_the_readers_accept(
    page_file: Path, phone, tmp_path: Path
) -> None:
    pg = phone
    pg.goto(page_file.as_uri())
    pg.evaluate("() => localStorage.clear()")
    pg.reload()
    _no_horizontal_scroll(pg)
    _fill_round_one(pg)
    # the typed number and the slider agree, and the word is ICD 203's
    assert pg.locator("#s-itpp-renewed").input_value() == "72"
    assert pg.locator("#w-itpp-renewed").inner_text() == "likely"
    start = 50
    assert pg.locator("#p-summit-2027").input_value() == str(start + 5)
    pg.screenshot(path=str(tmp_path / "phone.png"), full_page=False)
    _no_horizontal_scroll(pg)
    saved = _save(pg, tmp_path)
    assert sorted(saved) == ["forecasts-round1-Dana-Kim.csv", "ratings-round1-Dana-Kim.csv"]

    ids = list(fc.question_ids(fc.load_data()))
    got, problems = parse_forecasts(saved["forecasts-round1-Dana-Kim.csv"], "f", "x", ids)
    assert problems == []
    assert got == {"Dana Kim": {"summit-2027": 0.55, "itpp-renewed": 0.72}}
    text = saved["forecasts-round1-Dana-Kim.csv"].decode()
    assert text.splitlines()[0] == "participant,round,question_id,probability,rationale"
    assert "'=SUM(A1) one renewal, on time" in text  # a spreadsheet does not run it
    matrix = agreement.matrix(ach.load_data())
    rated, problems = parse_ratings(saved["ratings-round1-Dana-Kim.csv"], "r", "x", matrix)
    assert problems == []
    briefing = list(ach.briefing_ratings(ach.load_data()))
    briefing[0] = ("N", *briefing[0][1:])
    assert rated == {"Dana Kim": tuple(briefing)}

    # round 2 starts from round 1, is changed, saved, and round 1 is kept
    pg.reload()  # the answers are kept in the browser
    assert pg.locator("#p-itpp-renewed").input_value() == "72"
    pg.locator("#round-2").tap()
    assert pg.locator("#p-itpp-renewed").input_value() == "72"
    assert pg.locator("#r-E01-h1").input_value() == "N"
    pg.locator("#p-itpp-renewed").fill("40")
    pg.locator("#p-itpp-renewed").press("Tab")
    assert pg.locator("#w-itpp-renewed").inner_text() == "unlikely"
    saved2 = _save(pg, tmp_path)
    got2, problems = parse_forecasts(saved2["forecasts-round2-Dana-Kim.csv"], "f", "x", ids)
    assert problems == []
    assert got2 == {"Dana Kim": {"summit-2027": 0.55, "itpp-renewed": 0.4}}
    assert "2,itpp-renewed,0.4" in saved2["forecasts-round2-Dana-Kim.csv"].decode()
    pg.locator("#round-1").tap()
    assert pg.locator("#p-itpp-renewed").input_value() == "72"

    # the chair's readers take the saved files unchanged: a folder of both rounds' files is
    # read one round at a time (forecasts and ratings in folders of their own, as the readers
    # read every CSV file in a folder); the chair's views take a round's files
    folders = {kind: tmp_path / kind for kind in ("forecasts", "ratings")}
    for name, raw in {**saved, **saved2}.items():
        folder = folders[name.split("-")[0]]
        folder.mkdir(exist_ok=True)
        (folder / name).write_bytes(raw)
    assert read_forecasts(folders["forecasts"], question_ids=ids, round_no=1) == got
    assert read_forecasts(folders["forecasts"], question_ids=ids, round_no=2) == got2
    assert read_ratings(folders["ratings"], matrix=matrix, round_no=2) == rated
    from helpers.seminar import gather_forecasts, gather_ratings

    gather_forecasts(folders["forecasts"] / "forecasts-round2-Dana-Kim.csv")
    gather_ratings(folders["ratings"] / "ratings-round2-Dana-Kim.csv")


@pytest.mark.browser
def test_every_control_is_reached_by_keyboard_and_labelled(page_file: Path, phone) -> None:
    pg = phone
    pg.goto(page_file.as_uri())
    unlabelled = pg.evaluate(
        """() => Array.from(document.querySelectorAll('input, select, textarea, button'))
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
            && !(e.tagName === 'BUTTON' && e.innerText.trim()))
          .map(e => e.id)"""
    )
    assert unlabelled == []
    small = pg.evaluate(
        """() => Array.from(document.querySelectorAll('input, select, textarea, button'))
          .filter(e => e.offsetParent !== null && e.type !== 'radio')
          .map(e => [e.id, e.getBoundingClientRect()])
          .filter(([, r]) => r.height < 24 || r.width < 24).map(([id]) => id)"""
    )
    assert small == []
    controls = pg.evaluate(
        """() => Array.from(document.querySelectorAll('input, select, textarea, button'))
          .filter(e => e.offsetParent !== null && !e.disabled).length"""
    )
    pg.locator("body").focus()
    seen = set()
    for _ in range(controls + 5):
        pg.keyboard.press("Tab")
        seen.add(pg.evaluate("() => document.activeElement.id || document.activeElement.name"))
    visible = pg.evaluate(
        """() => Array.from(document.querySelectorAll('input, select, textarea, button'))
          .filter(e => e.offsetParent !== null && !e.disabled && e.type !== 'radio')
          .map(e => e.id)"""
    )
    assert set(visible) - seen == set()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_axe_finds_nothing_serious_and_nothing_scrolls_sideways(
    page_file: Path, viewport: dict, tmp_path: Path
) -> None:
    from labdriver import AXE, axe_violations

    assert AXE.exists(), "`npm ci` installs the pinned axe-core"
    for pg in _browser(viewport, touch=viewport is PHONE):
        pg.goto(page_file.as_uri())
        pg.locator("#start-briefing").click()
        pg.locator("#name").fill("the room")
        pg.locator("#name").blur()
        assert axe_violations(pg) == []
        _no_horizontal_scroll(pg)
        pg.screenshot(path=str(tmp_path / "shot.png"), full_page=True)


# --- server mode against a fake room server -------------------------------------------


class FakeRoom:
    """The room server's contract, faked: what the lead's server answers."""

    def __init__(self, page: str):
        self.page = page.encode()
        self.submits: list[dict] = []
        self.revealed = False
        self.round = 1
        self.secret = "s3cret"

    def answer(self, method: str, path: str, body: bytes) -> tuple[int, str, bytes]:
        if method == "GET" and path.split("?")[0] == "/":
            return 200, "text/html; charset=utf-8", self.page
        if method == "GET" and path == "/api/room":
            return self._json(
                200,
                {
                    "room": "KXMTA",
                    "title": "Seminar 3",
                    "round": self.round,
                    "revealed": self.revealed,
                },
            )
        if method == "POST" and path == "/api/submit":
            sent = json.loads(body)
            self.submits.append(sent)
            if sent["code"] != "KXMTA":
                return self._json(403, {"error": "That is not this room's code."})
            if sent["name"] == "Taken":
                return self._json(403, {"error": "This name is already taken in this room."})
            return self._json(
                200,
                {"ok": True, "name": sent["name"], "secret": self.secret, "round": sent["round"]},
            )
        if method == "GET" and path == "/api/results":
            if not self.revealed:
                return self._json(200, {"revealed": False})
            return self._json(
                200,
                {
                    "revealed": True,
                    "round": 1,
                    "participants": 18,
                    "forecasts": {"summit-2027": {"median": 0.4, "n": 17}},
                    "briefing": {"summit-2027": 0.35},
                },
            )
        return 404, "text/plain", b"no"

    @staticmethod
    def _json(status: int, value: dict) -> tuple[int, str, bytes]:
        return status, "application/json", json.dumps(value).encode()


@pytest.fixture
def fake_room() -> Iterator[tuple[str, FakeRoom]]:
    room = FakeRoom(room_page.participant_page(server=True))

    class Handler(BaseHTTPRequestHandler):
        def _reply(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            status, kind, body = room.answer(method, self.path, self.rfile.read(length))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._reply("GET")

        def do_POST(self) -> None:
            self._reply("POST")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", room
    finally:
        server.shutdown()
        server.server_close()


def _wait(pg, done: Callable[[], bool], seconds: float = 10) -> None:
    """Until ``done()``, waiting through the page (``pg.wait_for_timeout``, not a sleep): the
    page's requests pass the test's route handler only while Playwright runs."""
    end = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < end, "timed out"
        pg.wait_for_timeout(50)


@pytest.mark.browser
def test_a_wait_on_the_room_lets_the_pages_requests_through(fake_room, phone) -> None:
    """The guard that keeps pages on loopback is a route handler in the test's process, so a
    request the page sends after the test's last call into Playwright waits until the next
    one. A wait on the server's side must go on calling Playwright: the room's second
    submission, sent after its tap() had returned, was held until the test timed out (CI)."""
    url, room = fake_room
    phone.goto(url)
    phone.evaluate(
        """() => { setTimeout(() => fetch('/api/submit', {method: 'POST',
             body: JSON.stringify({code: 'KXMTA', name: 'Late', round: 1})}), 100); }"""
    )
    _wait(phone, lambda: len(room.submits) == 1, seconds=3)


@pytest.mark.browser
def test_server_mode_submits_keeps_the_secret_shows_refusals_and_results(fake_room, phone) -> None:
    url, room = fake_room
    pg = phone
    pg.goto(url + "?code=KXMTA")
    pg.wait_for_function(
        "() => document.querySelector('#room-status').textContent.includes('Seminar 3')"
    )
    assert pg.locator("#code").input_value() == "KXMTA"
    _fill_round_one(pg)
    pg.locator("#send").tap()
    pg.wait_for_function(
        "() => document.querySelector('#save-status').textContent.includes('Received')"
    )
    first = room.submits[-1]
    assert first["code"] == "KXMTA" and first["name"] == "Dana Kim"
    assert 16 <= len(first["secret"]) <= 200  # the browser's own key, made before it sends
    assert first["round"] == 1
    assert first["forecasts"]["itpp-renewed"] == {"p": 0.72, "why": "=SUM(A1) one renewal, on time"}
    assert first["forecasts"]["summit-2027"]["p"] == 0.55
    assert "commentary-reprimand" not in first["forecasts"]
    assert first["ratings"]["E01"]["h1"] == "N" and len(first["ratings"]) == 11
    # the second submission carries the secret the server issued
    pg.locator("#send").tap()
    _wait(pg, lambda: len(room.submits) == 2)
    assert room.submits[-1]["secret"] == "s3cret"  # the key the server answered with
    # a refusal is shown, as the server words it, in an alert region
    pg.locator("#name").fill("Taken")
    pg.locator("#send").tap()
    alert = pg.locator("#room-alert")
    alert.wait_for()
    pg.wait_for_function(
        "() => document.querySelector('#room-alert').textContent.includes('already taken')"
    )
    assert alert.get_attribute("role") == "alert"
    # results: hidden until the chair reveals them
    pg.locator("#check-results").tap()
    pg.wait_for_function(
        "() => document.querySelector('#results').textContent.includes('not revealed')"
    )
    assert pg.locator("#check-results").is_disabled()  # no check more than every 15 s
    room.revealed = True
    pg.evaluate("() => roomPage.checkResults(true)")
    pg.wait_for_function("() => document.querySelector('#results').textContent.includes('40%')")
    text = pg.locator("#results").inner_text()
    assert "35%" in text and "17" in text
    _no_horizontal_scroll(pg)
    from labdriver import axe_violations

    assert axe_violations(pg) == []  # the server's controls, the alert and the results too


@pytest.mark.browser
def test_server_mode_falls_back_to_files_when_the_server_does_not_answer(
    tmp_path: Path, phone
) -> None:
    path = tmp_path / "index.html"
    path.write_text(room_page.participant_page(server=True), encoding="utf-8")
    pg = phone
    pg.goto(path.as_uri())
    pg.wait_for_function("() => document.body.dataset.mode === 'offline'")
    assert pg.locator("#save").is_visible()
    assert "did not answer" in pg.locator("#room-status").inner_text()


@pytest.fixture
def real_room(tmp_path: Path) -> Iterator[tuple[str, object]]:
    """The lead's room server (helpers.present.room_server) with this page, on 127.0.0.1."""
    import socket

    from labdriver import room_in_thread

    from helpers.present import room_server as rs

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    room = rs.open_room(tmp_path / "seminar", "127.0.0.1", port, title="Seminar 3")
    with room_in_thread(room, ["127.0.0.1"], port):
        yield f"http://127.0.0.1:{port}/", room


@pytest.mark.browser
def test_the_room_server_takes_both_rounds_from_a_phone(real_room, phone) -> None:
    url, room = real_room
    store = room.store
    code = store.status().code
    pg = phone
    pg.goto(f"{url}?code={code}")
    pg.wait_for_function("() => document.body.dataset.mode === 'server'")
    _fill_round_one(pg)
    pg.locator("#send").tap()
    pg.wait_for_function(
        "() => document.querySelector('#save-status').textContent.includes('Received')"
    )
    assert store.forecasts(1) == {"Dana Kim": {"summit-2027": 0.55, "itpp-renewed": 0.72}}
    matrix = agreement.matrix(ach.load_data())
    briefing = list(ach.briefing_ratings(ach.load_data()))
    briefing[0] = ("N", *briefing[0][1:])
    assert store.ratings(1, matrix) == {"Dana Kim": tuple(briefing)}
    # the chair opens round 2: the page follows, starting from round 1's answers
    store.open_round(2)
    pg.locator("#check-results").tap()
    pg.wait_for_function(
        "() => document.querySelector('#server-round').textContent.includes('Round 2')"
    )
    assert pg.locator("#p-itpp-renewed").input_value() == "72"
    pg.locator("#p-itpp-renewed").fill("40")
    pg.locator("#send").tap()
    pg.wait_for_function(
        "() => document.querySelector('#save-status').textContent.includes('round 2')"
    )
    assert store.forecasts(2) == {"Dana Kim": {"summit-2027": 0.55, "itpp-renewed": 0.4}}
    assert store.forecasts(1)["Dana Kim"]["itpp-renewed"] == 0.72
    # another browser cannot replace Dana's answers by typing her name
    pg.evaluate(
        "() => { for (const k of Object.keys(localStorage)) "
        "if (k.startsWith('briefing-room-secret:')) localStorage.removeItem(k); }"
    )
    pg.locator("#send").tap()
    pg.wait_for_function("() => document.querySelector('#room-alert').textContent.length > 0")
    assert "taken" in pg.locator("#room-alert").inner_text()
    assert store.forecasts(2)["Dana Kim"]["itpp-renewed"] == 0.4
    # revealed: the room's median beside the briefing's
    store.reveal()
    pg.evaluate("() => roomPage.checkResults(true)")
    pg.wait_for_function("() => document.querySelector('#results table') !== null")
    assert "Round 2: 1 participant." in pg.locator("#results").inner_text()
    _no_horizontal_scroll(pg)
