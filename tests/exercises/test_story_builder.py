"""The story builder keeps each story only where its author chose, and can withdraw it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peer2peer import exercises as ex
from peer2peer.exercises import story_builder as stories
from peer2peer.exercises.private import PRIVATE_DIR_VARIABLE
from peer2peer.exercises.session import current

WORDS = {"before": "A hard winter.", "now": "Walking every day."}


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    assignment, private = tmp_path / "02-story", tmp_path / "home-private"
    assignment.mkdir()
    monkeypatch.setenv(PRIVATE_DIR_VARIABLE, str(private))
    monkeypatch.setattr("peer2peer.exercises.widget.display", lambda *a, **k: None)
    monkeypatch.setattr("peer2peer.exercises.session.display", lambda *a, **k: None)
    ex.start("lesson", assignment, module="02-story")
    return assignment, private


def _everything_in(folder: Path) -> str:
    return "".join(p.read_text() for p in folder.rglob("*") if p.is_file())


def test_a_new_story_is_private_and_nothing_of_it_is_handed_in(folders) -> None:
    assignment, private = folders
    ex.story("my-story")
    widget = current().widgets["my-story"]
    assert widget.value["audience"] == "only-me" and widget.value["naming"] == "anonymous"
    widget.value = {**widget.value, "sections": WORDS}
    assert "A hard winter." not in _everything_in(assignment)
    assert "A hard winter." in _everything_in(private)
    saved = json.loads((assignment / "lesson.responses.json").read_text())["answers"]["my-story"]
    assert saved["private"] is True and "sections" not in saved
    for path in [*private.rglob("*")]:
        assert path.stat().st_mode & 0o077 == 0  # only the trainee can read it


def test_sharing_with_the_trainer_hands_it_in_with_a_consent_record(folders) -> None:
    assignment, private = folders
    ex.story("my-story")
    widget = current().widgets["my-story"]
    widget.value = {**widget.value, "sections": WORDS}
    widget.value = {**widget.value, "audience": "trainer", "naming": "anonymous"}
    record = current().answers["my-story"]
    # The trainer sees who handed it in, so "no name" cannot be kept for them.
    assert record["sections"] == WORDS and record["naming"] == "full"
    assert record["consent"]["audience"] == "trainer" and record["consent"]["given_at"]
    assert "A hard winter." not in _everything_in(private)


def test_taking_it_back_to_only_me_removes_it_from_the_handed_in_file(folders) -> None:
    assignment, _ = folders
    ex.story("my-story")
    widget = current().widgets["my-story"]
    widget.value = {**widget.value, "sections": WORDS, "audience": "cohort"}
    widget.value = {**widget.value, "audience": "only-me"}
    assert "A hard winter." not in _everything_in(assignment)
    assert stories.load(current(), "my-story")["sections"] == WORDS


def test_withdrawal_deletes_it_everywhere_and_marks_it_for_the_trainer(folders) -> None:
    assignment, private = folders
    ex.story("my-story")
    widget = current().widgets["my-story"]
    widget.value = {**widget.value, "sections": WORDS, "audience": "trainer"}
    widget._handle_custom_msg({"event": "withdraw"}, [])
    assert "A hard winter." not in _everything_in(assignment) + _everything_in(private)
    record = current().answers["my-story"]
    assert record["withdrawn"] is True and record["withdrawn_at"]
    assert "withdrew" in widget.message


def test_static_copy_shows_only_what_was_shared(folders) -> None:
    from peer2peer.exercises import static

    sections, audiences = stories.SECTIONS, stories.AUDIENCES
    private = {"private": True, "audience": "only-me"}
    assert "private" in static.story(private, sections, audiences)
    shared = {"audience": "trainer", "naming": "first", "sections": {"before": "<b>x</b>"}}
    html = static.story(shared, sections, audiences)
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "Me and my trainer" in html
    withdrawn = {"withdrawn": True, "withdrawn_at": "2026-11-26T10:00:00+00:00"}
    assert "withdrew" in static.story(withdrawn, sections, audiences)


def test_a_page_holding_an_older_story_is_shown_the_words_saved_since(folders) -> None:
    ex.story("my-story")
    old_page = current().widgets["my-story"]
    ex.start("lesson", folders[0], module="02-story")
    ex.story("my-story")
    current().widgets["my-story"].value = {**stories.EMPTY, "sections": WORDS}
    old_page.value = {**stories.EMPTY, "sections": {"before": "Older words."}}
    assert old_page.stale["value"]["sections"] == WORDS  # from the private folder
    assert stories.load(current(), "my-story")["sections"] == WORDS  # nothing overwritten
    old_page._handle_custom_msg({"event": "use-saved"}, [])
    assert old_page.value["sections"] == WORDS and not old_page.stale


def test_taking_back_a_story_handed_in_asks_the_trainer_at_once(
    folders, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On one computer (the server names the course): the lesson posts the request itself."""
    from peer2peer.shared.mailbox import letterbox, pending_requests

    assignment, _ = folders
    exchange = tmp_path / "exchange"
    widget, handed = _handed_in_a_course(assignment, exchange, monkeypatch)
    box = letterbox(exchange, "course-2027", "t01")
    assert pending_requests(box) == []

    widget.value = {**widget.value, "audience": "only-me"}
    asked = pending_requests(box)
    assert [r.details["exercise"] for r in asked] == ["my-story"]
    assert "A hard winter." not in _everything_in(handed) + _everything_in(exchange)
    widget.value = {**widget.value, "sections": {"now": "More words."}}  # told once only
    assert len(pending_requests(box)) == 1


def _handed_in_a_course(assignment: Path, exchange: Path, monkeypatch: pytest.MonkeyPatch):
    """A lesson on one computer (the server names the course), its story shared and handed in.

    Returns the story's widget and nbgrader's copy of the hand-in in the trainee's cache.
    """
    from peer2peer.exercises import my_course

    home = assignment.parent
    exchange.mkdir()
    for name, value in {
        my_course.COURSE_VARIABLE: "course-2027",
        my_course.EXCHANGE_VARIABLE: str(exchange),
        my_course.TRAINEE_VARIABLE: "t01",
        my_course.FOLDER_VARIABLE: str(home),
    }.items():
        monkeypatch.setenv(name, value)
    ex.story("my-story")
    widget = current().widgets["my-story"]
    widget.value = {**widget.value, "sections": WORDS, "audience": "trainer"}
    handed = home / ".nbgrader-cache" / "course-2027" / "t01+02-story+2027-03-05 10:00:00 UTC"
    handed.mkdir(parents=True)
    (handed / "lesson.responses.json").write_text(
        (assignment / "lesson.responses.json").read_text()
    )
    return widget, handed


@pytest.mark.parametrize("reachable", [True, False])
def test_the_page_says_whether_the_trainer_was_asked(
    folders, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reachable: bool
) -> None:
    from peer2peer.exercises.story_builder import WITHDRAWN
    from peer2peer.exercises.withdrawal import audience_of
    from peer2peer.shared.answers import read_answers

    assignment, _ = folders
    exchange = tmp_path / "exchange"
    widget, handed = _handed_in_a_course(assignment, exchange, monkeypatch)
    if not reachable:  # the letterboxes cannot be made: posting the request fails
        (exchange / "course-2027").mkdir()
        (exchange / "course-2027" / "personal").write_text("not a folder")
    widget._handle_custom_msg({"event": "withdraw"}, [])
    if reachable:
        assert widget.message == WITHDRAWN["asked"]
    else:
        assert widget.message == WITHDRAWN["ask later"]
        assert "next time you open your home page" in widget.message
        # True: the hand-in still holds it, so the home page asks again.
        kept = read_answers(handed / "lesson.responses.json")["my-story"]
        assert audience_of(kept) == "trainer"


def test_a_story_never_handed_in_says_nothing_of_the_trainer(folders) -> None:
    from peer2peer.exercises.story_builder import WITHDRAWN

    ex.story("my-story")
    widget = current().widgets["my-story"]
    widget.value = {**widget.value, "sections": WORDS, "audience": "trainer"}
    widget._handle_custom_msg({"event": "withdraw"}, [])
    assert widget.message == WITHDRAWN["not handed in"] and "trainer" not in widget.message
