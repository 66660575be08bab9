"""Verbs on the curriculum: check it, build it."""

from __future__ import annotations

import argparse
from pathlib import Path

from peer2peer.cli.common import FIXABLE, OK, Verb, console, curriculum_root, errors, root_argument
from peer2peer.curriculum.paths import COURSE_FOLDER


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the curriculum and print each problem as file:line: what. fix."""
    from peer2peer.curriculum.check import check_project

    root = curriculum_root(args)
    problems = check_project(root)
    for problem in problems:
        console.print(str(problem), markup=False)
    if problems:
        errors.print(f"{len(problems)} problem(s) found in {root}.", markup=False)
        return FIXABLE
    console.print(f"All curriculum files in {root} are valid.", markup=False)
    return OK


def cmd_build(args: argparse.Namespace) -> int:
    """Build the nbgrader course: source/ and release/ notebooks for every module."""
    report = build_with_progress(args)
    console.print(f"Release notebooks are in {report.course / 'release'}", markup=False)
    return OK


def build_with_progress(args: argparse.Namespace):
    """Build the course, printing each module built, unchanged or removed."""
    from peer2peer.notebooks import build_course

    root = curriculum_root(args)
    course = Path(args.course) if args.course else root / COURSE_FOLDER
    with console.status("Building the curriculum..."):
        report = build_course(root, course, force=getattr(args, "force", False))
    for module_id in report.built:
        console.print(f"  built      {module_id} ({report.seconds[module_id]:.1f} s)", markup=False)
    for module_id in report.unchanged:
        console.print(f"  unchanged  {module_id}", markup=False)
    for module_id in report.removed:
        console.print(f"  removed    {module_id}", markup=False)
    return report


def _build_arguments(verb: argparse.ArgumentParser) -> None:
    root_argument(verb)
    verb.add_argument(
        "--course", help=f"where to write the nbgrader course (default: {COURSE_FOLDER})"
    )
    verb.add_argument("--force", action="store_true", help="rebuild every module")


VERBS = {
    "check": Verb(cmd_check, "Check every curriculum file and say what to fix.", root_argument),
    "build": Verb(cmd_build, "Build the curriculum into an nbgrader course.", _build_arguments),
}
