"""Grading a cohort with real nbgrader: in parallel, through faults, and without losing marks."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from handing_in import GOOD_ANSWERS, MODULE, hand_in
from support import FIXTURES

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.exchange import collect, release
from peer2peer.cohort.grading import LEDGER, grade, pending
from peer2peer.cohort.roster import add_trainees, read_roster
from peer2peer.cohort.settings import load_settings


@pytest.fixture
def cohort(cohort_path: Path) -> Path:
    """A cohort with three trainees on its roster and the module released."""
    settings = load_settings(cohort_path)
    add_trainees(settings, read_roster(FIXTURES / "rosters" / "roster-valid.csv")[0])
    release(cohort_path, settings, [MODULE])
    return cohort_path


def scores(cohort: Path) -> dict[tuple[str, str], tuple]:
    """Every grade row: (trainee, cell) -> (auto score, manual score, needs manual grading)."""
    settings = load_settings(cohort)
    with gradebook(settings) as book:
        rows = {}
        for submission in book.assignment_submissions(MODULE):
            for notebook in submission.notebooks:
                for row in notebook.grades:
                    key = (submission.student.id, f"{notebook.name}/{row.cell.name}")
                    rows[key] = (row.auto_score, row.manual_score, row.needs_manual_grade)
        return rows


def test_the_whole_cohort_is_graded_and_answers_reach_the_gradebook(cohort: Path) -> None:
    hand_in(cohort, "t01", GOOD_ANSWERS)
    hand_in(cohort, "t02", {"alpha-check": "b"})
    settings = load_settings(cohort)
    collect(cohort, settings, [MODULE])
    report = grade(cohort, settings, [MODULE], jobs=2)
    assert report.failed == [] and len(report.outcomes) == 2
    rows = scores(cohort)
    assert rows[("t01", "assessment/alpha-check-test")][0] == 1.0
    assert rows[("t01", "assessment/alpha-order-test")][0] == 3.0
    assert rows[("t02", "assessment/alpha-check-test")][0] == 0.0
    assert rows[("t01", "assessment/alpha-reflect-prompt")][2] is True  # waits for a trainer
    graded = nbformat.read(cohort / "autograded" / "t01" / MODULE / "assessment.ipynb", 4)
    assert "I would listen first" in json.dumps([c.get("outputs", []) for c in graded.cells])
    assert pending(cohort, [MODULE]) == ([], 2)


@pytest.fixture
def submission_with_damaged_notebook(cohort: Path) -> str:
    hand_in(cohort, "t01", GOOD_ANSWERS, lambda nb: nb.write_text(nb.read_text()[:500]))
    return "t01"


@pytest.fixture
def submission_with_edited_locked_cell(cohort: Path) -> str:
    def edit(path: Path) -> None:
        notebook = nbformat.read(path, 4)
        text = next(c for c in notebook.cells if c.source.startswith("# Alpha check"))
        text.source = "# Alpha check (answers below are all a)"
        nbformat.write(notebook, path)

    hand_in(cohort, "t01", GOOD_ANSWERS, edit)
    return "t01"


@pytest.fixture
def submission_with_deleted_cell(cohort: Path) -> str:
    def delete(path: Path) -> None:
        notebook = nbformat.read(path, 4)
        notebook.cells = [
            c for c in notebook.cells if c.metadata.nbgrader["grade_id"] != "alpha-check-test"
        ]
        nbformat.write(notebook, path)

    hand_in(cohort, "t01", GOOD_ANSWERS, delete)
    return "t01"


@pytest.fixture
def submission_that_runs_forever(cohort: Path) -> str:
    def loop(path: Path) -> None:
        notebook = nbformat.read(path, 4)
        answer = next(
            c for c in notebook.cells if c.metadata.nbgrader["grade_id"] == "alpha-check-answer"
        )
        answer.source = "while True:\n    pass"  # an answer cell a trainee can edit
        nbformat.write(notebook, path)

    with (cohort / "nbgrader_config.py").open("a") as config:
        config.write("c.Execute.timeout = 5\n")  # the test need not wait a minute
    hand_in(cohort, "t01", GOOD_ANSWERS, loop)
    return "t01"


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("submission_with_damaged_notebook", "damaged"),
        ("submission_with_edited_locked_cell", "cannot be changed were changed or removed"),
        ("submission_with_deleted_cell", "cannot be changed were changed or removed"),
        ("submission_that_runs_forever", "ran for too long"),
    ],
)
def test_a_bad_submission_fails_alone_with_a_plain_reason(
    scenario: str, words: str, cohort: Path, request: pytest.FixtureRequest
) -> None:
    bad = request.getfixturevalue(scenario)
    hand_in(cohort, "t02", GOOD_ANSWERS)
    settings = load_settings(cohort)
    collect(cohort, settings, [MODULE])
    report = grade(cohort, settings, [MODULE], jobs=2)
    (failed,) = report.failed
    assert failed.trainee == bad and words in failed.reason
    assert "I would listen" not in failed.reason  # no answer text in what is reported
    assert [o.trainee for o in report.outcomes if o.graded] == ["t02"]
    assert scores(cohort)[("t02", "assessment/alpha-check-test")][0] == 1.0
    ledger = json.loads((cohort / LEDGER).read_text())[MODULE]
    assert ledger[bad]["graded"] is False and ledger["t02"]["graded"] is True


def test_a_regrade_keeps_manual_marks_and_comments(cohort: Path) -> None:
    hand_in(cohort, "t01", GOOD_ANSWERS)
    settings = load_settings(cohort)
    collect(cohort, settings, [MODULE])
    grade(cohort, settings, [MODULE], jobs=1)
    with gradebook(settings) as book:
        mark = book.find_grade("alpha-reflect-prompt", "assessment", MODULE, "t01")
        mark.manual_score = 3
        comment = book.find_comment("alpha-reflect-prompt", "assessment", MODULE, "t01")
        comment.manual_comment = "Meets on every criterion. Good use of Ask-Share-Ask."
        book.db.commit()
    hand_in(cohort, "t01", {**GOOD_ANSWERS, "alpha-check": "b"})  # a second submission
    collect(cohort, settings, [MODULE])
    report = grade(cohort, settings, [MODULE], jobs=1)
    assert len(report.outcomes) == 1 and not report.failed
    with gradebook(settings) as book:
        assert (
            book.find_grade("alpha-reflect-prompt", "assessment", MODULE, "t01").manual_score == 3
        )
        comment = book.find_comment("alpha-reflect-prompt", "assessment", MODULE, "t01")
        assert comment.manual_comment.startswith("Meets on every criterion")
        assert book.find_grade("alpha-check-test", "assessment", MODULE, "t01").auto_score == 0.0


def test_parallel_grading_writes_the_same_gradebook_as_serial(cohort: Path, tmp_path: Path) -> None:
    for trainee, answer in (("t01", "a"), ("t02", "b"), ("t03", "a")):
        hand_in(cohort, trainee, {**GOOD_ANSWERS, "alpha-check": answer})
    settings = load_settings(cohort)
    collect(cohort, settings, [MODULE])
    serial_copy = tmp_path / "serial"
    shutil.copytree(cohort, serial_copy, symlinks=True)
    serial_settings = load_settings(serial_copy)
    serial_settings.db_url = f"sqlite:///{serial_copy / 'gradebook.db'}"
    text = (serial_copy / "nbgrader_config.py").read_text()
    (serial_copy / "nbgrader_config.py").write_text(text.replace(str(cohort), str(serial_copy)))
    (serial_copy / "cohort.yml").write_text(
        (serial_copy / "cohort.yml").read_text().replace(str(cohort), str(serial_copy))
    )
    grade(cohort, settings, [MODULE], jobs=3)
    grade(serial_copy, load_settings(serial_copy), [MODULE], jobs=1)
    assert scores(cohort) == scores(serial_copy)
    assert len(scores(cohort)) == 3 * 5  # three trainees, five graded cells, no duplicates


def test_a_killed_run_is_finished_by_the_next_without_duplicates(cohort: Path) -> None:
    for trainee in ("t01", "t02", "t03"):
        hand_in(cohort, trainee, GOOD_ANSWERS)
    settings = load_settings(cohort)
    collect(cohort, settings, [MODULE])
    run = subprocess.Popen(
        [sys.executable, "-m", "peer2peer.cli", "grade", str(cohort), MODULE, "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    ledger = cohort / LEDGER
    deadline = time.monotonic() + 120
    while not ledger.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    import os

    os.killpg(run.pid, signal.SIGKILL)  # this test's own process group only
    run.wait()
    finished_first = len(json.loads(ledger.read_text())[MODULE])
    assert finished_first < 3
    report = grade(cohort, settings, [MODULE], jobs=2)
    assert report.already_graded == finished_first and not report.failed
    rows = scores(cohort)
    assert len(rows) == 3 * 5
    assert all(rows[(t, "assessment/alpha-check-test")][0] == 1.0 for t in ("t01", "t02", "t03"))
