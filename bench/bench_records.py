"""Benchmark the cohort's records: exporting 60,000 rows, and importing a 5,000-line roster.

Makes a cohort of the repository's curriculum, imports a roster of N invented trainees
(default 5,000: the roster figure), gives about two thirds of them a graded hand-in of
each module straight in the gradebook (synthetic, no kernels), then times `export`
(N x every module rows; goal: under 2 s). Each figure is printed beside its baseline,
measured in the same run: the same steps by the package as it is on `main` (its source
taken with `git archive`, run in a second process), and for the roster nbgrader's own
way to add students (`Gradebook.update_or_create_student`, one commit per student) timed
on a sample and scaled up.

Run: .venv/bin/python bench/bench_records.py [--trainees 5000] [--baseline main]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from figures import figure, load
from nbgrader.api import Base, Gradebook

from peer2peer.cohort.course import ensure_tools_on_path
from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.database import engine_for
from peer2peer.cohort.exchange import release
from peer2peer.cohort.roster import add_trainees, read_roster
from peer2peer.progress.export import export_csv

REPO = Path(__file__).resolve().parents[1]
SAMPLE = 200  # students nbgrader's own API adds, timed and scaled up


def write_roster(path: Path, trainees: int) -> Path:
    """A roster CSV of invented trainees, one with a name a spreadsheet would run."""
    lines = ["id,first_name,last_name,email"]
    lines += [f"r{n:05d},Name{n},Example,r{n:05d}@example.org" for n in range(trainees)]
    lines[1] = "r00000,=HYPERLINK(1),Example,"
    path.write_text("\n".join(lines) + "\n")
    return path


def hand_in_everything(settings, fraction: float = 0.66, students: set | None = None) -> None:
    """Graded hand-ins for about `fraction` of trainees (all, or `students`) x modules, in bulk."""
    rng = random.Random(19)
    with Gradebook(settings.db_url, settings.course_id) as book:
        students = [s.id for s in book.students if students is None or s.id in students]
        plan = []
        for assignment in book.assignments:
            for notebook in assignment.notebooks:
                cells = [(c.id, c.max_score) for c in notebook.grade_cells]
                plan.append((assignment.id, assignment.name, notebook.id, cells))
    tables = Base.metadata.tables
    submissions, notebooks, grades = [], [], []
    seen = {}
    for student in students:
        for assignment_id, _name, notebook_id, cells in plan:
            if rng.random() > fraction and (student, assignment_id) not in seen:
                continue
            submission = seen.get((student, assignment_id))
            if submission is None:
                submission = seen[(student, assignment_id)] = uuid.uuid4().hex
                when = datetime(2027, 3, 8) + timedelta(hours=rng.randint(-72, 300))
                submissions.append({"id": submission, "assignment_id": assignment_id,
                                    "student_id": student, "timestamp": when})  # fmt: skip
            handed = uuid.uuid4().hex
            notebooks.append({"id": handed, "assignment_id": submission,
                              "notebook_id": notebook_id, "flagged": False})  # fmt: skip
            for cell_id, points in cells:
                grades.append({"id": uuid.uuid4().hex, "notebook_id": handed, "cell_id": cell_id,
                               "auto_score": rng.randint(0, int(points or 1)),
                               "needs_manual_grade": False})  # fmt: skip
    with engine_for(settings.db_url) as engine, engine.begin() as connection:
        for table, rows in (("submitted_assignment", submissions),
                            ("submitted_notebook", notebooks), ("grade", grades)):  # fmt: skip
            if rows:
                connection.execute(tables[table].insert(), rows)


def nbgrader_students(settings, trainees: list) -> float:
    """Seconds nbgrader's own API takes to add `trainees` (one commit each), on a copy."""
    started = time.perf_counter()
    with Gradebook(settings.db_url, settings.course_id) as book:
        for trainee in trainees:
            book.update_or_create_student(
                trainee.id, first_name=trainee.first_name, last_name=trainee.last_name
            )
    return time.perf_counter() - started


def measure(trainees: int, work: Path) -> dict[str, float]:
    """Seconds to import the roster and to export every row, in a new cohort in `work`."""
    cohort = work / "cohort"
    settings = init_cohort(cohort, "Records benchmark", REPO, date(2027, 3, 1))
    release(cohort, settings, settings.modules)
    roster = write_roster(work / "roster.csv", trainees)
    started = time.perf_counter()
    found, problems = read_roster(roster)
    assert not problems, problems[:3]
    change = add_trainees(settings, found)
    roster_seconds = time.perf_counter() - started
    assert len(change.added) == trainees
    hand_in_everything(settings)
    started, cpu = time.perf_counter(), time.process_time()
    target = export_csv(cohort, settings)
    export_seconds = time.perf_counter() - started
    export_cpu = time.process_time() - cpu  # on a busy machine, wall time is mostly waiting
    text = target.read_text()
    rows = len(text.splitlines()) - 1
    assert rows == trainees * len(settings.modules), rows
    assert "'=HYPERLINK" in text  # still safe in a spreadsheet
    return {"roster": roster_seconds, "export": export_seconds, "export_cpu": export_cpu,
            "rows": rows}  # fmt: skip


def baseline(trainees: int, work: Path, branch: str) -> dict[str, float]:
    """The same measures with the package's source as it is on `branch`, in another process."""
    source = work / "baseline-source"
    source.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", branch, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    env = {**os.environ, "PYTHONPATH": str(source / "src")}
    said = subprocess.run(
        [sys.executable, __file__, "--trainees", str(trainees), "--measure-only"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(said.strip().splitlines()[-1])


def main() -> None:
    """Print the roster and export figures, each beside the same steps on `main`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=5000)
    parser.add_argument("--baseline", default="main", help="the branch to compare with")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    ensure_tools_on_path()
    work = Path(tempfile.mkdtemp(prefix="p2p-bench-records-"))
    try:
        if args.measure_only:
            print(json.dumps(measure(args.trainees, work)))
            return
        print(f"Records: {args.trainees} trainees; {load()}", flush=True)
        ours = measure(args.trainees, work / "ours")
        before = baseline(args.trainees, work, args.baseline)
        spare = work / "nbgrader"
        settings = init_cohort(spare, "Records benchmark", REPO, date(2027, 3, 1))
        sample = read_roster(write_roster(work / "sample.csv", SAMPLE))[0]
        theirs = nbgrader_students(settings, sample) * args.trainees / SAMPLE
        figure(
            f"roster import, {args.trainees} lines", ours["roster"], before["roster"],
            f"{args.baseline}", "under 2 s",
        )  # fmt: skip
        print(f"    nbgrader's own API for the same students: {theirs:.1f} s (scaled from "
              f"{SAMPLE}) | ratio {ours['roster'] / theirs:.2f}")  # fmt: skip
        figure(
            f"export, {ours['rows']:.0f} rows", ours["export"], before["export"],
            f"{args.baseline}", "under 2 s",
        )  # fmt: skip
        if "export_cpu" in before:
            print(f"    processor time: {ours['export_cpu']:.2f} s | {args.baseline} "
                  f"{before['export_cpu']:.2f} s")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
