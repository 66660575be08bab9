"""A module across the cohort: score percentages, checks most missed, rubric criteria averages."""

from __future__ import annotations

from test_outcomes import ITEMS, RUBRIC, score

from peer2peer.progress.module_report import criterion_averages, missed_checks, score_percentages
from peer2peer.progress.status import MARKED, NEEDS_MARKING, NOT_SUBMITTED, ModuleProgress


def test_score_percentages_count_graded_submissions_only():
    rows = [
        ModuleProgress("t1", "A", "01-alpha", MARKED, score=6, max_score=8),
        ModuleProgress("t2", "B", "01-alpha", NEEDS_MARKING, score=2, max_score=8),
        ModuleProgress("t3", "C", "01-alpha", NOT_SUBMITTED),
        ModuleProgress("t1", "A", "02-beta", MARKED, score=1, max_score=1),
    ]
    assert score_percentages(rows, "01-alpha") == [75.0, 25.0]


def test_missed_checks_put_the_most_missed_first_and_skip_reflections():
    scores = [
        score("t1", "q1-test", 0, 1), score("t2", "q1-test", 0, 1), score("t3", "q1-test", 1, 1),
        score("t1", "q2-test", 2, 2), score("t2", "q2-test", 1, 2),
        score("t1", "r-prompt", 0, 4),
    ]  # fmt: skip
    found = [(c.cell, c.answered, c.missed) for c in missed_checks(ITEMS, scores, "01-alpha")]
    assert found == [("q1-test", 3, 2), ("q2-test", 2, 1)]
    assert missed_checks(ITEMS, scores, "99-unknown") == []


def test_criterion_averages_use_level_points_and_count_each_level():
    levels = {
        ("t1", "01-alpha", "assessment", "r-prompt"): {"depth": "meets", "links": "strong"},
        ("t2", "01-alpha", "assessment", "r-prompt"): {"depth": "strong", "links": "strong"},
        ("t3", "02-beta", "assessment", "r-prompt"): {"depth": "not-yet", "links": "not-yet"},
    }
    found = {c.criterion: c for c in criterion_averages(RUBRIC, levels, "01-alpha")}
    assert found["depth"].average == 1.5 and found["depth"].marked == 2
    assert found["depth"].counts == {"Not yet": 0, "Meets": 1, "Strong": 1}
    assert found["links"].average == 2.0 and found["links"].top == 2
    assert criterion_averages(RUBRIC, {}, "01-alpha")[0].average is None
