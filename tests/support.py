"""Helpers shared by the tests: where fixtures live, copying projects, running nbgrader."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal-project"
BROKEN = FIXTURES / "broken"
AREAS = FIXTURES / "area"  # an area's own files, laid over the minimal project
REPO = Path(__file__).parents[1]
VENV_BIN = str(Path(sys.executable).parent)

# nbgrader runs `alembic` and `jupyter` as programs: they must be the ones of this environment.
os.environ["PATH"] = VENV_BIN + os.pathsep + os.environ.get("PATH", "")


def copy_project(target: Path, scenario: str | None = None) -> Path:
    """Copy the minimal project to `target`, with a broken scenario's files laid over it."""
    shutil.copytree(MINIMAL, target)
    if scenario:
        shutil.copytree(BROKEN / scenario, target, dirs_exist_ok=True)
    return target


def lay_over(project: Path, *scenarios: str) -> Path:
    """Lay the files of area scenarios over a project, in the order given."""
    for scenario in scenarios:
        shutil.copytree(AREAS / scenario, project, dirs_exist_ok=True)
    return project


def fill_in_notes(project: Path) -> None:
    """Do what the FIXME notes ask, the quick way: keep the example values, delete each note."""
    for path in [project / "curriculum" / "area.yml", *(project / "local").rglob("*.*")]:
        text = re.sub(r"^[ \t]*(<!-- FIXME.*-->|# FIXME.*)\n", "", path.read_text(), flags=re.M)
        path.write_text(re.sub(r"\s+# FIXME.*$", "", text, flags=re.M))


def nbgrader_validate(notebook: Path) -> subprocess.CompletedProcess:
    """Run `nbgrader validate` the way a trainer would."""
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", "validate", str(notebook)],
        cwd=notebook.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def process_gone(pid: int, within: float = 10.0) -> bool:
    """Whether process `pid` has ended (or is only left to be reaped) within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in {"Z", "X"}:
            return True
        time.sleep(0.1)
    return False
