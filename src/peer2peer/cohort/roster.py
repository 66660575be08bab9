"""The roster: trainees imported from a CSV file, all or nothing, each bad line named."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Student
from sqlalchemy.exc import SQLAlchemyError

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.curriculum.problems import Problem

#: Ids nbgrader can use in folder and file names (it refuses "+" and "*").
TRAINEE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
COLUMNS = ("id", "first_name", "last_name", "email")
#: The longest name or email nbgrader's gradebook keeps (PostgreSQL refuses longer ones).
LONGEST = 128
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Trainee:
    """One row of the roster."""

    id: str
    first_name: str
    last_name: str
    email: str | None
    line: int = field(default=0, compare=False)  # in the roster file, for messages


def full_name(first_name: str | None, last_name: str | None) -> str:
    """A trainee's name as pages show it: "Ailsa Example", or as much of it as is known."""
    return f"{first_name or ''} {last_name or ''}".strip()


def trainee_label(trainee: str, name: str) -> str:
    """How every page and export names a trainee: "Ailsa Example (dundee-07)", or the id alone."""
    return f"{name} ({trainee})" if name else trainee


def read_roster(path: Path) -> tuple[list[Trainee], list[Problem]]:
    """Read a roster CSV (id, first_name, last_name, email optional); list every problem."""
    shown = str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        fix = "save the file as UTF-8 (in a spreadsheet: Save as, CSV UTF-8)"
        return [], [Problem(shown, line, "this line is not UTF-8 text", fix)]
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower().replace(" ", "_") for name in reader.fieldnames or []]
    missing = [column for column in COLUMNS[:3] if column not in header]
    if missing:
        fix = "the first line must be: id,first_name,last_name,email"
        return [], [Problem(shown, 1, f"the header has no `{missing[0]}` column", fix)]
    reader.fieldnames = header
    trainees, problems, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        values = {key: (row.get(key) or "").strip() for key in COLUMNS}
        found = _row_problems(values, seen, line)
        problems.extend(Problem(shown, line, what, fix) for what, fix in found)
        if not found:
            seen[values["id"]] = line
            trainees.append(
                Trainee(
                    values["id"],
                    values["first_name"],
                    values["last_name"],
                    values["email"] or None,
                    line,
                )
            )
    if not trainees and not problems:
        problems.append(Problem(shown, 1, "the roster has no trainees", "add one line per trainee"))
    return trainees, problems


def _row_problems(values: dict[str, str], seen: dict[str, int], line: int) -> list[tuple[str, str]]:
    trainee_id = values["id"]
    if not trainee_id:
        return [("the id is missing", "give every trainee an id, such as dundee-01")]
    if not TRAINEE_ID.fullmatch(trainee_id):
        return [(
            f"the id {trainee_id!r} cannot be used",
            "use letters, digits, dots, hyphens and underscores only (no spaces, + or *)",
        )]  # fmt: skip
    if trainee_id in seen:
        return [
            (
                f"the id {trainee_id!r} is already on line {seen[trainee_id]}",
                "give each trainee their own id",
            )
        ]
    for column, said in (
        ("first_name", "first name"),
        ("last_name", "last name"),
        ("email", "email"),
    ):
        if len(values[column]) > LONGEST:
            return [(
                f"the {said} is {len(values[column])} characters long; the gradebook keeps "
                f"at most {LONGEST}",
                f"shorten it to {LONGEST} characters or fewer",
            )]  # fmt: skip
    if values["email"] and not EMAIL.fullmatch(values["email"]):
        return [(f"{values['email']!r} is not an email address", "correct it, or leave it empty")]
    return []


@dataclass
class RosterChange:
    """What importing a roster changed."""

    added: list[str]
    updated: list[str]
    unchanged: list[str]


def add_trainees(settings: CohortSettings, trainees: list[Trainee]) -> RosterChange:
    """Add or update trainees in the gradebook, all or none; the same roster twice changes nothing.

    nbgrader commits each student on its own, so that a row the database refuses halfway
    would leave the ones before it added: here every row goes in one transaction, sent to
    the database at once. When the database refuses it, the rows are sent again one at a
    time, only to name the line it refuses; nothing is kept either way.
    """
    with gradebook(settings) as book:
        change = _stage(book, trainees)
        try:
            book.db.flush()
        except SQLAlchemyError:
            book.db.rollback()
            _find_refused(book, trainees)  # raises CohortError naming the line
            book.db.rollback()
            raise CohortError(
                "the gradebook refused the roster, so nobody was added. "
                "Check the roster file and run the command again"
            ) from None
        book.db.commit()
    return change


def _stage(book, trainees: list[Trainee]) -> RosterChange:
    """Add or change every trainee in the open transaction, without sending anything yet."""
    change = RosterChange([], [], [])
    known = {student.id: student for student in book.students}
    for trainee in trainees:
        fields = _fields(trainee)
        before = known.get(trainee.id)
        if before is not None and all(getattr(before, k) == v for k, v in fields.items()):
            change.unchanged.append(trainee.id)
            continue
        if before is None:
            book.db.add(Student(id=trainee.id, **fields))
        else:
            for key, value in fields.items():
                setattr(before, key, value)
        (change.updated if before is not None else change.added).append(trainee.id)
    return change


def _fields(trainee: Trainee) -> dict:
    return {
        "first_name": trainee.first_name,
        "last_name": trainee.last_name,
        "email": trainee.email,
    }


def _find_refused(book, trainees: list[Trainee]) -> None:
    """Send the rows one at a time to find the one the database refuses; raise naming it."""
    known = {student.id: student for student in book.students}
    for trainee in trainees:
        _write_student(book, known.get(trainee.id), trainee, _fields(trainee))


def _write_student(book, before, trainee: Trainee, fields: dict) -> None:
    """Add or change one student in the open transaction; a refusal names the roster line."""
    if before is None:
        book.db.add(Student(id=trainee.id, **fields))
    else:
        for key, value in fields.items():
            setattr(before, key, value)
    try:
        book.db.flush()
    except SQLAlchemyError as error:
        book.db.rollback()
        where = f"line {trainee.line}" if trainee.line else f"the trainee {trainee.id!r}"
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise CohortError(
            f"the gradebook refused {where} of the roster ({reason}), so nobody was added. "
            "Correct that line and run the command again"
        ) from error
