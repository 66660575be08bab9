"""Who came to each group session, as tables for pages, exports and the completion rules.

Read-only: the register is written by `peer2peer.cohort.attendance`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peer2peer.cohort.attendance import ABSENT, ATTENDED, EXCUSED, LATE, Entry, load_register
from peer2peer.cohort.settings import CohortSettings

NOT_RECORDED = "not recorded"
CAUGHT_UP = "caught up"
#: Every word a register cell can show, in the order a trainer reads them.
ATTENDANCE_WORDS = ["present", LATE, EXCUSED, ABSENT, NOT_RECORDED]


@dataclass(frozen=True, slots=True)
class SessionAttendance:
    """One trainee at one module's group session."""

    trainee: str
    name: str
    module: str
    status: str  # a register mark, or NOT_RECORDED
    note: str = ""
    caught_up: bool = False

    @property
    def words(self) -> str:
        """The cell as a trainer reads it: "absent, caught up"."""
        return f"{self.status}, {CAUGHT_UP}" if self.caught_up else self.status


@dataclass(frozen=True, slots=True)
class AttendanceCounts:
    """One trainee's sessions, counted."""

    attended: int  # present or late
    late: int
    missed: int  # absent or excused, without a catch-up that counts
    excused: int  # of the missed
    caught_up: int
    not_recorded: int


def attendance_table(
    cohort: Path, settings: CohortSettings, trainees: dict[str, str]
) -> list[SessionAttendance]:
    """Every trainee x every module's session, with what the register says."""
    register = load_register(cohort)
    table = []
    for trainee, name in trainees.items():
        for module in settings.modules:
            entry: Entry | None = register.get(module, {}).get(trainee)
            if entry is None:
                table.append(SessionAttendance(trainee, name, module, NOT_RECORDED))
            else:
                table.append(
                    SessionAttendance(
                        trainee, name, module, entry.status, entry.note, bool(entry.caught_up)
                    )
                )
    return table


def counts(rows: list[SessionAttendance], catch_up_counts: bool = True) -> AttendanceCounts:
    """Count one trainee's rows (a catch-up turns a missed session into attended, if it counts)."""
    attended = late = missed = excused = caught_up = unrecorded = 0
    for row in rows:
        if row.status == NOT_RECORDED:
            unrecorded += 1
        elif row.status in ATTENDED:
            attended += 1
            late += row.status == LATE
        elif row.caught_up and catch_up_counts:
            attended += 1
            caught_up += 1
        else:
            missed += 1
            excused += row.status == EXCUSED
    return AttendanceCounts(attended, late, missed, excused, caught_up, unrecorded)
