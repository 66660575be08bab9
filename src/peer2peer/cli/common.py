"""What every verb shares: exit codes, the consoles, and the arguments many verbs take."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from rich.console import Console

from peer2peer.curriculum.project import find_root

OK, FIXABLE, USAGE = 0, 1, 2
# soft_wrap: one problem per line, whatever the terminal width, so output can be grepped.
console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


class Verb(NamedTuple):
    """A sub-command: what it runs, its one-line help, and the arguments it takes."""

    function: Callable[[argparse.Namespace], int]
    summary: str
    arguments: Callable[[argparse.ArgumentParser], None]


def add_verbs(verbs, table: dict[str, Verb]) -> None:
    """Add each verb of a table to an argparse sub-command group."""
    for name, verb in table.items():
        command = verbs.add_parser(name, help=verb.summary, description=verb.function.__doc__)
        verb.arguments(command)
        command.set_defaults(function=verb.function)


def curriculum_root(args: argparse.Namespace) -> Path:
    """The curriculum folder: --root, or the nearest one at or above the current folder."""
    return find_root(Path(args.root) if args.root else Path.cwd())


def root_argument(verb: argparse.ArgumentParser) -> None:
    """--root, for verbs that work on the curriculum."""
    verb.add_argument("--root", help="the curriculum folder (default: found from here)")


def cohort_argument(verb: argparse.ArgumentParser) -> None:
    """The cohort folder, for verbs that work on a cohort."""
    verb.add_argument("path", help="the cohort folder")


def port_argument(verb: argparse.ArgumentParser, default: int) -> None:
    """--port, for verbs that serve a page."""
    verb.add_argument("--port", type=int, default=default, help=f"the port (default: {default})")


def plain_failures(function: Callable[[argparse.Namespace], int]):
    """Wrap a verb so that a folder it cannot write to is said in plain words (exit 1)."""

    @functools.wraps(function)
    def verb(args: argparse.Namespace) -> int:
        from peer2peer.cohort.health import is_not_writable, read_only_message

        try:
            return function(args)
        except Exception as error:
            if not is_not_writable(error):
                raise
            where = getattr(error, "filename", None) or getattr(args, "path", "the cohort")
            errors.print(f"{read_only_message(where, before_any_change=False)}.", markup=False)
            return FIXABLE

    return verb


def tell_trainees(cohort: Path, settings, trainees: Iterable[str] | None = None) -> None:
    """Post trainees' status to their homes (all, or those named); a failure only warns.

    The change the verb made stands either way: a home shows older news until the next post.
    """
    from peer2peer.progress.home_status import publish_status

    try:
        publish_status(cohort, settings, trainees)
    except Exception as error:  # noqa: BLE001 - the trainer's change is done; say, don't fail
        errors.print(
            f"Trainees' home pages were not updated ({error}). They will be at the next "
            "release, grade or feedback; or run this again.",
            markup=False,
        )
