"""A cohort of the minimal project with three trainees, for the hub's tests (all synthetic)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hub_support import TRAINEES
from support import copy_project

from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.roster import Trainee, add_trainees


@pytest.fixture(scope="module")
def hub_cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cohort with three trainees on its roster (the exchange still inside it)."""
    root = tmp_path_factory.mktemp("hub-cohort")
    project = copy_project(root / "project")
    cohort = root / "cohorts" / "hub-test"
    settings = init_cohort(cohort, "Hub test 2027", project, date(2027, 3, 1))
    add_trainees(settings, [Trainee(t, "Test", f"Trainee {t[-1]}", None) for t in TRAINEES])
    return cohort
