"""Before a verb relies on a cohort's files: can it write there, and can it read them?

nbgrader meets a read-only folder, or a time it cannot read, deep inside its own code and
stops with a traceback. These checks look first and say what is wrong in plain words,
with the file and the fix.
"""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

from nbgrader.utils import parse_utc

from peer2peer.cohort.grading import LEDGER, load_ledger
from peer2peer.cohort.ids import TRAINEE_FOLDERS, course_exchange, known_modules
from peer2peer.cohort.settings import CohortError, CohortSettings

STAMP = "timestamp.txt"
#: How nbgrader writes the time a module was handed in.
STAMP_EXAMPLE = "2027-03-01 14:05:00.000000 UTC"
#: What an operating system says when a folder cannot be written to.
NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


def check_writable(cohort: Path, settings: CohortSettings) -> None:
    """The cohort folder, its SQLite gradebook and its exchange can be written to."""
    folders = [cohort]
    if settings.db_url.startswith("sqlite:///"):
        database = Path(settings.db_url.removeprefix("sqlite:///"))
        folders.append(database.parent)
    exchange = course_exchange(settings)
    folders.append(exchange if exchange.is_dir() else Path(settings.exchange))
    for folder in dict.fromkeys(folders):
        if folder.is_dir() and not _can_write(folder):
            raise CohortError(read_only_message(folder))


def read_only_message(where: Path | str, before_any_change: bool = True) -> str:
    """What to say when a folder or file of the cohort cannot be written to."""
    outcome = "nothing was changed" if before_any_change else "the command stopped there"
    return (
        f"{where} cannot be written to (it is read-only, or belongs to another account), so "
        f"{outcome}. Run the command as the account that made the cohort, or make the folder "
        "writable again (for example: chmod -R u+w FOLDER)"
    )


def _can_write(folder: Path) -> bool:
    # Try it: permission bits say nothing of a read-only disk, or of what root may do.
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError as error:
        if error.errno in NOT_WRITABLE:
            return False
        raise


def check_ledger(cohort: Path) -> None:
    """grading.json, the record of what was graded, can be read."""
    path = cohort / LEDGER
    try:
        ledger = load_ledger(cohort)
        readable = isinstance(ledger, dict) and all(isinstance(m, dict) for m in ledger.values())
    except (OSError, ValueError):
        readable = False
    if not readable:
        raise CohortError(
            f"{path} (the record of what was already graded) is damaged and cannot be read. "
            f"Rename it (for example to {LEDGER}.damaged) and run the command again: the next "
            "`peer2peer grade` grades every submission again, and marks already given are kept"
        )


def check_timestamps(cohort: Path, settings: CohortSettings, modules: list[str]) -> None:
    """Every time nbgrader will read for these modules is one it can read; each bad one named."""
    problems = []
    for module in known_modules(settings, modules):
        for part in TRAINEE_FOLDERS:
            for stamp in sorted((cohort / part).glob(f"*/{module}/{STAMP}")):
                if not _readable_time(stamp):
                    problems.append(
                        f"{stamp}: the time in this file cannot be read. Write the time it was "
                        f"handed in, like {STAMP_EXAMPLE}, or delete the file"
                    )
        inbound = course_exchange(settings) / "inbound"
        for copy in sorted(inbound.glob(f"*+{module}+*")):
            parts = copy.name.split("+")
            if len(parts) < 3 or not _parses(parts[2]):
                problems.append(
                    f"{copy}: this submission's name holds no time nbgrader can read. Move it "
                    "out of the exchange (the trainee can hand in again)"
                )
            elif (copy / STAMP).exists() and not _readable_time(copy / STAMP):
                problems.append(
                    f"{copy / STAMP}: the time in this file cannot be read. Write the time in the "
                    f"folder's name, like {STAMP_EXAMPLE}, or move the folder out of the exchange"
                )
    if problems:
        raise CohortError(
            "nbgrader cannot read these times, so nothing was collected or graded:\n  "
            + ".\n  ".join(problems)
        )


def _readable_time(stamp: Path) -> bool:
    try:
        said = stamp.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return False
    return not said or _parses(said)  # nbgrader skips an empty one


def _parses(said: str) -> bool:
    try:
        parse_utc(said)
    except (ValueError, OverflowError, TypeError):
        return False
    return True


def is_not_writable(error: BaseException) -> bool:
    """Whether an error says that a file or folder could not be written to."""
    if isinstance(error, OSError):
        return error.errno in NOT_WRITABLE
    words = str(error).lower()
    return "readonly database" in words or "read-only file system" in words
