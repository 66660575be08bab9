"""Synthetic trainees handing in the minimal project's first module through nbgrader's exchange."""

from __future__ import annotations

import json
from pathlib import Path

from peer2peer.cohort.exchange import fetch_as_trainee, submit_as_trainee
from peer2peer.curriculum.schema import Order
from peer2peer.notebooks.steps import shuffled_steps

MODULE = "01-alpha"
RIGHT_ORDER = shuffled_steps(
    Order(id="alpha-order", prompt="-", steps=["First step", "Second step", "Third step"])
)[1]
GOOD_ANSWERS = {
    "alpha-check": "a",
    "alpha-many": ["a", "b"],
    "alpha-reflect": "I would listen first, then share only what helps them.",
    "alpha-order": RIGHT_ORDER,
    "alpha-match": {"s1": "hope", "s2": "mutuality"},
}


def hand_in(cohort: Path, trainee: str, answers: dict, change=None) -> Path:
    """A trainee fetches the module, answers, optionally changes the notebook, and submits."""
    home = cohort.parent / "homes" / trainee
    home.mkdir(parents=True, exist_ok=True)
    folder = home / MODULE
    if not folder.exists():
        fetch_as_trainee(cohort, trainee, home, MODULE)
    payload = {"format": 1, "answers": answers}
    (folder / "assessment.responses.json").write_text(json.dumps(payload))
    if change:
        change(folder / "assessment.ipynb")
    submit_as_trainee(cohort, trainee, home, MODULE)
    return folder


def graded_cohort(cohort: Path, answers: dict[str, dict] | None = None) -> Path:
    """Trainees of the valid roster hand in `answers` (default: two), and the cohort is graded."""
    from support import FIXTURES

    from peer2peer.cohort.exchange import collect, release
    from peer2peer.cohort.grading import grade
    from peer2peer.cohort.roster import add_trainees, read_roster
    from peer2peer.cohort.settings import load_settings

    if answers is None:
        answers = {
            "t01": GOOD_ANSWERS,
            "t02": {**GOOD_ANSWERS, "alpha-reflect": "<b>Short</b> answer."},
        }
    settings = load_settings(cohort)
    add_trainees(settings, read_roster(FIXTURES / "rosters" / "roster-valid.csv")[0])
    release(cohort, settings, [MODULE])
    for trainee, given in answers.items():
        hand_in(cohort, trainee, given)
    collect(cohort, settings, [MODULE])
    grade(cohort, settings, [MODULE], jobs=2)
    return cohort


def collected_cohort(cohort: Path, trainees: tuple[str, ...] = ("t01", "t02")) -> Path:
    """Trainees of the valid roster hand in good answers, and the trainer collects (no grading)."""
    from support import FIXTURES

    from peer2peer.cohort.exchange import collect, release
    from peer2peer.cohort.roster import add_trainees, read_roster
    from peer2peer.cohort.settings import load_settings

    settings = load_settings(cohort)
    add_trainees(settings, read_roster(FIXTURES / "rosters" / "roster-valid.csv")[0])
    release(cohort, settings, [MODULE])
    for trainee in trainees:
        hand_in(cohort, trainee, GOOD_ANSWERS)
    collect(cohort, settings, [MODULE])
    return cohort
