"""The package's wings import one way: curriculum <- notebooks <- cohort <- progress <- dashboard.

Shared helpers sit at the bottom; the hub and the command line sit on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import peer2peer

PACKAGE = Path(peer2peer.__file__).parent

#: Each wing's height. A module may import its own wing or a lower one, never a higher one.
#: The shared helpers (peer2peer.shared) sit at the bottom.
LEVELS = {
    "shared": 0,
    "curriculum": 1,
    "exercises": 2,
    "notebooks": 2,
    "area": 2,
    "cohort": 3,
    "workbooks": 3,
    "progress": 4,
    "dashboard": 5,
    "hub": 6,
    "cli": 7,
}


def wing(module: str) -> str:
    """The wing of a dotted module name inside the package ('cohort' for peer2peer.cohort.x)."""
    return module.split(".")[1] if "." in module else ""


def imports_of(path: Path) -> set[str]:
    """Every peer2peer module a file imports, at its top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("peer2peer."):
                found.add(node.module)
            elif node.module == "peer2peer":
                found.update(f"peer2peer.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("peer2peer."))
    return found


def test_every_wing_has_a_level():
    wings = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    wings -= {"__init__", "__pycache__"}
    assert wings <= set(LEVELS), f"give these a level in LEVELS: {sorted(wings - set(LEVELS))}"


def test_no_import_runs_up_to_a_higher_wing():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = wing("peer2peer." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        if here not in LEVELS:
            continue
        for module in imports_of(path):
            there = wing(module)
            if there in LEVELS and LEVELS[there] > LEVELS[here]:
                upward.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert upward == []


def test_no_relative_imports():
    """Absolute imports only, so that a module's wing shows in every import line."""
    relative = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level
    ]
    assert relative == []


def test_reading_progress_does_not_load_widgets():
    """The read side never loads ipywidgets or anywidget (journey once did, for the story words)."""
    for path in sorted((PACKAGE / "progress").glob("*.py")):
        for module in imports_of(path):
            assert wing(module) != "exercises", f"{path.name} imports {module}"
