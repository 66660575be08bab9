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
    plain_failures,
    root_argument,
    tell_trainees,
)


@plain_failures
def cmd_cohort_init(args: argparse.Namespace) -> int:
    """Create a cohort: an nbgrader course in a folder outside the repository."""
    from datetime import date

    from peer2peer.cohort.create import init_cohort

    start = date.fromisoformat(args.start) if args.start else None
    with console.status("Building the curriculum and creating the cohort..."):
        settings = init_cohort(
            Path(args.path), args.name, curriculum_root(args), start, args.db,
            Path(args.exchange) if args.exchange else None, args.course_id,
        )  # fmt: skip
    console.print(
        f"Created the cohort {settings.name!r} in {Path(args.path).resolve()} "
        f"(course id {settings.course_id}).",
        markup=False,
    )
    for module_id in settings.modules:
        due = settings.due_date(module_id).strftime("%a %d %b %Y, %H:%M")
        console.print(f"  {module_id:<20} due {due}", markup=False)
    console.print(f"Next: peer2peer cohort add-trainees {args.path} roster.csv", markup=False)
    return OK


@plain_failures
def cmd_cohort_add_trainees(args: argparse.Namespace) -> int:
    """Add trainees from a CSV file (id, first_name, last_name, email): all of them or none."""
    from peer2peer.cohort.roster import add_trainees, read_roster

    _, settings, _ = open_cohort(args)
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


def open_cohort(args: argparse.Namespace, writes: bool = True):
    """The cohort, its settings and the modules asked for, each checked before any is used.

    Module ids must be the cohort's; the folders a verb writes must be writable; the
    exchange's course must be this cohort's; and an erasure stopped part-way comes first.
    """
    from peer2peer.cohort.create import check_course_owner
    from peer2peer.cohort.erase import erasure_in_progress
    from peer2peer.cohort.health import check_writable
    from peer2peer.cohort.ids import known_modules
    from peer2peer.cohort.settings import CohortError, load_settings

    cohort = Path(args.path).resolve()
    settings = load_settings(cohort)
    modules = known_modules(settings, getattr(args, "modules", None) or settings.modules)
    if writes:
        check_writable(cohort, settings)
    check_course_owner(cohort, settings)
    unfinished = erasure_in_progress(cohort)
    if unfinished is not None and unfinished != getattr(args, "trainee", None):
        raise CohortError(
            f"the erasure of {unfinished!r} was stopped part-way, so nothing was changed. "
            f"Finish it first: peer2peer forget {cohort} {unfinished} --yes"
        )
    return cohort, settings, modules


@plain_failures
def cmd_release(args: argparse.Namespace) -> int:
    """Release modules to trainees through nbgrader's exchange (all modules if none given)."""
    from peer2peer.cohort.exchange import release

    cohort, settings, modules = open_cohort(args)
    release(cohort, settings, modules)
    tell_trainees(cohort, settings)
    for module_id in modules:
        due = settings.due_date(module_id).strftime("%a %d %b %Y, %H:%M")
        console.print(f"Released {module_id} (due {due}).", markup=False)
    return OK


@plain_failures
def cmd_collect(args: argparse.Namespace) -> int:
    """Collect new submissions from the exchange."""
    from peer2peer.cohort.exchange import collect
    from peer2peer.cohort.health import check_timestamps

    cohort, settings, modules = open_cohort(args)
    check_timestamps(cohort, settings, modules)
    collect(cohort, settings, modules)
    console.print(f"Collected new submissions for {', '.join(modules)}.", markup=False)
    return OK


@plain_failures
def cmd_grade(args: argparse.Namespace) -> int:
    """Collect, then autograde every new submission in parallel (one worker per core)."""
    from rich.progress import BarColumn, Progress, TextColumn

    from peer2peer.cohort.exchange import collect
    from peer2peer.cohort.grading import grade
    from peer2peer.cohort.health import check_ledger, check_timestamps

    cohort, settings, modules = open_cohort(args)
    check_ledger(cohort)
    check_timestamps(cohort, settings, modules)
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
    tell_trainees(cohort, settings)
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


@plain_failures
def cmd_feedback(args: argparse.Namespace) -> int:
    """Make feedback pages from the gradebook and release them to trainees."""
    from peer2peer.cohort.exchange import feedback
    from peer2peer.cohort.health import check_timestamps

    cohort, settings, modules = open_cohort(args)
    check_timestamps(cohort, settings, modules)
    feedback(cohort, settings, modules)
    tell_trainees(cohort, settings)
    console.print(f"Feedback released for {', '.join(modules)}.", markup=False)
    return OK


@plain_failures
def cmd_export(args: argparse.Namespace) -> int:
    """Write a CSV of progress and results per trainee and module, for the area's records."""
    from peer2peer.cohort.health import check_ledger
    from peer2peer.progress.export import export_csv

    cohort, settings, _ = open_cohort(args)
    check_ledger(cohort)
    target = export_csv(cohort, settings, Path(args.output) if args.output else None)
    console.print(f"Wrote {target}.", markup=False)
    console.print("It holds personal data: keep it as your area's data policy says.")
    return OK


@plain_failures
def cmd_forget(args: argparse.Namespace) -> int:
    """Erase one trainee from the cohort: gradebook, submissions, exchange, exports, records."""
    from peer2peer.cohort.erase import check_forgettable, forget
    from peer2peer.cohort.ids import trainee_id_shape

    trainee_id_shape(args.trainee)  # before anything is read through it
    cohort, settings, _ = open_cohort(args)
    check_forgettable(cohort, settings, args.trainee)
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
    say = lambda line: console.print(line, markup=False)  # noqa: E731
    if erased.finished_earlier_run:
        say(f"Finished erasing {args.trainee} (an earlier run had stopped part-way).")
    else:
        say(f"Erased {args.trainee}:")
    say(f"  gradebook rows: {'removed' if erased.gradebook_rows else 'none found'}")
    for folder in erased.folders:
        say(f"  folder: {folder}")
    say(f"  exchange files: {erased.exchange_files}")
    say(f"  grading records: {erased.ledger_entries}")
    say(f"  rubric levels: {erased.rubric_marks}")
    for export in erased.exports:
        say(f"  export {export}")
    if erased.ledger_damaged:
        say(
            "  grading.json was damaged, so it could not be cleaned and was removed: the next "
            "`peer2peer grade` grades every submission again (marks already given are kept)."
        )
    say("Copies outside this cohort (in trainees' own folders, or exports saved elsewhere) "
        "are not erased.")  # fmt: skip
    return OK


def _init_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("--name", required=True, help='for example "Dundee spring 2027"')
    verb.add_argument("--start", help="date of the first session, YYYY-MM-DD (default: today)")
    verb.add_argument("--db", help="a PostgreSQL URL (default: SQLite inside the cohort)")
    verb.add_argument("--exchange", help="nbgrader's exchange folder (default: inside the cohort)")
    verb.add_argument(
        "--course-id",
        help="the course id trainees type (default: made from --name); one cohort per id "
        "on an exchange",
    )
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
