"""Export the cohort's progress and results: one CSV row per trainee and module.

The rows are the cohort page's table (`status.cohort_progress`, one query), in the same
status words, with each trainee's completion in the words of `peer2peer completion`
(`completion.completion_statuses`). Written in one pass, then renamed into place whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from peer2peer.cohort.settings import CohortSettings
from peer2peer.progress.completion import TraineeCompletion, completion_statuses
from peer2peer.progress.status import NEEDS_MARKING, cohort_progress, cycle_collector_paused
from peer2peer.shared.files import atomic_write_text

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
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """Text a spreadsheet shows as text: a leading = + - @ would make it a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def progress_rows(cohort: Path, settings: CohortSettings) -> list[dict[str, object]]:
    """Each trainee's status and results in each module, in the dashboard's words."""
    return [dict(zip(COLUMNS, row, strict=True)) for row in _rows(cohort, settings)]


def _rows(cohort: Path, settings: CohortSettings) -> Iterator[tuple[object, ...]]:
    """The export's rows in COLUMNS order (None where a module has no hand-in or no score)."""
    progress = cohort_progress(cohort, settings)
    completion = completion_statuses(cohort, settings, progress)
    for row in progress:
        handed_in = row.submitted_at is not None
        scored = row.score is not None
        yield (
            row.trainee,
            row.name,
            row.module,
            row.status,
            row.submitted_at,
            row.late if handed_in else None,
            row.score,
            row.max_score if scored else None,
            row.status == NEEDS_MARKING if scored else None,
            completion[row.trainee],
        )


def export_csv(cohort: Path, settings: CohortSettings, target: Path | None = None) -> Path:
    """Write the progress CSV, all or nothing (default: exports/progress-<date>.csv)."""
    target = target or cohort / "exports" / f"progress-{datetime.now():%Y-%m-%d}.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    with cycle_collector_paused():  # tens of thousands of rows, none with a cycle
        writer.writerows([spreadsheet_safe(v) for v in row] for row in _rows(cohort, settings))
    atomic_write_text(target, buffer.getvalue())
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
