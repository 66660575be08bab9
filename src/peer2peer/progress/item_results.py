"""Each trainee's result on each graded item, and the rubric levels trainers chose: two queries.

Read-only, like `peer2peer.progress.status`: tables this package did not make are never
created here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from nbgrader.api import (
    Assignment,
    BaseCell,
    Grade,
    GradeCell,
    Notebook,
    SubmittedAssignment,
    SubmittedNotebook,
    TaskCell,
)
from sqlalchemy import Select, func, select

from peer2peer.cohort.database import engine_for, has_table
from peer2peer.cohort.marking import TABLE as RUBRIC_MARKS
from peer2peer.cohort.settings import CohortSettings


def _item_scores(course: str) -> Select:
    """One row per grade of the course: who, which cell, its score and its points."""
    grade, cell, notebook = Grade.__table__, BaseCell.__table__, Notebook.__table__
    submission, handed_in = SubmittedAssignment.__table__, SubmittedNotebook.__table__
    assignment, check, task = Assignment.__table__, GradeCell.__table__, TaskCell.__table__
    return (
        select(
            submission.c.student_id.label("trainee"),
            assignment.c.name.label("module"),
            notebook.c.name.label("notebook"),
            cell.c.name.label("cell"),
            (
                func.coalesce(grade.c.manual_score, grade.c.auto_score, 0)
                + func.coalesce(grade.c.extra_credit, 0)
            ).label("score"),
            # a reflection's points are on its task cell
            func.coalesce(check.c.max_score, task.c.max_score, 0).label("max_score"),
            grade.c.needs_manual_grade.label("needs_marking"),
        )
        .select_from(grade)
        .join(handed_in, handed_in.c.id == grade.c.notebook_id)
        .join(submission, submission.c.id == handed_in.c.assignment_id)
        .join(assignment, assignment.c.id == submission.c.assignment_id)
        .join(cell, cell.c.id == grade.c.cell_id)
        .outerjoin(check, check.c.id == cell.c.id)
        .outerjoin(task, task.c.id == cell.c.id)
        .join(notebook, notebook.c.id == cell.c.notebook_id)
        .where(assignment.c.course_id == course)
    )


@dataclass(frozen=True, slots=True)
class ItemScore:
    """One trainee's score on one graded cell of a module."""

    trainee: str
    module: str
    notebook: str
    cell: str
    score: float
    max_score: float
    needs_marking: bool

    @property
    def full_marks(self) -> bool:
        """True when the item earned every point it carries."""
        return self.score >= self.max_score - 1e-9


#: (trainee, module, notebook, cell) -> {criterion id: level id}
RubricLevels = dict[tuple[str, str, str, str], dict[str, str]]


#: How many trainee ids one query names at most (SQLite allows 32,766 parameters).
_TRAINEES_PER_QUERY = 900


def item_scores(
    settings: CohortSettings,
    trainees: Collection[str] | None = None,
    cells: Collection[str] | None = None,
) -> list[ItemScore]:
    """Every graded cell of every submission in the cohort (or only these trainees' or cells)."""
    query = _item_scores(settings.course_id)
    if cells is not None:
        query = query.where(BaseCell.__table__.c.name.in_(sorted(cells)))
    if trainees is None:
        queries = [query]
    else:
        named = sorted(trainees)
        student = SubmittedAssignment.__table__.c.student_id
        queries = [
            query.where(student.in_(named[start : start + _TRAINEES_PER_QUERY]))
            for start in range(0, len(named), _TRAINEES_PER_QUERY)
        ]
    with engine_for(settings.db_url) as engine, engine.connect() as connection:
        rows = [row for each in queries for row in connection.execute(each)]
    return [
        ItemScore(
            r.trainee,
            r.module,
            r.notebook,
            r.cell,
            float(r.score or 0),
            float(r.max_score or 0),
            bool(r.needs_marking),
        )
        for r in rows
    ]


def rubric_levels(settings: CohortSettings) -> RubricLevels:
    """The level chosen on each criterion of each marked reflection."""
    found: RubricLevels = {}
    with engine_for(settings.db_url) as engine, engine.connect() as connection:
        if not has_table(connection, RUBRIC_MARKS):
            return found  # nothing marked with the marking page yet
        for row in connection.execute(select(RUBRIC_MARKS)):
            key = (row.student_id, row.assignment, row.notebook, row.cell)
            found.setdefault(key, {})[row.criterion] = row.level
    return found
