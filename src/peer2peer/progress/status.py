"""Where each trainee is in each module: tidy tables for dashboards, from one query.

Reads nbgrader's gradebook with a single grouped query (not a loop over nbgrader's API,
which asks the database several times per trainee and module), plus the few folders
that say what was released and what feedback went out. Never writes.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from nbgrader.api import (
    Assignment,
    BaseCell,
    Grade,
    GradeCell,
    Notebook,
    Student,
    SubmittedAssignment,
    SubmittedNotebook,
    TaskCell,
)
from sqlalchemy import Select, case, func, select

from peer2peer.cohort.database import engine_for
from peer2peer.cohort.grading import load_ledger
from peer2peer.cohort.roster import full_name
from peer2peer.cohort.settings import CohortSettings

# Statuses, in the order a module moves through them.
NOT_RELEASED = "not released"
NOT_SUBMITTED = "not submitted"
NOT_GRADED = "could not be graded"
SUBMITTED = "submitted"
NEEDS_MARKING = "needs marking"
MARKED = "marked"
FEEDBACK_SENT = "feedback sent"
STATUSES = [
    NOT_RELEASED,
    NOT_SUBMITTED,
    NOT_GRADED,
    SUBMITTED,
    NEEDS_MARKING,
    MARKED,
    FEEDBACK_SENT,
]
_NO_DUE = (None, 0.0)  # a module the gradebook does not know: no due date, no points


def _submissions(course: str) -> Select:
    """One row per hand-in of the course: who, when, the extension, score and marking left."""
    submission, handed_in = SubmittedAssignment.__table__, SubmittedNotebook.__table__
    assignment, grade = Assignment.__table__, Grade.__table__
    return (
        select(
            submission.c.student_id.label("trainee"),
            assignment.c.name.label("module"),
            submission.c.timestamp.label("submitted_at"),
            submission.c.extension,
            func.sum(
                func.coalesce(grade.c.manual_score, grade.c.auto_score, 0)
                + func.coalesce(grade.c.extra_credit, 0)
            ).label("score"),
            # MAX of a boolean is not allowed in PostgreSQL
            func.max(case((grade.c.needs_manual_grade, 1), else_=0)).label("needs_marking"),
        )
        .select_from(submission)
        .join(assignment, assignment.c.id == submission.c.assignment_id)
        .outerjoin(handed_in, handed_in.c.assignment_id == submission.c.id)
        .outerjoin(grade, grade.c.notebook_id == handed_in.c.id)
        .where(assignment.c.course_id == course)
        .group_by(submission.c.id, assignment.c.id)
    )


def _modules(course: str) -> Select:
    """One row per module of the course: its due date and the points it carries."""
    assignment, notebook, cell = Assignment.__table__, Notebook.__table__, BaseCell.__table__
    check, task = GradeCell.__table__, TaskCell.__table__
    return (
        select(
            assignment.c.name.label("module"),
            assignment.c.duedate.label("due"),
            func.sum(func.coalesce(check.c.max_score, task.c.max_score, 0)).label("max_score"),
        )
        .select_from(assignment)
        .join(notebook, notebook.c.assignment_id == assignment.c.id)
        .join(cell, cell.c.notebook_id == notebook.c.id)
        .outerjoin(check, check.c.id == cell.c.id)
        .outerjoin(task, task.c.id == cell.c.id)
        .where(assignment.c.course_id == course)
        .group_by(assignment.c.id)
    )


_TRAINEES = select(Student.__table__.c["id", "first_name", "last_name"]).order_by(
    Student.__table__.c.id
)


@dataclass(slots=True)
class ModuleProgress:
    """One trainee in one module: a row of the cohort table."""

    trainee: str
    name: str
    module: str
    status: str
    late: bool = False
    submitted_at: datetime | None = None
    score: float | None = None
    max_score: float | None = None


def cohort_progress(cohort: Path, settings: CohortSettings) -> list[ModuleProgress]:
    """Every trainee x every module of the cohort, with status, lateness and score."""
    with cycle_collector_paused():
        return _cohort_progress(cohort, settings)


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Build a big table without Python's cycle collector walking every object loaded so far.

    The rows hold no cycles, yet creating tens of thousands of them sets off full collections
    over all of nbgrader and SQLAlchemy: a quarter of the time at 5,000 trainees.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _cohort_progress(cohort: Path, settings: CohortSettings) -> list[ModuleProgress]:
    with engine_for(settings.db_url) as engine, engine.connect() as connection:
        trainees = connection.execute(_TRAINEES).tuples().all()
        rows = connection.execute(_submissions(settings.course_id)).tuples().all()
        modules = connection.execute(_modules(settings.course_id)).tuples().all()
    # Typed columns: on SQLite too, times arrive as datetimes and an extension as a timedelta.
    due = {module: (when, float(points or 0)) for module, when, points in modules}
    graded = {
        (trainee, module): _graded(submitted, extension, score, marking, *due.get(module, _NO_DUE))
        for trainee, module, submitted, extension, score, marking in rows
    }
    released = _released(settings)
    feedback = _folders(cohort / "feedback")
    collected = _folders(cohort / "submitted")
    ledger = load_ledger(cohort)
    table = []
    for trainee, first_name, last_name in trainees:
        name = full_name(first_name, last_name)
        for module in settings.modules:
            key = (trainee, module)
            record = ledger.get(module, {}).get(trainee, {})
            if module not in released:
                table.append(ModuleProgress(trainee, name, module, NOT_RELEASED))
            elif record and not record.get("graded"):
                table.append(ModuleProgress(trainee, name, module, NOT_GRADED))
            elif key not in graded:
                status = SUBMITTED if key in collected else NOT_SUBMITTED
                table.append(ModuleProgress(trainee, name, module, status))
            else:
                needs_marking, *scored = graded[key]
                sent = key in feedback
                status = NEEDS_MARKING if needs_marking else (FEEDBACK_SENT if sent else MARKED)
                table.append(ModuleProgress(trainee, name, module, status, *scored))
    return table


def _graded(
    submitted: datetime | None,
    extension: timedelta | None,
    score: float | None,
    needs_marking: int | None,
    due: datetime | None,
    max_score: float,
) -> tuple[bool, bool, datetime | None, float, float]:
    """A hand-in's marking state, lateness (after any extension), time, score and points."""
    if due is not None and extension is not None:
        due += extension
    late = bool(due and submitted and submitted > due)
    return bool(needs_marking), late, submitted, round(float(score or 0), 2), max_score


def _released(settings: CohortSettings) -> set[str]:
    outbound = Path(settings.exchange) / settings.course_id / "outbound"
    return {entry.name for entry in _scan(outbound)}


def _folders(root: Path) -> set[tuple[str, str]]:
    """(trainee, module) pairs that have a folder under root/<trainee>/<module>."""
    return {(t.name, m.name) for t in _scan(root) for m in _scan(Path(t.path))}


def _scan(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return [entry for entry in entries if entry.is_dir()]
    except FileNotFoundError:
        return []
