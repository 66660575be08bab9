"""The metadata check with its schema checked once says exactly what nbgrader's own says."""

from __future__ import annotations

import copy
import logging
from pathlib import Path

import nbformat
import pytest
from nbgrader.converters import GenerateAssignment
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.preprocessors import CheckCellMetadata
from support import copy_project

from peer2peer.cohort.grading import AUTOGRADE_STEPS, SANITIZE_STEPS
from peer2peer.notebooks import build_course
from peer2peer.notebooks.metadata_check import (
    CheckCellMetadataOnce,
    MetadataValidatorOnce,
    with_check_once,
)

GOOD = {
    "grade": True,
    "grade_id": "check-one",
    "locked": False,
    "points": 1,
    "schema_version": 3,
    "solution": True,
}


def _notebook(*metadata: dict) -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": m}) for m in metadata]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Hello"), *cells])


BROKEN = {
    "a points value of the wrong type": {**GOOD, "points": "one"},
    "a key of the wrong type": {**GOOD, "locked": "yes"},
    "no points on a graded cell": {k: v for k, v in GOOD.items() if k != "points"},
    "an empty grade id": {**GOOD, "grade_id": ""},
    "an old schema": {**GOOD, "schema_version": 2},
    "a newer schema": {**GOOD, "schema_version": 4},
    "no grade flag": {k: v for k, v in GOOD.items() if k != "grade"},
}


def _said(validator, notebook) -> tuple[str, str] | None:
    """The kind and words of the error `validator` raises on `notebook`, if any."""
    try:
        validator.validate_nb(copy.deepcopy(notebook))
    except Exception as error:  # noqa: BLE001 - compared, whatever it is
        return type(error).__name__, str(error)
    return None


@pytest.mark.parametrize("metadata", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_cell_gets_nbgraders_own_error(metadata: dict) -> None:
    notebook = _notebook(GOOD | {"grade_id": "fine"}, metadata)
    theirs = _said(MetadataValidator(), notebook)
    assert theirs is not None
    assert _said(MetadataValidatorOnce(), notebook) == theirs


def test_good_cells_and_duplicate_ids_are_judged_as_nbgrader_judges_them() -> None:
    assert _said(MetadataValidatorOnce(), _notebook(GOOD, GOOD | {"grade_id": "two"})) is None
    twice = _notebook(GOOD, GOOD)
    assert _said(MetadataValidatorOnce(), twice) == _said(MetadataValidator(), twice)


def test_the_preprocessor_refuses_a_broken_notebook_in_nbgraders_words(caplog) -> None:
    notebook = _notebook(BROKEN["a points value of the wrong type"])
    with caplog.at_level(logging.ERROR), pytest.raises(Exception) as ours:
        CheckCellMetadataOnce().preprocess(notebook, {})
    with pytest.raises(Exception) as theirs:
        CheckCellMetadata().preprocess(notebook, {})
    assert (type(ours.value), str(ours.value)) == (type(theirs.value), str(theirs.value))


def test_grading_runs_the_check_once_before_and_after_the_notebook_runs() -> None:
    for steps in (SANITIZE_STEPS, AUTOGRADE_STEPS):
        assert CheckCellMetadataOnce in steps and CheckCellMetadata not in steps


def test_only_nbgraders_check_is_replaced_in_generate_assignments_steps() -> None:
    steps = GenerateAssignment.class_traits()["preprocessors"].default()
    ours = with_check_once(steps)
    assert ours.count(CheckCellMetadataOnce) == steps.count(CheckCellMetadata) == 2
    assert [s for s in ours if s is not CheckCellMetadataOnce] == [
        s for s in steps if s is not CheckCellMetadata
    ]


def test_what_the_build_writes_passes_nbgraders_own_check(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    course = tmp_path / "course"
    build_course(project, course, force=True)
    written = sorted(course.glob("*/*/*.ipynb"))  # source and release
    assert written
    for path in written:
        assert _said(MetadataValidator(), nbformat.read(path, as_version=4)) is None, path
