"""Rosters are imported all or nothing; each bad line is named with its fix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from postgres import throwaway_postgres
from support import FIXTURES

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.create import database_url
from peer2peer.cohort.roster import Trainee, add_trainees, read_roster
from peer2peer.cohort.settings import CohortError, CohortSettings

ROSTERS = FIXTURES / "rosters"

#: roster file -> (line, words the problem must contain)
BAD = {
    "roster-with-missing-id.csv": (3, "the id is missing"),
    "roster-with-duplicate-id.csv": (4, "already on line 2"),
    "roster-with-ids-nbgrader-refuses.csv": (3, "cannot be used"),
    "roster-in-latin1.csv": (3, "not UTF-8"),
    "roster-with-bad-email.csv": (2, "not an email address"),
    "roster-with-wrong-header.csv": (1, "no `first_name` column"),
    "roster-with-a-name-too-long.csv": (3, "the last name is 142 characters long"),
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


@pytest.mark.filterwarnings("ignore:Column 'student.id' is marked")
def test_a_row_the_gradebook_refuses_adds_nobody(cohort_settings) -> None:
    trainees, _ = read_roster(ROSTERS / "roster-valid.csv")
    refused = Trainee(None, "Dee", "Example", None, line=4)  # type: ignore[arg-type]
    with pytest.raises(CohortError, match="refused line 4 of the roster.*nobody was added"):
        add_trainees(cohort_settings, [*trainees, refused])
    with gradebook(cohort_settings) as book:
        assert book.students == []


@pytest.mark.slow
def test_a_name_postgresql_refuses_adds_nobody(tmp_path: Path) -> None:
    """PostgreSQL enforces nbgrader's 128 characters (SQLite does not): still all or nothing."""
    trainees, _ = read_roster(ROSTERS / "roster-valid.csv")
    too_long = Trainee("t04", "Dee", "Longname-" * 15, None, line=5)
    with throwaway_postgres() as url:
        settings = CohortSettings(
            name="Postgres 2027", course_id="postgres-2027", start=date(2027, 3, 1),
            curriculum=str(tmp_path), modules=[], db_url=database_url(url), exchange=str(tmp_path),
        )  # fmt: skip
        with pytest.raises(CohortError, match="refused line 5 of the roster.*nobody was added"):
            add_trainees(settings, [*trainees, too_long])
        with gradebook(settings) as book:
            assert book.students == []
        assert add_trainees(settings, trainees).added == ["t01", "t02", "t03"]
