"""Export the cohort's progress and results: one CSV row per trainee and module."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from nbgrader.api import MissingEntry

from .course import gradebook
from .grading import load_ledger
from .settings import CohortSettings

COLUMNS = [
    "trainee_id",
    "first_name",
    "last_name",
    "module",
    "status",
    "submitted_at",
    "late",
    "score",
    "max_score",
    "needs_marking",
]


def spreadsheet_safe(value: object) -> str:
    """Text a spreadsheet shows as text: a leading = + - @ would make it a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def progress_rows(cohort: Path, settings: CohortSettings) -> list[dict[str, object]]:
    """Each trainee's status and results in each module, from the gradebook and the ledger."""
    ledger = load_ledger(cohort)
    rows = []
    with gradebook(settings) as book:
        for student in sorted(book.students, key=lambda s: s.id):
            for module in settings.modules:
                row = {
                    "trainee_id": student.id,
                    "first_name": student.first_name,
                    "last_name": student.last_name,
                    "module": module,
                }
                record = ledger.get(module, {}).get(student.id, {})
                if record and not record.get("graded"):
                    rows.append({**row, "status": "could not be graded"})
                    continue
                try:
                    submission = book.find_submission(module, student.id)
                except MissingEntry:
                    rows.append({**row, "status": "not submitted"})
                    continue
                status = "graded" if record.get("graded") else "submitted"
                if submission.needs_manual_grade:
                    status = "needs marking"
                elif (cohort / "feedback" / student.id / module).is_dir():
                    status = "feedback released"
                rows.append(
                    {
                        **row,
                        "status": status,
                        "submitted_at": submission.timestamp,
                        "late": submission.total_seconds_late > 0,
                        "score": round(submission.score, 2),
                        "max_score": submission.max_score,
                        "needs_marking": submission.needs_manual_grade,
                    }
                )
    return rows


def export_csv(cohort: Path, settings: CohortSettings, target: Path | None = None) -> Path:
    """Write the progress CSV (default: exports/progress-<date>.csv in the cohort)."""
    target = target or cohort / "exports" / f"progress-{datetime.now():%Y-%m-%d}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in progress_rows(cohort, settings):
        writer.writerow({key: spreadsheet_safe(row.get(key)) for key in COLUMNS})
    target.write_text(buffer.getvalue(), encoding="utf-8")
    target.chmod(0o600)
    return target
