"""What each trainee's home shows about them, built on the trainer's side and posted to them.

A trainee's server never opens the gradebook or the cohort folder, so the trainer's side
builds each trainee's own facts here and posts them to that trainee's letterbox
(`peer2peer.shared.mailbox`): each released module with its title, their due date (with their own
extension), its state, when they handed it in, the outcomes they have shown, and their
attendance at its group session. Nothing of another trainee, and none of their words: no
reflection, no story, no register note and no label of an adjustment (those can be health
information), so the letterbox never holds them.

The states are the contract between the two sides: the trainee's home (`dashboard.home_page`)
has words for each, and adds what only their own folder knows (not started, in progress,
handed in since the trainer last looked).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from nbgrader.utils import parse_utc

from peer2peer.cohort.adjustments import EXTENSION, load_adjustments
from peer2peer.cohort.attendance import ATTENDED
from peer2peer.cohort.grading import load_ledger
from peer2peer.cohort.settings import CohortSettings
from peer2peer.progress import status as cohort_status
from peer2peer.progress.attendance import NOT_RECORDED, attendance_table
from peer2peer.progress.outcomes import EVIDENCED, NOT_ASSESSED, WAITING
from peer2peer.progress.snapshot import CohortData
from peer2peer.shared.mailbox import letterbox, post_status

#: The version of status.json; the home reads only a format it knows.
FORMAT = 1

# A module's state, as the trainer's side knows it.
NOT_HANDED_IN = "not handed in"
BEING_MARKED = "being marked"
FEEDBACK_READY = "feedback ready"
NOT_GRADED = "could not be graded"
STATES = [NOT_HANDED_IN, BEING_MARKED, FEEDBACK_READY, NOT_GRADED]

#: The cohort table's status -> the state a trainee is told.
FROM_COHORT_STATUS = {
    cohort_status.NOT_SUBMITTED: NOT_HANDED_IN,
    cohort_status.NOT_GRADED: NOT_GRADED,
    cohort_status.SUBMITTED: BEING_MARKED,
    cohort_status.NEEDS_MARKING: BEING_MARKED,
    cohort_status.MARKED: BEING_MARKED,  # marked, but the trainee has no feedback yet
    cohort_status.FEEDBACK_SENT: FEEDBACK_READY,
}

# An outcome, as a trainee is told it.
SHOWN, WAITING_FOR_TRAINER, NOT_YET = "shown", "waiting", "not yet"


def build_statuses(
    data: CohortData, trainees: Iterable[str] | None = None, now: datetime | None = None
) -> dict[str, dict[str, Any]]:
    """Trainee id -> what their home shows (only their own facts), for `trainees` (default all)."""
    known = data.trainees
    wanted = list(known) if trainees is None else [t for t in trainees if t in known]
    extensions = _extensions(data.cohort)
    ledger = load_ledger(data.cohort)
    sessions = {
        (row.trainee, row.module): row
        for row in attendance_table(data.cohort, data.settings, {t: "" for t in wanted})
    }
    evidence: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in data.evidence:
        if row.trainee in wanted and row.status != NOT_ASSESSED:
            evidence.setdefault((row.trainee, row.module), []).append((row.text, row.status))
    posted = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    statuses = {}
    for trainee in wanted:
        modules = []
        for row in data.progress:
            if row.trainee != trainee or row.status == cohort_status.NOT_RELEASED:
                continue
            days = extensions.get((trainee, row.module), 0)
            due = data.settings.due_date(row.module) + timedelta(days=days)
            session = sessions.get((trainee, row.module))
            state = FROM_COHORT_STATUS.get(row.status, NOT_HANDED_IN)
            # Feedback sent before every reflection was marked: it is there to read.
            sent = (data.cohort / "feedback" / trainee / row.module).is_dir()
            if state == BEING_MARKED and row.status != cohort_status.SUBMITTED and sent:
                state = FEEDBACK_READY
            # What a mark showed reaches the trainee with their feedback, not before.
            told = state == FEEDBACK_READY
            modules.append(
                {
                    "id": row.module,
                    "title": data.item_map.title(row.module),
                    "due": due.isoformat(timespec="minutes"),
                    "extension_days": days,
                    "state": state,
                    "handed_in": _handed_in(row, ledger.get(row.module, {}).get(trainee)),
                    "late": bool(row.late),
                    "outcomes": [
                        {
                            "outcome": text,
                            "state": _outcome_state(found) if told else WAITING_FOR_TRAINER,
                        }
                        for text, found in evidence.get((trainee, row.module), [])
                    ],
                    "session": _session(session),
                }
            )
        statuses[trainee] = {
            "format": FORMAT,
            "trainee": trainee,
            "posted": posted,
            "timezone": data.settings.timezone,
            "modules": modules,
        }
    return statuses


def publish_status(
    cohort: Path, settings: CohortSettings, trainees: Iterable[str] | None = None
) -> list[str]:
    """Post each trainee's status (default: everyone's) to their letterbox; return who got one."""
    data = CohortData.read(cohort)
    exchange = Path(settings.exchange)
    statuses = build_statuses(data, trainees)
    for trainee, status in statuses.items():
        post_status(letterbox(exchange, settings.course_id, trainee), status)
    return list(statuses)


def _extensions(cohort: Path) -> dict[tuple[str, str], int]:
    """(trainee, module) -> days of more time (the latest extension given)."""
    found = {}
    for trainee, adjustments in load_adjustments(cohort).items():
        for adjustment in adjustments:  # oldest first: the latest wins
            if adjustment.kind == EXTENSION:
                found[(trainee, adjustment.module)] = adjustment.days
    return found


def _handed_in(row: cohort_status.ModuleProgress, record: dict | None) -> str | None:
    """When the trainee last handed the module in, as an ISO time in UTC, or None."""
    when: datetime | None = row.submitted_at
    if when is None and record and record.get("submitted"):
        try:
            when = parse_utc(record["submitted"])
        except (ValueError, TypeError, OverflowError):
            when = None
    if when is None:
        return None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.isoformat()  # to the microsecond: the home compares it with its own copy


def _outcome_state(status: str) -> str:
    if status == EVIDENCED:
        return SHOWN
    return WAITING_FOR_TRAINER if status == WAITING else NOT_YET


def _session(row) -> dict[str, Any]:
    """Their attendance at a module's group session: the register mark, never its note."""
    if row is None or row.status == NOT_RECORDED:
        return {"status": NOT_RECORDED, "attended": False, "caught_up": False}
    return {
        "status": row.status,
        "attended": row.status in ATTENDED,
        "caught_up": bool(row.caught_up),
    }
