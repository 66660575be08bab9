"""Each exercise saves what the trainee does and shows a static, escaped copy for grading."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer2peer import exercises as ex
from peer2peer.answers import ResponseStore
from peer2peer.exercises.session import current

VIEW = "application/vnd.jupyter.widget-view+json"


def on_show(exercise_id: str):
    """The widget the last call showed for an exercise."""
    return current().widgets[exercise_id]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Capture what the exercises display instead of sending it to a front end."""
    bundles: list[dict] = []
    monkeypatch.setattr("peer2peer.exercises.widget.display", lambda b, raw: bundles.append(b))
    monkeypatch.setattr("peer2peer.exercises.session.display", lambda *a, **k: None)
    return bundles


@pytest.fixture
def store(tmp_path: Path, shown) -> ResponseStore:
    ex.start("lesson", tmp_path)
    return ResponseStore(tmp_path / "lesson.responses.json")


def test_reflection_saves_every_change_and_says_when(store) -> None:
    ex.reflection("r", prompt="What helps?", min_words=3)
    widget = on_show("r")
    widget.value = "one two"
    assert store.load() == {"r": "one two"}
    assert widget.saved_at  # the trainee sees "Saved at ..."
    assert widget.config == {"prompt": "What helps?", "min_words": 3}


def test_every_kind_displays_a_widget_and_a_static_copy(store, shown) -> None:
    ex.reflection("r")
    ex.scale("s", low="Low", high="High")
    ex.choice("c", options={"a": "A", "b": "B"})
    ex.order("o", items={"step-1": "One", "step-2": "Two"})
    ex.match("m", statements={"s1": "Hope"}, categories={"hope": "Hope", "other": "Other"})
    ex.story("st")
    assert len(shown) == 6
    for bundle in shown:
        assert VIEW in bundle and bundle["text/html"].startswith('<div class="p2p-answer">')


def test_static_copy_is_escaped(store, shown) -> None:
    store.save({"r": "<script>alert(1)</script> <img src=x onerror=alert(2)>"})
    ex.start("lesson", store.path.parent)
    ex.reflection("r")
    html = shown[-1]["text/html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html and "<img" not in html


def test_answers_come_back_when_the_notebook_runs_again(store, shown) -> None:
    calls = {
        "s": lambda: ex.scale("s", low="Low", high="High"),
        "c": lambda: ex.choice("c", options={"a": "First", "b": "Second"}),
        "o": lambda: ex.order("o", items={"step-1": "One", "step-2": "Two"}),
        "m": lambda: ex.match("m", statements={"s1": "X"}, categories={"a": "A", "b": "B"}),
    }
    answers = {"s": 8, "c": "b", "o": ["step-2", "step-1"], "m": {"s1": "b"}}
    for exercise_id, call in calls.items():
        call()
        on_show(exercise_id).value = answers[exercise_id]
    ex.start("lesson", store.path.parent)
    static = {}
    for exercise_id, call in calls.items():
        call()
        assert on_show(exercise_id).value == answers[exercise_id]
        static[exercise_id] = shown[-1]["text/html"]
    assert "Rating: <strong>8</strong>" in static["s"]
    assert "<li>Second</li>" in static["c"]
    assert "<ol><li>Two</li><li>One</li></ol>" in static["o"]
    assert "X: <strong>B</strong>" in static["m"]


def test_exact_text_survives_any_characters(store) -> None:
    text = "hope 🌱 الأمل\n" + "x" * 100_000 + '\n<b>"quotes"</b> & more'
    ex.reflection("r")
    on_show("r").value = text
    assert store.load()["r"] == text


def test_unanswered_exercises_say_so(store, shown) -> None:
    ex.choice("c", options={"a": "A", "b": "B"})
    ex.scale("s", low="L", high="H")
    assert "Not answered yet." in shown[0]["text/html"]
    assert "Not rated yet." in shown[1]["text/html"]


def test_a_save_that_fails_tells_the_trainee(store, monkeypatch: pytest.MonkeyPatch) -> None:
    ex.reflection("r")
    widget = on_show("r")

    def full_disk(_: dict) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(store.__class__, "save", lambda self, answers: full_disk(answers))
    widget.value = "words"
    assert "could not be saved" in widget.message and not widget.saved_at


def test_an_exercise_is_displayed_once_and_returns_nothing(store, shown) -> None:
    assert ex.reflection("r") is None  # a returned widget would show a second time
    assert len(shown) == 1


def test_a_lessons_order_and_match_carry_their_feedback_for_the_page(store) -> None:
    ex.order("o", items={"step-1": "One", "step-2": "Two"}, feedback="One comes first.")
    assert on_show("o").config["feedback"] == "One comes first."
    ex.match("m", statements={"s1": "X"}, categories={"a": "A"}, feedback={"s1": "Because."})
    assert on_show("m").config["feedback"] == {"s1": "Because."}
