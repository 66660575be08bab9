"""Hidden tests score answers as nbgrader reads them, without a traceback for the trainee."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer2peer import exercises as ex
from peer2peer.exercises.session import current


@pytest.fixture(autouse=True)
def session(tmp_path: Path):
    ex.start("assessment", tmp_path)
    return current()


def test_right_choice_gets_full_points_and_its_feedback(session) -> None:
    session.set("q", "b")
    score = ex.grade_choice("q", right=["b"], points=1, feedback={"b": "Yes, <hope>."})
    assert repr(score) == "1.0"
    assert "Yes, &lt;hope&gt;." in score._repr_html_()


def test_wrong_and_missing_answers_get_zero(session) -> None:
    assert repr(ex.grade_choice("q", right=["b"], points=1)) == "0.0"
    session.set("q", "a")
    assert repr(ex.grade_choice("q", right=["b"], points=1)) == "0.0"


def test_multiple_choice_earns_part_points_and_loses_them_for_wrong_ticks(session) -> None:
    session.set("m", ["a"])
    assert ex.grade_choice("m", right=["a", "b"], points=2).points == 1.0
    session.set("m", ["a", "c"])
    assert ex.grade_choice("m", right=["a", "b"], points=2).points == 0.0
    session.set("m", ["b", "a"])
    assert ex.grade_choice("m", right=["a", "b"], points=2).points == 2.0


def test_model_answers_stay_in_memory(session, tmp_path: Path) -> None:
    ex.model_answer("q", "b")
    assert ex.check.choice("q") == "b" and ex.check.answered("q")
    assert list(tmp_path.iterdir()) == []


def test_check_reads_saved_answers(session) -> None:
    assert not ex.check.answered("r")
    session.set("r", "My own words")
    assert ex.check.answer("r") == "My own words"
    session.set("m", ["b", "a"])
    assert ex.check.choice("m") == ["a", "b"]
