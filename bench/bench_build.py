"""Benchmark the build against nbgrader's own generate_assignment, in the same run.

Prints:
- seconds per module of a full `peer2peer build`;
- the ratio of the whole build to running `nbgrader generate_assignment` directly on the
  same source notebooks (goal: at most 1.2), both as commands a user types and in-process
  (in-process: wall and CPU time, the two taking turns run by run; the baseline runs
  nbgrader's own metadata check, where the build checks the schema once: metadata_check.py);
- the ratio of a rebuild after one module's text changes to a full build (goal: under 0.25),
  on the repository's curriculum and on a synthetic 12-module copy of it.

Run: .venv/bin/python bench/bench_build.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

from peer2peer.notebooks import build_course
from peer2peer.notebooks.nbgrader_course import generate_assignment

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ['PATH']}"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of `action` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def side_by_side(
    ours: Callable[[], object], theirs: Callable[[], object], repeat: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) seconds of each of two in-process actions, run in turn.

    Taking turns exposes both to the same load on a shared machine; CPU time (this
    process's own) is what the work costs, where wall time also counts waiting for a core.
    """
    times: list[list[tuple[float, float]]] = [[], []]
    for _ in range(repeat):
        for side, action in enumerate((ours, theirs)):
            started, cpu = time.perf_counter(), time.process_time()
            action()
            times[side].append((time.perf_counter() - started, time.process_time() - cpu))
    ours_walls, ours_cpus = zip(*times[0], strict=True)
    theirs_walls, theirs_cpus = zip(*times[1], strict=True)
    median = statistics.median
    return (median(ours_walls), median(ours_cpus)), (median(theirs_walls), median(theirs_cpus))


def copy_curriculum(target: Path, modules: int | None = None) -> Path:
    """Copy the repository's curriculum; with `modules`, repeat its modules up to that many."""
    for part in ("curriculum", "modules", "assessments"):
        shutil.copytree(REPO / part, target / part)
    if modules:
        _grow(target, modules)
    return target


def _grow(root: Path, count: int) -> None:
    """Make `count` modules by copying the real ones under new ids (synthetic, for timing)."""
    yaml = YAML()
    path = root / "curriculum" / "curriculum.yml"
    data = yaml.load(path)
    originals = list(data["modules"])
    number = len(originals)
    while len(data["modules"]) < count:
        source = originals[number % len(originals)]
        new_id = f"{number:02d}-copy"
        entry = yaml.load(yaml_dump(yaml, source))
        entry["id"] = new_id
        entry["lesson"] = f"modules/{new_id}/lesson.md"
        entry["assessment"] = f"assessments/{new_id}"
        for outcome in entry["outcomes"]:
            outcome["id"] = f"{outcome['id']}-c{number}"
        for kind in ("modules", "assessments"):
            shutil.copytree(root / kind / source["id"], root / kind / new_id)
        for md in [
            root / "modules" / new_id / "lesson.md",
            *(root / "assessments" / new_id).glob("*.md"),
        ]:
            text = md.read_text().replace(f"module: {source['id']}", f"module: {new_id}")
            for outcome in source["outcomes"]:
                text = text.replace(outcome["id"], f"{outcome['id']}-c{number}")
            md.write_text(text)
        data["modules"].append(entry)
        number += 1
    with path.open("w") as stream:
        yaml.dump(data, stream)


def yaml_dump(yaml: YAML, data: object) -> str:
    """Dump YAML data to text."""
    from io import StringIO

    stream = StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def touch_one_lesson(root: Path) -> None:
    """Change one module's text, as an author fixing a typo would."""
    lesson = root / "modules" / "01-recovery" / "lesson.md"
    lesson.write_text(lesson.read_text() + f"\n<!-- edited {time.time()} -->\n")


def run(*command: str, cwd: Path) -> None:
    """Run a command quietly; fail loudly if it fails."""
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    work = Path(tempfile.mkdtemp(prefix="p2p-bench-"))
    try:
        root = copy_curriculum(work / "repo")
        course = root / "build" / "course"
        report = build_course(root, course, force=True)
        module_ids = report.built
        print(
            f"Curriculum: {len(module_ids)} modules ({', '.join(module_ids)}); median of {repeat}"
        )
        print("\nFull build, seconds per module (in-process):")
        for module_id, seconds in report.seconds.items():
            print(f"  {module_id:<16} {seconds:6.2f}")

        # As commands a user types: `peer2peer build --force` vs nbgrader on the same sources.
        ours_cli = median_seconds(
            lambda: run(str(BIN / "peer2peer"), "build", "--force", "--root", str(root), cwd=root),
            repeat,
        )

        def nbgrader_cli() -> None:
            for module_id in module_ids:
                run(
                    str(BIN / "nbgrader"),
                    "generate_assignment",
                    module_id,
                    "--force",
                    "--no-db",
                    cwd=course,
                )

        theirs_cli = median_seconds(nbgrader_cli, repeat)
        # In-process: our whole build vs nbgrader's converter alone on the same sources.
        (ours_lib, ours_cpu), (theirs_lib, theirs_cpu) = side_by_side(
            lambda: build_course(root, course, force=True),
            lambda: [
                generate_assignment(course, module_id, nbgraders_check=True)
                for module_id in module_ids
            ],
            repeat,
        )
        print("\nFull build vs nbgrader generate_assignment on the same source notebooks:")
        print(
            f"  commands:   peer2peer build {ours_cli:6.2f} s | nbgrader {theirs_cli:6.2f} s "
            f"| ratio {ours_cli / theirs_cli:.2f} (goal <= 1.2)"
        )
        print(
            f"  in-process: build_course    {ours_lib:6.2f} s | nbgrader {theirs_lib:6.2f} s "
            f"| ratio {ours_lib / theirs_lib:.2f} (goal <= 1.2)"
        )
        print(
            f"  CPU time:   build_course    {ours_cpu:6.2f} s | nbgrader {theirs_cpu:6.2f} s "
            f"| ratio {ours_cpu / theirs_cpu:.2f} (goal <= 1.2)"
        )

        print("\nRebuild after one module's text changes, vs a full build (goal < 0.25):")
        for count in (None, 12):
            target = root if count is None else copy_curriculum(work / f"grown-{count}", count)
            target_course = target / "build" / "course"
            full = median_seconds(
                lambda t=target, c=target_course: build_course(t, c, force=True), repeat
            )

            def one_change(t: Path = target, c: Path = target_course) -> None:
                touch_one_lesson(t)
                build_course(t, c)

            partial = median_seconds(one_change, repeat)
            label = "repository" if count is None else f"synthetic {count}"
            modules = len(build_course(target, target_course).unchanged)
            print(
                f"  {label:<14} ({modules:2d} modules): full {full:5.2f} s | one changed "
                f"{partial:5.2f} s | ratio {partial / full:.2f}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
