"""Synthetic cohorts for the course-record tests: a roster, hand-ins, marks and a register."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from handing_in import GOOD_ANSWERS, MODULE
from support import FIXTURES, copy_project

from peer2peer.cohort.attendance import record_attendance
from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.exchange import collect, fetch_as_trainee, release, submit_as_trainee
from peer2peer.cohort.grading import grade
from peer2peer.cohort.marking import load_rubric, save_mark, to_mark
from peer2peer.cohort.people import acting_as
from peer2peer.cohort.roster import add_trainees, read_roster
from peer2peer.cohort.settings import load_settings

SECOND = "02-beta"
BETA_ANSWERS = {"beta-check": "a"}
STORY_WORDS = "(Invented.) A walking group helped me."
PRIVATE_WORDS = "(Invented.) Words kept for only me."


def cohort_with_roster(folder: Path) -> Path:
    """A cohort of the minimal project with t01 (Ada), t02 (Ben) and t03 (Cal)."""
    project = copy_project(folder / "project")
    cohort = folder / "cohorts" / "course"
    settings = init_cohort(cohort, "Records 2027", project, date(2027, 3, 1))
    add_trainees(settings, read_roster(FIXTURES / "rosters" / "roster-valid.csv")[0])
    return cohort


def hand_in_module(cohort: Path, trainee: str, module: str, answers: dict) -> None:
    """A trainee fetches a module, answers its assessment, and hands it in."""
    home = cohort.parent / "homes" / trainee
    home.mkdir(parents=True, exist_ok=True)
    if not (home / module).exists():
        fetch_as_trainee(cohort, trainee, home, module)
    payload = {"format": 1, "answers": answers}
    (home / module / "assessment.responses.json").write_text(json.dumps(payload))
    submit_as_trainee(cohort, trainee, home, module)


def mark_all(cohort: Path, levels_for: dict[str, str], by: str) -> None:
    """Mark every reflection waiting, each trainee at the one level given for them."""
    settings = load_settings(cohort)
    rubric = load_rubric(cohort, MODULE)
    for item in to_mark(cohort, settings, MODULE):
        if item.trainee in levels_for and not item.marked:
            levels = {c.id: levels_for[item.trainee] for c in rubric.criteria}
            with acting_as(by):
                save_mark(cohort, settings, item, levels, "Thank you.")


def graded_course(folder: Path) -> Path:
    """t01 hands in both modules and is marked Meets; t02 hands in the first, marked Not yet;
    t03 hands in nothing. The register is taken: t01 present twice, t02 absent twice."""
    cohort = cohort_with_roster(folder)
    settings = load_settings(cohort)
    release(cohort, settings, [MODULE, SECOND])
    hand_in_module(cohort, "t01", MODULE, GOOD_ANSWERS)
    hand_in_module(cohort, "t01", SECOND, BETA_ANSWERS)
    hand_in_module(cohort, "t02", MODULE, {**GOOD_ANSWERS, "alpha-check": "b"})
    collect(cohort, settings, [MODULE, SECOND])
    grade(cohort, settings, [MODULE, SECOND], jobs=2)
    mark_all(cohort, {"t01": "meets", "t02": "not-yet"}, by="alex")
    for module in (MODULE, SECOND):
        record_attendance(cohort, settings, module, "t01", "present", by="alex")
        record_attendance(cohort, settings, module, "t02", "absent", by="alex")
    return cohort


def add_stories(cohort: Path) -> None:
    """t01 shared a story with the trainer; t02 kept one for only me (as handed in)."""
    shared = {
        "sections": {"before": STORY_WORDS},
        "audience": "trainer",
        "naming": "first",
        "content_notes": [],
        "consent": {"audience": "trainer", "given_at": "2027-03-02T10:00:00+00:00"},
    }
    private = {"private": True, "audience": "only-me", "sections": {"before": PRIVATE_WORDS}}
    for trainee, story in (("t01", shared), ("t02", private)):
        path = cohort / "submitted" / trainee / MODULE / "lesson.responses.json"
        path.write_text(json.dumps({"format": 1, "answers": {"alpha-story": story}}))
