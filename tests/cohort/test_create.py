"""Making a cohort: it copies what the build wrote, and never loads the curriculum twice."""

from __future__ import annotations

from datetime import date

import pytest
from support import copy_project

import peer2peer.notebooks.pipeline as pipeline
from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.settings import CohortError
from peer2peer.notebooks.cohort_kit import rubric_path
from peer2peer.notebooks.item_map import ITEMS_FILE, load_item_map
from peer2peer.progress.snapshot import cohort_item_map


def test_init_copies_the_builds_item_map_and_rubrics(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    loads = []
    real = pipeline.load_project
    monkeypatch.setattr(pipeline, "load_project", lambda root: loads.append(root) or real(root))
    cohort = tmp_path / "cohort"
    init_cohort(cohort, "Kit 2027", project, date(2027, 3, 1))
    course = project / "build" / "course"
    assert len(loads) == 1
    assert load_item_map(cohort) == load_item_map(course)
    assert (
        rubric_path(cohort, "01-alpha").read_text() == rubric_path(course, "01-alpha").read_text()
    )


def test_a_damaged_item_map_in_a_cohort_is_a_cohort_error(cohort_path):
    (cohort_path / ITEMS_FILE).write_text("{not json")
    with pytest.raises(CohortError, match=ITEMS_FILE):
        cohort_item_map(cohort_path)
