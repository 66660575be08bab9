"""Workbooks of the repository's curriculum, made once per test run (each takes about a second)."""

from __future__ import annotations

import pytest
from workbook_reading import repo_project

from peer2peer.workbooks.files import workbook_bytes


@pytest.fixture(scope="session")
def project():
    return repo_project()


@pytest.fixture(scope="session")
def made(project):
    """made(module, format, large_print=False) -> bytes, each made once."""
    cache: dict[tuple, bytes] = {}

    def make(module: str, format: str, large_print: bool = False) -> bytes:
        key = (module, format, large_print)
        if key not in cache:
            cache[key] = workbook_bytes(project, module, format, large_print)
        return cache[key]

    return make
