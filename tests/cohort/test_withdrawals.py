"""A story withdrawn after hand-in leaves no copy anywhere; a bad request changes nothing."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import nbformat
import pytest
from handing_in import GOOD_ANSWERS, MODULE, hand_in
from nbgrader.utils import notebook_hash

from peer2peer.cohort import withdrawals
from peer2peer.cohort.exchange import collect, feedback, fetch_feedback_as_trainee, release
from peer2peer.cohort.grading import grade
from peer2peer.cohort.ids import course_exchange, inbound_copies
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import load_settings
from peer2peer.cohort.withdrawals import apply_withdrawals
from peer2peer.dashboard import home_stories
from peer2peer.exercises.private import PRIVATE_DIR_VARIABLE
from peer2peer.exercises.withdrawal import KIND, Withdrawal, ask_to_withdraw
from peer2peer.progress.journey import shared_stories
from peer2peer.shared.mailbox import MOST_BYTES, REQUESTS, letterbox, post_request

AUTHOR = Trainee("wr-author-03", "Wrenna", "Ashdown", None)
OTHER = Trainee("ob-other-04", "Osric", "Bellweather", None)
#: Words only the author wrote (synthetic), in their shared story.
STORY = "Wrenna found the canal towpath walks steadied her mornings."


def story_record() -> dict:
    return {
        "sections": {"before": STORY},
        "audience": "trainer",
        "naming": "full",
        "content_notes": [],
        "consent": {"audience": "trainer", "given_at": "2027-03-02T10:00:00+00:00"},
    }


def with_story(notebook: Path) -> None:
    """The lesson as JupyterLab saves it: the story in the answers, outputs and widget state."""
    folder = notebook.parent
    answers = {"format": 1, "answers": {"alpha-story": story_record()}}
    (folder / "lesson.responses.json").write_text(json.dumps(answers))
    lesson = nbformat.read(folder / "lesson.ipynb", as_version=4)
    for cell in lesson.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "alpha-story-answer":
            html = {"text/html": f"<div class='p2p-answer'><p>{STORY}</p></div>"}
            cell.outputs = [nbformat.v4.new_output("display_data", data=html)]
    lesson.metadata["widgets"] = {"state": {"model": {"value": {"sections": {"before": STORY}}}}}
    nbformat.write(lesson, folder / "lesson.ipynb")


def every_text(*folders: Path) -> str:
    return "".join(
        p.read_bytes().decode("utf-8", "replace")
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    )


@pytest.fixture(autouse=True)
def private_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(PRIVATE_DIR_VARIABLE, str(tmp_path / "private"))
    return tmp_path / "private"


@pytest.fixture
def collected(cohort_path: Path):
    """The author handed in a shared story and it was collected. (cohort, settings, home)"""
    settings = load_settings(cohort_path)
    add_trainees(settings, [AUTHOR, OTHER])
    release(cohort_path, settings, [MODULE])
    hand_in(cohort_path, AUTHOR.id, GOOD_ANSWERS, with_story)
    hand_in(cohort_path, OTHER.id, GOOD_ANSWERS)
    collect(cohort_path, settings, [MODULE])
    return cohort_path, settings, cohort_path.parent / "homes" / AUTHOR.id


@pytest.fixture
def handed_in(collected):
    """Then graded and fed back, and handed in again (that copy waits in the exchange)."""
    cohort_path, settings, home = collected
    grade(cohort_path, settings, [MODULE], jobs=2)
    feedback(cohort_path, settings, [MODULE])
    fetch_feedback_as_trainee(cohort_path, AUTHOR.id, home, MODULE)
    hand_in(cohort_path, AUTHOR.id, GOOD_ANSWERS, with_story)
    return cohort_path, settings, home


def withdrawal() -> Withdrawal:
    return Withdrawal(AUTHOR.id, MODULE, "lesson", "alpha-story", "2027-03-09T10:00:00+00:00")


def test_a_withdrawn_story_leaves_no_copy_in_the_cohort_exchange_or_home(handed_in) -> None:
    cohort, settings, home = handed_in
    exchange = Path(settings.exchange)
    assert STORY in every_text(cohort / "submitted", cohort / "autograded")
    assert STORY in every_text(exchange, home)  # inbound, cache, feedback, the notebook
    assert shared_stories(cohort, settings, AUTHOR.id)[0].sections

    cache = home / ".nbgrader-cache" / settings.course_id
    ask_to_withdraw(exchange, settings.course_id, home, cache, withdrawal())
    assert STORY not in every_text(home)  # the trainee's own copies went at once
    assert apply_withdrawals(cohort, settings) == 1

    assert STORY not in every_text(cohort, exchange, home)
    assert not list((letterbox(exchange, settings.course_id, AUTHOR.id) / REQUESTS).iterdir())
    [note] = shared_stories(cohort, settings, AUTHOR.id)
    assert note.withdrawn_at == "2027-03-09T10:00:00+00:00" and not note.sections
    # The other trainee's hand-in and feedback are as they were.
    assert (cohort / "feedback" / OTHER.id / MODULE / "assessment.html").is_file()
    # What the trainer collects next holds the note, not the story.
    collect(cohort, settings, [MODULE])
    assert STORY not in every_text(cohort, exchange)
    answers = json.loads(
        (cohort / "submitted" / AUTHOR.id / MODULE / "lesson.responses.json").read_text()
    )
    assert answers["answers"]["alpha-story"]["withdrawn"] is True


def _box(settings, trainee: str) -> Path:
    return letterbox(Path(settings.exchange), settings.course_id, trainee)


@pytest.mark.parametrize(
    "change",
    [
        {"module": "../../../etc"},
        {"module": "99-nowhere"},
        {"notebook": "../lesson"},
        {"notebook": "lesson/../../x"},
        {"notebook": "workbook"},  # the shape of a name, but no such notebook
        {"exercise": STORY},  # story words where an id should be: never logged
        {"exercise": "*"},
        {"trainee": OTHER.id},  # forged: asks for another trainee's story
        {"withdrawn_at": STORY},
        {"extra": "field"},
        {"module": ["01-alpha"]},
    ],
)
def test_a_bad_request_changes_nothing_is_removed_and_logged_plainly(
    collected, change: dict, caplog: pytest.LogCaptureFixture
) -> None:
    cohort, settings, _ = collected
    before = every_text(cohort / "submitted", course_exchange(settings) / "inbound")
    post_request(_box(settings, AUTHOR.id), KIND, {**withdrawal().details(), **change})
    with caplog.at_level(logging.INFO):
        assert apply_withdrawals(cohort, settings) == 0
    assert every_text(cohort / "submitted", course_exchange(settings) / "inbound") == before
    assert not list((_box(settings, AUTHOR.id) / REQUESTS).iterdir())
    assert "removed" in caplog.text and STORY not in caplog.text


def test_odd_files_in_a_letterbox_are_removed_unread(
    collected, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cohort, settings, _ = collected
    requests = _box(settings, AUTHOR.id) / REQUESTS
    post_request(_box(settings, AUTHOR.id), "another-kind", {"x": "y"})
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"kind": KIND, "details": withdrawal().details()}))
    (requests / "link.json").symlink_to(secret)
    (requests / "big.json").write_text(json.dumps({"kind": KIND, "pad": "x" * MOST_BYTES}))
    (requests / "broken.json").write_text("{not json " + STORY)
    before = every_text(cohort / "submitted")
    with caplog.at_level(logging.INFO):
        assert apply_withdrawals(cohort, settings) == 0
    assert every_text(cohort / "submitted") == before
    left = sorted(p.name for p in requests.iterdir())
    assert left == []  # a kind nobody reads is removed too, so letters cannot pile up
    assert secret.is_file()  # the link went, never what it pointed to
    assert STORY not in caplog.text


def test_a_letterbox_that_is_a_link_is_not_followed(collected, tmp_path: Path) -> None:
    cohort, settings, _ = collected
    elsewhere = tmp_path / "elsewhere"
    post_request(elsewhere, KIND, withdrawal().details())
    box = _box(settings, AUTHOR.id)
    box.parent.mkdir(parents=True, exist_ok=True)
    box.symlink_to(elsewhere)
    assert apply_withdrawals(cohort, settings) == 0
    assert list((elsewhere / REQUESTS).iterdir())
    assert STORY in every_text(cohort / "submitted")


def test_my_stories_withdraws_and_tells_the_trainer(handed_in) -> None:
    cohort, settings, home = handed_in
    cache = home / ".nbgrader-cache" / settings.course_id
    place = home_stories.Place(home, Path(settings.exchange), settings.course_id, AUTHOR.id, cache)
    [story] = home_stories.my_stories(home, [(MODULE, "Alpha")])
    assert story.audience == "trainer" and home_stories.shared_in_a_hand_in(place, story)
    home_stories.withdraw(place, story)
    assert apply_withdrawals(cohort, settings) == 1
    assert STORY not in every_text(cohort, Path(settings.exchange), home)
    [after] = home_stories.my_stories(home, [(MODULE, "Alpha")])
    assert after.audience == "withdrawn"


def test_a_story_made_private_in_a_lesson_after_hand_in_reaches_the_trainer(handed_in) -> None:
    cohort, settings, home = handed_in
    cache = home / ".nbgrader-cache" / settings.course_id
    place = home_stories.Place(home, Path(settings.exchange), settings.course_id, AUTHOR.id, cache)
    [story] = home_stories.my_stories(home, [(MODULE, "Alpha")])
    home_stories.share_with(place, story, "only-me")
    assert apply_withdrawals(cohort, settings) == 1
    assert STORY not in every_text(cohort, Path(settings.exchange))
    [after] = home_stories.my_stories(home, [(MODULE, "Alpha")])
    assert after.audience == "only-me"  # still the trainee's, in their private folder


def test_requests_swapped_for_a_link_after_the_check_delete_nothing_there(
    collected, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: requests/ is a real folder when checked, a link to inbound when opened."""
    cohort, settings, _ = collected
    box = _box(settings, AUTHOR.id)
    post_request(box, KIND, withdrawal().details())
    inbound = course_exchange(settings) / "inbound"
    (inbound / "odd-file.json").write_text("{not a letter")
    before = sorted(p.name for p in inbound.iterdir())
    real = withdrawals.opened_requests

    def swapped(opened: Path):
        (opened / REQUESTS).rename(opened / "moved")
        (opened / REQUESTS).symlink_to(inbound)
        return real(opened)

    monkeypatch.setattr(withdrawals, "opened_requests", swapped)
    assert apply_withdrawals(cohort, settings) == 0
    assert sorted(p.name for p in inbound.iterdir()) == before  # every hand-in is still there
    assert STORY in every_text(cohort / "submitted")


def test_a_hand_in_holding_the_story_goes_whole_and_nothing_in_it_is_written(
    collected, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: once checked, the trainee swaps their notebook for a link to a trainer's file."""
    cohort, settings, _ = collected
    [copy] = inbound_copies(settings, AUTHOR.id)  # still holds the story
    trainers = tmp_path / "trainers-notes.ipynb"
    trainers.write_text("the trainer's own notes")
    trainers.chmod(0o600)
    real = withdrawals.holds_story

    def swapped(folder: Path, asked: Withdrawal) -> bool:
        held = real(folder, asked)
        (folder / "lesson.ipynb").unlink()
        (folder / "lesson.ipynb").symlink_to(trainers)
        return held

    monkeypatch.setattr(withdrawals, "holds_story", swapped)
    post_request(_box(settings, AUTHOR.id), KIND, withdrawal().details())
    assert apply_withdrawals(cohort, settings) == 1
    assert not copy.exists() and not copy.is_symlink()  # the hand-in went whole
    assert trainers.read_text() == "the trainer's own notes"
    assert trainers.stat().st_mode & 0o777 == 0o600
    assert STORY not in every_text(cohort, Path(settings.exchange))


def test_a_link_in_inbound_reaches_no_other_trainees_copy(handed_in) -> None:
    """The attack: a 'hand-in' that is a link to another trainee's folder in the cohort."""
    cohort, settings, _ = handed_in
    others = cohort / "submitted" / OTHER.id / MODULE
    inbound = course_exchange(settings) / "inbound"
    (inbound / f"{AUTHOR.id}+{MODULE}+2027-03-09 09:00:00 UTC").symlink_to(others)
    secret = (others / "submission_secret.txt").read_text().strip()
    released = course_exchange(settings) / "feedback"
    theirs = [
        page
        for notebook in ("lesson", "assessment")
        if (
            page := released / f"{notebook_hash(secret=secret, notebook_id=notebook)}.html"
        ).exists()
    ]
    before = every_text(others)
    post_request(_box(settings, AUTHOR.id), KIND, withdrawal().details())
    assert apply_withdrawals(cohort, settings) == 1
    assert theirs and all(page.is_file() for page in theirs)  # their feedback is still there
    assert every_text(others) == before


def test_a_notebook_that_is_not_a_notebook_holds_up_no_one(
    collected, caplog: pytest.LogCaptureFixture
) -> None:
    """The attack: a hand-in whose notebooks are `[]` and nesting too deep for any reader."""
    cohort, settings, _ = collected
    theirs = cohort / "submitted" / OTHER.id / MODULE
    (theirs / "lesson.ipynb").write_text("[]")
    (theirs / ".ipynb_checkpoints").mkdir(exist_ok=True)
    deep = "[" * 200_000 + "]" * 200_000
    (theirs / ".ipynb_checkpoints" / "lesson-checkpoint.ipynb").write_text(deep)
    post_request(_box(settings, OTHER.id), KIND, {**withdrawal().details(), "trainee": OTHER.id})
    post_request(_box(settings, AUTHOR.id), KIND, withdrawal().details())
    with caplog.at_level(logging.INFO):
        assert apply_withdrawals(cohort, settings) == 2  # both done; neither held up
    assert STORY not in every_text(cohort)


def test_one_trainees_failing_request_holds_up_no_one_and_logs_no_words(
    collected, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    cohort, settings, _ = collected
    real = withdrawals.scrub_copy

    def failing(folder: Path, asked: Withdrawal) -> int:
        if asked.trainee == OTHER.id:  # sorts first: its letterbox is read first
            raise RuntimeError(STORY)
        return real(folder, asked)

    monkeypatch.setattr(withdrawals, "scrub_copy", failing)
    post_request(_box(settings, OTHER.id), KIND, {**withdrawal().details(), "trainee": OTHER.id})
    post_request(_box(settings, AUTHOR.id), KIND, withdrawal().details())
    with caplog.at_level(logging.INFO):
        assert apply_withdrawals(cohort, settings) == 1
    assert STORY not in every_text(cohort) and STORY not in caplog.text
    assert f"in {OTHER.id}'s letterbox could not be carried out just now" in caplog.text
    assert list((_box(settings, OTHER.id) / REQUESTS).iterdir())  # it waits for the next time


def test_a_failing_request_holds_up_no_other_in_the_same_letterbox(
    collected, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    cohort, settings, _ = collected
    real, calls = withdrawals.scrub_copy, []

    def first_fails(folder: Path, asked: Withdrawal) -> int:
        calls.append(asked)
        if len(calls) == 1:
            raise RuntimeError(STORY)
        return real(folder, asked)

    monkeypatch.setattr(withdrawals, "scrub_copy", first_fails)
    post_request(_box(settings, AUTHOR.id), KIND, withdrawal().details())
    post_request(_box(settings, AUTHOR.id), KIND, withdrawal().details())
    with caplog.at_level(logging.INFO):
        assert apply_withdrawals(cohort, settings) == 1  # the second went on without it
    assert STORY not in every_text(cohort) and STORY not in caplog.text
    assert len(list((_box(settings, AUTHOR.id) / REQUESTS).iterdir())) == 1  # the first waits
