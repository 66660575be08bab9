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


def test_order_by_place_counts_steps_in_their_place_and_adds_the_authors_feedback(
    session,
) -> None:
    items = {"k1": "Listen", "k2": "Ask", "k3": "Tell <them>"}
    session.set("o", ["k2", "k1", "k3"])
    score = ex.grade_order("o", ["k1", "k2", "k3"], 3, items, feedback="Listen <first>.")
    assert score.points == 1.0
    html = score._repr_html_()
    assert "1 of 3 steps in the suggested place" in html and "Tell &lt;them&gt;" in html
    assert html.endswith("<p>Listen &lt;first&gt;.</p></div>")


def test_order_by_pairs_costs_little_for_one_step_out_of_place(session) -> None:
    right = ["a", "b", "c", "d", "e"]
    session.set("o", ["b", "c", "d", "e", "a"])  # the first step last: 0 by place
    assert ex.grade_order("o", right, 2).points == 0.0
    assert ex.grade_order("o", right, 2, by="pairs").points == round(2 * 6 / 10, 2)


def test_steps_in_an_any_order_group_may_swap_freely(session) -> None:
    right = ["stay", "listen", "ask", "tell", "record"]
    items = {key: key.capitalize() for key in right}
    session.set("o", ["ask", "stay", "listen", "tell", "record"])
    score = ex.grade_order(
        "o", right, 3, items, by="pairs", any_order=[["stay", "listen", "ask"]], feedback="Why."
    )
    assert score.points == 3.0
    assert "in an order that works" in score._repr_html_()
    session.set("o", ["stay", "listen", "tell", "ask", "record"])
    score = ex.grade_order("o", right, 3, items, by="pairs", any_order=[["stay", "listen", "ask"]])
    assert score.points == round(3 * 6 / 7, 2)
    html = score._repr_html_()
    assert "A suggested order" in html and "Steps 1 to 3 can come in any order." in html


def test_a_match_with_feedback_says_why_for_every_statement(session) -> None:
    statements = {"s1": "Things get better.", "s2": "We learn together."}
    categories = {"hope": "Hope", "mutuality": "Mutuality"}
    right = {"s1": "hope", "s2": "mutuality"}
    feedback = {"s1": "That is hope.", "s2": "Both people learn: <mutuality>."}
    session.set("m", {"s1": "hope", "s2": "hope"})
    score = ex.grade_match("m", right, 2, statements, categories, feedback)
    html = score._repr_html_()
    assert score.points == 1.0 and "1 of 2 matched as suggested" in html
    assert "You matched this with Hope, as suggested. That is hope." in html
    assert "You matched this with Hope. The suggested match is Mutuality." in html
    assert "Both people learn: &lt;mutuality&gt;." in html


def test_a_match_without_feedback_lists_only_the_misses(session) -> None:
    session.set("m", {"s1": "hope"})
    score = ex.grade_match("m", {"s1": "hope", "s2": "mutuality"}, 2, {"s1": "A", "s2": "B"})
    html = score._repr_html_()
    assert "The suggested matches for the others" in html
    assert "Not matched. The suggested match is mutuality." in html and "<strong>A" not in html
