"""The workbook verb: a module to print (PDF) or open in Word, blank or with a trainee's answers."""

from __future__ import annotations

import argparse
from pathlib import Path

from peer2peer.cli.common import FIXABLE, OK, Verb, console, curriculum_root, errors, root_argument


def cmd_workbook(args: argparse.Namespace) -> int:
    """Write a module's lesson and assessment as a workbook to print or open in Word.

    Every question has a box, tick boxes or numbers to answer in; the crisis lines and the
    course contact come first, and there is no code and no answer key. With --answers, the
    answers one trainee handed in are filled in (their private writing never is). A trainee
    who wants their own copy with their private writing runs it themselves with --mine and
    --with-private.
    """
    from peer2peer.cohort.settings import CohortError
    from peer2peer.curriculum.problems import ProblemsFound
    from peer2peer.curriculum.project import load_project
    from peer2peer.workbooks import WorkbookError, handed_in, own_answers, workbook_file

    if args.with_private and not args.mine:
        errors.print(
            "--with-private works only with --mine: private writing is only ever put in "
            "a trainee's own copy, made by them. Nothing was written.",
            markup=False,
        )
        return FIXABLE
    if args.answers and args.mine:
        errors.print("Give --answers or --mine, not both. Nothing was written.", markup=False)
        return FIXABLE
    if args.module == "all" and (args.answers or args.mine):
        errors.print(
            "Give one module to fill in answers, not all. Nothing was written.", markup=False
        )
        return FIXABLE
    try:
        answers, whose = None, ""
        if args.answers:
            cohort, trainee = Path(args.answers[0]).resolve(), args.answers[1]
            answers, whose = handed_in(cohort, trainee, args.module), trainee
        # With --answers, the curriculum the cohort was made from, unless --root says otherwise.
        root = answers.curriculum if answers and answers.curriculum and not args.root else None
        project = load_project(root or curriculum_root(args))
        if project.problems:
            raise ProblemsFound(project.problems)
        all_modules = [m.id for m in project.curriculum.modules]
        modules = all_modules if args.module == "all" else [args.module]
        _known_module(project, modules[0])
        if args.mine:
            answers = own_answers(Path(args.mine), modules[0], include_private=args.with_private)
            whose = "mine-with-private" if args.with_private else "mine"
        for module in modules:
            path = workbook_file(
                project, module, args.format, Path(args.out),
                large_print=args.large_print, answers=answers, whose=whose,
            )  # fmt: skip
            console.print(f"Wrote {path}", markup=False)
    except (WorkbookError, CohortError) as error:
        errors.print(f"{error}. Nothing was written.", markup=False)
        return FIXABLE
    return OK


def _known_module(project, module: str) -> None:
    """Refuse a module the curriculum does not list before any trainee's file is read."""
    from peer2peer.workbooks import WorkbookError

    known = [m.id for m in project.curriculum.modules]
    if module not in known:
        raise WorkbookError(
            f"there is no module {module!r} in this curriculum. Give one of: {', '.join(known)}"
        )


def _workbook_arguments(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("module", help="the module id, such as 02-story, or `all`")
    verb.add_argument(
        "--format", choices=["pdf", "docx"], default="pdf",
        help="pdf to print, docx to open in Word (default: pdf)",
    )  # fmt: skip
    verb.add_argument(
        "--large-print", action="store_true", help="large print: 16 pt text or more, one column"
    )
    verb.add_argument(
        "--answers", nargs=2, metavar=("COHORT", "TRAINEE"),
        help="fill in the answers this trainee handed in, from the cohort folder",
    )  # fmt: skip
    verb.add_argument(
        "--mine", metavar="FOLDER",
        help="fill in your own answers, from your own folder of this module",
    )  # fmt: skip
    verb.add_argument(
        "--with-private", action="store_true",
        help="with --mine: add the writing you kept private (your 'only me' story, your plan)",
    )  # fmt: skip
    verb.add_argument("--out", required=True, help="the folder to write the workbook into")
    root_argument(verb)


VERBS = {
    "workbook": Verb(
        cmd_workbook, "Write a module as a workbook to print or open in Word.", _workbook_arguments
    ),
}
