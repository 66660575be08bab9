"""A graded course shared by the completion, certificate and evidence-pack tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """t01 has done everything; t02 missed both sessions, handed in one module, marked Not yet,
    and kept a story for only me; t03 has done nothing. (All invented.)"""
    from running_a_course import add_stories, graded_course

    cohort = graded_course(tmp_path_factory.mktemp("course"))
    add_stories(cohort)
    return cohort
