"""Each trainee's status for their home: their own facts only, posted to their letterbox."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from handing_in import GOOD_ANSWERS, MODULE
from running_a_course import PRIVATE_WORDS, SECOND, STORY_WORDS, add_stories, graded_course

from peer2peer.cohort.adjustments import grant_extension
from peer2peer.cohort.attendance import record_attendance
from peer2peer.cohort.exchange import feedback
from peer2peer.cohort.settings import load_settings
from peer2peer.progress import status as cohort_status
from peer2peer.progress.home_status import (
    BEING_MARKED,
    FEEDBACK_READY,
    NOT_GRADED,
    NOT_HANDED_IN,
    SHOWN,
    WAITING_FOR_TRAINER,
    build_statuses,
    publish_status,
)
from peer2peer.progress.snapshot import CohortData
from peer2peer.shared.mailbox import letterbox, read_status


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The records course, with feedback sent on the first module, and t02 given 4 more days
    on the second with a private note, and a register note of theirs. (All invented.)"""
    cohort = graded_course(tmp_path_factory.mktemp("home-status"))
    add_stories(cohort)
    settings = load_settings(cohort)
    feedback(cohort, settings, [MODULE])
    grant_extension(cohort, settings, "t02", SECOND, 4, note="(Invented) hospital stay", by="alex")
    record_attendance(
        cohort, settings, MODULE, "t02", "excused", note="(Invented) unwell", by="alex"
    )
    return cohort


@pytest.fixture(scope="module")
def data(cohort: Path) -> CohortData:
    return CohortData.read(cohort)


def modules_of(status: dict) -> dict[str, dict]:
    return {module["id"]: module for module in status["modules"]}


def test_feedback_sent_reads_feedback_ready_with_the_hand_in_time(data):
    first = modules_of(build_statuses(data, ["t01"])["t01"])[MODULE]
    assert first["state"] == FEEDBACK_READY
    assert first["handed_in"] and first["handed_in"].endswith("+00:00")
    assert first["late"] is False
    assert first["title"] == data.item_map.title(MODULE)


def test_marked_without_feedback_is_still_being_marked_and_tells_no_outcome_yet(data):
    second = modules_of(build_statuses(data, ["t01"])["t01"])[SECOND]
    assert second["state"] == BEING_MARKED
    assert {o["state"] for o in second["outcomes"]} <= {WAITING_FOR_TRAINER}


def test_nothing_handed_in_reads_not_handed_in(data):
    status = build_statuses(data, ["t03"])["t03"]
    assert {m["state"] for m in status["modules"]} == {NOT_HANDED_IN}
    assert all(m["handed_in"] is None for m in status["modules"])


def test_a_hand_in_that_could_not_be_graded_says_so(data):
    broken = replace(
        data,
        progress=[
            replace(row, status=cohort_status.NOT_GRADED)
            if (row.trainee, row.module) == ("t02", MODULE)
            else row
            for row in data.progress
        ],
    )
    assert modules_of(build_statuses(broken, ["t02"])["t02"])[MODULE]["state"] == NOT_GRADED


def test_a_late_hand_in_is_late(data):
    late = replace(
        data,
        progress=[replace(row, late=row.trainee == "t01") for row in data.progress],
    )
    assert modules_of(build_statuses(late, ["t01"])["t01"])[MODULE]["late"] is True


def test_the_due_date_counts_their_own_extension_only(data):
    t02 = modules_of(build_statuses(data, ["t02"])["t02"])
    t01 = modules_of(build_statuses(data, ["t01"])["t01"])
    assert t02[SECOND]["extension_days"] == 4
    assert t01[SECOND]["extension_days"] == 0
    due = data.settings.due_date(SECOND)
    assert t01[SECOND]["due"] == due.isoformat(timespec="minutes")
    assert t02[SECOND]["due"] > t01[SECOND]["due"]
    assert t02[MODULE]["due"] == t01[MODULE]["due"]


def test_outcomes_and_attendance_are_their_own(data):
    t01 = modules_of(build_statuses(data, ["t01"])["t01"])
    t02 = modules_of(build_statuses(data, ["t02"])["t02"])
    assert t01[MODULE]["outcomes"] and {o["state"] for o in t01[MODULE]["outcomes"]} == {SHOWN}
    assert "not yet" in {o["state"] for o in t02[MODULE]["outcomes"]}  # marked Not yet
    assert t01[MODULE]["session"] == {"status": "present", "attended": True, "caught_up": False}
    assert t02[MODULE]["session"]["status"] == "excused"
    assert t02[SECOND]["session"]["status"] == "absent"


def test_a_status_holds_no_words_of_anyone_and_no_other_trainee(data):
    for trainee, status in build_statuses(data).items():
        text = json.dumps(status)
        for words in (GOOD_ANSWERS["alpha-reflect"], STORY_WORDS, PRIVATE_WORDS, "Thank you."):
            assert words not in text
        assert "hospital" not in text and "unwell" not in text  # notes stay with the trainer
        others = {"t01", "t02", "t03"} - {trainee}
        assert not any(f'"{other}"' in text for other in others)
        for name in data.trainees.values():  # not even their own name is needed
            assert name not in text


def test_publishing_posts_each_trainees_own_status_to_their_letterbox(cohort):
    settings = load_settings(cohort)
    assert publish_status(cohort, settings, ["t02"]) == ["t02"]
    box = letterbox(Path(settings.exchange), settings.course_id, "t02")
    assert read_status(box)["trainee"] == "t02"
    assert read_status(letterbox(Path(settings.exchange), settings.course_id, "t01")) is None
    assert sorted(publish_status(cohort, settings)) == ["t01", "t02", "t03"]
    assert read_status(letterbox(Path(settings.exchange), settings.course_id, "t01"))


def test_an_unknown_trainee_gets_nothing(data):
    assert build_statuses(data, ["nobody"]) == {}


def test_feedback_sent_before_all_marking_is_ready_to_read(data):
    waiting = replace(
        data,
        progress=[
            replace(row, status=cohort_status.NEEDS_MARKING) if row.trainee == "t01" else row
            for row in data.progress
        ],
    )
    t01 = modules_of(build_statuses(waiting, ["t01"])["t01"])
    assert t01[MODULE]["state"] == FEEDBACK_READY  # its feedback folder is there
    assert t01[SECOND]["state"] == BEING_MARKED
