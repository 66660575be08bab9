"""The `peer2peer` command: thin verbs that check their arguments and call the library.

Exit codes: 0 success, 1 a problem the user can fix, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from . import __version__
from .area.command import add_area_verbs
from .cohort.settings import CohortError, NotACohort
from .defaults import COURSE_FOLDER
from .problems import ProblemsFound
from .project import NotAProject, find_root

OK, FIXABLE, USAGE = 0, 1, 2
# soft_wrap: one problem per line, whatever the terminal width, so output can be grepped.
console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def quiet_known_warnings() -> None:
    """Silence what nbgrader's gradebook always prints: SQLAlchemy's harmless "not in session"."""
    warnings.filterwarnings("ignore", message=".*not in session.*")
    warnings.filterwarnings("ignore", category=DeprecationWarning)


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
    """Make a throw-away demo cohort of invented trainees, grade it, and say what to open."""
    import tempfile

    from .cohort.demo import run_demo

    root = _root(args)
    folder = Path(args.folder) if args.folder else Path(tempfile.gettempdir()) / "peer2peer-demo"
    with console.status("Building the curriculum and making a demo cohort (about a minute)..."):
        demo = run_demo(root, folder.resolve())
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
    lesson = demo.homes / "demo-09" / demo.settings.modules[0] / "lesson.ipynb"
    console.print(
        f"  A trainee's lesson page:         {venv}/peer2peer lesson {lesson}", markup=False
    )
    if not args.serve:
        return OK
    console.print()
    console.print("Serving the demo cohort's dashboard now.", style="bold")
    return _serve_dashboard(demo.cohort, args.port)


def cmd_lesson(args: argparse.Namespace) -> int:
    """Open a built notebook as a clean lesson page (Voila), where answers save as in JupyterLab."""
    from .pages import serve_page

    notebook = Path(args.notebook)
    if notebook.suffix != ".ipynb" or not notebook.is_file():
        errors.print(f"{notebook} is not a notebook. Give the path of a built .ipynb file.")
        return FIXABLE
    return serve_page(notebook, args.port)


def cmd_mark(args: argparse.Namespace) -> int:
    """Mark reflections against the rubric, one trainee after another, in the browser."""
    from .cohort.settings import load_settings
    from .dashboard.marking_app import COHORT_VARIABLE, MODULE_VARIABLE
    from .pages import DASHBOARDS, serve_page

    cohort = Path(args.path).resolve()
    settings = load_settings(cohort)
    if args.module and args.module not in settings.modules:
        errors.print(
            f"{args.module} is not a module of this cohort. "
            f"Use one of: {', '.join(settings.modules)}.",
            markup=False,
        )
        return FIXABLE
    page_settings = {COHORT_VARIABLE: str(cohort), MODULE_VARIABLE: args.module or ""}
    return serve_page(DASHBOARDS / "marking.ipynb", args.port, page_settings)


def cmd_dashboard(args: argparse.Namespace) -> int:
    """Follow a cohort in the browser: progress, marking queue, outcomes, modules (read-only)."""
    from .cohort.settings import load_settings

    cohort = Path(args.path).resolve()
    load_settings(cohort)  # a clear message now if this is not a cohort
    return _serve_dashboard(cohort, args.port)


def _serve_dashboard(cohort: Path, port: int) -> int:
    from .dashboard.marking_app import COHORT_VARIABLE
    from .pages import DASHBOARDS, serve_page

    page_settings = {COHORT_VARIABLE: str(cohort)}
    # The cohort page reads nothing from its address, so Voila can run it ahead of each visit.
    return serve_page(
        DASHBOARDS, port, page_settings, "voila/render/cohort.ipynb", ["cohort.ipynb"]
    )


def cmd_cohort_init(args: argparse.Namespace) -> int:
    """Create a cohort: an nbgrader course in a folder outside the repository."""
    from datetime import date

    from .cohort.create import init_cohort

    start = date.fromisoformat(args.start) if args.start else None
    with console.status("Building the curriculum and creating the cohort..."):
        settings = init_cohort(
            Path(args.path), args.name, _root(args), start, args.db,
            Path(args.exchange) if args.exchange else None,
        )  # fmt: skip
    console.print(
        f"Created the cohort {settings.name!r} in {Path(args.path).resolve()}", markup=False
    )
    for module_id in settings.modules:
        due = settings.due_date(module_id).strftime("%a %d %b %Y, %H:%M")
        console.print(f"  {module_id:<20} due {due}", markup=False)
    console.print(f"Next: peer2peer cohort add-trainees {args.path} roster.csv", markup=False)
    return OK


def cmd_cohort_add_trainees(args: argparse.Namespace) -> int:
    """Add trainees from a CSV file (id, first_name, last_name, email): all of them or none."""
    from .cohort.roster import add_trainees, read_roster
    from .cohort.settings import load_settings

    settings = load_settings(Path(args.path))
    trainees, problems = read_roster(Path(args.roster))
    if problems:
        for problem in problems:
            errors.print(str(problem), markup=False)
        errors.print("Nobody was added. Fix the lines above and run the command again.")
        return FIXABLE
    change = add_trainees(settings, trainees)
    console.print(
        f"{len(change.added)} added, {len(change.updated)} updated, "
        f"{len(change.unchanged)} unchanged.",
        markup=False,
    )
    return OK


def _cohort_and_modules(args: argparse.Namespace):
    from .cohort.settings import load_settings

    cohort = Path(args.path).resolve()
    settings = load_settings(cohort)
    return cohort, settings, getattr(args, "modules", None) or settings.modules


def cmd_release(args: argparse.Namespace) -> int:
    """Release modules to trainees through nbgrader's exchange (all modules if none given)."""
    from .cohort.exchange import release

    cohort, settings, modules = _cohort_and_modules(args)
    release(cohort, settings, modules)
    for module_id in modules:
        due = settings.due_date(module_id).strftime("%a %d %b %Y, %H:%M")
        console.print(f"Released {module_id} (due {due}).", markup=False)
    return OK


def cmd_collect(args: argparse.Namespace) -> int:
    """Collect new submissions from the exchange."""
    from .cohort.exchange import collect

    cohort, settings, modules = _cohort_and_modules(args)
    collect(cohort, settings, modules)
    console.print(f"Collected new submissions for {', '.join(modules)}.", markup=False)
    return OK


def cmd_grade(args: argparse.Namespace) -> int:
    """Collect, then autograde every new submission in parallel (one worker per core)."""
    from rich.progress import BarColumn, Progress, TextColumn

    from .cohort.exchange import collect
    from .cohort.grading import grade

    cohort, settings, modules = _cohort_and_modules(args)
    collect(cohort, settings, modules)
    counts = {"done": 0, "failed": 0}
    columns = [TextColumn("Grading"), BarColumn(), TextColumn("{task.description}")]
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("", total=None)

        def show(outcome, finished: int, total: int) -> None:
            counts["done" if outcome.graded else "failed"] += 1
            remaining = total - finished
            description = (
                f"done {counts['done']} · failed {counts['failed']} · remaining {remaining}"
            )
            progress.update(task, total=total, completed=finished, description=description)

        report = grade(cohort, settings, modules, args.jobs, show)
    graded = len(report.outcomes) - len(report.failed)
    console.print(
        f"Graded {graded} submission(s) in {report.seconds:.1f} s "
        f"({report.already_graded} were graded already).",
        markup=False,
    )
    for outcome in report.failed:
        errors.print(
            f"Not graded: {outcome.trainee}, {outcome.module}: {outcome.reason}.", markup=False
        )
    return FIXABLE if report.failed else OK


def cmd_feedback(args: argparse.Namespace) -> int:
    """Make feedback pages from the gradebook and release them to trainees."""
    from .cohort.exchange import feedback

    cohort, settings, modules = _cohort_and_modules(args)
    feedback(cohort, settings, modules)
    console.print(f"Feedback released for {', '.join(modules)}.", markup=False)
    return OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write a CSV of progress and results per trainee and module, for the area's records."""
    from .cohort.export import export_csv

    cohort, settings, _ = _cohort_and_modules(args)
    target = export_csv(cohort, settings, Path(args.output) if args.output else None)
    console.print(f"Wrote {target}.", markup=False)
    console.print("It holds personal data: keep it as your area's data policy says.")
    return OK


def cmd_forget(args: argparse.Namespace) -> int:
    """Erase one trainee from the cohort: gradebook, submissions, grading and feedback files."""
    from .cohort.erase import forget

    cohort, settings, _ = _cohort_and_modules(args)
    if not args.yes:
        if not sys.stdin.isatty():
            errors.print("Add --yes to erase without being asked (nothing was erased).")
            return USAGE
        question = (
            f"This erases {args.trainee} from {settings.name} for good. Type their id to go on: "
        )
        typed = input(question)
        if typed.strip() != args.trainee:
            console.print("Nothing was erased.")
            return OK
    erased = forget(cohort, settings, args.trainee)
    console.print(f"Erased {args.trainee}:", markup=False)
    rows = "removed" if erased.gradebook_rows else "none found"
    console.print(f"  gradebook rows: {rows}", markup=False)
    for folder in erased.folders:
        console.print(f"  folder: {folder}", markup=False)
    console.print(f"  exchange files: {erased.exchange_files}", markup=False)
    console.print(f"  grading records: {erased.ledger_entries}", markup=False)
    return OK


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "check": (cmd_check, "Check every curriculum file and say what to fix."),
    "build": (cmd_build, "Build the curriculum into an nbgrader course."),
    "demo": (cmd_demo, "Build the curriculum and show what to open next."),
    "lesson": (cmd_lesson, "Open one built notebook as a lesson page in the browser."),
    "dashboard": (cmd_dashboard, "Follow a cohort's progress in the browser (read-only)."),
    "mark": (cmd_mark, "Mark reflections against the rubric, in the browser."),
    "release": (cmd_release, "Release modules to a cohort's trainees."),
    "collect": (cmd_collect, "Collect new submissions from the exchange."),
    "grade": (cmd_grade, "Collect and autograde new submissions, in parallel."),
    "feedback": (cmd_feedback, "Make and release feedback for trainees."),
    "export": (cmd_export, "Write a CSV of each trainee's progress and results."),
    "forget": (cmd_forget, "Erase one trainee from a cohort, everywhere."),
}
COHORT_COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "init": (cmd_cohort_init, "Create a cohort folder (outside the repository)."),
    "add-trainees": (cmd_cohort_add_trainees, "Add trainees from a roster CSV file."),
}
COHORT_VERBS = ("release", "collect", "grade", "feedback", "export", "forget")


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per verb."""
    main = argparse.ArgumentParser(
        prog="peer2peer",
        description="Peer2Peer peer support training: check and build the curriculum.",
    )
    main.add_argument("--version", action="version", version=f"peer2peer {__version__}")
    verbs = main.add_subparsers(dest="command", metavar="COMMAND")
    cohort = verbs.add_parser("cohort", help="Create a cohort and add its trainees.")
    cohort_verbs = cohort.add_subparsers(dest="cohort_command", metavar="COMMAND")
    for name, (function, summary) in COHORT_COMMANDS.items():
        verb = cohort_verbs.add_parser(name, help=summary, description=function.__doc__)
        verb.add_argument("path", help="the cohort folder")
        if name == "init":
            verb.add_argument("--name", required=True, help='for example "Dundee spring 2027"')
            verb.add_argument(
                "--start", help="date of the first session, YYYY-MM-DD (default: today)"
            )
            verb.add_argument("--db", help="a PostgreSQL URL (default: SQLite inside the cohort)")
            verb.add_argument(
                "--exchange", help="nbgrader's exchange folder (default: inside the cohort)"
            )
            verb.add_argument("--root", help="the curriculum folder (default: found from here)")
        else:
            verb.add_argument("roster", help="CSV with columns id,first_name,last_name,email")
        verb.set_defaults(function=function)
    add_area_verbs(verbs)
    for name, (function, summary) in COMMANDS.items():
        verb = verbs.add_parser(name, help=summary, description=function.__doc__)
        if name in COHORT_VERBS:
            verb.add_argument("path", help="the cohort folder")
            if name == "forget":
                verb.add_argument("trainee", help="the id of the trainee to erase")
                verb.add_argument("--yes", action="store_true", help="do not ask to confirm")
            elif name == "export":
                verb.add_argument("--output", help="the CSV file (default: exports/ in the cohort)")
            else:
                verb.add_argument(
                    "modules", nargs="*", metavar="MODULE", help="module ids (default: all)"
                )
            if name == "grade":
                verb.add_argument(
                    "--jobs", type=int, help="parallel workers (default: one per core)"
                )
            verb.set_defaults(function=function)
            continue
        if name == "dashboard":
            verb.add_argument("path", help="the cohort folder")
            verb.add_argument("--port", type=int, default=8868, help="the port (default: 8868)")
            verb.set_defaults(function=function)
            continue
        if name == "mark":
            verb.add_argument("path", help="the cohort folder")
            verb.add_argument("module", nargs="?", help="a module id (default: the first to mark)")
            verb.add_argument("--port", type=int, default=8867, help="the port (default: 8867)")
            verb.set_defaults(function=function)
            continue
        if name == "lesson":
            verb.add_argument(
                "notebook", help="a built notebook, e.g. release/01-recovery/lesson.ipynb"
            )
            verb.add_argument("--port", type=int, default=8866, help="the port (default: 8866)")
            verb.set_defaults(function=function)
            continue
        verb.add_argument("--root", help="the curriculum folder (default: found from here)")
        if name == "build":
            verb.add_argument(
                "--course", help=f"where to write the nbgrader course (default: {COURSE_FOLDER})"
            )
        if name == "demo":
            verb.add_argument(
                "--folder", help="where to make the demo (default: a temporary folder)"
            )
            verb.add_argument(
                "--serve", action="store_true", help="then serve its dashboard until Ctrl+C"
            )
            verb.add_argument("--port", type=int, default=8868, help="the port (default: 8868)")
        if name == "build":
            verb.add_argument("--force", action="store_true", help="rebuild every module")
        verb.set_defaults(function=function)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb and return its exit code."""
    quiet_known_warnings()
    arguments = parser().parse_args(argv)
    if not getattr(arguments, "function", None):
        parser().print_help()
        return USAGE
    try:
        return arguments.function(arguments)
    except NotAProject as error:
        errors.print(f"{error}.", markup=False)
        return FIXABLE
    except (NotACohort, CohortError) as error:
        errors.print(f"{error}.", markup=False)
        return FIXABLE
    except ProblemsFound as found:
        for problem in found.problems:
            errors.print(str(problem), markup=False)
        errors.print("Fix these, then run the command again (peer2peer check lists them).")
        return FIXABLE


if __name__ == "__main__":
    sys.exit(main())
