"""The register: who came to each module's group session, kept in attendance.json in the cohort.

One entry per trainee and session: present, late, excused or absent, an optional note, and,
for a missed session, whether the trainee has since done a catch-up. Each entry says who
took it and when. This module is the file's one reader and writer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from peer2peer.cohort.course import writing
from peer2peer.cohort.names import known_trainee, roster_names
from peer2peer.cohort.people import current_person, now_text
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.shared.files import atomic_write_json

REGISTER_FILE = "attendance.json"
PRESENT, LATE, EXCUSED, ABSENT = "present", "late", "excused", "absent"
#: In the order the register offers them; each starts with its own letter (P, L, E, A).
ATTENDANCE_STATUSES = [PRESENT, LATE, EXCUSED, ABSENT]
ATTENDED = {PRESENT, LATE}
NOTE_LIMIT = 500


@dataclass(frozen=True)
class Entry:
    """One trainee at one session."""

    module: str
    trainee: str
    status: str
    note: str = ""
    caught_up: str = ""  # when a catch-up was done, for a missed session
    by: str = ""
    at: str = ""


def load_register(cohort: Path) -> dict[str, dict[str, Entry]]:
    """Every entry: module -> trainee -> Entry (empty when no register was taken yet)."""
    path = cohort / REGISTER_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            module: {trainee: Entry(module, trainee, **fields) for trainee, fields in row.items()}
            for module, row in data["sessions"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CohortError(
            f"{path} cannot be read ({error}). Restore it from a backup, or move it away to "
            "start the register again"
        ) from error


def _save(cohort: Path, register: dict[str, dict[str, Entry]]) -> None:
    sessions = {
        module: {
            trainee: {k: v for k, v in vars(entry).items() if k not in ("module", "trainee")}
            for trainee, entry in sorted(row.items())
        }
        for module, row in register.items()
        if row
    }
    atomic_write_json(cohort / REGISTER_FILE, {"format": 1, "sessions": sessions})


def record_attendance(
    cohort: Path,
    settings: CohortSettings,
    module: str,
    trainee: str,
    status: str,
    note: str = "",
    by: str | None = None,
    check_roster: bool = True,
) -> Entry:
    """Record one trainee at one session; a second entry for the same session replaces the first.

    A catch-up already recorded stays with the entry unless the trainee is now marked as there.
    """
    status = status.strip().lower()
    if status not in ATTENDANCE_STATUSES:
        raise CohortError(
            f"{status!r} is not a register mark. Use one of: {', '.join(ATTENDANCE_STATUSES)}"
        )
    _check(settings, module, note)
    if check_roster:
        known_trainee(settings, trainee)
    with writing(cohort):
        register = load_register(cohort)
        before = register.get(module, {}).get(trainee)
        caught_up = before.caught_up if before and status not in ATTENDED else ""
        entry = Entry(
            module, trainee, status, note.strip(), caught_up, current_person(by), now_text()
        )
        register.setdefault(module, {})[trainee] = entry
        _save(cohort, register)
    return entry


def take_register(
    cohort: Path,
    settings: CohortSettings,
    module: str,
    marks: dict[str, tuple[str, str]],
    by: str | None = None,
) -> int:
    """Record a whole session at once: trainee -> (status, note); returns how many."""
    unknown = sorted(set(marks) - set(roster_names(settings)))
    if unknown:
        raise CohortError(f"there is no trainee {unknown[0]!r} in this cohort")
    for status, note in marks.values():
        if status not in ATTENDANCE_STATUSES:
            raise CohortError(f"{status!r} is not a register mark")
        _check(settings, module, note)
    who, when = current_person(by), now_text()
    with writing(cohort):
        register = load_register(cohort)
        row = register.setdefault(module, {})
        for trainee, (status, note) in marks.items():
            before = row.get(trainee)
            caught_up = before.caught_up if before and status not in ATTENDED else ""
            row[trainee] = Entry(module, trainee, status, note.strip(), caught_up, who, when)
        _save(cohort, register)
    return len(marks)


def record_catch_up(
    cohort: Path,
    settings: CohortSettings,
    module: str,
    trainee: str,
    note: str = "",
    by: str | None = None,
) -> Entry:
    """Record that a trainee who missed a session has done its catch-up."""
    _check(settings, module, note)
    with writing(cohort):
        register = load_register(cohort)
        before = register.get(module, {}).get(trainee)
        if before is None or before.status in ATTENDED:
            raise CohortError(
                f"{trainee} is not marked absent or excused for {module}, so there is no "
                "catch-up to record. Mark the session first"
            )
        words = "; ".join(w for w in (before.note, note.strip()) if w)
        entry = Entry(
            module, trainee, before.status, words, now_text(), current_person(by), now_text()
        )
        register[module][trainee] = entry
        _save(cohort, register)
    return entry


def _check(settings: CohortSettings, module: str, note: str) -> None:
    if module not in settings.modules:
        raise CohortError(
            f"there is no module {module!r} in this cohort. Its modules: "
            + ", ".join(settings.modules)
        )
    if len(note) > NOTE_LIMIT:
        raise CohortError(f"the note is too long. Keep it under {NOTE_LIMIT} characters")


def forget_attendance(cohort: Path, trainee: str) -> int:
    """Remove a trainee from every session's register; returns how many entries went.

    The caller holds the cohort's write lock (`forget` does); running it again is harmless.
    """
    register = load_register(cohort)
    removed = sum(row.pop(trainee, None) is not None for row in register.values())
    if removed:
        _save(cohort, register)
    return removed
