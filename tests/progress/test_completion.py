"""Completion: each rule in cohort.yml gives its own reason, in plain words."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from peer2peer.cohort.observed import ChecklistResult, ItemResult, record_observed
from peer2peer.cohort.settings import CompletionRules, load_settings, save_settings
from peer2peer.progress.attendance import NOT_RECORDED, SessionAttendance
from peer2peer.progress.completion import (
    COMPLETE,
    NOT_YET_COMPLETE,
    attendance_reasons,
    cohort_completion,
    completion_statuses,
    hand_in_reasons,
    observed_reasons,
)
from peer2peer.progress.export import completion_csv
from peer2peer.progress.snapshot import CohortData
from peer2peer.progress.status import ModuleProgress

MODULES = ["01-a", "02-b", "03-c", "04-d", "05-e"]


def register(*marks: str, caught_up: tuple[str, ...] = ()) -> list[SessionAttendance]:
    return [
        SessionAttendance("t1", "Ada", module, mark, caught_up=module in caught_up)
        for module, mark in zip(MODULES, marks, strict=True)
    ]


def test_everyone_there_gives_no_reason() -> None:
    rows = register("present", "late", "present", "present", "late")
    assert attendance_reasons(rows, CompletionRules(), MODULES) == []


def test_missing_more_than_the_limit_says_how_many_and_the_limit() -> None:
    rows = register("absent", "excused", "absent", "present", "present")
    assert attendance_reasons(rows, CompletionRules(sessions_may_miss=2), MODULES) == [
        "missed 3 sessions (1 excused); the limit is 2"
    ]
    assert attendance_reasons(rows, CompletionRules(sessions_may_miss=3), MODULES) == []


def test_a_catch_up_counts_as_attending_when_the_rules_say_so() -> None:
    rows = register("absent", "absent", "absent", "present", "present", caught_up=("01-a",))
    assert attendance_reasons(rows, CompletionRules(), MODULES) == []
    strict = CompletionRules(catch_up_counts=False)
    assert attendance_reasons(rows, strict, MODULES) == ["missed 3 sessions; the limit is 2"]


def test_a_mandatory_session_missed_is_named() -> None:
    rows = register("present", "present", "present", "present", "excused")
    rules = CompletionRules(mandatory_sessions=["05-e"])
    assert attendance_reasons(rows, rules, MODULES) == [
        "missed 05-e, which everyone must attend (a catch-up would count)"
    ]
    caught = register("present", "present", "present", "present", "excused", caught_up=("05-e",))
    assert attendance_reasons(caught, rules, MODULES) == []


def test_a_mandatory_session_the_cohort_lacks_is_a_reason_to_fix_cohort_yml() -> None:
    rows = register(*["present"] * 5)
    (reason,) = attendance_reasons(rows, CompletionRules(mandatory_sessions=["08-x"]), MODULES)
    assert "08-x" in reason and "correct mandatory_sessions" in reason


def test_sessions_without_a_register_entry_are_listed() -> None:
    rows = register("present", "present", "present", NOT_RECORDED, NOT_RECORDED)
    assert attendance_reasons(rows, CompletionRules(), MODULES) == [
        "no register entry yet for 2 sessions: 04-d, 05-e"
    ]


def test_each_hand_in_that_is_missing_or_stuck_is_named() -> None:
    rows = [
        ModuleProgress("t1", "Ada", "01-a", "feedback sent"),
        ModuleProgress("t1", "Ada", "02-b", "not submitted"),
        ModuleProgress("t1", "Ada", "03-c", "not released"),
        ModuleProgress("t1", "Ada", "04-d", "could not be graded"),
        ModuleProgress("t1", "Ada", "05-e", "submitted"),
    ]
    assert hand_in_reasons(rows) == [
        "has not handed in 2 modules: 02-b, 03-c",
        "could not be graded: 04-d (ask them to hand it in again)",
        "handed in but not graded yet: 05-e",
    ]


def test_observed_practice_not_met_or_not_recorded_is_a_reason() -> None:
    checklists = {"05-e": ["e-1", "e-2"], "06-f": ["f-1"]}
    results = [ChecklistResult("t1", "05-e", {"e-1": ItemResult("met")}, ("e-1", "e-2"))]
    assert observed_reasons(checklists, results, "t1") == [
        "observed practice in 05-e: 1 of 2 items not met yet",
        "no observed practice recorded yet for 06-f",
    ]
    met = [ChecklistResult("t1", "05-e", {i: ItemResult("met") for i in ("e-1", "e-2")},
                           ("e-1", "e-2"))]  # fmt: skip
    assert observed_reasons({"05-e": ["e-1", "e-2"]}, met, "t1") == []


def test_a_graded_course_says_who_is_complete_and_why_not(course: Path) -> None:
    found = {row.trainee: row for row in cohort_completion(CohortData.read(course))}
    assert found["t01"].status == COMPLETE and found["t01"].reasons == []
    assert found["t02"].status == NOT_YET_COMPLETE
    assert found["t02"].reasons == [
        "has not handed in 1 module: 02-beta",
        "1 reflection marked below Meets, with the outcome not shown another way yet: "
        "01-alpha (alpha-2)",
    ]  # two sessions missed is within the limit of 2
    assert found["t03"].reasons == [
        "no register entry yet for 2 sessions: 01-alpha, 02-beta",
        "has not handed in 2 modules: 01-alpha, 02-beta",
    ]


def test_the_csv_has_id_name_status_and_reasons(course: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(completion_csv(cohort_completion(CohortData.read(course)))))
    )
    assert list(rows[0]) == ["id", "name", "status", "reasons"]
    assert [(r["id"], r["name"], r["status"]) for r in rows] == [
        ("t01", "Ada Example", "complete"),
        ("t02", "Ben Example", "not yet"),
        ("t03", "Cal Example", "not yet"),
    ]
    assert rows[1]["reasons"].startswith("has not handed in 1 module: 02-beta; 1 reflection")


def test_an_outcome_observed_in_practice_stands_in_for_a_reflection_below_meets(
    course: Path,
) -> None:
    settings = load_settings(course)
    settings.observed_practice = {"01-alpha": ["alpha-2"]}
    settings.completion.observed_practice_met = False  # the checklist itself is not required
    save_settings(course, settings)
    try:
        record_observed(course, settings, "01-alpha", "t02", "alpha-2", "met", by="sam")
        data = CohortData.read(course)
        evidence = {(e.trainee, e.outcome): e.status for e in data.evidence}
        assert evidence[("t02", "alpha-2")] == "evidenced"
        found = {row.trainee: row for row in cohort_completion(data)}
        assert found["t02"].reasons == ["has not handed in 1 module: 02-beta"]
    finally:
        settings.observed_practice = {}
        settings.completion.observed_practice_met = True
        save_settings(course, settings)


@pytest.mark.parametrize(
    "rules",
    [
        {},
        {"every_assessment_handed_in": False},  # t02 then stands or falls by the reflection
        {"every_assessment_handed_in": False, "reflections_meet": False},
        {"sessions_may_miss": 0, "observed_practice_met": False},
    ],
)
def test_the_completion_words_alone_agree_with_the_reasons(course: Path, rules: dict) -> None:
    data = CohortData.read(course)
    data.settings.completion = data.settings.completion.model_copy(update=rules)
    with_reasons = {row.trainee: row.status for row in cohort_completion(data)}
    assert completion_statuses(course, data.settings, data.progress) == with_reasons
    if rules == {"every_assessment_handed_in": False}:
        assert with_reasons == {"t01": COMPLETE, "t02": NOT_YET_COMPLETE, "t03": NOT_YET_COMPLETE}
