"""The roster's names by trainee id, read with one query (for the register and certificates)."""

from __future__ import annotations

from nbgrader.api import Student
from sqlalchemy import select

from peer2peer.cohort.database import engine_for
from peer2peer.cohort.roster import full_name
from peer2peer.cohort.settings import CohortError, CohortSettings

_STUDENTS = Student.__table__


def roster_names(settings: CohortSettings) -> dict[str, str]:
    """Trainee id -> "First Last" (empty when the roster has no name), in id order."""
    query = select(_STUDENTS.c.id, _STUDENTS.c.first_name, _STUDENTS.c.last_name).order_by(
        _STUDENTS.c.id
    )
    with engine_for(settings.db_url) as engine, engine.connect() as connection:
        rows = connection.execute(query).all()
    return {row.id: full_name(row.first_name, row.last_name) for row in rows}


def known_trainee(settings: CohortSettings, trainee: str) -> str:
    """The trainee's name; a CohortError when they are not on the roster."""
    names = roster_names(settings)
    if trainee not in names:
        raise CohortError(
            f"there is no trainee {trainee!r} in this cohort. "
            "Check the id, or add them with `peer2peer cohort add-trainees`"
        )
    return names[trainee]
