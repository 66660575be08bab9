"""The register: one entry per trainee and session, with who took it; catch-ups; erasure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from running_a_course import cohort_with_roster

from peer2peer.cohort.attendance import (
    REGISTER_FILE,
    forget_attendance,
    load_register,
    record_attendance,
    record_catch_up,
)
from peer2peer.cohort.settings import CohortError, load_settings


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cohort_with_roster(tmp_path_factory.mktemp("attendance"))


def test_an_entry_is_kept_with_its_note_and_who_took_it(cohort: Path) -> None:
    settings = load_settings(cohort)
    record_attendance(cohort, settings, "01-alpha", "t01", "late", "Bus was late.", by="alex")
    entry = load_register(cohort)["01-alpha"]["t01"]
    assert (entry.status, entry.note, entry.by) == ("late", "Bus was late.", "alex")
    assert entry.at.startswith("20")
    saved = json.loads((cohort / REGISTER_FILE).read_text())
    assert saved["sessions"]["01-alpha"]["t01"]["status"] == "late"


def test_a_second_entry_for_the_session_replaces_the_first(cohort: Path) -> None:
    settings = load_settings(cohort)
    record_attendance(cohort, settings, "02-beta", "t02", "absent", by="alex")
    record_attendance(cohort, settings, "02-beta", "t02", "Excused", "Hospital appointment.")
    entry = load_register(cohort)["02-beta"]["t02"]
    assert (entry.status, entry.note) == ("excused", "Hospital appointment.")


def test_a_catch_up_is_recorded_for_a_missed_session_only(cohort: Path) -> None:
    settings = load_settings(cohort)
    record_attendance(cohort, settings, "01-alpha", "t03", "absent", "Unwell.", by="alex")
    record_catch_up(cohort, settings, "01-alpha", "t03", "One-to-one with Sam.", by="sam")
    entry = load_register(cohort)["01-alpha"]["t03"]
    assert entry.status == "absent" and entry.caught_up
    assert entry.note == "Unwell.; One-to-one with Sam." and entry.by == "sam"
    record_attendance(cohort, settings, "02-beta", "t01", "present")
    with pytest.raises(CohortError, match="no catch-up to record"):
        record_catch_up(cohort, settings, "02-beta", "t01")


@pytest.mark.parametrize(
    ("module", "trainee", "status", "words"),
    [
        ("01-alpha", "t01", "here", "not a register mark"),
        ("09-nope", "t01", "present", "no module '09-nope'"),
        ("01-alpha", "t99", "present", "no trainee 't99'"),
    ],
)
def test_a_wrong_entry_says_what_to_fix(cohort, module, trainee, status, words) -> None:
    with pytest.raises(CohortError, match=words):
        record_attendance(cohort, load_settings(cohort), module, trainee, status)


def test_forgetting_a_trainee_removes_every_entry_of_theirs(cohort: Path) -> None:
    settings = load_settings(cohort)
    record_attendance(cohort, settings, "02-beta", "t03", "present")
    assert forget_attendance(cohort, "t03") == 2
    assert forget_attendance(cohort, "t03") == 0
    assert all("t03" not in row for row in load_register(cohort).values())
    assert "t03" not in (cohort / REGISTER_FILE).read_text()
