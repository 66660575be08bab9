"""Cohorts built from the minimal project, in temporary folders (all data synthetic)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import copy_project

from peer2peer.cohort.create import init_cohort


@pytest.fixture
def cohort_path(tmp_path: Path) -> Path:
    """A fresh cohort of the minimal project, starting on 1 March 2027."""
    project = copy_project(tmp_path / "project")
    cohort = tmp_path / "cohorts" / "test-cohort"
    init_cohort(cohort, "Test cohort 2027", project, date(2027, 3, 1))
    return cohort


@pytest.fixture
def cohort_settings(cohort_path: Path):
    from peer2peer.cohort.settings import load_settings

    return load_settings(cohort_path)
