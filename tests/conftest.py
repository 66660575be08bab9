"""Shared fixtures: synthetic curriculum projects copied into temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import copy_project


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A fresh copy of the small valid project."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project built once for the session; returns the course folder."""
    from peer2peer.notebooks import build_course

    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    course = project / "build" / "course"
    build_course(project, course)
    return course
