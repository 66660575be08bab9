"""The `peer2peer` command: thin verbs that check their arguments and call the library.

Exit codes: 0 success, 1 a problem the user can fix, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import warnings
from collections.abc import Sequence

from peer2peer import __version__
from peer2peer.cli import (
    cohort_verbs,
    curriculum_verbs,
    home_verbs,
    page_verbs,
    records_verbs,
    workbook_verbs,
)
from peer2peer.cli.area_verbs import add_area_verbs
from peer2peer.cli.common import FIXABLE, USAGE, add_verbs, errors
from peer2peer.cli.hub_verbs import add_hub_group
from peer2peer.cohort.settings import CohortError, NotACohort
from peer2peer.curriculum.problems import ProblemsFound
from peer2peer.curriculum.project import NotAProject
from peer2peer.hub.deployment import HubError, NotADeployment

#: Every top-level verb but the `cohort` and `area` groups, in the order help lists them.
COMMANDS = {
    **curriculum_verbs.VERBS,
    **page_verbs.VERBS,
    **home_verbs.VERBS,
    **cohort_verbs.VERBS,
    **records_verbs.VERBS,
    **workbook_verbs.VERBS,
}


def quiet_known_warnings() -> None:
    """Silence what nbgrader's gradebook always prints: SQLAlchemy's harmless "not in session"."""
    warnings.filterwarnings("ignore", message=".*not in session.*")
    warnings.filterwarnings("ignore", category=DeprecationWarning)


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per verb."""
    main = argparse.ArgumentParser(
        prog="peer2peer",
        description="Peer2Peer peer support training: check and build the curriculum.",
    )
    main.add_argument("--version", action="version", version=f"peer2peer {__version__}")
    verbs = main.add_subparsers(dest="command", metavar="COMMAND")
    cohort_verbs.add_cohort_group(verbs)
    add_area_verbs(verbs)
    add_hub_group(verbs)
    add_verbs(verbs, COMMANDS)
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
    except (NotACohort, CohortError, HubError, NotADeployment) as error:
        errors.print(f"{error}.", markup=False)
        return FIXABLE
    except ProblemsFound as found:
        for problem in found.problems:
            errors.print(str(problem), markup=False)
        errors.print("Fix these, then run the command again (peer2peer check lists them).")
        return FIXABLE
