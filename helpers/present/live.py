"""``make present`` and ``make dashboard``: the notebooks served live through Voila on
127.0.0.1, kernel attached, code hidden; the deck as reveal slides, the dashboard as pages.

Voila's stock templates load Font Awesome, jQuery and reveal.js from CDNs, so on hotel
Wi-Fi the deck would not start. This module writes two templates into
``build/voila/share/jupyter/voila/templates`` (copies of Voila's own ``reveal`` and ``lab``
with those addresses pointed at the pinned files in the template's ``static/`` folder) and
starts Voila with that folder on ``JUPYTER_PATH``. If a Voila upgrade changes the text
patched here, the copy stops with a message instead of serving a page that reaches out.

    python -m helpers.present.live present|dashboard [--port 8866]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from helpers.present import assets

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "build" / "voila"
FA_CDN = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@^5/css/"
DECK_FILES = [Path(__file__).with_name("templates") / n for n in ("deck.css", "deck_keys.js")]
TEMPLATES = {"present": ("reveal", "briefing_deck"), "dashboard": ("lab", "briefing_dashboard")}


def _voila_templates() -> Path:
    import voila

    return Path(voila.__file__).resolve().parents[4] / "share" / "jupyter" / "voila" / "templates"


def prepare(mode: str) -> tuple[Path, str]:
    """Write the offline copy of Voila's template for ``mode``; return (JUPYTER_PATH, name)."""
    base, name = TEMPLATES[mode]
    share = OUT / "share" / "jupyter"
    target = share / "voila" / "templates" / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(_voila_templates() / base, target)
    static = f"{{{{ resources.base_url }}}}voila/templates/{name}/static/"
    index = target / "index.html.j2"
    text = index.read_text(encoding="utf-8")
    if FA_CDN not in text:
        raise assets.AssetError(f"{index}: Font Awesome link not found; check the Voila pin")
    text = text.replace(FA_CDN, f"{static}vendor/fontawesome/css/")
    if base == "reveal":
        jquery = "{{ resources.jquery_url }}"
        if jquery not in text:
            raise assets.AssetError(f"{index}: jQuery address not found; check the Voila pin")
        text = text.replace(jquery, f"{static}vendor/jquery.min.js")
        # The offline deck's rules (tall slides scroll inside the frame; keys in a control
        # stay in the control), after Voila's own styles so they win.
        css_end = "{{ super() }}\n{%- endblock notebook_css -%}"
        if css_end not in text:
            raise assets.AssetError(f"{index}: notebook_css block not found; check the Voila pin")
        extra = (
            f'<link rel="stylesheet" href="{static}deck.css" type="text/css" />\n'
            f'<script src="{static}deck_keys.js"></script>'
        )
        text = text.replace(css_end, f"{extra}\n{css_end}")
        (target / "static").mkdir(exist_ok=True)
        for shared in DECK_FILES:
            shutil.copy(shared, target / "static" / shared.name)
    index.write_text(text, encoding="utf-8")
    # The file list page (Voila's base/page.html) asks a CDN for Font Awesome 4: the copy
    # uses the pinned Font Awesome 5 with its v4 names.
    page = _voila_templates() / "base" / "page.html"
    fa4 = '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/font-awesome@4.5.0/css/font-awesome.min.css" type="text/css" />'  # noqa: E501
    text = page.read_text(encoding="utf-8")
    if fa4 not in text:
        raise assets.AssetError(f"{page}: Font Awesome 4 link not found; check the Voila pin")
    local = "".join(
        f'<link rel="stylesheet" href="{{{{ base_url }}}}voila/templates/{name}/static/'
        f'vendor/fontawesome/css/{css}" type="text/css" />'
        for css in ("all.min.css", "v4-shims.min.css")
    )
    (target / "page.html").write_text(text.replace(fa4, local), encoding="utf-8")
    conf = {"base_template": base}  # the stock template stays on the search path
    (target / "conf.json").write_text(json.dumps(conf), encoding="utf-8")
    assets.install()
    assets.copy_vendor(target / "static")
    return share, name


def command(mode: str, port: int) -> tuple[list[str], dict[str, str]]:
    """The Voila command line and environment for ``mode``."""
    share, name = prepare(mode)
    static = f"/voila/templates/{name}/static/vendor"
    resources = {
        "reveal": {
            "url_prefix": f"{static}/reveal.js",
            "theme": "white",
            "transition": "none",
            "width": 1280,
            "height": 800,
        }
    }
    cmd = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--template={name}",
        f"--VoilaConfiguration.resources={json.dumps(resources)}",
        "--VoilaConfiguration.show_tracebacks=True",
        str(ROOT / "notebooks"),
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
