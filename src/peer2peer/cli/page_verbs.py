"""Verbs that open pages in the browser: the demo, a lesson, the marking page, the dashboard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peer2peer.cli.common import (
    FIXABLE,
    OK,
    Verb,
    cohort_argument,
    console,
    curriculum_root,
    errors,
    port_argument,
    root_argument,
    tell_trainees,
)


def cmd_demo(args: argparse.Namespace) -> int:
    """Make a throw-away demo cohort of invented trainees, grade it, and say what to open."""
    import tempfile

    from peer2peer.cohort.demo import run_demo

    root = curriculum_root(args)
    folder = Path(args.folder) if args.folder else Path(tempfile.gettempdir()) / "peer2peer-demo"
    with console.status("Building the curriculum and making a demo cohort (about a minute)..."):
        demo = run_demo(root, folder.resolve())
    tell_trainees(demo.cohort, demo.settings)  # so `peer2peer home` shows each one's news
    graded = len(demo.grading.outcomes) - len(demo.grading.failed)
    console.print()
    console.print(f"Demo cohort: {demo.cohort}", style="bold", markup=False)
    console.print(
        "20 invented trainees: 9 marked with feedback (1 of them late), 4 waiting to be "
        "marked, 1 whose changed page could not be graded, 3 part-way, 3 not started.",
        markup=False,
    )
    console.print(f"Graded {graded} submission(s) in {demo.grading.seconds:.1f} s.", markup=False)
    for outcome in demo.grading.failed:
        console.print(
            f"  Not graded: {outcome.trainee}, {outcome.module}: {outcome.reason}.", markup=False
        )
    venv = Path(sys.executable).parent
    console.print()
    console.print("What to open next:", style="bold")
    console.print(
        f"  The cohort at a glance:          {venv}/peer2peer dashboard {demo.cohort}", markup=False
    )
    console.print(
        f"  Marking reflections:             {venv}/peer2peer mark {demo.cohort}", markup=False
    )
    console.print(
        f"  nbgrader's formgrader:           cd {demo.cohort} && {venv}/jupyter lab", markup=False
    )
    console.print("    then choose Nbgrader > Formgrader in the menu.", markup=False)
    console.print(
        f"  Progress as a spreadsheet:       {venv}/peer2peer export {demo.cohort}", markup=False
    )
    for verb, what in [("completion", "Who has completed, and why not:"),
                       ("register", "The register, by keyboard:"),
                       ("verify-marks", "Marks waiting for a verifier:")]:  # fmt: skip
        console.print(f"  {what:<33}{venv}/peer2peer {verb} {demo.cohort}", markup=False)
    console.print(
        f"  Ailsa (demo-01) completed: her certificate is {demo.certificate.path}, "
        f"verification code {demo.certificate.code}.",
        markup=False,
    )
    lesson = demo.homes / "demo-09" / demo.settings.modules[0] / "lesson.ipynb"
    console.print(
        f"  A trainee's lesson page:         {venv}/peer2peer lesson {lesson}", markup=False
    )
    console.print(
        f"  A trainee's home page:           {venv}/peer2peer home {demo.cohort} demo-09 "
        f"--folder {demo.homes / 'demo-09'}",
        markup=False,
    )
    if not args.serve:
        return OK
    console.print()
    console.print("Serving the demo cohort's dashboard now.", style="bold")
    return serve_dashboard(demo.cohort, args.port)


def cmd_lesson(args: argparse.Namespace) -> int:
    """Open a built notebook as a clean lesson page (Voila), where answers save as in JupyterLab.

    A kernel waits for each next visit, the notebook run up to reading the answers.
    """
    from peer2peer.dashboard.serve import serve_page

    notebook = Path(args.notebook)
    if notebook.suffix != ".ipynb" or not notebook.is_file():
        errors.print(f"{notebook} is not a notebook. Give the path of a built .ipynb file.")
        return FIXABLE
    return serving(serve_page, notebook, args.port, preheat=[notebook.name])


#: Pages Voila runs one ahead of the next visitor (a kernel each, however many visits): the
#: cohort page reads nothing from its address; the journey, marking and register pages wait
#: for their visitor (peer2peer.shared.visit) before they read the address and the data.
DASHBOARD = ["cohort.ipynb", "trainee.ipynb", "marking.ipynb", "register.ipynb"]
MARKING = ["marking.ipynb"]
REGISTER = ["register.ipynb"]


def cmd_mark(args: argparse.Namespace) -> int:
    """Mark reflections against the rubric, one trainee after another, in the browser."""
    from peer2peer.cohort.ids import known_module
    from peer2peer.cohort.settings import load_settings
    from peer2peer.dashboard.marking_app import COHORT_VARIABLE, MODULE_VARIABLE
    from peer2peer.dashboard.serve import serve_pages

    cohort = Path(args.path).resolve()
    settings = load_settings(cohort)
    if args.module:
        known_module(settings, args.module)  # the page reads files named after it
    page_settings = {COHORT_VARIABLE: str(cohort), MODULE_VARIABLE: args.module or ""}
    return serving(serve_pages, args.port, page_settings, "marking.ipynb", preheat=MARKING)


def cmd_dashboard(args: argparse.Namespace) -> int:
    """Follow a cohort in the browser: progress, marking queue, outcomes, modules (read-only)."""
    from peer2peer.cohort.settings import load_settings

    cohort = Path(args.path).resolve()
    load_settings(cohort)  # a clear message now if this is not a cohort
    return serve_dashboard(cohort, args.port)


def serve_dashboard(cohort: Path, port: int) -> int:
    """Serve the trainer pages for a cohort, opening on the cohort page, until stopped."""
    from peer2peer.dashboard.marking_app import COHORT_VARIABLE
    from peer2peer.dashboard.serve import serve_pages

    page_settings = {COHORT_VARIABLE: str(cohort)}
    return serving(serve_pages, port, page_settings, "cohort.ipynb", preheat=DASHBOARD)


def serving(serve, *arguments, **options) -> int:
    """Run a page server until it stops; a server that cannot start is said in plain words."""
    from peer2peer.dashboard.serve import ServeError

    try:
        return serve(*arguments, **options)
    except ServeError as error:
        errors.print(str(error), markup=False)
        return FIXABLE


def _demo_arguments(verb: argparse.ArgumentParser) -> None:
    root_argument(verb)
    verb.add_argument("--folder", help="where to make the demo (default: a temporary folder)")
    verb.add_argument("--serve", action="store_true", help="then serve its dashboard until Ctrl+C")
    port_argument(verb, 8868)


def _lesson_arguments(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("notebook", help="a built notebook, e.g. release/01-recovery/lesson.ipynb")
    port_argument(verb, 8866)


def _dashboard_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    port_argument(verb, 8868)


def _mark_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("module", nargs="?", help="a module id (default: the first to mark)")
    port_argument(verb, 8867)


VERBS = {
    "demo": Verb(
        cmd_demo,
        "Make a demo cohort of invented trainees (--serve: then its dashboard).",
        _demo_arguments,
    ),
    "lesson": Verb(
        cmd_lesson, "Open one built notebook as a lesson page in the browser.", _lesson_arguments
    ),
    "dashboard": Verb(
        cmd_dashboard, "Follow a cohort in the browser (read-only).", _dashboard_arguments
    ),
    "mark": Verb(cmd_mark, "Mark reflections against the rubric, in the browser.", _mark_arguments),
}
