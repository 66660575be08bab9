"""Grading a cohort with real nbgrader: in parallel, through faults, and without losing marks."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import nbformat
import pytest
from handing_in import GOOD_ANSWERS, MODULE, hand_in
from support import FIXTURES

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.exchange import collect, feedback, release
from peer2peer.cohort.grading import LEDGER, grade, one_run_at_a_time, pending
from peer2peer.cohort.marking import load_rubric, save_mark, to_mark
from peer2peer.cohort.roster import add_trainees, read_roster
from peer2peer.cohort.settings import CohortError, load_settings
from peer2peer.progress.export import progress_rows


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
def submission_with_an_added_code_cell(cohort: Path, tmp_path: Path) -> str:
    marker = tmp_path / "ran-as-the-trainer"

    def add(path: Path) -> None:
        notebook = nbformat.read(path, 4)
        notebook.cells.insert(1, nbformat.v4.new_code_cell(f"open({str(marker)!r}, 'w')"))
        nbformat.write(notebook, path)

    hand_in(cohort, "t01", GOOD_ANSWERS, add)
    return "t01"


@pytest.fixture
def submission_with_an_edited_answer_cell(cohort: Path) -> str:
    def full_marks(path: Path) -> None:
        notebook = nbformat.read(path, 4)
        answer = next(
            c for c in notebook.cells if c.metadata.nbgrader["grade_id"] == "alpha-check-answer"
        )
        answer.source = "import peer2peer.exercises as ex\nex.check = None"
        nbformat.write(notebook, path)

    hand_in(cohort, "t01", {**GOOD_ANSWERS, "alpha-check": "b"}, full_marks)
    return "t01"


@pytest.fixture
def submission_with_text_turned_into_code(cohort: Path) -> str:
    def turn(path: Path) -> None:
        notebook = nbformat.read(path, 4)
        index, cell = next(
            (i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "markdown"
        )
        code = nbformat.v4.new_code_cell(cell.source, metadata=cell.metadata)
        notebook.cells[index] = code
        nbformat.write(notebook, path)

    hand_in(cohort, "t01", GOOD_ANSWERS, turn)
    return "t01"


@pytest.fixture
def submission_with_an_extra_notebook(cohort: Path) -> str:
    def extra(path: Path) -> None:
        (path.parent / "mine.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))

    hand_in(cohort, "t01", GOOD_ANSWERS, extra)
    return "t01"


@pytest.fixture
def submission_with_deeply_nested_answers(cohort: Path) -> str:
    def nest(path: Path) -> None:
        answers = path.with_name("assessment.responses.json")
        answers.write_text('{"answers": {"alpha-reflect": ' + "[" * 50 + "]" * 50 + "}}")

    hand_in(cohort, "t01", GOOD_ANSWERS, nest)
    return "t01"


@pytest.fixture
def submission_linking_to_another_trainees_answers(cohort: Path) -> str:
    hand_in(cohort, "t03", {**GOOD_ANSWERS, "alpha-reflect": "Words of t03 alone, never t01."})
    hand_in(cohort, "t01", GOOD_ANSWERS)
    inbound = Path(load_settings(cohort).exchange) / load_settings(cohort).course_id / "inbound"
    (mine,) = inbound.glob(f"t01+{MODULE}+*")
    (theirs,) = inbound.glob(f"t03+{MODULE}+*")
    planted = mine / "assessment.responses.json"
    planted.unlink()
    planted.symlink_to(theirs / "assessment.responses.json")  # planted in the shared exchange
    return "t01"


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("submission_with_damaged_notebook", "damaged"),
        ("submission_with_edited_locked_cell", "cannot be changed were changed or removed"),
        ("submission_with_deleted_cell", "cannot be changed were changed or removed"),
        ("submission_with_an_added_code_cell", "code that is not the course's own"),
        ("submission_with_an_edited_answer_cell", "code that is not the course's own"),
        ("submission_with_text_turned_into_code", "cannot be changed were changed or removed"),
        ("submission_with_an_extra_notebook", "not a page of this module"),
        ("submission_with_deeply_nested_answers", "nested more deeply"),
        ("submission_linking_to_another_trainees_answers", "is a link to another file"),
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
    assert sorted(o.trainee for o in report.outcomes if o.graded) in (["t02"], ["t02", "t03"])
    assert not (cohort / "autograded" / bad / MODULE).exists()  # no kernel ever ran for it
    assert not list(cohort.parents[1].rglob("ran-as-the-trainer"))
    copied = (cohort / "submitted" / bad).rglob("*")
    assert b"Words of t03 alone" not in b"".join(
        p.read_bytes() for p in copied if p.is_file() and not p.is_symlink()
    )
    assert scores(cohort)[("t02", "assessment/alpha-check-test")][0] == 1.0
    ledger = json.loads((cohort / LEDGER).read_text())[MODULE]
    assert ledger[bad]["graded"] is False and ledger["t02"]["graded"] is True


def test_a_hand_in_stopped_for_time_keeps_no_score_and_gets_no_feedback(cohort: Path) -> None:
    settings = load_settings(cohort)
    hand_in(cohort, "t02", GOOD_ANSWERS)
    collect(cohort, settings, [MODULE])
    grade(cohort, settings, [MODULE], jobs=1)
    # Then the course's own code runs too long (trainees cannot change code; the release can).
    released = cohort / "release" / MODULE / "assessment.ipynb"
    notebook = nbformat.read(released, 4)
    answer = next(
        c for c in notebook.cells if c.metadata.nbgrader["grade_id"] == "alpha-check-answer"
    )
    answer.source = "while True:\n    pass"
    nbformat.write(notebook, released)
    release(cohort, settings, [MODULE])
    with (cohort / "nbgrader_config.py").open("a") as config:
        config.write("c.Execute.timeout = 5\n")  # the test need not wait a minute
    hand_in(cohort, "t01", GOOD_ANSWERS)
    collect(cohort, settings, [MODULE])
    report = grade(cohort, settings, [MODULE], jobs=1)
    (failed,) = report.failed
    assert failed.trainee == "t01" and "ran for too long" in failed.reason
    assert {trainee for trainee, _ in scores(cohort)} == {"t02"}
    assert not (cohort / "autograded" / "t01" / MODULE).exists()
    feedback(cohort, settings, [MODULE])
    assert not (cohort / "feedback" / "t01" / MODULE).exists()
    assert (cohort / "feedback" / "t02" / MODULE).is_dir()


def test_only_one_grading_run_at_a_time(cohort: Path) -> None:
    settings = load_settings(cohort)
    with one_run_at_a_time(cohort), pytest.raises(CohortError, match="another `peer2peer grade`"):
        grade(cohort, settings, [MODULE])
    assert grade(cohort, settings, [MODULE]).outcomes == []  # the lock went with its holder


def test_a_changed_reflection_goes_back_to_the_marking_queue(cohort: Path) -> None:
    hand_in(cohort, "t01", GOOD_ANSWERS)
    settings = load_settings(cohort)
    collect(cohort, settings, [MODULE])
    grade(cohort, settings, [MODULE], jobs=1)
    (item,) = [i for i in to_mark(cohort, settings, MODULE) if i.trainee == "t01"]
    rubric = load_rubric(cohort, MODULE)
    levels = {criterion.id: rubric.levels[-1].id for criterion in rubric.criteria}
    save_mark(cohort, settings, item, levels, "Thank you.")
    hand_in(cohort, "t01", {**GOOD_ANSWERS, "alpha-reflect": "A new answer, all rewritten now."})
    collect(cohort, settings, [MODULE])
    grade(cohort, settings, [MODULE], jobs=1)
    auto, manual, needs = scores(cohort)[("t01", "assessment/alpha-reflect-prompt")]
    assert manual is None and needs is True  # the old mark no longer counts
    (again,) = [i for i in to_mark(cohort, settings, MODULE) if i.trainee == "t01"]
    assert not again.marked and again.levels == levels  # earlier levels: a starting point
    assert "A new answer" in again.answer
    row = next(r for r in progress_rows(cohort, settings) if r["trainee_id"] == "t01")
    assert row["status"] == "needs marking"


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
    os.killpg(run.pid, signal.SIGKILL)  # this test's own process group only
    run.wait()
    finished_first = len(json.loads(ledger.read_text())[MODULE])
    assert finished_first < 3
    report = grade(cohort, settings, [MODULE], jobs=2)
    assert report.already_graded == finished_first and not report.failed
    rows = scores(cohort)
    assert len(rows) == 3 * 5
    assert all(rows[(t, "assessment/alpha-check-test")][0] == 1.0 for t in ("t01", "t02", "t03"))


def _children(pid: int) -> set[int]:
    """The processes `pid` started (Linux's own list, every thread of it)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with suppress(OSError):
            found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def test_workers_end_with_their_run_even_when_it_is_killed(cohort: Path) -> None:
    for trainee in ("t01", "t02", "t03"):
        hand_in(cohort, trainee, GOOD_ANSWERS)
    collect(cohort, load_settings(cohort), [MODULE])
    run = subprocess.Popen(
        [sys.executable, "-m", "peer2peer.cli", "grade", str(cohort), MODULE, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    kernels: set[int] = set()
    while not kernels and time.monotonic() < deadline:  # until a worker runs a kernel
        workers = {p for p in _children(run.pid) if b"multiprocessing-fork" in _command_line(p)}
        kernels = {k for w in workers for k in _children(w) if b"kernel" in _command_line(k)}
        time.sleep(0.1)
    assert workers and kernels, "the run started no workers"
    os.kill(run.pid, signal.SIGKILL)  # the run itself only, not its workers
    run.wait()
    deadline = time.monotonic() + 30
    started = workers | kernels
    while any(Path(f"/proc/{p}").exists() for p in started) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [_command_line(p) for p in started if Path(f"/proc/{p}").exists()] == []


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
