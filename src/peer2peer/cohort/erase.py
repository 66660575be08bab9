"""Erase one trainee from a cohort: every row, file and copy that holds their data.

An erasure is planned, written down, then carried out, so that a crash cannot leave it
half done:

1. The id is checked: the shape of an id first (nothing is read through "..", "/" or "*"),
   then that it belongs to this cohort.
2. A journal, erasing.json, records whom we are erasing and which feedback pages in the
   exchange are theirs. Those pages are named by a hash of each submission's secret, and
   the secrets go with the submissions, so they are found before anything is deleted.
3. Each kind of copy is removed in turn: feedback pages and submissions in the exchange,
   the cohort's folders, exports, the ledger, rubric levels, then the gradebook. Every
   step can run again.
4. The journal goes last. Until then, `forget` with the same id finishes the erasure,
   and refuses any other id.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import MissingEntry

from peer2peer.cohort.course import gradebook, writing
from peer2peer.cohort.create import check_course_owner
from peer2peer.cohort.database import engine_for, sqlite_pragma, vacuum
from peer2peer.cohort.grading import LEDGER, load_ledger
from peer2peer.cohort.hand_in_secret import SECRET, feedback_pages, secret_of
from peer2peer.cohort.ids import (
    EXPORTS,
    TRAINEE_FOLDERS,
    course_exchange,
    export_files,
    inbound_copies,
    inside,
    known_trainee,
    present,
    remove_inside,
    trainee_id_shape,
)
from peer2peer.cohort.marking import forget_marks
from peer2peer.cohort.records import RecordsErased, erase_records
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.shared.files import atomic_write_json, atomic_write_text
from peer2peer.shared.mailbox import PERSONAL

JOURNAL = "erasing.json"


@dataclass
class Erased:
    """What was removed, said so that a trainer can tell the trainee."""

    gradebook_rows: bool = False
    folders: list[str] = field(default_factory=list)
    exchange_files: int = 0
    ledger_entries: int = 0
    rubric_marks: int = 0
    #: each export that held the trainee: "exports/x.csv: their rows removed" or "...: removed"
    exports: list[str] = field(default_factory=list)
    #: the ledger could not be read, so it was removed (the next `grade` rebuilds it)
    ledger_damaged: bool = False
    #: this run finished an erasure that an earlier run started and did not finish
    finished_earlier_run: bool = False
    #: the course records that went: register, observed practice, certificates...
    records: RecordsErased | None = None


@dataclass
class Erasure:
    """One erasure under way: whom, their feedback pages in the exchange, what went so far."""

    cohort: Path
    settings: CohortSettings
    trainee: str
    pages: list[str]
    erased: Erased


def erasure_in_progress(cohort: Path) -> str | None:
    """The id of a trainee whose erasure was started and not finished, if any."""
    journal = _journal(cohort)
    return journal["trainee"] if journal else None


def _journal(cohort: Path) -> dict | None:
    path = cohort / JOURNAL
    if not present(path):
        return None
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        trainee_id_shape(journal["trainee"])
        if not all(isinstance(page, str) for page in journal["pages"]):
            raise TypeError("pages")
        return journal
    except (OSError, ValueError, KeyError, TypeError, CohortError) as error:
        raise CohortError(
            f"{path} (the record of an erasure in progress) cannot be read. Look inside it "
            "for the trainee's id, delete the file, then run `peer2peer forget` with that id"
        ) from error


def check_forgettable(cohort: Path, settings: CohortSettings, trainee: str) -> None:
    """`forget` may go on: a trainee of this cohort, whose exchange course is this cohort's.

    While an erasure is unfinished, only that trainee may be forgotten (to finish it).
    """
    trainee_id_shape(trainee)
    check_course_owner(cohort, settings)
    journal = _journal(cohort)
    if journal is not None and journal["trainee"] != trainee:
        raise CohortError(
            f"the erasure of {journal['trainee']!r} was stopped part-way, so nothing was "
            f"changed. Finish it first: peer2peer forget {cohort} {journal['trainee']} --yes"
        )
    if journal is None:
        known_trainee(cohort, settings, trainee)


def forget(cohort: Path, settings: CohortSettings, trainee: str) -> Erased:
    """Remove a trainee from the gradebook, the cohort's folders, exports and the exchange."""
    trainee_id_shape(trainee)
    erased = Erased()
    with writing(cohort):
        check_forgettable(cohort, settings, trainee)
        journal = _journal(cohort)
        erased.finished_earlier_run = journal is not None
        pages = set(journal["pages"] if journal else [])
        pages |= _feedback_pages(cohort, settings, trainee)
        erasure = Erasure(cohort, settings, trainee, sorted(pages), erased)
        atomic_write_json(cohort / JOURNAL, {"trainee": trainee, "pages": erasure.pages})
        for step in STEPS:
            step(erasure)
        (cohort / JOURNAL).unlink()
    return erased


# --- what belongs to the trainee ---------------------------------------------------------


def _feedback_pages(cohort: Path, settings: CohortSettings, trainee: str) -> set[str]:
    """Names of the trainee's feedback pages in the exchange, from every copy of each secret."""
    secrets = set()
    notebooks = {path.stem for path in (cohort / "release").glob("*/*.ipynb")}
    for part in TRAINEE_FOLDERS:
        folder = inside(cohort / part, cohort / part / trainee)
        if folder.is_symlink():
            continue
        secrets |= {secret_of(path.parent) for path in folder.glob(f"*/{SECRET}")}
        notebooks |= {path.stem for path in folder.glob("*/*.ipynb")}
        notebooks |= {path.stem for path in folder.glob("*/*.html")}
    secrets |= {secret_of(copy) for copy in inbound_copies(settings, trainee)}
    released = course_exchange(settings) / "feedback"
    return set(feedback_pages(released, secrets, notebooks))


# --- the steps, in order -------------------------------------------------------------------


def _exchange_feedback(erasure: Erasure) -> None:
    """Every feedback page of theirs that the exchange holds, from every time they handed in."""
    released = course_exchange(erasure.settings) / "feedback"
    for name in erasure.pages:
        erasure.erased.exchange_files += remove_inside(released, released / name)


def _exchange_inbound(erasure: Erasure) -> None:
    """Every submission of theirs waiting in the exchange."""
    inbound = course_exchange(erasure.settings) / "inbound"
    for handed_in in inbound_copies(erasure.settings, erasure.trainee):
        erasure.erased.exchange_files += remove_inside(inbound, handed_in)


def _letterbox(erasure: Erasure) -> None:
    """Their letterbox: the status their home showed and any request not yet carried out."""
    personal = course_exchange(erasure.settings) / PERSONAL
    erasure.erased.exchange_files += remove_inside(personal, personal / erasure.trainee)


def _cohort_folders(erasure: Erasure) -> None:
    """submitted/, autograded/ and feedback/ of theirs in the cohort."""
    cohort, trainee = erasure.cohort, erasure.trainee
    for part in TRAINEE_FOLDERS:
        if remove_inside(cohort / part, cohort / part / trainee):
            erasure.erased.folders.append(f"{part}/{trainee}")


def _exports(erasure: Erasure) -> None:
    """Their rows in each export the cohort holds."""
    for path in export_files(erasure.cohort):
        said = _forget_in_export(erasure.cohort, path, erasure.trainee)
        if said:
            erasure.erased.exports.append(f"{path.relative_to(erasure.cohort).as_posix()}: {said}")


def _ledger(erasure: Erasure) -> None:
    """Their records in grading.json; a damaged ledger is removed (it may name them)."""
    path = erasure.cohort / LEDGER
    if not present(path):
        return
    try:
        ledger = load_ledger(erasure.cohort)
        readable = isinstance(ledger, dict) and all(isinstance(m, dict) for m in ledger.values())
    except (OSError, ValueError, CohortError):
        readable = False
    if not readable:
        # It cannot be read to take one trainee out. It only says what was graded already,
        # so the next `grade` grades every submission again; marks are kept.
        remove_inside(erasure.cohort, path)
        erasure.erased.ledger_damaged = True
        return
    removed = sum(module.pop(erasure.trainee, None) is not None for module in ledger.values())
    erasure.erased.ledger_entries = removed
    if removed:
        atomic_write_json(path, ledger)


def _rubric_levels(erasure: Erasure) -> None:
    """The rubric level chosen for each criterion when their reflections were marked."""
    erasure.erased.rubric_marks = forget_marks(erasure.settings, erasure.trainee)


def _course_records(erasure: Erasure) -> None:
    erasure.erased.records = erase_records(erasure.cohort, erasure.trainee)


def _gradebook(erasure: Erasure) -> None:
    """Their roster row, submissions, grades and comments; then SQLite forgets the bytes."""
    with gradebook(erasure.settings) as book:
        try:
            book.remove_student(erasure.trainee)
            erasure.erased.gradebook_rows = True
        except MissingEntry:
            pass
    _compact(erasure.settings.db_url)


#: The erasure, in order: the exchange first (so nothing is collected again), the gradebook last.
STEPS: list[Callable[[Erasure], None]] = [
    _exchange_feedback,
    _exchange_inbound,
    _letterbox,
    _cohort_folders,
    _exports,
    _ledger,
    _rubric_levels,
    _course_records,
    _gradebook,
]


# --- exports -------------------------------------------------------------------------------


def _forget_in_export(cohort: Path, path: Path, trainee: str) -> str:
    """Take the trainee's rows out of one export; remove the file if it cannot be read as one."""
    raw = path.read_bytes()
    if not re.search(rb"(?<![\w.-])" + re.escape(trainee.encode()) + rb"(?![\w.-])", raw):
        return ""
    try:
        reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
        rows = list(reader)
        columns = reader.fieldnames or []
    except (UnicodeDecodeError, csv.Error):
        columns, rows = [], []
    if "trainee_id" not in columns:
        remove_inside(cohort / EXPORTS, path)
        return "removed (it could not be read as an export, and it named them)"
    kept = [row for row in rows if row.get("trainee_id") != trainee]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(kept)
    atomic_write_text(path, buffer.getvalue())
    return f"their rows removed ({len(rows) - len(kept)})"


def _compact(db_url: str) -> None:
    """Rewrite an SQLite gradebook so that deleted rows leave no bytes behind."""
    if not db_url.startswith("sqlite"):
        return
    with engine_for(db_url) as engine, engine.connect() as connection:
        sqlite_pragma(connection, "wal_checkpoint(TRUNCATE)")
        vacuum(connection)
        sqlite_pragma(connection, "wal_checkpoint(TRUNCATE)")
