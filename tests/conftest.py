"""Shared fixtures: synthetic curriculum projects copied into temporary folders, and one browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import CHROMIUM, CHROMIUM_FLAGS
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


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser download).

    One for the whole run: Playwright's sync API refuses a second instance while one is open.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()
