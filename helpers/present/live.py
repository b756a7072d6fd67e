"""``make present`` and ``make dashboard``: the notebooks served live through Voila on
127.0.0.1, kernel attached, code hidden; the deck as reveal slides, the dashboard as pages.

Voila's stock templates load Font Awesome, jQuery and reveal.js from CDNs, so on hotel
Wi-Fi the deck would not start. This module writes two templates into
``build/voila/share/jupyter/voila/templates``: copies of Voila's own ``reveal`` and ``lab``,
patched to load the pinned files in the template's ``static/`` folder and the briefing's
live scripts (``live_static/``: reveal.js started as in the offline deck with a speaker view
that starts no kernel; markdown kept out of MathJax; a closed tab stops its kernel), to
execute the deck cell by cell, and to raise an alert for a cell that stops with an error.
The file list is the briefing's own page, each notebook by its title. If a Voila upgrade
changes the text patched here, the copy stops with a message instead of serving a page
that reaches out. The server itself is ``voila_server`` (Voila, configured for a seminar).

    python -m helpers.present.live present|dashboard [--port 8866]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat

from helpers.frame import DECK_FRAME
from helpers.present import assets

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "build" / "voila"
FA_CDN = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@^5/css/"
DECK_FILES = [
    Path(__file__).with_name("templates") / n for n in ("deck.css", "deck_keys.js", "deck_fit.js")
]
LIVE = Path(__file__).with_name("live_static")
# The explorers' focus stylesheet (helpers.explorers.view.FOCUS_FILE), by path: importing the
# explorers would load the whole stack into the server process.
FOCUS_FILE = Path(__file__).parents[1] / "explorers" / "focus.css"
SHARED_FILES = [
    LIVE / "live.css",
    LIVE / "live_page.js",
    Path(__file__).with_name("templates") / "briefing.css",
    Path(__file__).with_name("templates") / "slider_labels.js",
    FOCUS_FILE,
]
DECK_FILES += [LIVE / "live_deck.js"]
FA4 = (
    '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/font-awesome@4.5.0/css/'
    'font-awesome.min.css" type="text/css" />'
)
TEMPLATES = {"present": ("reveal", "briefing_deck"), "dashboard": ("lab", "briefing_dashboard")}


def _voila_templates() -> Path:
    import voila

    return Path(voila.__file__).resolve().parents[4] / "share" / "jupyter" / "voila" / "templates"


class _Patch:
    """Text replacements in a copy of one of Voila's templates; a replacement whose text is
    missing (a Voila upgrade changed it) stops with a message instead of serving a page
    that reaches out or misbehaves."""

    def __init__(self, path: Path):
        self.path = path
        self.text = path.read_text(encoding="utf-8")

    def replace(self, old: str, new: str, what: str) -> None:
        if old not in self.text:
            raise assets.AssetError(f"{self.path}: {what} not found; check the Voila pin")
        self.text = self.text.replace(old, new)

    def save(self, path: Path | None = None) -> None:
        (path or self.path).write_text(self.text, encoding="utf-8")


def _css_and_scripts(static: str, deck: bool) -> str:
    """The briefing's CSS (focus, links, contrast: as in the offline build) and scripts
    (slider handles named after their label), then the live pages' own."""
    shared = ["briefing.css", FOCUS_FILE.name, "slider_labels.js"]
    files = shared + (
        ["deck.css", "live.css", "deck_keys.js", "deck_fit.js", "live_page.js"]
        if deck
        else ["live.css", "live_page.js"]
    )
    return "\n".join(
        f'<link rel="stylesheet" href="{static}{f}" type="text/css" />'
        if f.endswith(".css")
        else f'<script src="{static}{f}"></script>'
        for f in files
    )


def _patch_deck(index: _Patch, static: str) -> None:
    """The reveal template: pinned jQuery and reveal.js, the briefing's speaker view, cells
    executed one by one so that an error ends the deck with an alert instead of a page
    that never arrives."""
    index.replace("{{ resources.jquery_url }}", f"{static}vendor/jquery.min.js", "jQuery address")
    index.replace(
        "{% do notebook_execute(nb, kernel_id) %}",
        "{%- set executed = [] -%}"
        "{%- for cell in cell_generator(nb, kernel_id) -%}{%- do executed.append(cell) -%}"
        "{%- endfor -%}"
        "{%- do nb.cells.clear() -%}{%- do nb.cells.extend(executed) -%}",
        "notebook_execute call",
    )
    index.replace(
        "{{ spinner.html() }}",
        "{%- for cell in nb.cells -%}{{ cell | briefing_error(loop.index) }}{%- endfor -%}\n"
        "{{ spinner.html() }}",
        "spinner",
    )
    index.replace(
        "<script src=\"{{ page_config['fullStaticUrl'] | e }}/reveal.js\"></script>",
        # reveal.js is a UMD file: hide any AMD loader so that it sets window.Reveal.
        "<script>window.__briefingDefine = window.define; window.define = undefined;</script>"
        f'<script src="{static}vendor/reveal.js/dist/reveal.js"></script>'
        "<script>window.define = window.__briefingDefine;</script>"
        f"<script>window.briefingDeckFrame = {json.dumps(DECK_FRAME)};</script>"
        f'<script src="{static}live_deck.js"></script>',
        "Voila's reveal.js bootstrap",
    )


def _patch_dashboard(index: _Patch) -> None:
    """The lab template: an error cell also raises the page's alert."""
    index.replace(
        "{%- endblock any_cell -%}",
        "{{ cell | briefing_error(cellloop.index) }}{%- endblock any_cell -%}",
        "any_cell block",
    )


def notebook_title(path: Path) -> str:
    """The notebook's H1 (its file name if it has none or cannot be read): the file list
    shows what a notebook is about, not only ``03-defence-industry.ipynb``."""
    try:
        cells = nbformat.read(path, as_version=4).cells
    except Exception:  # listed all the same; opening it shows what is wrong
        return path.stem
    for cell in cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def _text(value: str) -> str:
    """``value`` as HTML text that is also inert in a Jinja template (no braces)."""
    return html.escape(value).replace("{", "&#123;").replace("}", "&#125;")


def _listing(root: Path, title: str, hint: str, static: str) -> str:
    """The file list (Voila's tree page), as a template: every notebook by its title."""
    rows = "".join(
        f'<tr><td><a href="{{{{ base_url }}}}voila/render/{_text(quote(path.name))}">'
        f'{_text(notebook_title(path))}</a></td><td class="file">{_text(path.name)}</td></tr>'
        for path in sorted(root.glob("*.ipynb"))
    )
    return (
        '<!DOCTYPE html>\n<html lang="en" class="briefing-live-index"><head><meta charset="utf-8">'
        f"<title>{_text(title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f'<link rel="stylesheet" href="{static}briefing.css" type="text/css" />'
        f'<link rel="stylesheet" href="{static}live.css" type="text/css" />'
        f"</head><body><main><h1>{_text(title)}</h1><p>{hint}</p>"
        f"<table><tr><th>Notebook</th><th>File</th></tr>{rows}</table></main></body></html>\n"
    )


LISTING = {
    "present": (
        "South Korea's NATO strategy: the live deck",
        "Each deck runs with a kernel: the explorers answer. In a deck, <kbd>S</kbd> opens the "
        "speaker view; PageDown and PageUp (or a clicker) turn the slides.",
    ),
    "dashboard": (
        "South Korea's NATO strategy: the live dashboard",
        "Each notebook as a page with its explorers live, code hidden.",
    ),
}


def prepare(mode: str, root: Path | None = None) -> tuple[Path, str]:
    """Write the briefing's copy of Voila's template for ``mode``, listing the notebooks in
    ``root``; return (JUPYTER_PATH, template name)."""
    base, name = TEMPLATES[mode]
    share = OUT / "share" / "jupyter"
    final = share / "voila" / "templates" / name
    final.parent.mkdir(parents=True, exist_ok=True)
    # Two processes (a test run's workers, a server and a build) may prepare at once: each
    # writes its own copy, then swaps it in whole under a lock, so neither trips over the
    # other's half-written folder nor serves one.
    target = final.with_name(f".{name}.{os.getpid()}.new")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(_voila_templates() / base, target)
    (target / "static").mkdir(exist_ok=True)
    static = f"{{{{ resources.base_url }}}}voila/templates/{name}/static/"
    index = _Patch(target / "index.html.j2")
    index.replace(FA_CDN, f"{static}vendor/fontawesome/css/", "Font Awesome link")
    css_end = "{{ super() }}\n{%- endblock notebook_css -%}"
    index.replace(css_end, f"{_css_and_scripts(static, base == 'reveal')}\n{css_end}", "CSS")
    if base == "reveal":
        _patch_deck(index, static)
    else:
        _patch_dashboard(index)
    index.save()
    for shared in (*SHARED_FILES, *(DECK_FILES if base == "reveal" else ())):
        shutil.copy(shared, target / "static" / shared.name)
    # Voila's own pages (errors) start from base/page.html, which asks a CDN for Font
    # Awesome 4: the copy uses the pinned Font Awesome 5 with its v4 names, and our CSS.
    page = _Patch(_voila_templates() / "base" / "page.html")
    own = f"{{{{ base_url }}}}voila/templates/{name}/static/"
    local = (
        "".join(
            f'<link rel="stylesheet" href="{own}vendor/fontawesome/css/{css}" type="text/css" />'
            for css in ("all.min.css", "v4-shims.min.css")
        )
        + f'<link rel="stylesheet" href="{own}live.css" type="text/css" />'
    )
    page.replace(FA4, local, "Font Awesome 4 link")
    page.save(target / "page.html")
    listing = _listing(root or ROOT / "notebooks", *LISTING[mode], own)
    for tree in ("tree.html", "tree-lab.html"):  # the classic and the default file list
        (target / tree).write_text(listing, encoding="utf-8")
    conf = {"base_template": base}  # the stock template stays on the search path
    (target / "conf.json").write_text(json.dumps(conf), encoding="utf-8")
    assets.install()
    assets.copy_vendor(target / "static")
    _swap_in(target, final)
    return share, name


def _swap_in(new: Path, final: Path) -> None:
    """Replace the folder ``final`` by ``new`` (two renames under a lock)."""
    import fcntl

    old = final.with_name(f".{final.name}.{os.getpid()}.old")
    with open(final.with_name(f".{final.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if final.exists():
            final.rename(old)
        new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def command(mode: str, port: int, root: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of the live server for ``mode``, serving ``root``
    (default: the notebooks). Settings live in ``voila_server.briefing_config``."""
    share, name = prepare(mode, root)
    cmd = [
        sys.executable,
        "-m",
        "helpers.present.voila_server",
        f"--template={name}",
        f"--port={port}",
        str(root or ROOT / "notebooks"),
    ]
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(share), env.get("JUPYTER_PATH")) if p)
    env.pop("MPLBACKEND", None)
    env.pop("BRIEFING_STATIC", None)
    return cmd, env


def free_port_from(port: int, tries: int = 50) -> int:
    """``port`` if nothing listens on it on 127.0.0.1, else the next free one: the address
    printed for the presenter is then the one Voila serves (Voila would move on silently)."""
    for candidate in range(port, port + tries):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return candidate
    raise SystemExit(f"no free port in {port}-{port + tries - 1} on 127.0.0.1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the notebooks live through Voila")
    parser.add_argument("mode", choices=sorted(TEMPLATES))
    parser.add_argument("--port", type=int, default=8866)
    args = parser.parse_args(argv)
    port = free_port_from(args.port)
    try:
        cmd, env = command(args.mode, port)
    except assets.AssetError as exc:
        print(f"make {args.mode} failed: {exc}", file=sys.stderr)
        return 1
    if port != args.port:
        print(f"Port {args.port} is in use (another briefing still running?); using {port}.")
    print(f"Serving the briefing ({args.mode}) on http://127.0.0.1:{port}/ — Ctrl-C stops it")
    with subprocess.Popen(cmd, env=env) as server:
        try:
            return server.wait()
        except KeyboardInterrupt:  # Ctrl-C reached Voila too: let it stop, without a traceback
            try:
                server.wait(timeout=15)
            except (KeyboardInterrupt, subprocess.TimeoutExpired):
                server.terminate()
            print("Stopped.")
            return 0


if __name__ == "__main__":
    sys.exit(main())
