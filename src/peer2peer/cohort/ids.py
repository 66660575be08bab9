"""Trainee and module ids checked before any file is read or deleted through them.

An id given on a command line becomes part of a path (submitted/<trainee>/<module>), so
each is checked twice: it must have the shape of an id (no "/", "..", "*" or empty), and it
must belong to this cohort. Every path built from an id is checked again to lie inside the
folder it should, before anything there is deleted.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from nbgrader.api import MissingEntry

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.roster import TRAINEE_ID
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.curriculum.schema import MODULE_ID_PATTERN

#: The cohort's folders that hold one sub-folder per trainee.
TRAINEE_FOLDERS = ("submitted", "autograded", "feedback")
EXPORTS = "exports"


def trainee_id_shape(trainee: str) -> str:
    """The id, if it has the shape of a trainee id; otherwise a CohortError saying so."""
    if not isinstance(trainee, str) or not TRAINEE_ID.fullmatch(trainee):
        raise CohortError(
            f"{trainee!r} is not a trainee id (ids are letters, digits, dots, hyphens and "
            "underscores, such as dundee-07). Nothing was changed. Give the id as the roster has it"
        )
    return trainee


def module_id_shape(module: str) -> str:
    """The id, if it has the shape of a module id; otherwise a CohortError saying so."""
    if not isinstance(module, str) or not MODULE_ID_PATTERN.fullmatch(module):
        raise CohortError(
            f"{module!r} is not a module id (ids are two digits, a hyphen and a name, such as "
            "01-recovery). Nothing was changed. Give the id as cohort.yml lists it"
        )
    return module


def known_module(settings: CohortSettings, module: str) -> str:
    """A module id listed in cohort.yml, or a CohortError naming the modules there are."""
    module_id_shape(module)
    if module not in settings.modules:
        raise CohortError(
            f"there is no module {module!r} in this cohort. Nothing was changed. Its modules: "
            + ", ".join(settings.modules)
        )
    return module


def known_modules(settings: CohortSettings, modules: list[str]) -> list[str]:
    """Every id checked with `known_module`, before any of them is used."""
    return [known_module(settings, module) for module in modules]


def known_trainee(cohort: Path, settings: CohortSettings, trainee: str) -> str:
    """A trainee of this cohort: on the roster, or with data in the cohort or its exchange."""
    trainee_id_shape(trainee)
    if not has_trainee(cohort, settings, trainee):
        raise CohortError(
            f"there is no trainee {trainee!r} in this cohort. Nothing was changed. "
            "Check the id against the roster (ids are matched exactly, capitals too)"
        )
    return trainee


def has_trainee(cohort: Path, settings: CohortSettings, trainee: str) -> bool:
    """Whether anything of this trainee is in the cohort: roster, folders, exchange, exports."""
    trainee_id_shape(trainee)
    with gradebook(settings) as book:
        try:
            book.find_student(trainee)
            return True
        except MissingEntry:
            pass
    if any(present(inside(cohort / part, cohort / part / trainee)) for part in TRAINEE_FOLDERS):
        return True
    if any(inbound_copies(settings, trainee)):
        return True
    return any(trainee in export_ids(path) for path in export_files(cohort))


def course_exchange(settings: CohortSettings) -> Path:
    """The cohort's course folder inside nbgrader's exchange."""
    return Path(settings.exchange) / settings.course_id


def inbound_copies(settings: CohortSettings, trainee: str) -> list[Path]:
    """Every submission of the trainee waiting in the exchange, at every time they handed in.

    A link there is not a hand-in (it could point at another trainee's folder), so it is
    left out: nothing is read, changed or deleted through it.
    """
    inbound = course_exchange(settings) / "inbound"
    return [
        inside(inbound, path)
        for path in sorted(inbound.glob(f"{trainee_id_shape(trainee)}+*"))
        if path.name.split("+", 1)[0] == trainee and not path.is_symlink()
    ]


def export_files(cohort: Path) -> list[Path]:
    """The CSV files `peer2peer export` wrote into the cohort."""
    return sorted((cohort / EXPORTS).glob("*.csv"))


def export_ids(path: Path) -> set[str]:
    """The trainee ids in an export's trainee_id column (none when it cannot be read)."""
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            return {row.get("trainee_id") or "" for row in csv.DictReader(stream)}
    except (OSError, UnicodeDecodeError, csv.Error):
        return set()


def inside(folder: Path, path: Path) -> Path:
    """`path`, if it lies inside `folder` once links and ".." are resolved; else a CohortError.

    The last part of `path` is not followed: deleting a link deletes the link, never what
    it points to.
    """
    where = path.parent.resolve() / path.name
    top = folder.resolve()
    if path.name in ("", ".", "..") or where == top or not where.is_relative_to(top):
        raise CohortError(
            f"{path} is not inside {folder}, so nothing there was touched. "
            "Check the cohort's folders for a link that points elsewhere"
        )
    return path


def present(path: Path) -> bool:
    """Whether a file, folder or link (even a broken one) is at `path`."""
    return path.exists() or path.is_symlink()


def remove_inside(folder: Path, path: Path) -> bool:
    """Delete a file, folder or link inside `folder` (a link itself, not what it points to)."""
    inside(folder, path)
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    else:
        return False
    return True
