"""Marking reflections against the rubric writes marks nbgrader's formgrader and feedback show."""

from __future__ import annotations

from pathlib import Path

import pytest
from handing_in import GOOD_ANSWERS, MODULE, graded_cohort

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.database import engine_for, has_table
from peer2peer.cohort.erase import forget
from peer2peer.cohort.exchange import feedback
from peer2peer.cohort.marking import TABLE, forget_marks, load_rubric, save_mark, to_mark
from peer2peer.cohort.settings import CohortError, load_settings


@pytest.fixture
def graded(cohort_path: Path) -> Path:
    """Two trainees' submissions, autograded, waiting for their reflections to be marked."""
    return graded_cohort(cohort_path)


def test_the_queue_holds_each_reflection_with_its_answer(graded: Path) -> None:
    queue = to_mark(graded, load_settings(graded), MODULE)
    assert [(i.trainee, i.cell, i.marked) for i in queue] == [
        ("t01", "alpha-reflect-prompt", False),
        ("t02", "alpha-reflect-prompt", False),
    ]
    assert queue[0].answer == GOOD_ANSWERS["alpha-reflect"] and queue[0].points == 4
    assert queue[1].answer == "<b>Short</b> answer."  # kept exactly; pages escape it


def test_a_mark_reaches_the_gradebook_the_feedback_and_the_queue(graded: Path) -> None:
    settings = load_settings(graded)
    rubric = load_rubric(graded, MODULE)
    item = to_mark(graded, settings, MODULE)[0]
    levels = {c.id: "strong" for c in rubric.criteria} | {"application": "meets"}
    score = save_mark(graded, settings, item, levels, "Thank you for sharing this with such care.")
    assert score == 3.5  # 7 of 8 rubric points, scaled to the task's 4 points
    with gradebook(settings) as book:
        grade_row = book.find_grade(item.cell, item.notebook, MODULE, "t01")
        assert grade_row.manual_score == 3.5 and not grade_row.needs_manual_grade
        comment = book.find_comment(item.cell, item.notebook, MODULE, "t01").manual_comment
    assert "Application to peer support practice: Meets" in comment
    assert comment.endswith("Thank you for sharing this with such care.")
    queue = to_mark(graded, settings, MODULE)
    assert [(i.trainee, i.marked) for i in queue] == [("t02", False), ("t01", True)]
    assert queue[1].levels == levels
    feedback(graded, settings, [MODULE])
    page = (graded / "feedback" / "t01" / MODULE / "assessment.html").read_text()
    assert (
        "Thank you for sharing this with such care." in page
        and "Depth of reflection: Strong" in page
    )


def test_every_criterion_needs_a_level(graded: Path) -> None:
    settings = load_settings(graded)
    item = to_mark(graded, settings, MODULE)[0]
    with pytest.raises(CohortError, match="choose a level for"):
        save_mark(graded, settings, item, {"links-to-concepts": "meets"}, "")
    with gradebook(settings) as book:
        assert book.find_grade(item.cell, item.notebook, MODULE, "t01").manual_score is None


def test_forgetting_a_trainee_removes_their_rubric_levels(graded: Path) -> None:
    settings = load_settings(graded)
    rubric = load_rubric(graded, MODULE)
    for item in to_mark(graded, settings, MODULE):
        save_mark(graded, settings, item, {c.id: "meets" for c in rubric.criteria}, "")
    assert forget(graded, settings, "t01").rubric_marks == 4
    assert [i.trainee for i in to_mark(graded, settings, MODULE)] == ["t02"]


def test_our_table_of_levels_is_made_by_the_first_mark_only(graded: Path) -> None:
    settings = load_settings(graded)

    def has_levels_table() -> bool:
        with engine_for(settings.db_url) as engine, engine.connect() as connection:
            return has_table(connection, TABLE)

    queue = to_mark(graded, settings, MODULE)
    assert forget_marks(settings, "t01") == 0
    assert not has_levels_table()  # reading the queue and forgetting nobody made nothing
    rubric = load_rubric(graded, MODULE)
    save_mark(graded, settings, queue[0], {c.id: "meets" for c in rubric.criteria}, "")
    assert has_levels_table()
    assert to_mark(graded, settings, MODULE)[1].levels == {c.id: "meets" for c in rubric.criteria}
