"""The nbgrader course behind a cohort: its config, its gradebook, and nbgrader's own API."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nbgrader.api import Grade, Gradebook, SubmittedNotebook
from nbgrader.apps import NbGraderAPI
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from sqlalchemy import Index, MetaData
from traitlets.config import Config

from peer2peer.cohort.database import engine_for, sqlite_pragma
from peer2peer.cohort.settings import CohortSettings
from peer2peer.notebooks.nbgrader_course import ensure_tools_on_path, load_config, write_config

LOCK_FILE = ".gradebook.lock"


def write_cohort_config(cohort: Path, settings: CohortSettings) -> None:
    """Write the cohort's nbgrader_config.py: the course's settings plus where its data lives."""
    write_config(
        cohort,
        settings.course_id,
        extra=[
            f"c.CourseDirectory.db_url = {settings.db_url!r}",
            f"c.Exchange.root = {settings.exchange!r}",
            f"c.Exchange.timezone = {settings.timezone!r}",
        ],
    )


def cohort_config(cohort: Path) -> Config:
    """The cohort's nbgrader config, as nbgrader's own commands read it."""
    return load_config(cohort)


def api(cohort: Path, config: Config | None = None) -> NbGraderAPI:
    """nbgrader's Python API for this cohort."""
    ensure_tools_on_path()
    config = config or cohort_config(cohort)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(
        coursedir=coursedir, authenticator=Authenticator(config=config), config=config
    )


@contextmanager
def gradebook(settings: CohortSettings) -> Iterator[Gradebook]:
    """nbgrader's gradebook of the cohort."""
    ensure_tools_on_path()
    with Gradebook(settings.db_url, settings.course_id) as book:
        yield book


#: Copies of nbgrader's tables in a collection of our own, so that our indexes never join
#: nbgrader's schema (nbgrader would otherwise create them in every gradebook it makes).
_OURS = MetaData()
_GRADE = Grade.__table__.to_metadata(_OURS)
_HANDED_IN = SubmittedNotebook.__table__.to_metadata(_OURS)

#: Indexes nbgrader's schema lacks for reading a whole cohort at once (progress queries):
#: without them every read of the cohort table scans all grades. Each holds every column
#: the cohort table reads, so the query never visits the tables themselves.
READ_INDEXES = [
    Index(
        "p2p_grade_scores_by_notebook",
        *_GRADE.c[
            "notebook_id", "manual_score", "auto_score", "extra_credit", "needs_manual_grade"
        ],
    ),
    Index("p2p_submitted_notebook_ids_by_submission", *_HANDED_IN.c["assignment_id", "id"]),
]


def prepare_database(db_url: str) -> None:
    """Make a gradebook (already created by nbgrader) fast to read by dashboards.

    SQLite gets write-ahead logging, so that readers never block grading. Both SQLite
    and PostgreSQL get indexes for the cohort-wide queries; they add nothing nbgrader reads.
    """
    with engine_for(db_url) as engine, engine.begin() as connection:
        sqlite_pragma(connection, "journal_mode=WAL")
        for index in READ_INDEXES:
            index.create(connection, checkfirst=True)


@contextmanager
def writing(cohort: Path) -> Iterator[None]:
    """Hold the cohort's write lock: parallel graders write the gradebook one at a time."""
    with (cohort / LOCK_FILE).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
