"""Adjustments: more time through nbgrader's own extension, honoured by grading's late penalty
and by every page's "late"; another way to hand in, marked on the marking page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from handing_in import GOOD_ANSWERS, MODULE
from running_a_course import cohort_with_roster, hand_in_module

from peer2peer.cohort.adjustments import (
    ALTERNATIVES,
    extension_days,
    forget_adjustments,
    grant_alternative,
    grant_extension,
    load_adjustments,
)
from peer2peer.cohort.course import gradebook
from peer2peer.cohort.exchange import collect, release
from peer2peer.cohort.grading import grade
from peer2peer.cohort.marking import to_mark
from peer2peer.cohort.settings import CohortError, load_settings
from peer2peer.progress.status import cohort_progress


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Due two days ago, with a late penalty of everything: t01 was given 5 more days before
    handing in, t02 was not; t03 hands in by speaking. All graded."""
    cohort = cohort_with_roster(tmp_path_factory.mktemp("adjustments"))
    settings = load_settings(cohort)
    with (cohort / "nbgrader_config.py").open("a") as config:
        config.write('c.LateSubmissionPlugin.penalty_method = "zero"\n')
    with gradebook(settings) as book:
        book.update_or_create_assignment(MODULE, duedate=datetime.now(UTC) - timedelta(days=2))
    release(cohort, settings, [MODULE])
    grant_extension(cohort, settings, "t01", MODULE, 5, "more time", "Agreed at interview.", "sam")
    for trainee in ("t01", "t02"):
        hand_in_module(cohort, trainee, MODULE, GOOD_ANSWERS)
    collect(cohort, settings, [MODULE])
    grant_alternative(cohort, settings, "t03", MODULE, "spoken", by="sam")
    grade(cohort, settings, [MODULE], jobs=2)
    return cohort


def _penalty(settings, trainee: str) -> tuple[timedelta | None, float, float]:
    with gradebook(settings) as book:
        submission = book.find_submission(MODULE, trainee)
        return (
            submission.extension,
            submission.total_seconds_late,
            submission.late_submission_penalty,
        )


def test_more_time_given_before_hand_in_is_nbgraders_extension_and_grading_honours_it(
    cohort: Path,
) -> None:
    settings = load_settings(cohort)
    extension, late_seconds, penalty = _penalty(settings, "t01")
    assert extension == timedelta(days=5) and late_seconds == 0 and not penalty
    extension, late_seconds, penalty = _penalty(settings, "t02")
    assert extension is None and late_seconds > 0 and penalty > 0  # the penalty takes it all
    late = {r.trainee: r.late for r in cohort_progress(cohort, settings) if r.module == MODULE}
    assert late["t01"] is False and late["t02"] is True


def test_more_time_given_after_hand_in_changes_the_late_mark_at_once(cohort: Path) -> None:
    settings = load_settings(cohort)
    grant_extension(cohort, settings, "t02", MODULE, 3, "more time")
    assert _penalty(settings, "t02")[0] == timedelta(days=3)
    late = {r.trainee: r.late for r in cohort_progress(cohort, settings) if r.module == MODULE}
    assert late["t02"] is False
    grant_extension(cohort, settings, "t02", MODULE, 1, "more time")  # replaces, never adds
    assert _penalty(settings, "t02")[0] == timedelta(days=1)
    assert extension_days(cohort, "t02", MODULE) == 1


def test_a_spoken_hand_in_waits_on_the_marking_page_with_words_for_the_trainer(cohort) -> None:
    queue = [i for i in to_mark(cohort, load_settings(cohort), MODULE) if i.trainee == "t03"]
    assert [(i.answer, i.marked) for i in queue] == [(ALTERNATIVES["spoken"], False)]


def test_adjustments_are_kept_with_their_labels_and_who_gave_them(cohort: Path) -> None:
    given = load_adjustments(cohort)
    assert [(a.kind, a.label, a.days, a.by) for a in given["t01"]] == [
        ("more time", "more time", 5, "sam")
    ]
    assert given["t03"][0].words() == "hands in spoken (spoken hand-in)"


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda c, s: grant_extension(c, s, "t01", MODULE, 0), "from 1 to 365"),
        (lambda c, s: grant_extension(c, s, "t01", MODULE, 2, "because"), "not one of this"),
        (lambda c, s: grant_extension(c, s, "t99", MODULE, 2), "no trainee 't99'"),
        (lambda c, s: grant_alternative(c, s, "t01", MODULE, "paper"), "already handed in"),
        (lambda c, s: grant_alternative(c, s, "t02", "02-beta", "sung"), "not a way"),
        (lambda c, s: grant_alternative(c, s, "t02", "02-beta", "paper"), "not released"),
    ],
)
def test_a_wrong_adjustment_says_what_to_fix(cohort: Path, call, words) -> None:
    with pytest.raises(CohortError, match=words):
        call(cohort, load_settings(cohort))


def test_forgetting_a_trainee_removes_their_adjustments(cohort: Path) -> None:
    assert forget_adjustments(cohort, "t03") == 1
    assert "t03" not in load_adjustments(cohort)
