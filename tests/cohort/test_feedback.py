"""Feedback in plain words: what a trainee receives, with no code, no answer keys, no links out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from handing_in import GOOD_ANSWERS, MODULE, graded_cohort
from markupsafe import escape

from peer2peer.cohort.exchange import feedback, fetch_feedback_as_trainee
from peer2peer.cohort.marking import load_rubric, save_mark, to_mark
from peer2peer.cohort.settings import load_settings, save_settings

INJECTION = "<script>window.hurt=1</script><img src=x onerror=alert(1)>"
#: nbgrader's notebook furniture and code, none of which a trainee should meet.
NEVER_SHOWN = [
    "BEGIN HIDDEN TESTS",
    "ex.grade_",
    "ex.choice(",
    "import ",
    "In [",
    "Test cell",
    "Grade cell",
    "Student's answer",
    "Comments:",
    "Traceback",
    "<script",
]


@pytest.fixture
def marked(cohort_path: Path) -> Path:
    """t01 answers well, t02 leaves most unanswered and writes markup; both are marked."""
    answers = {
        "t01": GOOD_ANSWERS,
        "t02": {"alpha-check": "b", "alpha-reflect": f"My words {INJECTION} stay words."},
    }
    graded_cohort(cohort_path, answers)
    settings = load_settings(cohort_path)
    rubric = load_rubric(cohort_path, MODULE)
    levels = {criterion.id: "meets" for criterion in rubric.criteria}
    for item in to_mark(cohort_path, settings, MODULE):
        save_mark(cohort_path, settings, item, levels, f"Well done, {item.trainee}. {INJECTION}")
    feedback(cohort_path, settings, [MODULE])
    return cohort_path


def page_of(cohort: Path, trainee: str) -> str:
    return (cohort / "feedback" / trainee / MODULE / "assessment.html").read_text()


def test_feedback_says_each_question_and_reflection_in_words(marked: Path) -> None:
    page = page_of(marked, "t01")
    assert "Which is first?" in page and "Right." in page
    assert "Right, first comes first." in page  # the author's teaching words for the choice
    assert "I would listen first, then share only what helps them." in page
    rubric = load_rubric(marked, MODULE)
    for criterion in rubric.criteria:
        assert escape(f"{criterion.name}: Meets") in page
        assert escape(criterion.descriptors["meets"]) in page
    assert "Well done, t01." in page


def test_feedback_has_no_code_no_furniture_and_no_request_to_another_host(marked: Path) -> None:
    for trainee in ("t01", "t02"):
        page = page_of(marked, trainee)
        for text in NEVER_SHOWN:
            assert text not in page, f"{trainee}'s feedback shows {text!r}"
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
        assert "@import" not in page and "url(" not in page


def test_words_stay_words_and_unanswered_questions_keep_their_answer(marked: Path) -> None:
    page = page_of(marked, "t02")
    assert "&lt;script&gt;window.hurt=1&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "You did not answer this one." in page
    # alpha-many was not answered: its right options are never shown.
    assert page.count("What we were looking for:") == 1  # only for alpha-check, answered wrong


def test_points_show_only_when_the_cohort_chooses(marked: Path) -> None:
    assert " of 4 points" not in page_of(marked, "t01")
    settings = load_settings(marked)
    settings.feedback_shows_points = True
    save_settings(marked, settings)
    feedback(marked, settings, [MODULE])
    assert "2 of 4 points" in page_of(marked, "t01")


def test_the_trainee_fetches_our_page_through_nbgrader(marked: Path) -> None:
    home = marked.parent / "homes" / "t01"
    fetched = fetch_feedback_as_trainee(marked, "t01", home, MODULE)
    pages = "".join(p.read_text() for p in Path(fetched).rglob("*.html"))
    assert "your feedback" in pages and "BEGIN HIDDEN TESTS" not in pages


def test_a_match_explains_each_statement_and_names_what_was_misplaced() -> None:
    from peer2peer.cohort.feedback import check_feedback
    from peer2peer.notebooks.item_map import Item

    spec = {
        "kind": "match",
        "categories": {"hope": "Hope", "mutual": "Mutuality"},
        "statements": {"s1": "Things can get better.", "s2": "We learn from each other."},
        "answer": {"s1": "hope", "s2": "mutual"},
        "feedback": {"s2": "Both people learn: that is mutuality."},
    }
    item = Item(exercise="m", notebook="assessment", kind="check", prompt="Match", spec=spec)
    words = check_feedback(item, {"s1": "hope", "s2": "hope"}, 1.0, 2.0, "")
    assert words.result == "partly"
    assert words.chosen == ["Things can get better.: Hope", "We learn from each other.: Hope"]
    assert words.suggested == ["We learn from each other.: Mutuality"]
    assert words.teaching == ["We learn from each other.: Both people learn: that is mutuality."]


def test_an_order_explains_itself_and_shows_the_right_order_when_not_right() -> None:
    from peer2peer.cohort.feedback import check_feedback
    from peer2peer.notebooks.item_map import Item

    spec = {
        "id": "o",
        "prompt": "Order",
        "kind": "order",
        "steps": ["Stay", "Listen", "Ask directly", "Get help"],
        "by": "pairs",
        "any_order": [[1, 2]],
        "feedback": "You stay and listen before you ask.",
    }
    item = Item(exercise="o", notebook="assessment", kind="check", prompt="Order", spec=spec)
    right = check_feedback(item, ["x"], 2.0, 2.0, "")
    assert right.result == "right" and right.suggested == []
    assert right.teaching == ["You stay and listen before you ask."]
    wrong = check_feedback(item, ["x"], 0.0, 2.0, "")
    assert wrong.result == "not yet"
    assert set(wrong.suggested) == set(spec["steps"])
