"""Erase one trainee from a cohort: every row, file and copy that holds their data."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import MissingEntry
from nbgrader.utils import notebook_hash
from sqlalchemy import create_engine, text

from peer2peer.cohort.course import gradebook, writing
from peer2peer.cohort.grading import LEDGER, load_ledger
from peer2peer.cohort.marking import forget_marks
from peer2peer.cohort.records import RecordsErased, erase_records
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.files import atomic_write_json


@dataclass
class Erased:
    """What was removed, said so that a trainer can tell the trainee."""

    gradebook_rows: bool = False
    folders: list[str] = field(default_factory=list)
    exchange_files: int = 0
    ledger_entries: int = 0
    rubric_marks: int = 0
    records: RecordsErased | None = None


def forget(cohort: Path, settings: CohortSettings, trainee: str) -> Erased:
    """Remove a trainee from the gradebook, the cohort's folders and the exchange."""
    erased = Erased()
    course_exchange = Path(settings.exchange) / settings.course_id
    with writing(cohort):
        for secret in sorted((cohort / "submitted" / trainee).glob("*/submission_secret.txt")):
            notebooks = [p.stem for p in secret.parent.glob("*.ipynb")]
            for notebook in notebooks:
                released = (
                    course_exchange
                    / "feedback"
                    / (
                        notebook_hash(secret=secret.read_text().strip(), notebook_id=notebook)
                        + ".html"
                    )
                )
                if released.exists():
                    released.unlink()
                    erased.exchange_files += 1
        for handed_in in sorted((course_exchange / "inbound").glob(f"{trainee}+*")):
            shutil.rmtree(handed_in)
            erased.exchange_files += 1
        for part in ("submitted", "autograded", "feedback"):
            folder = cohort / part / trainee
            if folder.exists():
                shutil.rmtree(folder)
                erased.folders.append(f"{part}/{trainee}")
        ledger = load_ledger(cohort)
        for module in ledger.values():
            erased.ledger_entries += module.pop(trainee, None) is not None
        atomic_write_json(cohort / LEDGER, ledger)
        erased.rubric_marks = forget_marks(settings, trainee)
        erased.records = erase_records(cohort, trainee)  # register, certificates...: records.py
        with gradebook(settings) as book:
            try:
                book.remove_student(trainee)
                erased.gradebook_rows = True
            except MissingEntry:
                pass
        _compact(settings.db_url)
    if not (erased.gradebook_rows or erased.folders or erased.exchange_files):
        raise CohortError(f"there is no trainee {trainee!r} in this cohort")
    return erased


def _compact(db_url: str) -> None:
    """Rewrite an SQLite gradebook so that deleted rows leave no bytes behind."""
    if not db_url.startswith("sqlite"):
        return
    engine = create_engine(db_url)
    with engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        connection.execute(text("VACUUM"))
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
