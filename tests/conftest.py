"""Shared fixtures: synthetic curriculum projects copied into temporary folders."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal-project"
BROKEN = FIXTURES / "broken"
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


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A fresh copy of the small valid project."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project built once for the session; returns the course folder."""
    from peer2peer.build import build_course

    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    course = project / "build" / "course"
    build_course(project, course)
    return course
