"""Create a cohort: an nbgrader course folder outside the repository, built from the curriculum."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from peer2peer.cohort.course import gradebook, prepare_database, write_cohort_config
from peer2peer.cohort.observed import default_checklists
from peer2peer.cohort.settings import CohortError, CohortSettings, course_id_for, save_settings
from peer2peer.curriculum.paths import COURSE_FOLDER
from peer2peer.notebooks import build_course
from peer2peer.notebooks.cohort_kit import copy_kit
from peer2peer.notebooks.item_map import load_item_map
from peer2peer.notebooks.nbgrader_course import generate_assignment


def init_cohort(
    cohort: Path,
    name: str,
    curriculum: Path,
    start: date | None = None,
    db_url: str | None = None,
    exchange: Path | None = None,
) -> CohortSettings:
    """Build the curriculum and make a cohort of it at `cohort`, with an empty roster."""
    cohort = cohort.resolve()
    curriculum = curriculum.resolve()
    if cohort == curriculum or curriculum in cohort.parents:
        raise CohortError(
            f"{cohort} is inside the curriculum folder. A cohort holds personal data, so "
            "choose a folder outside the repository, for example ~/cohorts/dundee-2027"
        )
    if cohort.exists() and any(cohort.iterdir()):
        raise CohortError(f"{cohort} already exists and is not empty. Choose a new folder")
    report = build_course(curriculum, curriculum / COURSE_FOLDER)
    cohort.mkdir(parents=True, exist_ok=True)
    cohort.chmod(0o700)  # personal data: the trainer's alone
    exchange = (exchange or cohort / "exchange").resolve()
    exchange.mkdir(parents=True, exist_ok=True)
    modules = sorted(p.name for p in (report.course / "source").iterdir() if p.is_dir())
    settings = CohortSettings(
        name=name,
        course_id=course_id_for(name),
        start=start or date.today(),
        curriculum=str(curriculum),
        modules=modules,
        db_url=database_url(db_url) if db_url else f"sqlite:///{cohort / 'gradebook.db'}",
        exchange=str(exchange),
        observed_practice=default_checklists(load_item_map(report.course), modules),
    )
    save_settings(cohort, settings)
    write_cohort_config(cohort, settings)
    shutil.copytree(report.course / "source", cohort / "source")
    copy_kit(report.course, cohort)
    for module_id in modules:
        generate_assignment(cohort, module_id, use_database=True)
    set_due_dates(settings)
    prepare_database(settings.db_url)  # after nbgrader made its tables
    return settings


def database_url(url: str) -> str:
    """A gradebook URL SQLAlchemy can open: postgresql:// is read with the psycopg driver."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    if url.startswith(("postgresql+", "sqlite:")):
        return url
    raise CohortError(f"{url!r} is not a database URL. Give postgresql://user@host:port/name")


def set_due_dates(settings: CohortSettings) -> None:
    """Record each module's due date in the gradebook, where nbgrader measures lateness."""
    with gradebook(settings) as book:
        for module_id in settings.modules:
            book.update_or_create_assignment(module_id, duedate=settings.due_date(module_id))
