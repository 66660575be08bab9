"""The `peer2peer` command: thin verbs that check their arguments and call the library.

Exit codes: 0 success, 1 a problem the user can fix, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from . import __version__
from .defaults import COURSE_FOLDER
from .problems import ProblemsFound
from .project import NotAProject, find_root

OK, FIXABLE, USAGE = 0, 1, 2
# soft_wrap: one problem per line, whatever the terminal width, so output can be grepped.
console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def _root(args: argparse.Namespace) -> Path:
    return find_root(Path(args.root) if args.root else Path.cwd())


def _course(args: argparse.Namespace, root: Path) -> Path:
    return Path(args.course) if args.course else root / COURSE_FOLDER


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the curriculum and print each problem as file:line: what. fix."""
    from .check import check_project

    root = _root(args)
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
    report = _build(args)
    console.print(f"Release notebooks are in {report.course / 'release'}", markup=False)
    return OK


def _build(args: argparse.Namespace):
    from .build import build_course

    root = _root(args)
    course = _course(args, root)
    with console.status("Building the curriculum..."):
        report = build_course(root, course, force=getattr(args, "force", False))
    for module_id in report.built:
        console.print(f"  built      {module_id} ({report.seconds[module_id]:.1f} s)", markup=False)
    for module_id in report.unchanged:
        console.print(f"  unchanged  {module_id}", markup=False)
    for module_id in report.removed:
        console.print(f"  removed    {module_id}", markup=False)
    return report


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the curriculum on embedded defaults and say how to open it."""
    args.force = False
    report = _build(args)
    release = report.course / "release"
    console.print()
    console.print("The curriculum is built.", style="bold")
    console.print(f"Trainee notebooks (what trainees receive): {release}", markup=False)
    console.print(
        f"Instructor notebooks (with model answers): {report.course / 'source'}", markup=False
    )
    console.print("Open them in JupyterLab as a trainee would:", markup=False)
    console.print(f"  .venv/bin/jupyter lab {release}", markup=False)
    return OK


def cmd_lesson(args: argparse.Namespace) -> int:
    """Open a built notebook as a clean lesson page (Voila), where answers save as in JupyterLab."""
    from .lesson_view import serve_lesson

    notebook = Path(args.notebook)
    if notebook.suffix != ".ipynb" or not notebook.is_file():
        errors.print(f"{notebook} is not a notebook. Give the path of a built .ipynb file.")
        return FIXABLE
    return serve_lesson(notebook, args.port)


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "check": (cmd_check, "Check every curriculum file and say what to fix."),
    "build": (cmd_build, "Build the curriculum into an nbgrader course."),
    "demo": (cmd_demo, "Build the curriculum and show what to open next."),
    "lesson": (cmd_lesson, "Open one built notebook as a lesson page in the browser."),
}


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per verb."""
    main = argparse.ArgumentParser(
        prog="peer2peer",
        description="Peer2Peer peer support training: check and build the curriculum.",
    )
    main.add_argument("--version", action="version", version=f"peer2peer {__version__}")
    verbs = main.add_subparsers(dest="command", metavar="COMMAND")
    for name, (function, summary) in COMMANDS.items():
        verb = verbs.add_parser(name, help=summary, description=function.__doc__)
        if name == "lesson":
            verb.add_argument(
                "notebook", help="a built notebook, e.g. release/01-recovery/lesson.ipynb"
            )
            verb.add_argument("--port", type=int, default=8866, help="the port (default: 8866)")
            verb.set_defaults(function=function)
            continue
        verb.add_argument("--root", help="the curriculum folder (default: found from here)")
        if name in ("build", "demo"):
            verb.add_argument(
                "--course", help=f"where to write the nbgrader course (default: {COURSE_FOLDER})"
            )
        if name == "build":
            verb.add_argument("--force", action="store_true", help="rebuild every module")
        verb.set_defaults(function=function)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb and return its exit code."""
    arguments = parser().parse_args(argv)
    if not getattr(arguments, "function", None):
        parser().print_help()
        return USAGE
    try:
        return arguments.function(arguments)
    except NotAProject as error:
        errors.print(f"{error}.", markup=False)
        return FIXABLE
    except ProblemsFound as found:
        for problem in found.problems:
            errors.print(str(problem), markup=False)
        errors.print("Fix these, then run the command again (peer2peer check lists them).")
        return FIXABLE


if __name__ == "__main__":
    sys.exit(main())
