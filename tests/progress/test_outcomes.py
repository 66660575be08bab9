"""Learning outcomes evidenced: known items, scores and rubric levels in, known statuses out."""

from __future__ import annotations

from peer2peer.curriculum.schema import Rubric
from peer2peer.notebooks.item_map import Item, ItemMap, ModuleItems
from peer2peer.progress.item_results import ItemScore
from peer2peer.progress.outcomes import (
    EVIDENCED,
    NO_WORK,
    NOT_ASSESSED,
    NOT_YET,
    WAITING,
    cohort_outcomes,
    meets_or_above,
    outcome_evidence,
)

RUBRIC = Rubric.model_validate(
    {
        "levels": [
            {"id": "not-yet", "label": "Not yet", "points": 0},
            {"id": "meets", "label": "Meets", "points": 1},
            {"id": "strong", "label": "Strong", "points": 2},
        ],
        "criteria": [
            {
                "id": c,
                "name": c.title(),
                "descriptors": {"not-yet": "-", "meets": "-", "strong": "-"},
            }
            for c in ("depth", "links")
        ],
    }
)
ITEMS = ItemMap(
    modules={
        "01-alpha": ModuleItems(
            title="Alpha",
            outcomes={"a-1": "Know it.", "a-2": "Reflect on it.", "a-3": "Talked about only."},
            items={
                "q1-test": Item(exercise="q1", notebook="assessment", kind="check",
                                prompt="Q1", outcomes=["a-1"]),
                "q2-test": Item(exercise="q2", notebook="assessment", kind="check",
                                prompt="Q2", outcomes=["a-1"]),
                "r-prompt": Item(exercise="r", notebook="assessment", kind="reflection",
                                 prompt="R", outcomes=["a-2"]),
            },
        )
    }
)  # fmt: skip


def score(trainee, cell, got, top, waiting=False):
    return ItemScore(trainee, "01-alpha", "assessment", cell, got, top, waiting)


def statuses(scores, levels):
    trainees = {"t1": "Ada", "t2": "Ben", "t3": "Cal", "t4": "Dee"}
    rows = outcome_evidence(ITEMS, trainees, scores, levels, {"01-alpha": RUBRIC})
    return {(r.trainee, r.outcome): r.status for r in rows}


def test_meets_or_above_needs_every_criterion_at_meets_or_higher():
    assert meets_or_above(RUBRIC, {"depth": "meets", "links": "strong"})
    assert not meets_or_above(RUBRIC, {"depth": "not-yet", "links": "strong"})
    assert not meets_or_above(RUBRIC, {"depth": "strong"})  # a criterion left unmarked


def test_each_trainee_and_outcome_gets_the_status_its_items_show():
    scores = [
        score("t1", "q1-test", 0, 1), score("t1", "q2-test", 2, 2),  # one check right
        score("t1", "r-prompt", 2, 4),
        score("t2", "q1-test", 0, 1), score("t2", "q2-test", 1, 2),  # none fully right
        score("t2", "r-prompt", 0, 4, waiting=True),
        score("t3", "q1-test", 1, 1),
        score("t3", "r-prompt", 1, 4),  # marked in the formgrader: no levels, judged by score
    ]  # fmt: skip
    levels = {
        ("t1", "01-alpha", "assessment", "r-prompt"): {"depth": "meets", "links": "meets"},
    }
    found = statuses(scores, levels)
    assert found[("t1", "a-1")] == EVIDENCED
    assert found[("t1", "a-2")] == EVIDENCED
    assert found[("t2", "a-1")] == NOT_YET
    assert found[("t2", "a-2")] == WAITING
    assert found[("t3", "a-1")] == EVIDENCED
    assert found[("t3", "a-2")] == NOT_YET  # 1 of 4 is below "meets" (half the top points)
    assert found[("t4", "a-1")] == NO_WORK
    assert {found[(t, "a-3")] for t in ("t1", "t2", "t3", "t4")} == {NOT_ASSESSED}


def test_levels_below_meets_leave_a_reflection_not_yet_evidenced():
    scores = [score("t1", "r-prompt", 3, 4)]
    levels = {("t1", "01-alpha", "assessment", "r-prompt"): {"depth": "strong", "links": "not-yet"}}
    assert statuses(scores, levels)[("t1", "a-2")] == NOT_YET


def test_cohort_outcomes_count_trainees_who_evidenced_each_outcome():
    scores = [
        score("t1", "q1-test", 1, 1),
        score("t2", "q2-test", 2, 2),
        score("t3", "q1-test", 0, 1),
    ]
    rows = outcome_evidence(ITEMS, {"t1": "A", "t2": "B", "t3": "C"}, scores, {}, {})
    summary = {s.outcome: (s.evidenced, s.trainees) for s in cohort_outcomes(rows)}
    assert summary == {"a-1": (2, 3), "a-2": (0, 3), "a-3": (0, 3)}
