"""A seminar with the room server, as the room meets it: the real ``make room`` server on
127.0.0.1, the chair's page on the projector (1280 x 720), a phone (390 x 844, touch) that
joins by the QR code read off the projector's screenshot, fills round 1 by touch and
keyboard, sends it, and round 2 after the chair opens it; the chair's view in notebook 06
shows the room and its shift; results stay hidden until the chair reveals them. axe-core on
both pages. Every non-loopback request is blocked and recorded.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from labdriver import AXE, axe_violations, chromium_pages, room_process

from helpers.data.room_store import RoomStore
from helpers.models import ach
from helpers.seminar import gather_forecasts

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture
def room(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "seminar"
    with room_process(folder, "--title", "Seminar on Seoul and NATO") as (_, port, _):
        yield f"http://127.0.0.1:{port}", folder


@pytest.fixture
def browser() -> Iterator[object]:
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: `npm ci` installs the pinned axe-core")
    with chromium_pages() as (new_page, blocked):
        yield new_page
    assert blocked == []


def _qr_from_screen(pg) -> str:
    import zxingcpp
    from PIL import Image

    shot = Image.open(io.BytesIO(pg.screenshot()))
    found = zxingcpp.read_barcodes(shot)
    assert len(found) == 1, "one QR code on the projector"
    return found[0].text


def _chair(pg, action: str) -> None:
    pg.locator(f"button:has-text('{action}')").click()
    pg.wait_for_function("() => document.querySelector('#state').textContent.startsWith('Done')")


@pytest.mark.parametrize(
    "address",
    ["http://127.0.0.1:65535", "http://192.168.100.200:65535", "http://[fd00:1234:5678:9abc::1]:8870"],
    ids=["loopback", "lan-ipv4", "lan-ipv6"],
)
def test_the_chairs_slide_fits_the_projector_whatever_the_address(
    browser, tmp_path: Path, address: str
) -> None:
    """The address wraps on two lines from a LAN address on (``make room LAN=1``, the
    seminar's case): the slide still fits 1280 x 720 and the QR code stays large enough to
    read from the back of the room. Before: 728 px tall, a scrolling projector slide (and
    at 720 px to the pixel on loopback, so a wider room code overflowed too)."""
    from helpers.present import room_server as rs

    store = RoomStore(tmp_path / "seminar", title="Seminar on Seoul and NATO", version="test")
    room = rs.Room(
        store=store, page="", matrix=None, question_ids=(), briefing={}, hosts=frozenset(),
        address=address, limit=rs.RateLimit(),
    )  # fmt: skip
    chair = browser(PROJECTOR)
    chair.set_content(rs.chair_page(room))
    width, height, qr = chair.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight,"
        " document.querySelector('.qr svg').getBoundingClientRect().width]"
    )
    assert width <= 1280 and height <= 720, f"runs off the frame: {width}x{height}"
    assert qr >= 300, f"QR code {qr:.0f} px wide"
    assert _qr_from_screen(chair) == rs.join_address(room)


def test_a_phone_joins_by_the_qr_code_answers_two_rounds_and_the_chair_sees_it(
    room, browser, tmp_path: Path
) -> None:
    url, folder = room
    chair = browser(PROJECTOR)
    chair.goto(f"{url}/chair")
    size = chair.evaluate("() => [document.documentElement.scrollWidth, "
                          "document.documentElement.scrollHeight]")  # fmt: skip
    assert size[0] <= 1280 and size[1] <= 720, f"the chair's slide runs off the frame: {size}"
    chair.screenshot(path=str(tmp_path / "projector.png"))
    joined = _qr_from_screen(chair)
    code = RoomStore(folder, read_only=True).status().code
    assert joined == f"{url}/?code={code}"
    assert joined in chair.locator(".address").inner_text()
    assert axe_violations(chair) == []

    phone = browser(PHONE, touch=True)
    phone.goto(joined)
    phone.wait_for_function("() => document.body.dataset.mode === 'server'")
    assert phone.locator("#code").input_value() == code
    assert axe_violations(phone) == []
    phone.locator("#name").tap()
    phone.keyboard.type("Dana Kim")
    phone.locator("#start-briefing").tap()
    phone.locator("#r-E01-h1").select_option("N")
    phone.locator("#p-itpp-renewed").tap()
    phone.keyboard.type("72")
    phone.locator("#why-itpp-renewed").tap()
    phone.keyboard.type("one renewal, on time")
    phone.locator("#s-summit-2027").focus()
    for _ in range(5):
        phone.keyboard.press("ArrowRight")
    phone.locator("#send").tap()
    phone.wait_for_function(
        "() => document.querySelector('#save-status').textContent.includes('Received')"
    )
    store = RoomStore(folder, read_only=True)
    assert store.forecasts(1) == {"Dana Kim": {"itpp-renewed": 0.72, "summit-2027": 0.55}}
    assert store.rationales(1) == {"Dana Kim": {"itpp-renewed": "one renewal, on time"}}
    matrix_ratings = store.ratings(1, ach_matrix())
    briefing = list(ach.briefing_ratings(ach.load_data()))
    briefing[0] = ("N", *briefing[0][1:])
    assert matrix_ratings == {"Dana Kim": tuple(briefing)}

    # results stay hidden from participants until the chair reveals them
    phone.locator("#check-results").tap()
    phone.wait_for_function(
        "() => document.querySelector('#results').textContent.includes('not revealed')"
    )

    # the chair closes round 1 and opens round 2; the phone's round 2 starts from round 1
    _chair(chair, "Close the round")
    _chair(chair, "Open round 2")
    phone.reload()
    phone.wait_for_function("() => document.body.dataset.mode === 'server'")
    assert phone.locator("#p-itpp-renewed").input_value() == "72"
    phone.locator("#p-itpp-renewed").fill("40")
    phone.locator("#p-itpp-renewed").press("Tab")
    phone.locator("#send").tap()
    phone.wait_for_function(
        "() => document.querySelector('#save-status').textContent.includes('round 2')"
    )
    assert store.forecasts(2) == {"Dana Kim": {"itpp-renewed": 0.4, "summit-2027": 0.55}}

    # the chair's view in notebook 06 reads the room: one participant, round 2, the shift
    view = gather_forecasts(room=folder)
    try:
        assert "1 participant, round 2 open" in view.room_line.value
        assert "Did the discussion move the room?" in view.shift_html.value
    finally:
        view.poll.stop()

    _chair(chair, "Reveal the results")
    phone.evaluate("() => roomPage.checkResults(true)")
    phone.wait_for_function("() => document.querySelector('#results').textContent.includes('40%')")
    phone.screenshot(path=str(tmp_path / "phone.png"))
    shots = Path(os.environ.get("ROOM_SCREENSHOTS", tmp_path))
    chair.screenshot(path=str(shots / "projector-after.png"))
    phone.screenshot(path=str(shots / "phone-results.png"), full_page=True)
    assert re.search(r"Round 2: 1 participant", phone.locator("#results").inner_text())


def ach_matrix():
    from helpers.models import agreement

    return agreement.matrix(agreement.load_data())
