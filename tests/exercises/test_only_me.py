"""Private writing (a wellness plan) stays with its author: never handed in, no sharing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peer2peer import exercises as ex
from peer2peer.exercises import only_me as writing
from peer2peer.exercises.private import PRIVATE_DIR_VARIABLE
from peer2peer.exercises.session import current

PARTS = {
    "toolbox": {"title": "Things that help", "hint": "What helps me feel well."},
    "crisis": {"title": "Crisis plan", "hint": "Who I want involved."},
}


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, list]:
    assignment, private = tmp_path / "09-wellness-planning", tmp_path / "home-private"
    assignment.mkdir()
    monkeypatch.setenv(PRIVATE_DIR_VARIABLE, str(private))
    shown: list = []
    monkeypatch.setattr("peer2peer.exercises.widget.display", lambda *a, **k: shown.append(a))
    monkeypatch.setattr("peer2peer.exercises.session.display", lambda *a, **k: None)
    monkeypatch.setattr(writing, "display", lambda *a, **k: shown.append(a))
    ex.start("lesson", assignment, module="09-wellness-planning")
    return assignment, private, shown


def _everything_in(folder: Path) -> str:
    return "".join(p.read_text() for p in folder.rglob("*") if p.is_file())


def _answers(assignment: Path) -> dict:
    path = assignment / "lesson.responses.json"
    return json.loads(path.read_text())["answers"] if path.exists() else {}


def test_what_is_written_stays_in_the_private_folder_and_nothing_is_handed_in(folders) -> None:
    assignment, private, _ = folders
    ex.private_writing("plan", sections=PARTS)
    current().widgets["plan/toolbox"].value = "A walk with my dog."
    assert "A walk with my dog." in _everything_in(private)
    assert "A walk with my dog." not in _everything_in(assignment)
    assert "plan" not in _answers(assignment)
    for path in private.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0  # only the trainee can read it


def test_the_words_are_there_when_the_page_is_opened_again(folders) -> None:
    ex.private_writing("plan", sections=PARTS)
    current().widgets["plan/crisis"].value = "My sister, Ann."
    ex.start("lesson", folders[0], module="09-wellness-planning")
    ex.private_writing("plan", sections=PARTS)
    assert current().widgets["plan/crisis"].value == "My sister, Ann."
    assert current().widgets["plan/toolbox"].value == ""


def test_it_says_only_you_can_see_it_and_offers_no_sharing(folders) -> None:
    _, _, shown = folders
    ex.private_writing("plan", sections=PARTS)
    widgets = [current().widgets[f"plan/{key}"] for key in PARTS]
    assert all(w.kind == "reflection" for w in widgets)
    assert "Things that help" in widgets[0].config["prompt"]
    html = " ".join(str(getattr(a[0], "data", a[0])) for a in shown)
    assert "Only you can see this" in html and "never handed in" in html
    for word in ("trainer and your group cannot see it",):
        assert word in html
    assert "audience" not in json.dumps([w.config for w in widgets])


def test_what_shows_without_a_browser_never_holds_the_words(folders) -> None:
    _, _, shown = folders
    ex.private_writing("plan", sections=PARTS)
    current().widgets["plan/toolbox"].value = "A walk with my dog."
    ex.start("lesson", folders[0], module="09-wellness-planning")
    shown.clear()
    ex.private_writing("plan", sections=PARTS)
    bundles = [a[0] for a in shown if isinstance(a[0], dict)]
    assert bundles and all("A walk" not in b["text/html"] for b in bundles)
    assert "only its author can see it" in bundles[0]["text/html"]


def test_clearing_every_box_deletes_the_plan(folders) -> None:
    _, private, _ = folders
    ex.private_writing("plan", sections=PARTS)
    current().widgets["plan/toolbox"].value = "Music."
    current().widgets["plan/toolbox"].value = ""
    kept = [json.loads(p.read_text()) for p in private.rglob("*.json")]
    # No word is kept; only each part's version, so another tab is still told.
    assert kept == [{"sections": {}, "versions": {"toolbox": 2}}]
    assert "Music" not in _everything_in(private)


def test_older_words_from_another_tab_are_refused_and_told(folders) -> None:
    _, private, _ = folders
    ex.private_writing("plan", sections=PARTS)
    here = current().widgets["plan/toolbox"]
    here.value = "Music."
    # Another tab, opened before that save, still holds version 0 of the same part.
    ex.private_writing("plan", sections=PARTS)
    there = current().widgets["plan/toolbox"]
    there.version = 0
    there.value = "Older words."
    assert there.stale == {"value": "Music.", "version": 1}
    assert "Music." in _everything_in(private) and "Older" not in _everything_in(private)
    there.value = "Older words."  # the trainee chose to keep theirs
    there.send = lambda *_: None
    there._handle_custom_msg({"event": "keep-mine"}, [])
    assert "Older words." in _everything_in(private) and there.stale == {}


def test_a_plan_once_written_in_the_story_builder_moves_into_the_private_folder(folders) -> None:
    assignment, private, _ = folders
    shared = {
        "sections": {"toolbox": "Fishing."},
        "audience": "trainer",
        "consent": {"audience": "trainer", "given_at": "2027-01-01T10:00:00+00:00"},
    }
    current().set("plan", shared)
    ex.private_writing("plan", sections=PARTS)
    assert current().widgets["plan/toolbox"].value == "Fishing."
    assert "Fishing." in _everything_in(private)
    assert "plan" not in _answers(assignment)


def test_a_plan_kept_for_only_me_by_the_story_builder_is_read_as_it_is(folders) -> None:
    assignment, _, _ = folders
    current().private.save("plan", {"sections": {"crisis": "Call Ann."}, "audience": "only-me"})
    current().set("plan", {"private": True, "audience": "only-me"})
    ex.private_writing("plan", sections=PARTS)
    assert current().widgets["plan/crisis"].value == "Call Ann."
    assert "plan" not in _answers(assignment)


def test_a_save_that_fails_asks_the_trainee_to_keep_a_copy(
    folders, monkeypatch: pytest.MonkeyPatch
) -> None:
    ex.private_writing("plan", sections=PARTS)

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(current().private, "save", broken)
    widget = current().widgets["plan/toolbox"]
    widget.value = "Music."
    assert "could not be saved" in widget.message


def test_part_titles_and_hints_are_text_never_markup(folders) -> None:
    _, _, shown = folders
    ex.private_writing("plan", sections={"p": {"title": "<b>Mine</b>", "hint": "<i>x</i>"}})
    html = " ".join(str(getattr(a[0], "data", a[0])) for a in shown)
    assert "&lt;b&gt;Mine&lt;/b&gt;" in html and "<b>" not in html and "<i>" not in html


def test_two_pages_writing_different_parts_keep_both(folders) -> None:
    assignment, private, _ = folders
    ex.private_writing("plan", PARTS)
    first_toolbox = current().widgets["plan/toolbox"]
    ex.start("lesson", assignment, module="09-wellness-planning")  # a second tab
    ex.private_writing("plan", PARTS)
    second_crisis = current().widgets["plan/crisis"]
    first_toolbox.value = "Walks by the river."
    second_crisis.value = "Call my sister first."
    first_toolbox.value = "Walks by the river, and music."
    kept = writing.load(current(), "plan")
    assert kept == {"toolbox": "Walks by the river, and music.", "crisis": "Call my sister first."}
