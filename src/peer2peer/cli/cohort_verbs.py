"""Verbs that run a cohort: create it, add trainees, release, collect, grade, feedback, erase."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from peer2peer.cli.common import (
    FIXABLE,
    OK,
    USAGE,
    Verb,
    add_verbs,
    cohort_argument,
    console,
    curriculum_root,
    errors,
    root_argument,
)


def cmd_cohort_init(args: argparse.Namespace) -> int:
    """Create a cohort: an nbgrader course in a folder outside the repository."""
    from datetime import date

    from peer2peer.cohort.create import init_cohort

    start = date.fromisoformat(args.start) if args.start else None
    with console.status("Building the curriculum and creating the cohort..."):
        settings = init_cohort(
            Path(args.path), args.name, curriculum_root(args), start, args.db,
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
    from peer2peer.cohort.roster import add_trainees, read_roster
    from peer2peer.cohort.settings import load_settings

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
    from peer2peer.cohort.settings import load_settings

    cohort = Path(args.path).resolve()
    settings = load_settings(cohort)
    return cohort, settings, getattr(args, "modules", None) or settings.modules


def cmd_release(args: argparse.Namespace) -> int:
    """Release modules to trainees through nbgrader's exchange (all modules if none given)."""
    from peer2peer.cohort.exchange import release

    cohort, settings, modules = _cohort_and_modules(args)
    release(cohort, settings, modules)
    for module_id in modules:
        due = settings.due_date(module_id).strftime("%a %d %b %Y, %H:%M")
        console.print(f"Released {module_id} (due {due}).", markup=False)
    return OK


def cmd_collect(args: argparse.Namespace) -> int:
    """Collect new submissions from the exchange."""
    from peer2peer.cohort.exchange import collect

    cohort, settings, modules = _cohort_and_modules(args)
    collect(cohort, settings, modules)
    console.print(f"Collected new submissions for {', '.join(modules)}.", markup=False)
    return OK


def cmd_grade(args: argparse.Namespace) -> int:
    """Collect, then autograde every new submission in parallel (one worker per core)."""
    from rich.progress import BarColumn, Progress, TextColumn

    from peer2peer.cohort.exchange import collect
    from peer2peer.cohort.grading import grade

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
    from peer2peer.cohort.exchange import feedback

    cohort, settings, modules = _cohort_and_modules(args)
    feedback(cohort, settings, modules)
    console.print(f"Feedback released for {', '.join(modules)}.", markup=False)
    return OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write a CSV of progress and results per trainee and module, for the area's records."""
    from peer2peer.progress.export import export_csv

    cohort, settings, _ = _cohort_and_modules(args)
    target = export_csv(cohort, settings, Path(args.output) if args.output else None)
    console.print(f"Wrote {target}.", markup=False)
    console.print("It holds personal data: keep it as your area's data policy says.")
    return OK


def cmd_forget(args: argparse.Namespace) -> int:
    """Erase one trainee from the cohort: gradebook, submissions, grading and feedback files."""
    from peer2peer.cohort.erase import forget

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


def _init_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("--name", required=True, help='for example "Dundee spring 2027"')
    verb.add_argument("--start", help="date of the first session, YYYY-MM-DD (default: today)")
    verb.add_argument("--db", help="a PostgreSQL URL (default: SQLite inside the cohort)")
    verb.add_argument("--exchange", help="nbgrader's exchange folder (default: inside the cohort)")
    root_argument(verb)


def _roster_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("roster", help="CSV with columns id,first_name,last_name,email")


def _modules_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("modules", nargs="*", metavar="MODULE", help="module ids (default: all)")


def _grade_arguments(verb: argparse.ArgumentParser) -> None:
    _modules_arguments(verb)
    verb.add_argument("--jobs", type=int, help="parallel workers (default: one per core)")


def _export_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("--output", help="the CSV file (default: exports/ in the cohort)")


def _forget_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("trainee", help="the id of the trainee to erase")
    verb.add_argument("--yes", action="store_true", help="do not ask to confirm")


COHORT_VERBS = {
    "init": Verb(
        cmd_cohort_init, "Create a cohort folder (outside the repository).", _init_arguments
    ),
    "add-trainees": Verb(
        cmd_cohort_add_trainees, "Add trainees from a roster CSV file.", _roster_arguments
    ),
}
VERBS = {
    "release": Verb(cmd_release, "Release modules to a cohort's trainees.", _modules_arguments),
    "collect": Verb(cmd_collect, "Collect new submissions from the exchange.", _modules_arguments),
    "grade": Verb(
        cmd_grade, "Collect and autograde new submissions, in parallel.", _grade_arguments
    ),
    "feedback": Verb(cmd_feedback, "Make and release feedback for trainees.", _modules_arguments),
    "export": Verb(
        cmd_export, "Write a CSV of each trainee's progress and results.", _export_arguments
    ),
    "forget": Verb(cmd_forget, "Erase one trainee from a cohort, everywhere.", _forget_arguments),
}


def add_cohort_group(verbs) -> None:
    """`peer2peer cohort init|add-trainees`."""
    cohort = verbs.add_parser("cohort", help="Create a cohort and add its trainees.")
    add_verbs(cohort.add_subparsers(dest="cohort_command", metavar="COMMAND"), COHORT_VERBS)
