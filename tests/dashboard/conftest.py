"""A graded cohort of the minimal project, its reflections waiting to be marked (synthetic)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from handing_in import graded_cohort
from support import copy_project

from peer2peer.cohort.create import init_cohort


@pytest.fixture
def graded(tmp_path: Path) -> Path:
    """Two trainees' submissions of 01-alpha, autograded, reflections not yet marked."""
    project = copy_project(tmp_path / "project")
    cohort = tmp_path / "cohorts" / "marking"
    init_cohort(cohort, "Marking test 2027", project, date(2027, 3, 1))
    return graded_cohort(cohort)
