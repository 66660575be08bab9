"""Benchmark the data behind the cohort view: one grouped query vs a loop over nbgrader's API.

Builds synthetic gradebooks (SQLite) of 20, 500 and 5,000 trainees x 12 modules, about
two thirds of modules handed in and graded, then times in the same run:
- `peer2peer.progress.status.cohort_progress` (goal: under 1 s for 5,000 trainees), in wall
  clock and in CPU time (the work itself, whatever else the machine is doing);
- the same table through nbgrader's `Gradebook` API, the way most scripts do it (for each
  student, for each assignment, `find_submission` and its score); goal: at least 20x slower
  than the query. For 5,000 trainees the loop runs over a sample of trainees and is scaled
  up, and the report says so.

Run: .venv/bin/python bench/bench_progress.py [--sizes 20 500 5000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from nbgrader.api import Base, Gradebook, MissingEntry

from peer2peer.cohort.course import ensure_tools_on_path, prepare_database
from peer2peer.cohort.database import engine_for
from peer2peer.cohort.settings import CohortSettings
from peer2peer.progress.status import cohort_progress

MODULES = [f"{n:02d}-module" for n in range(12)]
CELLS = [
    ("quiz-1", 2, "code"),
    ("quiz-2", 2, "code"),
    ("order", 3, "code"),
    ("essay", 4, "markdown"),
]
LOOP_SAMPLE = 100  # trainees the API loop runs over at the largest size


def make_gradebook(folder: Path, trainees: int) -> CohortSettings:
    """A synthetic cohort gradebook; returns settings pointing at it."""
    settings = CohortSettings(
        name="Bench", course_id="bench", start=date(2027, 3, 1), curriculum=str(folder),
        modules=MODULES, db_url=f"sqlite:///{folder / 'gradebook.db'}",
        exchange=str(folder / "exchange"),
    )  # fmt: skip
    for module in MODULES:
        (folder / "exchange" / "bench" / "outbound" / module).mkdir(parents=True)
    cells = {}
    with Gradebook(settings.db_url, "bench") as book:
        for index, module in enumerate(MODULES):
            book.add_assignment(module, duedate=datetime(2027, 3, 8) + timedelta(weeks=index))
            book.add_notebook("assessment", module)
            for name, points, kind in CELLS:
                # a reflection's points sit on a task cell, as in the notebooks this package builds
                add = book.add_task_cell if kind == "markdown" else book.add_grade_cell
                cell = add(name, "assessment", module, max_score=points, cell_type=kind)
                cells[(module, name)] = cell.id
        assignments = {a.name: (a.id, a.notebooks[0].id) for a in book.assignments}
    rng = random.Random(5000)
    tables = Base.metadata.tables
    students, submissions, notebooks, grades = [], [], [], []
    for number in range(trainees):
        trainee = f"t{number:05d}"
        students.append({"id": trainee, "first_name": f"Name{number}", "last_name": "Example"})
        for index, module in enumerate(MODULES):
            if rng.random() > 0.66:
                continue
            assignment_id, notebook_id = assignments[module]
            submission, submitted_notebook = uuid.uuid4().hex, uuid.uuid4().hex
            when = datetime(2027, 3, 8) + timedelta(weeks=index, hours=rng.randint(-72, 6))
            submissions.append({"id": submission, "assignment_id": assignment_id,
                                "student_id": trainee, "timestamp": when})  # fmt: skip
            notebooks.append({"id": submitted_notebook, "assignment_id": submission,
                              "notebook_id": notebook_id, "flagged": False})  # fmt: skip
            for name, points, kind in CELLS:
                manual = kind == "markdown"
                grades.append({
                    "id": uuid.uuid4().hex, "notebook_id": submitted_notebook,
                    "cell_id": cells[(module, name)],
                    "auto_score": None if manual else rng.randint(0, points),
                    "manual_score": rng.choice([None, 2, 4]) if manual else None,
                    "needs_manual_grade": manual and rng.random() < 0.3,
                })  # fmt: skip
    with engine_for(settings.db_url) as engine, engine.begin() as connection:
        for table, rows in (("student", students), ("submitted_assignment", submissions),
                            ("submitted_notebook", notebooks), ("grade", grades)):  # fmt: skip
            if rows:
                connection.execute(tables[table].insert(), rows)
    prepare_database(settings.db_url)  # as `peer2peer cohort init` does
    return settings


def api_loop(settings: CohortSettings, limit: int | None = None) -> int:
    """The cohort table the way most scripts build it: nbgrader's API, student by student."""
    rows = 0
    with Gradebook(settings.db_url, settings.course_id) as book:
        students = book.students[:limit] if limit else book.students
        for student in students:
            for assignment in book.assignments:
                try:
                    submission = book.find_submission(assignment.name, student.id)
                    _ = (submission.score, submission.max_score, submission.needs_manual_grade,
                         submission.total_seconds_late)  # fmt: skip
                except MissingEntry:
                    pass
                rows += 1
    return rows


def best_of(runs: int, function) -> tuple[float, float]:
    """The fastest of a few runs, in seconds of wall clock and of this process's CPU.

    On a machine shared with other work the wall clock also counts waiting for a core;
    the CPU time says how much work the query itself does.
    """
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    """Print one line per size: query time, API loop time, the ratio, and how they grow."""
    ensure_tools_on_path()  # nbgrader runs alembic as a program
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--sizes", type=int, nargs="+", default=[20, 500, 5000])
    sizes = arguments.parse_args().sizes
    print(
        f"{'trainees':>8} {'rows':>7} {'query s':>8} {'(cpu s)':>8} {'API loop s':>11} "
        f"{'ratio':>7}  note"
    )
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            folder = Path(scratch) / str(size)
            folder.mkdir()
            settings = make_gradebook(folder, size)
            table = cohort_progress(folder, settings)
            assert len(table) == size * len(MODULES)
            query, cpu = best_of(3, lambda f=folder, s=settings: cohort_progress(f, s))
            sample = LOOP_SAMPLE if size > LOOP_SAMPLE * 2 else None
            loop, _ = best_of(1, lambda s=settings, n=sample: api_loop(s, n))
            note = ""
            if sample:
                loop *= size / sample
                note = f"API loop timed on {sample} trainees and scaled up"
            ratio = loop / query
            print(
                f"{size:>8} {len(table):>7} {query:>8.3f} {cpu:>8.3f} {loop:>11.2f} "
                f"{ratio:>6.0f}x  {note}"
            )


if __name__ == "__main__":
    main()
