"""Export the cohort's progress and results: one CSV row per trainee and module.

The rows are the cohort page's table (`status.cohort_progress`), in the same status words,
with each trainee's completion in the words of `peer2peer completion`.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from peer2peer.cohort.settings import CohortSettings
from peer2peer.progress.completion import TraineeCompletion, cohort_completion
from peer2peer.progress.snapshot import CohortData
from peer2peer.progress.status import NEEDS_MARKING, cohort_progress

COLUMNS = [
    "trainee_id",
    "name",
    "module",
    "status",
    "submitted_at",
    "late",
    "score",
    "max_score",
    "needs_marking",
    "completion",
]
COMPLETION_COLUMNS = ["id", "name", "status", "reasons"]


def spreadsheet_safe(value: object) -> str:
    """Text a spreadsheet shows as text: a leading = + - @ would make it a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def progress_rows(cohort: Path, settings: CohortSettings) -> list[dict[str, object]]:
    """Each trainee's status and results in each module, in the dashboard's words."""
    rows = []
    data = CohortData.read(cohort)
    completion = {c.trainee: c.status for c in cohort_completion(data)}
    table = data.progress if data.settings == settings else cohort_progress(cohort, settings)
    for row in table:
        found: dict[str, object] = {
            "trainee_id": row.trainee,
            "name": row.name,
            "module": row.module,
            "status": row.status,
            "completion": completion.get(row.trainee, ""),
        }
        if row.submitted_at is not None:
            found |= {"submitted_at": row.submitted_at, "late": row.late}
        if row.score is not None:
            found |= {
                "score": row.score,
                "max_score": row.max_score,
                "needs_marking": row.status == NEEDS_MARKING,
            }
        rows.append(found)
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


def completion_csv(rows: list[TraineeCompletion]) -> str:
    """Completion as CSV: id, name, status (complete or not yet), reasons (joined by "; ")."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COMPLETION_COLUMNS)
    for row in rows:
        values = (row.trainee, row.name, row.status, "; ".join(row.reasons))
        writer.writerow([spreadsheet_safe(value) for value in values])
    return buffer.getvalue()
