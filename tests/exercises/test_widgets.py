"""Each exercise saves what the trainee does and shows a static, escaped copy for grading."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer2peer import exercises as ex
from peer2peer.exercises.session import current
from peer2peer.shared.answers import ResponseStore

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


def test_answers_merged_into_one_message_are_all_said_to_be_saved(store) -> None:
    """Six presses of an arrow key can reach the kernel as one change: it saves up to the last."""
    ex.scale("s", prompt="How hopeful?", low="not", high="very")
    widget = on_show("s")
    with widget.hold_trait_notifications():  # as the widgets library sets a merged message
        widget.sent = 6
        widget.value = 7
    assert store.load() == {"s": 7}
    assert widget.done == 6 and widget.saved_at


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

    def full_disk(*_: object, **__: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(store.__class__, "update", full_disk)
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


def test_two_pages_answering_different_questions_keep_both(store) -> None:
    ex.reflection("r")
    ex.scale("s", low="L", high="H")
    first_r, first_s = on_show("r"), on_show("s")
    ex.start("lesson", store.path.parent)  # a second tab: its own kernel, the same file
    ex.reflection("r")
    ex.scale("s", low="L", high="H")
    second_s = on_show("s")
    first_r.value = "from the first tab"
    second_s.value = 4
    assert store.load() == {"r": "from the first tab", "s": 4}
    assert first_s.value is None  # untouched: the first tab never sent a rating


def test_a_page_holding_older_words_is_told_before_anything_is_overwritten(store) -> None:
    ex.reflection("r")
    old_page = on_show("r")
    ex.start("lesson", store.path.parent)
    ex.reflection("r")
    new_page = on_show("r")
    new_page.value = "written on the phone"
    old_page.value = "written on the laptop, earlier"
    assert store.load() == {"r": "written on the phone"}
    assert old_page.stale == {"value": "written on the phone", "version": 1}
    assert "another page or device" in old_page.message and "nothing is lost" in old_page.message
    old_page._handle_custom_msg({"event": "keep-mine"}, [])
    assert store.load() == {"r": "written on the laptop, earlier"}
    assert old_page.stale == {} and old_page.message == "" and old_page.version == 2


def test_choosing_the_saved_words_shows_them_and_saves_nothing(store) -> None:
    ex.reflection("r")
    old_page = on_show("r")
    ex.start("lesson", store.path.parent)
    ex.reflection("r")
    on_show("r").value = "written on the phone"
    old_page.value = "older"
    old_page._handle_custom_msg({"event": "use-saved"}, [])
    assert old_page.value == "written on the phone" and old_page.version == 1
    assert store.load() == {"r": "written on the phone"}
    old_page.value = "carrying on from the phone's words"
    assert store.load() == {"r": "carrying on from the phone's words"}


def test_quick_saves_from_one_page_are_never_refused_as_stale(store) -> None:
    ex.reflection("r")
    widget = on_show("r")
    widget.value = "one"
    widget.version = 0  # the page's next save left before it heard of version 1
    widget.value = "one two"
    assert store.load() == {"r": "one two"} and not widget.stale
