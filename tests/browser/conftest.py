"""Fixtures for browser tests: Debian's Chromium through Playwright, and JupyterLab servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import start_jupyterlab, stop


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is slow: it starts servers and a browser."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def page(browser):
    """A fresh browser page at a laptop's size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def jupyterlab(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A JupyterLab server over a fresh folder; yields (lab URL, folder)."""
    root = tmp_path / "lab"
    root.mkdir()
    url, process = start_jupyterlab(root)
    try:
        yield url, root
    finally:
        stop(process)
