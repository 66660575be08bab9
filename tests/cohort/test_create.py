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


def test_two_cohorts_cannot_share_a_course_id_on_one_exchange(tmp_path, capsys):
    from peer2peer.cli import main
    from peer2peer.cohort.create import OWNER_FILE, check_course_owner
    from peer2peer.cohort.settings import load_settings

    project = copy_project(tmp_path / "project")
    exchange = tmp_path / "exchange"
    first = init_cohort(tmp_path / "one", "Dundee 2027", project, date(2027, 3, 1), None, exchange)
    assert (exchange / "dundee-2027" / OWNER_FILE).is_file()
    with pytest.raises(CohortError, match="already has a course 'dundee-2027'.*--course-id"):
        init_cohort(tmp_path / "two", "DUNDEE-2027!", project, None, None, exchange)
    assert not (tmp_path / "two").exists()
    verb = ["cohort", "init", str(tmp_path / "two"), "--name", "DUNDEE-2027!"]
    assert main([*verb, "--exchange", str(exchange), "--root", str(project)]) == 1
    said = capsys.readouterr().err
    assert "Dundee 2027" in said and "Choose another --name" in said and "Traceback" not in said
    second = init_cohort(
        tmp_path / "two", "DUNDEE-2027!", project, None, None, exchange, "dundee-2027-b"
    )
    assert (first.course_id, second.course_id) == ("dundee-2027", "dundee-2027-b")
    # A cohort whose course another cohort has taken over refuses to work with it.
    (exchange / "dundee-2027" / OWNER_FILE).write_text('{"cohort": "/elsewhere", "name": "X"}')
    with pytest.raises(CohortError, match="belongs to another cohort"):
        check_course_owner(tmp_path / "one", load_settings(tmp_path / "one"))
    check_course_owner(tmp_path / "two", load_settings(tmp_path / "two"))


def test_a_course_id_given_by_hand_must_be_usable(tmp_path):
    project = copy_project(tmp_path / "project")
    for bad in ("Dundee 2027", "../x", "a+b", " "):
        with pytest.raises(CohortError, match="cannot be a course id"):
            init_cohort(tmp_path / "c", "Dundee", project, course_id=bad)
