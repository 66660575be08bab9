"""Where each trainee is in each module: tidy tables for dashboards, from one query.

Reads nbgrader's gradebook with a single grouped query (not a loop over nbgrader's API,
which asks the database several times per trainee and module), plus the few folders
that say what was released and what feedback went out. Never writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

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

_SUBMISSIONS = text(
    """
    WITH scores AS (
        SELECT notebook_id,
               SUM(COALESCE(manual_score, auto_score, 0) + COALESCE(extra_credit, 0)) AS score,
               MAX(CASE WHEN needs_manual_grade THEN 1 ELSE 0 END) AS needs_marking
        FROM grade GROUP BY notebook_id
    )
    SELECT sa.student_id AS trainee, a.name AS module, sa.timestamp AS submitted_at,
           sa.extension AS extension, SUM(scores.score) AS score,
           MAX(scores.needs_marking) AS needs_marking
    FROM submitted_assignment sa
    JOIN assignment a ON a.id = sa.assignment_id
    LEFT JOIN submitted_notebook sn ON sn.assignment_id = sa.id
    LEFT JOIN scores ON scores.notebook_id = sn.id
    WHERE a.course_id = :course
    GROUP BY sa.id, a.id
    """
)
_MODULES = text(
    """
    SELECT a.name AS module, a.duedate AS due,
           SUM(COALESCE(gc.max_score, tc.max_score, 0)) AS max_score
    FROM assignment a
    JOIN notebook n ON n.assignment_id = a.id
    JOIN base_cell c ON c.notebook_id = n.id
    LEFT JOIN grade_cells gc ON gc.id = c.id
    LEFT JOIN task_cells tc ON tc.id = c.id
    WHERE a.course_id = :course
    GROUP BY a.id
    """
)
_TRAINEES = text("SELECT id, first_name, last_name FROM student ORDER BY id")


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
    engine = create_engine(settings.db_url)
    try:
        with engine.connect() as connection:
            trainees = connection.execute(_TRAINEES).all()
            rows = connection.execute(_SUBMISSIONS, {"course": settings.course_id}).all()
            modules = connection.execute(_MODULES, {"course": settings.course_id}).all()
    finally:
        engine.dispose()
    graded = {(row.trainee, row.module): row for row in rows}
    due = {row.module: (_when(row.due), float(row.max_score or 0)) for row in modules}
    released = _released(settings)
    feedback = _folders(cohort / "feedback")
    collected = _folders(cohort / "submitted")
    ledger = load_ledger(cohort)
    table = []
    for trainee in trainees:
        name = full_name(trainee.first_name, trainee.last_name)
        for module in settings.modules:
            row = graded.get((trainee.id, module))
            record = ledger.get(module, {}).get(trainee.id, {})
            if module not in released:
                table.append(ModuleProgress(trainee.id, name, module, NOT_RELEASED))
            elif record and not record.get("graded"):
                table.append(ModuleProgress(trainee.id, name, module, NOT_GRADED))
            elif row is None:
                status = SUBMITTED if (trainee.id, module) in collected else NOT_SUBMITTED
                table.append(ModuleProgress(trainee.id, name, module, status))
            else:
                sent = (trainee.id, module) in feedback
                table.append(_graded(trainee.id, name, row, *due.get(module, (None, 0.0)), sent))
    return table


def _graded(
    trainee: str, name: str, row, due: datetime | None, max_score: float, feedback_sent: bool
) -> ModuleProgress:
    status = NEEDS_MARKING if row.needs_marking else (FEEDBACK_SENT if feedback_sent else MARKED)
    if due is not None and row.extension is not None:
        due += _interval(row.extension)
    submitted = _when(row.submitted_at)
    late = bool(due and submitted and submitted > due)
    return ModuleProgress(
        trainee,
        name,
        row.module,
        status,
        late,
        submitted,
        round(float(row.score or 0), 2),
        max_score,
    )


def _when(value) -> datetime | None:
    """SQLite hands back text, PostgreSQL a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _interval(value) -> timedelta:
    """nbgrader's extension: a timedelta, or on SQLite a date counted from 1970."""
    if isinstance(value, timedelta):
        return value
    return _when(value) - datetime(1970, 1, 1)


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
