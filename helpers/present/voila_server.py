"""Voila as ``make present`` and ``make dashboard`` run it: one process, configured here
rather than on a command line, for a seminar room rather than a public server.

- **Loopback only, Host checked.** Voila listens on 127.0.0.1 and, unlike its default,
  refuses a request whose ``Host`` is not a loopback address or ``localhost`` (403): a web
  page elsewhere cannot reach it through DNS rebinding.
- **Kernels bounded.** Every page load starts a kernel (about 145 MB). A page load that
  another site started in the presenter's browser (``Sec-Fetch-Site: cross-site``) is refused
  before any kernel starts; at most ``SeminarKernelManager.max_kernels`` run at once (a clear
  503 page past that). A closed or reloaded tab stops its kernel (``live_page.js``); a
  kernel no browser is connected to (a crashed tab, a page fetched by a script) is culled
  once idle for ``CULL_IDLE_SECONDS``. A tab that stays open keeps its kernel however long
  the presenter talks. No token: a seminar laptop serving 127.0.0.1 to its own browser
  gains little from one, and a token in the address is one more thing to go wrong at the
  projector.
- **Errors in one line.** A data or scenario error in a notebook shows as an alert at the
  top of the page (``briefing_error`` filter, used by both served templates) and as one
  line in the terminal instead of Voila's cell dump and coloured traceback.
- **Dollars are dollars** (``live_markdown``).

    python -m helpers.present.voila_server --template=NAME --port=N FOLDER [--Class.trait=...]
"""

from __future__ import annotations

import html
import logging
import sys
from typing import Any

from jinja2 import pass_context
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from nbclient.exceptions import CellExecutionError
from tornado import web
from traitlets import Integer
from traitlets.config import Config, LoggingConfigurable

from helpers.frame import DECK_FRAME

CULL_IDLE_SECONDS = 300  # a kernel no page is connected to goes within about five minutes
CULL_INTERVAL_SECONDS = 30
MAX_KERNELS = 10  # every notebook open once, plus a few reloads
REVEAL = {"theme": "white", "transition": "none", **DECK_FRAME}
VOILA_CELL_ERROR = "Error at server while executing cell"
QUIET = (
    "Notebook %s is not trusted",  # every page load; Voila renders our outputs regardless
    # Jupyter's websocket keeps its own (longer) pong timeout; tornado's notice is noise.
    "The websocket_ping_timeout",
)


def briefing_config(template: str) -> Config:
    """The Voila settings both modes share; ``template`` is the served template's name."""
    c = Config()
    c.Voila.ip = "127.0.0.1"
    c.Voila.open_browser = False
    c.Voila.tornado_settings = {
        "allow_remote_access": False,
        "local_hostnames": ["localhost"],
    }
    c.VoilaConfiguration.template = template
    c.VoilaConfiguration.show_tracebacks = True  # a bug in a notebook still shows its cause
    c.VoilaConfiguration.multi_kernel_manager_class = SeminarKernelManager
    c.VoilaConfiguration.prelaunch_hook = before_kernel
    static = f"/voila/templates/{template}/static/vendor"
    c.VoilaConfiguration.resources = {"reveal": {"url_prefix": f"{static}/reveal.js", **REVEAL}}
    c.MappingKernelManager.cull_idle_timeout = CULL_IDLE_SECONDS
    c.MappingKernelManager.cull_interval = CULL_INTERVAL_SECONDS
    c.MappingKernelManager.cull_connected = False  # an open tab keeps its kernel
    c.VoilaExporter.filters = {
        "markdown2html": "helpers.present.live_markdown.DollarMarkdown",
        "briefing_error": "helpers.present.voila_server.ErrorReport",
    }
    return c


class SeminarKernelManager(AsyncMappingKernelManager):
    """Voila's kernel manager with a ceiling on kernels running at once, counting those
    still starting: a kernel is listed only once it has started (a second or more), and 14
    page loads at once all passed a count of the listed ones."""

    max_kernels = Integer(MAX_KERNELS, help="Kernels running at once, at most").tag(config=True)
    _starting = 0  # starts in flight (all on the server's one event loop: no lock needed)

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        if kwargs.get("kernel_id") is not None:  # a restart of one already counted
            return await super().start_kernel(*args, **kwargs)
        if len(self.list_kernel_ids()) + self._starting >= self.max_kernels:
            raise web.HTTPError(
                503,
                f"{self.max_kernels} notebooks are already open",
                reason=f"{self.max_kernels} notebooks are already open: close a tab you no "
                "longer need (its kernel stops), then reload this page",
            )
        # The kernel's own warnings (plain TCP on loopback) are not the presenter's business.
        kwargs.setdefault("extra_arguments", ["--IPKernelApp.log_level=ERROR"])
        self._starting += 1  # counted before the first await, so the next check sees it
        try:
            return await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1


def before_kernel(handler: web.RequestHandler, notebook: Any, cwd: str) -> None:
    """Voila's prelaunch hook, run before a page's kernel starts.

    A page load another web site triggered in the presenter's browser (a link, an image, a
    frame) would start a kernel; browsers say so in ``Sec-Fetch-Site``, and it is refused.
    So is ``same-site``: a page of another program on this machine (127.0.0.1 on another
    port) is the same site to a browser, which ignores ports.
    Typing the address, the file list and the deck's own links are ``none`` or
    ``same-origin``; tools without the header (curl) are local and allowed.

    The page gets Voila's anti-forgery cookie, which its "stop my kernel" call on closing
    (``live_page.js``) must echo: Voila checks it but never sets it."""
    if handler.request.headers.get("Sec-Fetch-Site", "").lower() in ("cross-site", "same-site"):
        raise web.HTTPError(
            403,
            "page load from another site refused",
            reason="Open the briefing from its own address, not from another site",
        )
    handler.xsrf_token  # noqa: B018 -- reading it sets the _xsrf cookie


def one_line(text: str) -> str:
    return " ".join(text.split())


def cell_error(cell: Any) -> tuple[str, str] | None:
    """(name, message) of the first error output of ``cell``, if any."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return output.get("ename", "Error"), output.get("evalue", "")
    return None


class ErrorReport(LoggingConfigurable):
    """The ``briefing_error`` Jinja filter: ``{{ cell | briefing_error(n) }}`` is an alert for
    the page if ``cell`` stopped with an error (empty otherwise), and writes the same
    message as one line to the terminal."""

    jinja_pass_arg = pass_context(lambda: None).jinja_pass_arg  # see live_markdown

    def __call__(self, context: Any, cell: Any, number: int | None = None) -> str:
        found = cell_error(cell)
        if found is None:
            return ""
        name, message = found
        notebook = context.get("resources", {}).get("metadata", {}).get("name", "notebook")
        where = f"{notebook}.ipynb" + (f", cell {number}" if number else "")
        self.log.error("%s stopped: %s: %s", where, name, one_line(message))
        return (
            '<div class="briefing-error" role="alert">'
            f"<strong>{html.escape(where)} stopped.</strong> "
            f'<span class="briefing-error-message">{html.escape(name)}: '
            f"{html.escape(message)}</span>"
            "<br>Fix the file it names and reload this page. "
            '<button type="button" onclick="this.parentNode.remove()">Hide</button></div>'
        )


class TerminalLines(logging.Filter):
    """What the presenter's terminal shows. Voila logs a failing cell as the whole cell plus
    a coloured traceback; the page and ``ErrorReport`` already say what went wrong, so those
    records are dropped, and any other exception Voila logs at a cell keeps its message on
    one line. Two notices without consequence (``QUIET``) are dropped too."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith(QUIET):
            return False
        if not str(record.msg).startswith(VOILA_CELL_ERROR):
            return True
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, CellExecutionError):
            return False
        record.msg, record.args = "A cell failed at the server: %s", (one_line(str(exc)),)
        record.exc_info = record.exc_text = None
        return True


def _template_name(argv: list[str]) -> str:
    for arg in argv:
        if arg.startswith("--template="):
            return arg.split("=", 1)[1]
    raise SystemExit("voila_server: --template=NAME is required")


def main(argv: list[str] | None = None) -> int:
    from voila.app import Voila

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        app = Voila.instance(config=briefing_config(_template_name(argv)))
        app.initialize(argv)
        for target in (app.log, *app.log.handlers, logging.getLogger("tornado.general")):
            target.addFilter(TerminalLines())
        app.start()  # returns when Voila stops, Ctrl-C included
    except KeyboardInterrupt:  # Ctrl-C before the server was up
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
