"""``make room``: the seminar's room server on the lecturer's laptop (tornado, the server
library Jupyter already brings; no hand-written HTTP).

Participants open the participant page on their phones, rate the evidence and forecast; their
answers go to the room's SQLite file (``helpers.data.room_store``) in the folder the lecturer
names, and the chair's views in notebook 06 read that file. What it allows, and why:

- **Opt-in network, said aloud.** It listens on 127.0.0.1 unless told ``--lan`` (this
  machine's address on the local network) or ``--host ADDRESS``, and prints where it listens,
  the participants' address with the room code, and a QR code of it. On a network it also
  listens on 127.0.0.1, where the chair's page is.
- **Participants reach two things**: the participant page and its small JSON API (the room's
  state, submit, the revealed results). No kernel, no notebook, no file: there is no static
  file handler at all, so no path can lead anywhere else.
- **A name is owned** by the browser that first used it (a secret it keeps), names follow the
  one rule for names, and answers are checked whole before anything is written
  (``room_store``). A submission is acknowledged only once it is on disk.
- **Bounded**: request bodies (``MAX_BODY``), requests per address (``RateLimit``), numbers in
  the JSON (``MAX_DIGITS``), JSON objects with a key twice refused; Host checked against the
  addresses it serves (no DNS rebinding), and a cross-site POST refused by its Origin.
- **The chair's actions** (open or close a round, reveal, remove a participant, export) and
  the projector slide (address, code, QR) only from the laptop itself: a loopback address,
  a loopback Host and a same-origin request.

    python -m helpers.present.room_server FOLDER [--lan | --host ADDRESS] [--port 8870]
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import signal
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import segno
from tornado import httpserver, ioloop, web

from helpers import markup
from helpers.data.room_store import Refused, RoomStatus, RoomStore
from helpers.models import agreement
from helpers.models import forecasts as forecast_model
from helpers.present.room_page import participant_page

PORT = 8870
MAX_BODY = 32 * 1024  # a whole participant's answers are about 3 KB
SERVER_MAX_BODY = 1024 * 1024  # larger bodies are cut off by tornado before the handler
MAX_DIGITS = 20  # digits in a JSON number: a probability needs a few
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; "
    "base-uri 'none'"
)


def briefing_version() -> str:
    """The briefing's release the room runs, shown on the page and stored with the room."""
    return version("yoon-nato-briefing")


@dataclass
class RateLimit:
    """A token bucket per client address: ``burst`` requests at once, then ``per_second``.
    A phone sends a handful of requests in a seminar; a flood gets 429 answers."""

    per_second: float = 10.0
    burst: float = 30.0
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def allow(self, client: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        tokens, last = self.buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.per_second)
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            return False
        self.buckets[client] = (tokens - 1, now)
        return True


@dataclass(frozen=True)
class Room:
    """What the handlers share: the store, the page, what answers must fit, and where the
    server is reached (the Host values it answers to)."""

    store: RoomStore
    page: str
    matrix: Any
    question_ids: tuple[str, ...]
    briefing: dict[str, float]  # the briefing's probability per question, shown on reveal
    hosts: frozenset[str]
    address: str  # the participants' address, without the code
    limit: RateLimit


def _strict_json(body: bytes) -> Any:
    """JSON as the page sends it; a key given twice or a number of absurd length is refused
    (it could smuggle a second value past a check, or cost the server seconds to read)."""

    def no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise Refused(f"The request gives {key!r} twice.")
            out[key] = value
        return out

    def number(kind: Callable[[str], Any]) -> Callable[[str], Any]:
        def read(text: str) -> Any:
            if len(text) > MAX_DIGITS:
                raise Refused("A number in the request is too long.")
            return kind(text)

        return read

    try:
        return json.loads(
            body.decode("utf-8"),
            object_pairs_hook=no_twice,
            parse_int=number(int),
            parse_float=number(float),
            parse_constant=lambda c: (_ for _ in ()).throw(Refused(f"{c} is not a number.")),
        )
    except (UnicodeDecodeError, ValueError) as err:
        if isinstance(err, Refused):
            raise
        raise Refused("The request is not JSON as the page sends it.") from None


class Handler(web.RequestHandler):
    """Every answer: the Host checked, no caching, a strict content policy, errors as one
    sentence (JSON for the API) and never a traceback."""

    @property
    def room(self) -> Room:
        return self.settings["room"]

    def prepare(self) -> None:
        if self.request.host.lower() not in self.room.hosts:
            raise Refused("This server does not answer to that address.", 400)

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Cross-Origin-Resource-Policy", "same-origin")

    def reply(self, body: dict[str, Any], status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(body))

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, Refused):
            self.reply({"error": str(e)}, e.status)
        else:
            super()._handle_request_exception(e)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        messages = {404: "Nothing here.", 405: "Not allowed here."}
        self.reply({"error": messages.get(status_code, "The server could not do that.")},
                   status_code)  # fmt: skip

    def same_origin(self) -> None:
        """A POST from another site (a page the laptop's browser has open) carries a foreign
        Origin; the page itself sends its own. JSON only, so a form cannot post here."""
        origin = self.request.headers.get("Origin")
        if origin is not None and origin.lower() != f"http://{self.request.host.lower()}":
            raise Refused("Requests from other sites are refused.", 403)
        kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise Refused("The request must be JSON, as the page sends it.", 415)
        if len(self.request.body) > MAX_BODY:
            raise Refused(f"The request is larger than {MAX_BODY // 1024} KB.", 413)
        if not self.room.limit.allow(self.request.remote_ip or ""):
            raise Refused("Too many requests from this device: wait a few seconds.", 429)


EXPORTS = ("forecasts.csv", "ratings.csv")


def _chair_state(status: RoomStatus) -> dict[str, Any]:
    """What the chair's page shows, refreshed every few seconds: the room in one line."""
    line = status.line() + ("; results revealed" if status.revealed
                            else "; results hidden from participants")  # fmt: skip
    return {**_public_state(status), "line": line}


def _public_state(status: RoomStatus) -> dict[str, Any]:
    return {
        "room": status.code,
        "title": status.title,
        "round": status.open_round or None,
        "revealed": status.revealed,
        "version": status.version,
    }


class NotFound(Handler):
    """Any other path: 404 in one sentence (there are no files to reach)."""

    def prepare(self) -> None:
        super().prepare()
        raise web.HTTPError(404)


class NoIcon(Handler):
    """Browsers ask for an icon; there is none (an answer, not a 404 in the log)."""

    def get(self) -> None:
        self.set_status(204)
        self.finish()


class PageHandler(Handler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(self.room.page)


class RoomHandler(Handler):
    def get(self) -> None:
        self.reply(_public_state(self.room.store.status()))


class SubmitHandler(Handler):
    def post(self) -> None:
        self.same_origin()
        sent = _strict_json(self.request.body)
        if not isinstance(sent, dict):
            raise Refused("The request is not JSON as the page sends it.")
        status = self.room.store.status()
        if sent.get("code") != status.code:
            raise Refused("That is not this room's code: check the code on the screen.", 403)
        name, secret = self.room.store.submit(
            sent.get("name"),
            sent.get("secret"),
            sent.get("round"),
            ratings=sent.get("ratings"),
            forecasts=sent.get("forecasts"),
            matrix=self.room.matrix,
            question_ids=self.room.question_ids,
        )
        self.reply({"ok": True, "name": name, "secret": secret, "round": sent.get("round")})


def results(room: Room) -> dict[str, Any]:
    """What participants see once the chair reveals: the room's median per question in the
    latest round answered, beside the briefing's probability."""
    status = room.store.status()
    if not status.revealed:
        return {"revealed": False}
    shown = max((r for r, n in status.answered.items() if n), default=1)
    answers = room.store.forecasts(shown)
    per: dict[str, Any] = {}
    for q in room.question_ids:
        given = [p[q] for p in answers.values() if q in p]
        if given:
            per[q] = {"median": forecast_model.median_of(given), "n": len(given)}
    return {
        "revealed": True,
        "round": shown,
        "participants": len(answers),
        "forecasts": per,
        "briefing": {q: room.briefing[q] for q in room.question_ids if q in room.briefing},
    }


class ResultsHandler(Handler):
    def get(self) -> None:
        self.reply(results(self.room))


def _loopback(ip: str | None) -> bool:
    try:
        return ipaddress.ip_address((ip or "").split("%")[0]).is_loopback
    except ValueError:
        return False


class ChairHandler(Handler):
    """The chair's page and actions: from this laptop only."""

    def prepare(self) -> None:
        super().prepare()
        host = self.request.host.lower().rsplit(":", 1)[0]
        if not _loopback(self.request.remote_ip) or host not in LOOPBACK_NAMES:
            raise Refused("The chair's page opens only on the lecturer's laptop "
                          "(http://127.0.0.1).", 403)  # fmt: skip

    def get(self, action: str | None = None) -> None:
        if action == "status":
            self.reply(_chair_state(self.room.store.status()))
            return
        if action in EXPORTS:
            files = self.room.store.export(self.room.matrix, self.room.question_ids)
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            self.set_header("Content-Disposition", f'attachment; filename="{action}"')
            self.finish(files[action])
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(chair_page(self.room))

    def post(self, action: str | None = None) -> None:
        self.same_origin()
        sent = _strict_json(self.request.body or b"{}")
        store = self.room.store
        if action == "open":
            store.open_round(sent.get("round") if isinstance(sent, dict) else None)
        elif action == "close":
            store.close_round()
        elif action in ("reveal", "hide"):
            store.reveal(action == "reveal")
        elif action == "remove":
            name = sent.get("name") if isinstance(sent, dict) else None
            if not isinstance(name, str) or not store.remove(name):
                raise Refused("No participant of that name in the room.", 404)
        else:
            raise Refused("The chair cannot do that.", 404)
        self.reply({"ok": True, **_chair_state(store.status())})


def qr(room: Room) -> segno.QRCode:
    """The QR code of the participants' address with the room code in it."""
    return segno.make(join_address(room), error="m")


def join_address(room: Room) -> str:
    return f"{room.address}/?code={room.store.status().code}"


def chair_page(room: Room) -> str:
    """The projector slide and the chair's controls on one page (1280x720): the address as
    text and as a QR code, the room code, the room's state and the chair's buttons."""
    status = room.store.status()
    svg = qr(room).svg_inline(scale=8, dark="#1a1a1a", light="#ffffff")
    return markup.html(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>The room: {}</title><style>{}</style></head><body><main>"
        "<section class='join'><h1>Join the room</h1>"
        "<p class='address'>{}</p><p>Room code <b class='code'>{}</b></p>"
        "<div class='qr' role='img' aria-label='QR code of {}'>{}</div></section>"
        "<section class='chair'><h2>The chair</h2><p id='state' role='status'>{}</p>"
        "<p><button data-act='open' data-round='1'>Open round 1</button> "
        "<button data-act='close'>Close the round</button> "
        "<button data-act='open' data-round='2'>Open round 2</button></p>"
        "<p><button data-act='reveal'>Reveal the results</button> "
        "<button data-act='hide'>Hide them</button> "
        "</p><p>Export the room: <a href='chair/forecasts.csv'>forecasts.csv</a> · "
        "<a href='chair/ratings.csv'>ratings.csv</a></p>"
        "<p><label>Remove a participant <input id='who' maxlength='60'></label> "
        "<button data-act='remove'>Remove</button></p></section></main>"
        "<script>{}</script></body></html>",
        status.title or "seminar",
        markup.Markup(CHAIR_CSS),
        join_address(room),
        status.code,
        join_address(room),
        markup.Markup(svg),
        _chair_state(status)["line"],
        markup.Markup(CHAIR_JS),
    )


# One screen: the QR code takes the height the address leaves (a LAN address wraps on two
# lines), up to 380 px; the slide never scrolls.
CHAIR_CSS = """
body{margin:0;font:20px/1.4 system-ui,sans-serif;color:#1a1a1a;background:#fff}
main{display:flex;gap:2rem;max-width:1280px;height:100vh;padding:1.5rem;box-sizing:border-box}
.join{flex:1;display:flex;flex-direction:column;min-height:0}
.join h1,.chair h2{margin:0 0 .5rem}.join p{margin:0 0 .75rem}
.address{font-size:28px;font-weight:700;word-break:break-all}
.code{font-size:40px;letter-spacing:.15em}
.qr{flex:1 1 0;min-height:0}.qr svg{height:100%;max-height:380px;width:auto;max-width:100%}
.chair{flex:1}button,a{font:inherit;min-height:44px;margin:.2rem 0}
"""
CHAIR_JS = """
document.querySelectorAll('button[data-act]').forEach(b => b.addEventListener('click', async () => {
  const act = b.dataset.act, body = {};
  if (b.dataset.round) body.round = Number(b.dataset.round);
  if (act === 'remove') body.name = document.getElementById('who').value;
  const r = await fetch('chair/' + act, {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  const j = await r.json();
  document.getElementById('state').textContent = r.ok ? 'Done: ' + j.line : j.error;
}));
setInterval(async () => {  // the room as it fills, for the projector
  try {
    const j = await (await fetch('chair/status')).json();
    const state = document.getElementById('state');
    if (!state.textContent.startsWith('Done') || Date.now() - window.lastAct > 5000)
      state.textContent = j.line;
  } catch (e) { /* the server stopped: the last line stays */ }
}, 5000);
document.addEventListener('click', () => { window.lastAct = Date.now(); });
"""


def make_app(room: Room) -> web.Application:
    return web.Application(
        [
            (r"/", PageHandler),
            (r"/api/room", RoomHandler),
            (r"/api/submit", SubmitHandler),
            (r"/api/results", ResultsHandler),
            (r"/chair", ChairHandler),
            (
                r"/chair/(open|close|reveal|hide|remove|status|forecasts\.csv|ratings\.csv)",
                ChairHandler,
            ),
            (r"/favicon\.ico", NoIcon),
        ],
        room=room,
        default_handler_class=NotFound,
        xsrf_cookies=False,  # JSON-only, same-origin and Host-checked instead (see above)
        compress_response=True,
    )


def lan_address() -> str | None:
    """This machine's address on the local network (the route a packet would take; nothing
    is sent), or None without a network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
        return probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()


def open_room(folder: str | Path, host: str, port: int, title: str = "") -> Room:
    """The room in ``folder`` (resumed if it exists) for participants at ``host:port``."""
    data = forecast_model.load_data()
    store = RoomStore(folder, title=title or Path(folder).name, version=briefing_version())
    names = {host, *LOOPBACK_NAMES}
    hosts = frozenset(f"{n}:{port}".lower() for n in names)
    return Room(
        store=store,
        page=participant_page(server=True),
        matrix=agreement.matrix(agreement.load_data()),
        question_ids=forecast_model.open_question_ids(data),
        briefing=forecast_model.briefing_probabilities(data),
        hosts=hosts,
        address=f"http://{host}:{port}",
        limit=RateLimit(),
    )


def serve(room: Room, addresses: list[str], port: int) -> httpserver.HTTPServer:
    logging.getLogger("tornado.access").setLevel(logging.WARNING)  # no line per phone request
    server = httpserver.HTTPServer(
        make_app(room),
        max_body_size=SERVER_MAX_BODY,
        idle_connection_timeout=60,
        body_timeout=10,
    )
    for address in addresses:
        server.listen(port, address)
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make room", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="the room's folder (created, or resumed as it was)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--lan", action="store_true", help="listen on the local network too")
    where.add_argument("--host", help="listen on this address too (the local network's)")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--title", default="")
    parser.add_argument("--export", metavar="DIR", help="write the room's CSV files and stop")
    args = parser.parse_args(argv)
    host = args.host or "127.0.0.1"
    if args.lan:
        host = lan_address() or ""
        if not host:
            print("No local network found: the room listens on 127.0.0.1 only.")
            host = "127.0.0.1"
    room = open_room(args.folder, host, args.port, args.title)
    if args.export:
        out = Path(args.export)
        out.mkdir(parents=True, exist_ok=True)
        for name, text in room.store.export(room.matrix, room.question_ids).items():
            (out / name).write_text(text, encoding="utf-8")
            print(f"wrote {out / name}")
        return 0
    addresses = sorted({"127.0.0.1", host})
    try:
        serve(room, addresses, args.port)
    except OSError as err:
        print(f"Cannot listen on {', '.join(addresses)} port {args.port}: {err.strerror}.")
        return 1
    qr(room).save(str(Path(args.folder) / "room-qr.svg"), scale=8)
    status = room.store.status()
    print(
        f"The room {status.code} ({room.store.path}) listens on "
        + " and ".join(f"{a}:{args.port}" for a in addresses)
        + ("" if host != "127.0.0.1" else " (this laptop only: add --lan for phones)")
    )
    print(f"Participants: {join_address(room)}")
    print(f"Chair and projector slide: http://127.0.0.1:{args.port}/chair")
    qr(room).terminal(compact=True)
    sys.stdout.flush()
    signal.signal(signal.SIGINT, lambda *_: ioloop.IOLoop.current().add_callback_from_signal(
        ioloop.IOLoop.current().stop))  # fmt: skip
    ioloop.IOLoop.current().start()
    room.store.close()
    print("The room is closed; its answers are kept in", room.store.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
