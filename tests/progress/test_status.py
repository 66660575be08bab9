"""The cohort table: every trainee x module with the status, lateness and score nbgrader holds."""

from __future__ import annotations

import gc
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from peer2peer.cohort.settings import CohortSettings
from peer2peer.progress.status import (
    FEEDBACK_SENT,
    MARKED,
    NEEDS_MARKING,
    NOT_GRADED,
    NOT_RELEASED,
    NOT_SUBMITTED,
    SUBMITTED,
    cohort_progress,
)

DUE = datetime(2027, 3, 8, 17, 0)


@pytest.fixture
def cohort(tmp_path: Path) -> tuple[Path, CohortSettings]:
    """A hand-built gradebook whose every answer is known (no grading run)."""
    settings = CohortSettings(
        name="Known",
        course_id="known",
        start=date(2027, 3, 1),
        curriculum=str(tmp_path),
        modules=["01-alpha", "02-beta", "03-gamma"],
        db_url=f"sqlite:///{tmp_path / 'gradebook.db'}",
        exchange=str(tmp_path / "exchange"),
    )
    for module in ("01-alpha", "02-beta"):
        (tmp_path / "exchange" / "known" / "outbound" / module).mkdir(parents=True)
    with Gradebook(settings.db_url, "known") as book:
        for module in ("01-alpha", "02-beta"):
            book.add_assignment(module, duedate=DUE)
            book.add_notebook("assessment", module)
            book.add_grade_cell("quiz", "assessment", module, max_score=2, cell_type="code")
            book.add_task_cell("essay", "assessment", module, max_score=4, cell_type="markdown")
        for trainee, first in [("t1", "Ada"), ("t2", "Ben"), ("t3", "Cal"), ("t4", "<b>Dee</b>")]:
            book.add_student(trainee, first_name=first, last_name="Example")

        def hand_in(trainee, module, when, quiz, essay=None, **extra):
            book.add_submission(module, trainee, timestamp=when, **extra)
            grade = book.find_grade("quiz", "assessment", module, trainee)
            grade.auto_score, grade.needs_manual_grade = quiz, False
            grade = book.find_grade("essay", "assessment", module, trainee)
            grade.manual_score, grade.needs_manual_grade = essay, essay is None
            book.db.commit()

        hand_in("t1", "01-alpha", DUE - timedelta(days=1), quiz=2, essay=3)  # marked
        hand_in("t2", "01-alpha", DUE + timedelta(hours=2), quiz=1)  # late, needs marking
        hand_in("t1", "02-beta", DUE + timedelta(hours=2), quiz=0, essay=4,
                extension=timedelta(days=1))  # fmt: skip
        hand_in("t4", "01-alpha", DUE, quiz=2, essay=4)  # on the dot: not late
    (tmp_path / "feedback" / "t4" / "01-alpha").mkdir(parents=True)
    (tmp_path / "submitted" / "t3" / "02-beta").mkdir(parents=True)
    (tmp_path / "grading.json").write_text(
        '{"01-alpha": {"t3": {"graded": false, "reason": "damaged"}}}'
    )
    return tmp_path, settings


def test_each_trainee_and_module_has_its_known_status(cohort) -> None:
    rows = {(r.trainee, r.module): r for r in cohort_progress(*cohort)}
    assert len(rows) == 4 * 3
    expected = {
        ("t1", "01-alpha"): (MARKED, False, 5.0, 6.0),
        ("t2", "01-alpha"): (NEEDS_MARKING, True, 1.0, 6.0),
        ("t3", "01-alpha"): (NOT_GRADED, False, None, None),
        ("t4", "01-alpha"): (FEEDBACK_SENT, False, 6.0, 6.0),
        ("t1", "02-beta"): (MARKED, False, 4.0, 6.0),  # two hours late, with a day's extension
        ("t2", "02-beta"): (NOT_SUBMITTED, False, None, None),
        ("t3", "02-beta"): (SUBMITTED, False, None, None),  # collected, not in the gradebook
    }
    for key, (status, late, score, max_score) in expected.items():
        row = rows[key]
        assert (row.status, row.late, row.score, row.max_score) == (status, late, score, max_score)
    assert all(rows[(t, "03-gamma")].status == NOT_RELEASED for t in ("t1", "t2", "t3", "t4"))
    assert rows[("t4", "01-alpha")].name == "<b>Dee</b> Example"  # raw: pages escape it


def test_scores_agree_with_nbgrader_own_api(cohort) -> None:
    path, settings = cohort
    with Gradebook(settings.db_url, "known") as book:
        for row in cohort_progress(path, settings):
            if row.score is None:
                continue
            submission = book.find_submission(row.module, row.trainee)
            assert row.score == submission.score and row.max_score == submission.max_score
            assert row.late == (submission.total_seconds_late > 0)


def test_the_cycle_collector_is_left_as_it_was_found(cohort) -> None:
    """The collector pauses while the table is built (speed), and only then."""
    cohort_progress(*cohort)
    assert gc.isenabled()
    gc.disable()
    try:
        cohort_progress(*cohort)
        assert not gc.isenabled()
    finally:
        gc.enable()
