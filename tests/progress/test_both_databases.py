"""The progress queries give the same answers on SQLite and on PostgreSQL, and write nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from postgres import throwaway_postgres
from sqlalchemy import inspect

from peer2peer.cohort.course import prepare_database
from peer2peer.cohort.database import engine_for
from peer2peer.cohort.marking import forget_marks
from peer2peer.cohort.settings import CohortSettings
from peer2peer.progress.item_results import ItemScore, item_scores, rubric_levels
from peer2peer.progress.journey import trainer_comments
from peer2peer.progress.status import MARKED, NEEDS_MARKING, NOT_SUBMITTED, cohort_progress

DUE = datetime(2027, 3, 8, 17, 0)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty gradebook: an SQLite file, or a throw-away PostgreSQL server on loopback."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'gradebook.db'}"
        return
    with throwaway_postgres() as url:
        yield url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def cohort(tmp_path: Path, db_url: str) -> tuple[Path, CohortSettings]:
    """Two trainees in one module; one late with an extension, marked, with a comment."""
    settings = CohortSettings(
        name="Both",
        course_id="both",
        start=date(2027, 3, 1),
        curriculum=str(tmp_path),
        modules=["01-alpha"],
        db_url=db_url,
        exchange=str(tmp_path / "exchange"),
    )
    (tmp_path / "exchange" / "both" / "outbound" / "01-alpha").mkdir(parents=True)
    with Gradebook(db_url, "both") as book:
        book.add_assignment("01-alpha", duedate=DUE)
        book.add_notebook("assessment", "01-alpha")
        book.add_grade_cell("quiz", "assessment", "01-alpha", max_score=2, cell_type="code")
        book.add_task_cell("essay", "assessment", "01-alpha", max_score=4, cell_type="markdown")
        for trainee in ("t1", "t2", "t3"):
            book.add_student(trainee, first_name=trainee.upper(), last_name="Example")
        book.add_submission(
            "01-alpha", "t1", timestamp=DUE + timedelta(hours=2), extension=timedelta(days=1)
        )
        book.add_submission("01-alpha", "t2", timestamp=DUE + timedelta(hours=2))
        for trainee, quiz, essay in [("t1", 2, 3.5), ("t2", 1, None)]:
            grade = book.find_grade("quiz", "assessment", "01-alpha", trainee)
            grade.auto_score, grade.needs_manual_grade = quiz, False
            grade = book.find_grade("essay", "assessment", "01-alpha", trainee)
            grade.manual_score, grade.needs_manual_grade = essay, essay is None
        comment = book.find_comment("essay", "assessment", "01-alpha", "t1")
        comment.manual_comment = "Depth: Meets\n\nWell argued."
        book.db.commit()
    prepare_database(db_url)
    return tmp_path, settings


def tables(db_url: str) -> set[str]:
    with engine_for(db_url) as engine, engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_the_cohort_table_agrees_with_nbgrader(cohort) -> None:
    path, settings = cohort
    rows = {r.trainee: r for r in cohort_progress(path, settings)}
    assert [(r.status, r.late, r.score, r.max_score) for r in rows.values()] == [
        (MARKED, False, 5.5, 6.0),  # two hours late, with a day's extension
        (NEEDS_MARKING, True, 1.0, 6.0),
        (NOT_SUBMITTED, False, None, None),
    ]
    assert rows["t1"].submitted_at == DUE + timedelta(hours=2)
    with Gradebook(settings.db_url, "both") as book:
        for trainee in ("t1", "t2"):
            submission = book.find_submission("01-alpha", trainee)
            assert rows[trainee].score == submission.score
            assert rows[trainee].late == (submission.total_seconds_late > 0)


def test_items_comments_and_levels_read_the_same_everywhere(cohort) -> None:
    _, settings = cohort
    before = tables(settings.db_url)
    assert sorted(item_scores(settings), key=lambda s: (s.trainee, s.cell)) == [
        ItemScore("t1", "01-alpha", "assessment", "essay", 3.5, 4.0, False),
        ItemScore("t1", "01-alpha", "assessment", "quiz", 2.0, 2.0, False),
        ItemScore("t2", "01-alpha", "assessment", "essay", 0.0, 4.0, True),
        ItemScore("t2", "01-alpha", "assessment", "quiz", 1.0, 2.0, False),
    ]
    assert trainer_comments(settings, "t1") == {("01-alpha", "assessment", "essay"): "Well argued."}
    assert trainer_comments(settings, "t2") == {}
    assert rubric_levels(settings) == {}
    assert forget_marks(settings, "t1") == 0
    assert tables(settings.db_url) == before  # no reader made our table of levels
