"""One direction of flow: data -> models -> charts -> explorers and views -> presenting tools.

Every import in ``helpers`` (at the top of a module or inside a function) is read from the
source and checked against the layers below; nothing imports from a layer above its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import helpers

PACKAGE = Path(helpers.__file__).resolve().parent

# The layers, lowest first; a module may import its own layer and those below it.
LAYERS = [
    ("helpers.frame", "helpers.data"),  # the frame's numbers; datasets, validated on load
    ("helpers.citation",),  # citations read the data
    ("helpers.models",),  # pure functions and the controls' declarations
    ("helpers.markup",),  # HTML from data, escaped in one place (the charts' alt text uses it)
    ("helpers.charts",),  # figure builders
    (
        "helpers.explorers",
        "helpers.seminar",
        "helpers.views",
        "helpers.record_views",
        "helpers.static_face",
    ),
    ("helpers.present",),  # builds, servers, exports
]


def _layer(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("helpers.")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "helpers":  # from helpers import markup
                found += [f"helpers.{a.name}" for a in node.names]
            elif node.module.startswith("helpers."):
                found.append(node.module)
    return found


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name != "helpers":  # the package's facade imports lazily from every layer
            out[name] = path
    return out


def test_no_import_runs_back_up_the_layers() -> None:
    upward = [
        f"{module} imports {target}"
        for module, path in _modules().items()
        for target in _imports(path)
        if target in _modules() or any(target.startswith(m + ".") for m in _modules())
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def test_the_check_sees_an_import_hidden_in_a_function(tmp_path: Path) -> None:
    hidden = tmp_path / "m.py"
    hidden.write_text("def f():\n    from helpers.present import build\n", encoding="utf-8")
    assert _imports(hidden) == ["helpers.present"]
    assert _layer("helpers.present.build") > _layer("helpers.data.loader")
