"""Each trainee's result on each graded item, and the rubric levels trainers chose: two queries.

Read-only, like `peer2peer.progress.status`: tables this package did not make are never
created here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, inspect, select, text

from peer2peer.cohort.marking import TABLE as RUBRIC_MARKS
from peer2peer.cohort.settings import CohortSettings

_ITEM_SCORES = text(
    """
    SELECT sa.student_id AS trainee, a.name AS module, n.name AS notebook, c.name AS cell,
           COALESCE(g.manual_score, g.auto_score, 0) + COALESCE(g.extra_credit, 0) AS score,
           COALESCE(gc.max_score, tc.max_score, 0) AS max_score,
           g.needs_manual_grade AS needs_marking
    FROM grade g
    JOIN submitted_notebook sn ON sn.id = g.notebook_id
    JOIN submitted_assignment sa ON sa.id = sn.assignment_id
    JOIN assignment a ON a.id = sa.assignment_id
    JOIN base_cell c ON c.id = g.cell_id
    LEFT JOIN grade_cells gc ON gc.id = c.id
    LEFT JOIN task_cells tc ON tc.id = c.id  -- a reflection's points are on its task cell
    JOIN notebook n ON n.id = c.notebook_id
    WHERE a.course_id = :course
    """
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


def item_scores(settings: CohortSettings) -> list[ItemScore]:
    """Every graded cell of every submission in the cohort."""
    engine = create_engine(settings.db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(_ITEM_SCORES, {"course": settings.course_id}).all()
    finally:
        engine.dispose()
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
    engine = create_engine(settings.db_url)
    found: RubricLevels = {}
    try:
        if not inspect(engine).has_table(RUBRIC_MARKS.name):
            return found  # nothing marked with the marking page yet
        with engine.connect() as connection:
            for row in connection.execute(select(RUBRIC_MARKS)):
                key = (row.student_id, row.assignment, row.notebook, row.cell)
                found.setdefault(key, {})[row.criterion] = row.level
    finally:
        engine.dispose()
    return found
