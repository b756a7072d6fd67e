"""The handout's PDF, printed by headless Chromium (Debian's package) through Playwright.

Every request that is not to a local file is blocked: the printed page must not depend on
the network any more than the HTML does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Every widget view in the page has been drawn by the widget manager.
RENDERED = """() => Array.from(document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]'))
  .every(s => s.parentElement.querySelector('.lm-Widget'))"""


def available() -> bool:
    """Whether Debian's Chromium is here to print with."""
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def print_pdf(page: Path, pdf: Path) -> None:
    """Print ``page`` to ``pdf`` (A4, backgrounds on) once its widgets have rendered; fail
    if the page asked the network for anything."""
    if not available():
        raise RuntimeError("Chromium not found: `apt-get install -y chromium` to print the PDF")
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def local_only(route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page()
        tab.route("**/*", local_only)
        tab.goto(page.resolve().as_uri(), wait_until="load")
        tab.wait_for_function(RENDERED, timeout=30_000)
        tab.wait_for_timeout(500)
        tab.emulate_media(media="print")
        tab.pdf(
            path=str(pdf),
            format="A4",
            print_background=True,
            margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
        )
        browser.close()
    if blocked:
        raise RuntimeError(f"the handout asked the network for {blocked[:3]}")
