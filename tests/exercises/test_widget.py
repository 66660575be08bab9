"""The exercise widget tells the browser where to keep words it could not save yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer2peer import exercises as ex
from peer2peer.exercises.session import current
from peer2peer.exercises.widget import browser_key


@pytest.fixture(autouse=True)
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing is sent to a front end."""
    monkeypatch.setattr("peer2peer.exercises.widget.display", lambda *a, **k: None)
    monkeypatch.setattr("peer2peer.exercises.session.display", lambda *a, **k: None)


def test_each_exercise_of_each_answers_file_has_its_own_place_in_the_browser(
    tmp_path: Path,
) -> None:
    ex.start("lesson", tmp_path / "ada")
    ex.reflection("r1")
    ex.reflection("r2")
    first, second = (current().widgets[i].keep_as for i in ("r1", "r2"))
    assert first == browser_key(tmp_path / "ada" / "lesson.responses.json", "r1")
    assert first != second and first.endswith(":r1")

    ex.start("lesson", tmp_path / "grace")  # another trainee, one browser
    ex.reflection("r1")
    assert current().widgets["r1"].keep_as != first


def test_the_browser_is_never_told_the_folder_of_the_answers(tmp_path: Path) -> None:
    key = browser_key(tmp_path / "home" / "ada-example" / "lesson.responses.json", "r1")
    assert "ada-example" not in key and "lesson" not in key and str(tmp_path) not in key
