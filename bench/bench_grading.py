"""Benchmark grading: serial `nbgrader autograde` vs `peer2peer grade`, same submissions.

Prints, in one run on the same machine, each beside its baseline:
- seconds for N trainees x every built module, graded serially by `nbgrader autograde`
  (one command per module, as a trainer would: the baseline), by `peer2peer grade` with a
  kernel started for each notebook when it is reached (nbgrader's way, in parallel), and by
  `peer2peer grade` on warm kernels (started ahead of need); goal: at least 4x serial;
- seconds per notebook inside `peer2peer grade` (warm) vs the same notebooks run with
  nbclient on an already started kernel (goal: within 1.1x). The baseline runs one notebook
  at a time, so the figure is taken from a run with one worker, alone as well; the same
  figure with two workers sharing the two cores is printed beside it. Then the kernel's
  part of it (waiting for the kernel, and the cells), and how long a kernel takes to start,
  as a new Python and forked (what warm kernels take off each notebook's path);
- peak memory of a grading worker, of its kernel fork server and of its largest kernel.

Where the time went on 2 cores (December 2026, 4 x 12): serial nbgrader 143-147 s. Warm
kernels started as new Pythons took 41.5-42.0 s (3.2-3.5x): each notebook cost about 1 s
of processor time, half of it the kernel's start (0.49 s, done ahead but on the same two
cores). Kernels forked from a server that has imported ipykernel and the exercises
(kernel_forks.py) start in a fraction of that, and the notebook's first cell then imports
nothing: 31.4 s (4.55x). A client ready as soon as the kernel answers, instead of after
jupyter_client's 0.2 s of silence on IOPub, and a killed kernel waited for by its pidfd,
instead of looked at every 0.1 s: 21.4 s (6.89x). nbgrader's metadata check with its
schema checked once (notebooks/metadata_check.py): 20.3 s against 162.2 s (7.99x). What was
left per notebook was mostly nbgrader's own steps (0.20 s: copying, the gradebook, writing),
against 0.15 s for the kernel's part (0.24 s on an already started new kernel). nbgrader's
steps opened 6.5 Gradebooks per notebook, each with a new engine that compiled every query
afresh; one engine per worker (cohort/database.py) took a worker alone from 0.30 to 0.23 s
per notebook (34.2 to 26.7 s for 96). Two workers gain less (26.6-23.0 s to 23.0 s): the two
cores are full, a worker and its kernel each taking one, and a fork for the next notebook
on top. After both, 4 x 12: 20.7 s against 156.3 s serial (7.55x), 0.23 s per notebook alone
against 0.29 s (0.77); 20 x 12 (480 notebooks): 83.8 s against 666.0 s (7.95x), 0.21 s
against 0.26 s (0.82).

Run: .venv/bin/python bench/bench_grading.py [--trainees 4] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
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
from figures import figure, load
from jupyter_client.manager import KernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

from peer2peer.cohort.course import ensure_tools_on_path
from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.demo import _answer
from peer2peer.cohort.exchange import collect, fetch_as_trainee, release, submit_as_trainee
from peer2peer.cohort.grading import GradingReport, grade
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import load_settings, save_settings
from peer2peer.cohort.warm_kernels import KERNEL_ARGUMENTS, KernelPool
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


def bare_kernel_seconds(cohort: Path, sample: int = 12) -> tuple[float, float]:
    """Median seconds to start a kernel, and to run one submitted notebook on a started one.

    nbclient alone, no nbgrader: the floor for running a notebook once its kernel is up.
    """
    starts, runs = [], []
    for path in sorted((cohort / "submitted").glob("*/*/*.ipynb"))[:sample]:
        notebook = nbformat.read(path, as_version=4)
        kernel = KernelManager(transport="ipc", ip=str(path.parent / ".bench-kernel"))
        started = time.perf_counter()
        kernel.start_kernel(cwd=str(path.parent), extra_arguments=KERNEL_ARGUMENTS)
        client = NotebookClient(
            notebook, km=kernel, timeout=60, resources={"metadata": {"path": str(path.parent)}}
        )
        with client.setup_kernel():
            starts.append(time.perf_counter() - started)
            started = time.perf_counter()
            client.wait_for_reply(client.kc.kernel_info())
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
            runs.append(time.perf_counter() - started)
            client.kc.stop_channels()
        kernel.shutdown_kernel(now=True)
    return statistics.median(starts), statistics.median(runs)


def per_notebook_seconds(report: GradingReport) -> float:
    """Median seconds per notebook over a run's graded modules."""
    return statistics.median(o.seconds / o.notebooks for o in report.outcomes)


def forked_start_seconds(sample: int = 12) -> float:
    """Median seconds from asking for a forked kernel to its client being ready."""
    pool = KernelPool(ahead=1)
    starts = []
    try:
        for attempt in range(sample + 1):
            started = time.perf_counter()
            kernel = pool.start_one()
            client = kernel.client()
            client.start_channels()
            run_sync(client.wait_for_ready)(timeout=60)
            if attempt:  # the first waits for the server's own imports, once per worker
                starts.append(time.perf_counter() - started)
            client.stop_channels()
            pool.discard(kernel)
        return statistics.median(starts)
    finally:
        pool.close()


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--ahead", type=int, default=1, help="warm kernels per worker")
    args = parser.parse_args()
    ensure_tools_on_path()
    work = Path(tempfile.mkdtemp(prefix="p2p-bench-grading-"))
    try:
        started = time.perf_counter()
        collected = make_cohort(work, args.trainees)
        settings = load_settings(collected)
        notebooks = len(list((collected / "submitted").glob("*/*/*.ipynb")))
        print(
            f"Grading: {args.trainees} trainees x {len(settings.modules)} modules = {notebooks} "
            f"notebooks (set up in {time.perf_counter() - started:.0f} s); {load()}",
            flush=True,
        )

        serial = copy_cohort(collected, work / "serial")
        started = time.perf_counter()
        for module in settings.modules:
            subprocess.run(
                [str(Path(sys.executable).parent / "nbgrader"), "autograde", module],
                cwd=serial, check=True, capture_output=True,
            )  # fmt: skip
        serial_seconds = time.perf_counter() - started

        cold = copy_cohort(collected, work / "cold")
        cold_report = grade(cold, load_settings(cold), settings.modules, args.jobs, None, 0)
        assert not cold_report.failed, cold_report.failed
        warm = copy_cohort(collected, work / "warm")
        report = grade(warm, load_settings(warm), settings.modules, args.jobs, None, args.ahead)
        assert not report.failed, report.failed
        alone = copy_cohort(collected, work / "alone")
        alone_report = grade(alone, load_settings(alone), settings.modules, 1, None, args.ahead)
        assert not alone_report.failed, alone_report.failed
        per_notebook = per_notebook_seconds(alone_report)
        kernel_start, bare = bare_kernel_seconds(collected)
        forked_start = forked_start_seconds()

        print(f"  nbgrader autograde, serial (the baseline): {serial_seconds:.1f} s")
        figure(
            "peer2peer grade, a kernel started per notebook (speed-up = 1/ratio)",
            cold_report.seconds, serial_seconds, "serial nbgrader", "ratio <= 0.25 (4x)",
        )  # fmt: skip
        figure(
            f"peer2peer grade, warm kernels ({args.ahead} ahead; speed-up = 1/ratio)",
            report.seconds, serial_seconds, "serial nbgrader", "ratio <= 0.25 (4x)",
        )  # fmt: skip
        print(f"    speed-up over serial nbgrader: {serial_seconds / report.seconds:.2f}x "
              f"(a kernel per notebook: {serial_seconds / cold_report.seconds:.2f}x)")  # fmt: skip
        figure(
            "per notebook in peer2peer grade (warm, one worker alone, median)",
            per_notebook, bare, "same notebook on a started kernel", "ratio <= 1.1",
        )  # fmt: skip
        shared = per_notebook_seconds(report)
        print(f"    with {args.jobs or os.cpu_count()} workers sharing the cores: "
              f"{shared:.2f} s per notebook (ratio {shared / bare:.2f}); one worker alone "
              f"took {alone_report.seconds:.1f} s for all")  # fmt: skip
        waited = sum(o.waited_for_kernels for o in alone_report.outcomes) / notebooks
        ran = sum(o.ran_in_kernels for o in alone_report.outcomes) / notebooks
        inside = sum(o.seconds for o in alone_report.outcomes) / notebooks
        print(f"    where the time goes, per notebook, one worker alone (mean): waiting for its "
              f"warm kernel {waited:.2f} s, its cells running {ran:.2f} s, nbgrader's own steps "
              f"(copying, checks, gradebook, writing) {inside - waited - ran:.2f} s")  # fmt: skip
        print(f"    alone on a quiet kernel: starting a kernel {kernel_start:.2f} s (median), "
              f"running a notebook on it {bare:.2f} s")  # fmt: skip
        print(f"    a kernel forked from the worker's fork server, until its client is ready: "
              f"{forked_start:.2f} s (median; {forked_start / kernel_start:.2f} of a new "
              f"kernel's start)")  # fmt: skip
        print(
            f"    where the kernel's part goes, per notebook (waiting + cells): "
            f"{waited + ran:.2f} s against {bare:.2f} s on a started kernel, ratio "
            f"{(waited + ran) / bare:.2f} (its first cell imports nothing in a fork)"
        )
        worker = max(o.peak_memory_mb for o in report.outcomes)
        kernel = max(o.kernel_memory_mb for o in report.outcomes)
        server = max(o.fork_server_mb for o in report.outcomes)
        print(
            f"    peak memory per worker: {worker:.0f} MB itself + its fork server "
            f"{server:.0f} MB + kernels of at most {kernel:.0f} MB each, {args.ahead + 1} at "
            f"a time: at most {worker + server + (args.ahead + 1) * kernel:.0f} MB (less: "
            f"a fork shares the server's memory until it writes to it)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
