"""Per-item scores and rubric levels, read from a hand-built gradebook whose answers are known."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from sqlalchemy import create_engine

from peer2peer.cohort.marking import TABLE
from peer2peer.cohort.settings import CohortSettings
from peer2peer.progress.item_results import ItemScore, item_scores, rubric_levels


@pytest.fixture
def settings(tmp_path: Path) -> CohortSettings:
    """Two trainees in one module: a check and a reflection each, one reflection marked."""
    settings = CohortSettings(
        name="Items",
        course_id="items",
        start=date(2027, 3, 1),
        curriculum=str(tmp_path),
        modules=["01-alpha"],
        db_url=f"sqlite:///{tmp_path / 'gradebook.db'}",
        exchange=str(tmp_path / "exchange"),
    )
    with Gradebook(settings.db_url, "items") as book:
        book.add_assignment("01-alpha")
        book.add_notebook("assessment", "01-alpha")
        book.add_grade_cell("q-test", "assessment", "01-alpha", max_score=2, cell_type="code")
        book.add_task_cell("r-prompt", "assessment", "01-alpha", max_score=4, cell_type="markdown")
        book.add_student("t1")
        book.add_student("t2")
        for trainee, quiz, essay in [("t1", 2, 3), ("t2", 1, None)]:
            book.add_submission("01-alpha", trainee, timestamp=datetime(2027, 3, 5))
            grade = book.find_grade("q-test", "assessment", "01-alpha", trainee)
            grade.auto_score, grade.needs_manual_grade = quiz, False
            grade = book.find_grade("r-prompt", "assessment", "01-alpha", trainee)
            grade.manual_score, grade.needs_manual_grade = essay, essay is None
        book.db.commit()
    return settings


def test_item_scores_give_each_graded_cell_of_each_submission(settings):
    scores = sorted(item_scores(settings), key=lambda s: (s.trainee, s.cell))
    assert scores == [
        ItemScore("t1", "01-alpha", "assessment", "q-test", 2.0, 2.0, False),
        ItemScore("t1", "01-alpha", "assessment", "r-prompt", 3.0, 4.0, False),
        ItemScore("t2", "01-alpha", "assessment", "q-test", 1.0, 2.0, False),
        ItemScore("t2", "01-alpha", "assessment", "r-prompt", 0.0, 4.0, True),
    ]
    assert [s.full_marks for s in scores] == [True, False, False, False]


def test_rubric_levels_are_empty_and_nothing_is_created_before_any_marking(settings):
    assert rubric_levels(settings) == {}
    engine = create_engine(settings.db_url)
    try:
        assert not engine.dialect.has_table(engine.connect(), TABLE.name)
    finally:
        engine.dispose()


def test_rubric_levels_group_by_trainee_module_notebook_and_cell(settings):
    engine = create_engine(settings.db_url)
    TABLE.create(engine)
    now = datetime(2027, 3, 6)
    with engine.begin() as connection:
        connection.execute(
            TABLE.insert(),
            [
                {"student_id": "t1", "assignment": "01-alpha", "notebook": "assessment",
                 "cell": "r-prompt", "criterion": c, "level": level, "marked_at": now}
                for c, level in [("depth", "meets"), ("links", "strong")]
            ],
        )  # fmt: skip
    engine.dispose()
    assert rubric_levels(settings) == {
        ("t1", "01-alpha", "assessment", "r-prompt"): {"depth": "meets", "links": "strong"}
    }
