"""The JavaScript the offline build needs, from the npm registry at pinned versions.

``package.json`` and ``package-lock.json`` at the repository's top pin reveal.js, require.js,
jQuery, the ipywidgets HTML manager and Font Awesome. ``npm ci`` installs them at build time
into ``node_modules/`` (ignored by git) and ``copy_vendor`` copies what the pages load into
the build folder, so a deck opened from a USB stick loads nothing from the network.

Two strings in the widget manager would point at a CDN: the default address it would fetch
third-party widget modules from (the briefing uses only core widgets, so it never does) and
a commented-out font import. They are rewritten when copied; if a new version no longer has
them, the build stops rather than ship a file that might reach out.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"

# destination under vendor/ -> source under node_modules/
COPIES = {
    "require.js": "requirejs/require.js",
    "jquery.min.js": "jquery/dist/jquery.min.js",
    "html-manager": "@jupyter-widgets/html-manager/dist",
    "reveal.js/dist/reveal.js": "reveal.js/dist/reveal.js",
    "reveal.js/dist/reveal.css": "reveal.js/dist/reveal.css",
    "reveal.js/dist/theme/white.css": "reveal.js/dist/theme/white.css",  # local fonts only
    "reveal.js/dist/theme/fonts": "reveal.js/dist/theme/fonts",
    "reveal.js/plugin/notes": "reveal.js/plugin/notes",
    "fontawesome/css": "@fortawesome/fontawesome-free/css",
    "fontawesome/webfonts": "@fortawesome/fontawesome-free/webfonts",
}
SKIP = ("*.map", "embed.js", "libembed-amd.js", "*.LICENSE.txt", "*.esm.js")
PATCHES = {
    "html-manager/embed-amd.js": {
        "https://cdn.jsdelivr.net/npm/": "./no-cdn-third-party-widgets/",
        "@import url('https://fonts.googleapis.com/css?family=Roboto+Mono');": "",
    }
}


class AssetError(RuntimeError):
    """The pinned JavaScript could not be installed or no longer looks as expected."""


def install() -> None:
    """``npm ci`` the pinned packages unless ``node_modules`` already matches the lock."""
    lock = ROOT / "package-lock.json"
    stamp = NODE_MODULES / ".briefing-lock-sha256"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    if shutil.which("npm") is None:
        raise AssetError("npm not found: install Node.js and npm to build the offline decks")
    cmd = ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise AssetError(f"`{' '.join(cmd)}` failed:\n{done.stderr[-2000:]}")
    stamp.write_text(digest)


def copy_vendor(target: Path) -> Path:
    """Copy the pinned files into ``target/vendor`` and apply the CDN patches."""
    vendor = target / "vendor"
    for dest, src in COPIES.items():
        source, out = NODE_MODULES / src, vendor / dest
        if not source.exists():
            raise AssetError(f"{source} is missing: run `npm ci` (make slides does)")
        if source.is_dir():
            shutil.copytree(source, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*SKIP))
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, out)
    for name, replacements in PATCHES.items():
        path = vendor / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements.items():
            if old not in text:
                raise AssetError(f"{path}: expected to find {old!r} to rewrite; check the pin")
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return vendor
