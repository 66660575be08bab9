"""`peer2peer home`: a trainee's home on one computer; ids and folders it must not use."""

from __future__ import annotations

from pathlib import Path

import pytest
from running_a_course import cohort_with_roster

from peer2peer.cli import main


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cohort_with_roster(tmp_path_factory.mktemp("home-verb"))


def test_a_trainee_not_on_the_roster_is_refused(cohort: Path, capsys) -> None:
    assert main(["home", str(cohort), "t99"]) == 1
    assert "t99 is not on this cohort's roster" in capsys.readouterr().err


def test_a_folder_inside_the_cohort_is_refused(cohort: Path, capsys) -> None:
    assert main(["home", str(cohort), "t01", "--folder", str(cohort / "homes")]) == 1
    assert "outside the cohort folder" in capsys.readouterr().err
    assert not (cohort / "homes").exists()


def test_an_id_that_is_not_an_id_is_refused_before_anything_is_read(cohort: Path, capsys) -> None:
    assert main(["home", str(cohort), "../t01"]) == 1
