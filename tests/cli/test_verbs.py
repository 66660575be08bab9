"""The command line: help for every verb, and exit codes 0, 1 and 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import copy_project

from peer2peer.cli import COMMANDS, main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "peer2peer.cli", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize("verb", [None, *COMMANDS])
def test_every_verb_explains_itself(verb: str | None) -> None:
    result = run(*([verb] if verb else []), "--help")
    assert result.returncode == 0
    assert "usage: peer2peer" in result.stdout


def test_wrong_usage_exits_2() -> None:
    assert run("no-such-verb").returncode == 2
    assert main([]) == 2


def test_check_exits_0_when_valid_and_1_with_problems(tmp_path: Path) -> None:
    good = copy_project(tmp_path / "good")
    assert run("check", "--root", str(good)).returncode == 0
    bad = copy_project(tmp_path / "bad", "area-with-misspelt-key")
    result = run("check", cwd=bad / "modules")  # the root is found from a sub-folder
    assert result.returncode == 1
    assert "curriculum/area.yml:3: unknown key `venu`. Did you mean `venue`?" in result.stdout


def test_outside_a_curriculum_says_where_it_looked(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "no curriculum/curriculum.yml" in result.stderr


def test_demo_never_replaces_a_folder_it_did_not_make(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (tmp_path / "precious").mkdir()
    result = run("demo", "--root", str(project), "--folder", str(tmp_path / "precious"))
    assert result.returncode == 1 and "not a demo folder" in result.stderr
    assert (tmp_path / "precious").is_dir()


def test_build_of_a_broken_project_lists_problems_and_exits_1(tmp_path: Path) -> None:
    bad = copy_project(tmp_path / "bad", "duplicate-exercise-id")
    result = run("build", "--root", str(bad))
    assert result.returncode == 1
    assert "`alpha-check` is used twice" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # the whole demo, as `make demo` runs it: two minutes
def test_demo_makes_a_cohort_and_says_what_to_open(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = run("demo", "--root", str(project), "--folder", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr
    assert "jupyter lab" in result.stdout and "peer2peer lesson" in result.stdout
    assert "peer2peer home" in result.stdout
    assert "Not graded: demo-07" in result.stdout
    assert "Warning" not in result.stderr  # nbgrader's harmless warnings are not shown
    again = run("demo", "--root", str(project), "--folder", str(tmp_path / "demo"))
    assert again.returncode == 0  # a second demo replaces the first
