"""Each widget saves what the trainee does and shows a static, escaped copy for grading."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer2peer import exercises as ex
from peer2peer.exercises.store import ResponseStore


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Capture what the widgets display instead of sending it to a front end."""
    bundles: list[dict] = []
    monkeypatch.setattr("peer2peer.exercises.widgets.display", lambda b, raw: bundles.append(b))
    return bundles


@pytest.fixture
def store(tmp_path: Path) -> ResponseStore:
    ex.start("lesson", tmp_path)
    return ResponseStore(tmp_path / "lesson.responses.json")


def test_reflection_saves_every_change(shown, store) -> None:
    box = ex.reflection("r", min_words=3).children[0]
    box.value = "one two"
    assert store.load() == {"r": "one two"}
    assert box.description == "Your answer"


def test_reflection_static_copy_is_escaped(shown, store) -> None:
    store.save({"r": "<script>alert(1)</script>"})
    ex.start("lesson", store.path.parent)
    ex.reflection("r")
    html = shown[-1]["text/html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "application/vnd.jupyter.widget-view+json" in shown[-1]


def test_scale_saves_and_shows_the_rating(shown, store) -> None:
    slider = ex.scale("s", low="Low", high="High").children[0]
    slider.value = 8
    assert store.load() == {"s": 8}
    ex.start("lesson", store.path.parent)
    ex.scale("s", low="Low", high="High")
    assert "Rating: <strong>8</strong>" in shown[-1]["text/html"]


def test_choice_saves_the_key_and_gives_feedback(shown, store) -> None:
    widget = ex.choice("c", options={"a": "First", "b": "Second"}, feedback={"b": "Good."})
    radio, note = widget.children
    radio.value = "Second"
    assert store.load() == {"c": "b"}
    assert note.value == "<p>Good.</p>"


def test_multiple_choice_saves_sorted_keys(shown, store) -> None:
    boxes = ex.choice("m", options={"a": "A", "b": "B", "c": "C"}, multiple=True).children[0]
    boxes.children[2].value = True
    boxes.children[0].value = True
    assert store.load() == {"m": ["a", "c"]}


def test_unanswered_exercises_say_so(shown, store) -> None:
    ex.choice("c", options={"a": "A", "b": "B"})
    ex.scale("s", low="L", high="H")
    assert (
        "Not answered yet." in shown[0]["text/html"] and "Not rated yet." in shown[1]["text/html"]
    )
