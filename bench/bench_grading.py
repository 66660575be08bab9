"""Benchmark grading: nbgrader's autograde run serially vs `peer2peer grade`, same submissions.

Prints, in one run on the same machine:
- seconds for 20 trainees x every built module, graded serially by `nbgrader autograde`
  (one command per module, as a trainer would) and by `peer2peer grade` (parallel);
  the speed-up (goal: at least 1.8x on 2 cores);
- seconds per notebook inside `peer2peer grade` vs the bare kernel execution of the same
  notebooks with nbclient (goal: within 1.3x);
- peak memory of a grading worker (with its kernels).

Run: .venv/bin/python bench/bench_grading.py [--trainees 20]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from peer2peer.cohort.course import ensure_tools_on_path
from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.demo import _answer
from peer2peer.cohort.exchange import collect, fetch_as_trainee, release, submit_as_trainee
from peer2peer.cohort.grading import grade
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import load_settings, save_settings
from peer2peer.curriculum.project import load_project

REPO = Path(__file__).resolve().parents[1]


def make_cohort(folder: Path, trainees: int) -> Path:
    """A cohort of the repository's curriculum where every trainee handed in every module."""
    cohort = folder / "cohort"
    settings = init_cohort(cohort, "Benchmark cohort", REPO, date.today())
    ids = [f"bench-{n:02d}" for n in range(1, trainees + 1)]
    add_trainees(settings, [Trainee(i, "Bench", f"Trainee {i}", None) for i in ids])
    release(cohort, settings, settings.modules)
    project = load_project(REPO)
    rng = random.Random(1)
    for trainee in ids:
        home = folder / "homes" / trainee
        home.mkdir(parents=True)
        for module in settings.modules:
            fetched = fetch_as_trainee(cohort, trainee, home, module)
            _answer(fetched, project.documents[module], rng, 0.8, partly=False)
            submit_as_trainee(cohort, trainee, home, module)
    collect(cohort, settings, settings.modules)
    return cohort


def copy_cohort(source: Path, target: Path) -> Path:
    """A copy of a collected cohort, with its paths pointing at the copy."""
    shutil.copytree(source, target)
    for name in ("nbgrader_config.py", "cohort.yml"):
        path = target / name
        path.write_text(path.read_text().replace(str(source), str(target)))
    settings = load_settings(target)
    save_settings(target, settings)
    return target


def bare_kernel_seconds(cohort: Path) -> float:
    """Median seconds to execute one submitted notebook with nbclient alone (no nbgrader)."""
    times = []
    for notebook_path in sorted((cohort / "submitted").glob("*/*/*.ipynb"))[:12]:
        notebook = nbformat.read(notebook_path, as_version=4)
        started = time.perf_counter()
        NotebookClient(
            notebook, timeout=60, resources={"metadata": {"path": str(notebook_path.parent)}}
        ).execute()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    ensure_tools_on_path()
    work = Path(tempfile.mkdtemp(prefix="p2p-bench-grading-"))
    try:
        started = time.perf_counter()
        collected = make_cohort(work, args.trainees)
        settings = load_settings(collected)
        notebooks = len(list((collected / "submitted").glob("*/*/*.ipynb")))
        print(
            f"{args.trainees} trainees x {len(settings.modules)} modules = {notebooks} notebooks "
            f"(set up in {time.perf_counter() - started:.0f} s)"
        )

        serial = copy_cohort(collected, work / "serial")
        started = time.perf_counter()
        for module in settings.modules:
            subprocess.run(
                [str(Path(sys.executable).parent / "nbgrader"), "autograde", module],
                cwd=serial, check=True, capture_output=True,
            )  # fmt: skip
        serial_seconds = time.perf_counter() - started

        ours = copy_cohort(collected, work / "ours")
        report = grade(ours, load_settings(ours), settings.modules, args.jobs)
        assert not report.failed, report.failed
        per_notebook = statistics.median(o.seconds / o.notebooks for o in report.outcomes)
        bare = bare_kernel_seconds(collected)
        peak = max(o.peak_memory_mb for o in report.outcomes)

        print(f"nbgrader autograde, serial: {serial_seconds:6.1f} s")
        print(
            f"peer2peer grade, parallel:  {report.seconds:6.1f} s "
            f"| speed-up {serial_seconds / report.seconds:.2f}x (goal >= 1.8x)"
        )
        print(f"per notebook in peer2peer grade: {per_notebook:.2f} s (median, per worker)")
        print(
            f"bare kernel execution (nbclient): {bare:.2f} s per notebook "
            f"| ratio {per_notebook / bare:.2f} (goal <= 1.3)"
        )
        print(f"peak memory of a worker with its kernels: {peak:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
