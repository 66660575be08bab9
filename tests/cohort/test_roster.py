"""Rosters are imported all or nothing; each bad line is named with its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FIXTURES

from peer2peer.cohort.roster import add_trainees, read_roster

ROSTERS = FIXTURES / "rosters"

#: roster file -> (line, words the problem must contain)
BAD = {
    "roster-with-missing-id.csv": (3, "the id is missing"),
    "roster-with-duplicate-id.csv": (4, "already on line 2"),
    "roster-with-ids-nbgrader-refuses.csv": (3, "cannot be used"),
    "roster-in-latin1.csv": (3, "not UTF-8"),
    "roster-with-bad-email.csv": (2, "not an email address"),
    "roster-with-wrong-header.csv": (1, "no `first_name` column"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_roster_names_the_line_and_imports_nobody(name: str) -> None:
    line, words = BAD[name]
    trainees, problems = read_roster(ROSTERS / name)
    assert any(p.line == line and words in str(p) for p in problems), [str(p) for p in problems]
    assert all(str(p).startswith(str(ROSTERS / name)) for p in problems)


def test_ids_nbgrader_refuses_are_all_listed() -> None:
    _, problems = read_roster(ROSTERS / "roster-with-ids-nbgrader-refuses.csv")
    assert [p.line for p in problems] == [3, 4]


def test_a_valid_roster_reads_every_trainee() -> None:
    trainees, problems = read_roster(ROSTERS / "roster-valid.csv")
    assert problems == []
    assert [(t.id, t.first_name, t.email) for t in trainees] == [
        ("t01", "Ada", "ada@example.org"),
        ("t02", "Ben", None),
        ("t03", "Cal", "cal@example.org"),
    ]


def test_importing_the_same_roster_twice_changes_nothing(cohort_settings) -> None:
    trainees, _ = read_roster(ROSTERS / "roster-valid.csv")
    first = add_trainees(cohort_settings, trainees)
    again = add_trainees(cohort_settings, trainees)
    assert first.added == ["t01", "t02", "t03"]
    assert again.unchanged == ["t01", "t02", "t03"] and not again.added and not again.updated


def test_a_changed_name_is_updated(cohort_settings, tmp_path: Path) -> None:
    trainees, _ = read_roster(ROSTERS / "roster-valid.csv")
    add_trainees(cohort_settings, trainees)
    changed = tmp_path / "roster.csv"
    changed.write_text((ROSTERS / "roster-valid.csv").read_text().replace("Ada", "Adah"))
    again = add_trainees(cohort_settings, read_roster(changed)[0])
    assert again.updated == ["t01"]
