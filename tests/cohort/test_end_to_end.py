"""A trainer's whole journey through the command line, with real nbgrader, on synthetic people."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres import throwaway_postgres
from support import FIXTURES, copy_project

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.exchange import fetch_as_trainee, fetch_feedback_as_trainee, submit_as_trainee
from peer2peer.cohort.settings import load_settings

ROSTER = FIXTURES / "rosters" / "roster-with-two-distinctive-names.csv"
LEAVER = ("zq-trainee-07", "Zephyrine", "Quillfeather", "zephyrine@example.org")
MODULE = "01-alpha"


def p2p(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the peer2peer command as a trainer would."""
    result = subprocess.run(
        [sys.executable, "-m", "peer2peer.cli", *args], cwd=cwd, capture_output=True, text=True
    )
    return result


def every_byte(folder: Path) -> bytes:
    """The contents of every file under a folder, the gradebook included."""
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def database(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """The gradebook: SQLite inside the cohort, or a real PostgreSQL server on loopback."""
    if request.param == "sqlite":
        yield []
        return
    with throwaway_postgres() as url:
        yield ["--db", url]


@pytest.fixture
def journey(tmp_path: Path, database: list[str]) -> dict[str, Path]:
    project = copy_project(tmp_path / "project")
    cohort = tmp_path / "cohorts" / "spring"
    made = p2p(
        "cohort", "init", str(cohort), "--name", "Spring 2027", "--start", "2027-03-01", *database,
        cwd=project,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "01-alpha" in made.stdout and "due Mon 15 Mar 2027, 17:00" in made.stdout
    added = p2p("cohort", "add-trainees", str(cohort), str(ROSTER), cwd=project)
    assert "2 added, 0 updated, 0 unchanged." in added.stdout
    again = p2p("cohort", "add-trainees", str(cohort), str(ROSTER), cwd=project)
    assert "0 added, 0 updated, 2 unchanged." in again.stdout
    released = p2p("release", str(cohort), MODULE, cwd=project)
    assert released.returncode == 0, released.stderr
    homes = {}
    for trainee, answer in (("zq-trainee-07", "a"), ("mb-trainee-08", "b")):
        home = tmp_path / "homes" / trainee
        home.mkdir(parents=True)
        folder = fetch_as_trainee(cohort, trainee, home, MODULE)
        answers = {"alpha-check": answer, "alpha-reflect": f"Reflection by {trainee}."}
        (folder / "assessment.responses.json").write_text(
            json.dumps({"format": 1, "answers": answers})
        )
        submit_as_trainee(cohort, trainee, home, MODULE)
        homes[trainee] = home
    return {"project": project, "cohort": cohort, **homes}


@pytest.mark.slow  # every verb in turn, as a trainer types them: a minute and a half
def test_grade_feedback_export_and_forget(journey: dict[str, Path], tmp_path: Path) -> None:
    project, cohort = journey["project"], journey["cohort"]
    graded = p2p("grade", str(cohort), MODULE, "--jobs", "2", cwd=project)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "done 2 · failed 0 · remaining 0" in graded.stdout
    assert "Graded 2 submission(s)" in graded.stdout

    assert p2p("feedback", str(cohort), MODULE, cwd=project).returncode == 0
    page = fetch_feedback_as_trainee(cohort, "mb-trainee-08", journey["mb-trainee-08"], MODULE)
    html = "".join(p.read_text() for p in page.rglob("*.html"))
    assert "Reflection by mb-trainee-08." in html and "Reflection by zq-trainee-07" not in html

    output = tmp_path / "progress.csv"
    assert p2p("export", str(cohort), "--output", str(output), cwd=project).returncode == 0
    rows = {(r["trainee_id"], r["module"]): r for r in csv.DictReader(output.open())}
    assert rows[("zq-trainee-07", MODULE)]["status"] == "needs marking"
    assert float(rows[("zq-trainee-07", MODULE)]["score"]) == 1.0
    assert rows[("mb-trainee-08", "02-beta")]["status"] == "not released"  # never released

    assert LEAVER[0].encode() in every_byte(cohort)  # names too, when SQLite is in the folder
    with gradebook(load_settings(cohort)) as book:
        assert "zq-trainee-07" in [s.id for s in book.students]
    refused = p2p("forget", str(cohort), "zq-trainee-07", cwd=project)
    assert refused.returncode == 2 and "nothing was erased" in refused.stderr
    erased = p2p("forget", str(cohort), "zq-trainee-07", "--yes", cwd=project)
    assert erased.returncode == 0, erased.stderr
    assert "folder: submitted/zq-trainee-07" in erased.stdout
    left = every_byte(cohort)
    for word in LEAVER:
        assert word.encode() not in left, f"{word} is still in the cohort"
    assert b"Marlow" in left or "postgresql" in load_settings(cohort).db_url
    with gradebook(load_settings(cohort)) as book:
        assert [s.id for s in book.students] == ["mb-trainee-08"]  # the other is untouched
    assert p2p("forget", str(cohort), "zq-trainee-07", "--yes", cwd=project).returncode == 1


def test_init_refuses_a_folder_inside_the_repository(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = p2p("cohort", "init", str(project / "cohort"), "--name", "X", cwd=project)
    assert result.returncode == 1 and "outside the repository" in result.stderr


def test_a_bad_roster_adds_nobody(journey: dict[str, Path]) -> None:
    bad = FIXTURES / "rosters" / "roster-with-duplicate-id.csv"
    result = p2p("cohort", "add-trainees", str(journey["cohort"]), str(bad), cwd=journey["project"])
    assert result.returncode == 1
    assert f"{bad}:4: the id 't01' is already on line 2" in result.stderr
    assert "Nobody was added." in result.stderr
