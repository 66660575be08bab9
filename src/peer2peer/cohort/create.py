"""Create a cohort: an nbgrader course folder outside the repository, built from the curriculum."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from peer2peer.cohort.course import gradebook, prepare_database, write_cohort_config
from peer2peer.cohort.observed import default_checklists
from peer2peer.cohort.settings import CohortError, CohortSettings, course_id_for, save_settings
from peer2peer.curriculum.paths import COURSE_FOLDER
from peer2peer.curriculum.schema import ID_PATTERN
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
    course_id: str | None = None,
) -> CohortSettings:
    """Build the curriculum and make a cohort of it at `cohort`, with an empty roster."""
    cohort = cohort.resolve()
    curriculum = curriculum.resolve()
    course_id = check_course_id(course_id) if course_id else course_id_for(name)
    exchange = (exchange or cohort / "exchange").resolve()
    if cohort == curriculum or curriculum in cohort.parents:
        raise CohortError(
            f"{cohort} is inside the curriculum folder. A cohort holds personal data, so "
            "choose a folder outside the repository, for example ~/cohorts/dundee-2027"
        )
    if cohort.exists() and any(cohort.iterdir()):
        raise CohortError(f"{cohort} already exists and is not empty. Choose a new folder")
    _check_course_is_free(cohort, name, exchange, course_id)
    report = build_course(curriculum, curriculum / COURSE_FOLDER)
    cohort.mkdir(parents=True, exist_ok=True)
    cohort.chmod(0o700)  # personal data: the trainer's alone
    exchange.mkdir(parents=True, exist_ok=True)
    modules = sorted(p.name for p in (report.course / "source").iterdir() if p.is_dir())
    settings = CohortSettings(
        name=name,
        course_id=course_id,
        start=start or date.today(),
        curriculum=str(curriculum),
        modules=modules,
        db_url=database_url(db_url) if db_url else f"sqlite:///{cohort / 'gradebook.db'}",
        exchange=str(exchange),
        observed_practice=default_checklists(load_item_map(report.course), modules),
    )
    save_settings(cohort, settings)
    claim_course(cohort, settings)
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


# --- one cohort per course id on an exchange ----------------------------------------------

#: A file in the exchange's course folder naming the cohort that owns the course id.
OWNER_FILE = ".peer2peer-cohort.json"


def check_course_id(course_id: str) -> str:
    """A course id given by hand, if nbgrader and the exchange can use it."""
    if not ID_PATTERN.fullmatch(course_id) or len(course_id) > 60:
        raise CohortError(
            f"{course_id!r} cannot be a course id. Use lower-case letters, digits and hyphens, "
            "such as dundee-spring-2027"
        )
    return course_id


def claim_course(cohort: Path, settings: CohortSettings) -> None:
    """Write, in the exchange's course folder, which cohort owns this course id."""
    folder = Path(settings.exchange) / settings.course_id
    folder.mkdir(mode=0o755, exist_ok=True)
    owner = folder / OWNER_FILE
    owner.write_text(json.dumps({"cohort": str(cohort), "name": settings.name}) + "\n")
    owner.chmod(0o644)


def course_owner(exchange: Path, course_id: str) -> dict | None:
    """Which cohort owns a course id on an exchange, as its owner file says (None if none)."""
    owner = exchange / course_id / OWNER_FILE
    try:
        found = json.loads(owner.read_text(encoding="utf-8"))
        return found if isinstance(found, dict) and "cohort" in found else {"cohort": "?"}
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"cohort": "?"}


def check_course_owner(cohort: Path, settings: CohortSettings) -> None:
    """This cohort owns its course id on its exchange (an older cohort with no owner file does)."""
    owner = course_owner(Path(settings.exchange), settings.course_id)
    if owner is not None and owner["cohort"] != str(cohort.resolve()):
        raise CohortError(
            f"the course id {settings.course_id!r} on the exchange {settings.exchange} belongs "
            f"to another cohort ({owner.get('name', '?')!s}, in {owner['cohort']}), so nothing "
            "was changed: the two would share submissions and feedback. Make this cohort again "
            "with `peer2peer cohort init ... --course-id` and an id of its own"
        )


def _check_course_is_free(cohort: Path, name: str, exchange: Path, course_id: str) -> None:
    folder = exchange / course_id
    owner = course_owner(exchange, course_id)
    if owner is None and not (folder.is_dir() and any(folder.iterdir())):
        return
    if owner is not None and owner["cohort"] == str(cohort):
        return  # the same cohort folder, made again after it was emptied
    who = (
        f"the cohort {owner.get('name', '?')!s} in {owner['cohort']}"
        if owner
        else "a course made without peer2peer"
    )
    raise CohortError(
        f"the exchange {exchange} already has a course {course_id!r} ({who}); a second cohort "
        "with that id would share its trainees' submissions and feedback. Nothing was made. "
        f"Choose another --name than {name!r}, or give the cohort its own id with --course-id "
        f"(for example --course-id {course_id}-b)"
    )
