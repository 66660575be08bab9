"""Marking reflections against a module's rubric, one trainee after another.

A mark is written where nbgrader keeps marks (the task cell's manual score and the
comment), so that nbgrader's formgrader and feedback show it. The level chosen for each
criterion is kept as well, in a table of this package's own in the same database, so
that dashboards can say how a cohort does on each criterion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from nbgrader.api import MissingEntry
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    select,
)

from peer2peer.cohort.course import gradebook, writing
from peer2peer.cohort.database import engine_for, has_table
from peer2peer.cohort.marking_record import RUBRIC, item_key, record_mark
from peer2peer.cohort.settings import CohortError, CohortSettings, safe_yaml
from peer2peer.curriculum.schema import Rubric
from peer2peer.notebooks.cohort_kit import rubric_path
from peer2peer.shared.answers import AnswersUnreadable, read_answers, response_path
from peer2peer.shared.files import read_parsed

#: Our own table of rubric levels, beside nbgrader's. Only writers here create it; readers
#: (here and in `peer2peer.progress`) find it missing until the first mark is saved.
TABLE = Table(
    "p2p_rubric_marks",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("student_id", String(128), nullable=False, index=True),
    Column("assignment", String(128), nullable=False),
    Column("notebook", String(128), nullable=False),
    Column("cell", String(128), nullable=False),
    Column("criterion", String(128), nullable=False),
    Column("level", String(128), nullable=False),
    Column("marked_at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class ToMark:
    """One trainee's answer to one graded reflection."""

    trainee: str
    module: str
    notebook: str
    cell: str  # nbgrader's id of the task cell
    points: float
    prompt: str
    answer: str
    submitted_at: datetime | None
    levels: dict[str, str]
    comment: str
    marked: bool


def load_rubric(cohort: Path, module: str) -> Rubric:
    """The rubric a module of this cohort is marked by."""
    path = rubric_path(cohort, module)
    if not path.is_file():
        raise CohortError(f"module {module!r} has no rubric in this cohort ({path})")
    return Rubric.model_validate(read_parsed(path, safe_yaml))


def to_mark(cohort: Path, settings: CohortSettings, module: str) -> list[ToMark]:
    """Every graded reflection of a module, oldest submission first, unmarked ones first."""
    marks = _levels(settings, module)
    items = []
    with gradebook(settings) as book:
        assignment = book.find_assignment(module)
        for submission in book.assignment_submissions(module):
            trainee = submission.student.id
            for notebook in assignment.notebooks:
                answers = _answers(cohort, trainee, module, notebook.name)
                for task in notebook.task_cells:
                    try:
                        grade = book.find_grade(task.name, notebook.name, module, trainee)
                        comment = book.find_comment(task.name, notebook.name, module, trainee)
                    except MissingEntry:
                        continue
                    items.append(
                        ToMark(
                            trainee=trainee,
                            module=module,
                            notebook=notebook.name,
                            cell=task.name,
                            points=task.max_score,
                            prompt=book.find_source_cell(task.name, notebook.name, module).source,
                            answer=str(answers.get(task.name.removesuffix("-prompt"), "")),
                            submitted_at=submission.timestamp,
                            levels=marks.get((trainee, notebook.name, task.name), {}),
                            comment=comment.manual_comment or "",
                            marked=not grade.needs_manual_grade,
                        )
                    )
    return sorted(items, key=lambda i: (i.marked, i.submitted_at or datetime.max, i.trainee))


def _answers(cohort: Path, trainee: str, module: str, notebook: str) -> dict:
    folder = cohort / "autograded" / trainee / module
    try:
        return read_answers(response_path(folder, notebook))
    except (OSError, AnswersUnreadable):
        return {}


def save_mark(
    cohort: Path,
    settings: CohortSettings,
    item: ToMark,
    levels: dict[str, str],
    words: str,
) -> float:
    """Record a rubric mark and the trainer's words; returns the score given."""
    rubric = load_rubric(cohort, item.module)
    known = {level.id: level.label for level in rubric.levels}
    for criterion in rubric.criteria:
        if levels.get(criterion.id) not in known:
            raise CohortError(f"choose a level for {criterion.name!r} before saving")
    score = rubric.score(levels, item.points)
    with writing(cohort):
        with gradebook(settings) as book:
            grade = book.find_grade(item.cell, item.notebook, item.module, item.trainee)
            grade.manual_score = score
            grade.needs_manual_grade = False
            comment = book.find_comment(item.cell, item.notebook, item.module, item.trainee)
            comment.manual_comment = mark_comment(rubric, levels, words)
            book.db.commit()
        _store_levels(settings, item, levels)
        record_mark(
            cohort, settings, RUBRIC, item.trainee, item.module, item_key(item), levels, score
        )
    return score


def mark_comment(rubric: Rubric, levels: dict[str, str], words: str) -> str:
    """The comment a trainee reads: one "Criterion: Level" line each, then the trainer's words."""
    labels = {level.id: level.label for level in rubric.levels}
    summary = "\n".join(f"{c.name}: {labels[levels[c.id]]}" for c in rubric.criteria)
    return summary + ("\n\n" + words.strip() if words.strip() else "")


def trainer_words(comment: str) -> str:
    """The trainer's own words from a saved comment, without the criterion lines before them."""
    return comment.partition("\n\n")[2].strip()


def _store_levels(settings: CohortSettings, item: ToMark, levels: dict[str, str]) -> None:
    where = (
        (TABLE.c.student_id == item.trainee)
        & (TABLE.c.assignment == item.module)
        & (TABLE.c.notebook == item.notebook)
        & (TABLE.c.cell == item.cell)
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    with engine_for(settings.db_url) as engine, engine.begin() as connection:
        TABLE.create(connection, checkfirst=True)
        connection.execute(delete(TABLE).where(where))
        connection.execute(
            TABLE.insert(),
            [
                {"student_id": item.trainee, "assignment": item.module, "notebook": item.notebook,
                 "cell": item.cell, "criterion": criterion, "level": level, "marked_at": now}
                for criterion, level in levels.items()
            ],
        )  # fmt: skip


def _levels(settings: CohortSettings, module: str) -> dict[tuple[str, str, str], dict[str, str]]:
    found: dict[tuple[str, str, str], dict[str, str]] = {}
    with engine_for(settings.db_url) as engine, engine.connect() as connection:
        if not has_table(connection, TABLE):
            return found  # nothing marked with the marking page yet
        for row in connection.execute(select(TABLE).where(TABLE.c.assignment == module)):
            found.setdefault((row.student_id, row.notebook, row.cell), {})[row.criterion] = (
                row.level
            )
    return found


def forget_marks(settings: CohortSettings, trainee: str) -> int:
    """Delete a trainee's rubric levels; returns how many rows went."""
    with engine_for(settings.db_url) as engine, engine.begin() as connection:
        if not has_table(connection, TABLE):
            return 0
        return connection.execute(delete(TABLE).where(TABLE.c.student_id == trainee)).rowcount


def reopen_marks(
    settings: CohortSettings, trainee: str, module: str, cells: list[tuple[str, str]]
) -> int:
    """Send marked reflections back to the marking queue; returns how many went back.

    Used when a trainee hands in a changed answer: the old mark no longer counts, and the
    rubric levels stay on record as a starting point for the trainer.
    """
    reopened = 0
    with gradebook(settings) as book:
        for notebook, cell in cells:
            try:
                grade = book.find_grade(cell, notebook, module, trainee)
            except MissingEntry:
                continue
            if grade.manual_score is None and grade.needs_manual_grade:
                continue
            grade.manual_score = None
            grade.needs_manual_grade = True
            reopened += 1
        book.db.commit()
    return reopened
