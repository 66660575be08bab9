"""Moving modules between trainer and trainees with nbgrader's own exchange."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import (
    ExchangeCollect,
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeSubmit,
)

from peer2peer.cohort.course import api, cohort_config
from peer2peer.cohort.feedback import write_feedback
from peer2peer.cohort.ids import known_modules, module_id_shape, trainee_id_shape
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.cohort.withdrawals import apply_withdrawals

log = logging.getLogger(__name__)


def _check(result: dict, what: str) -> None:
    if not result.get("success"):
        raise CohortError(f"nbgrader could not {what}: {result.get('error') or result.get('log')}")


def release(cohort: Path, settings: CohortSettings, modules: list[str]) -> None:
    """Put modules in the exchange for trainees to fetch (again, if released before).

    Each goes with its blank workbook as data (`workbooks.stored`), for the trainee's home
    to offer to print or open in Word.
    """
    project = _curriculum(settings)
    for module_id in known_modules(settings, modules):
        if project is not None:
            _release_workbook(cohort, project, module_id)
        config = cohort_config(cohort)
        config.ExchangeReleaseAssignment.force = True  # a corrected module replaces the old one
        _check(api(cohort, config).release_assignment(module_id), f"release {module_id}")


def _curriculum(settings: CohortSettings):
    """The curriculum the cohort was made from, or None (said in the log) when unreadable."""
    from peer2peer.curriculum.project import load_project

    try:
        project = load_project(Path(settings.curriculum))
    except Exception:  # noqa: BLE001 - the modules are released all the same
        project = None
    if project is None or project.problems:
        log.warning(
            "The curriculum at %s could not be read, so trainees' homes will not offer "
            "workbooks for the modules released now.",
            settings.curriculum,
        )
        return None
    return project


def _release_workbook(cohort: Path, project, module_id: str) -> None:
    """Write a module's blank workbook into its release folder, to travel with it."""
    from peer2peer.workbooks.stored import write_blank

    try:
        write_blank(cohort / "release" / module_id, project, module_id)
    except Exception:  # noqa: BLE001 - the module is released all the same
        log.warning("The workbook of %s could not be made, so it is not released.", module_id)


def collect(cohort: Path, settings: CohortSettings, modules: list[str]) -> None:
    """Copy every new submission from the exchange into submitted/.

    Stories withdrawn since are withdrawn first, so no copy of one is collected again.
    """
    apply_withdrawals(cohort, settings)
    config = cohort_config(cohort)
    config.ExchangeFactory.collect = LinkSafeCollect
    for module_id in known_modules(settings, modules):
        _check(api(cohort, config).collect(module_id, update=True), f"collect {module_id}")


class LinkSafeCollect(ExchangeCollect):
    """nbgrader's collect, except that a link in a hand-in is copied as a link.

    nbgrader copies what a link points to, with the trainer's rights: a trainee could hand
    in a link to another trainee's answers or to a system file. Copied as a link, it reads
    nothing, and grading refuses the hand-in with a plain reason (cohort.checks).
    """

    def do_copy(self, src, dest, log=None):
        """Copy one hand-in; one holding a link is copied link for link."""
        if any(
            os.path.islink(os.path.join(root, name))
            for root, folders, files in os.walk(src)
            for name in folders + files
        ):
            shutil.copytree(src, dest, symlinks=True)
        else:
            super().do_copy(src, dest, log)


def feedback(cohort: Path, settings: CohortSettings, modules: list[str]) -> None:
    """Make each graded trainee's feedback in plain words and release it through the exchange."""
    for module_id in known_modules(settings, modules):
        if write_feedback(cohort, settings, module_id):
            _check(api(cohort).release_feedback(module_id), f"release feedback for {module_id}")


def _as_trainee(cohort: Path, trainee_id: str, home: Path, module_id: str):
    trainee_id_shape(trainee_id)
    module_id_shape(module_id)
    config = cohort_config(cohort)
    config.CourseDirectory.assignment_id = module_id
    config.CourseDirectory.student_id = trainee_id
    config.Exchange.assignment_dir = str(home)
    # nbgrader keeps a copy of each submission in the user's cache, and fetch_feedback
    # looks there: simulated trainees sharing one account need a cache each.
    config.Exchange.cache = str(home / ".nbgrader-cache")
    return config, CourseDirectory(config=config), Authenticator(config=config)


def fetch_as_trainee(cohort: Path, trainee_id: str, home: Path, module_id: str) -> Path:
    """What `nbgrader fetch_assignment` does for a trainee: returns the module's folder."""
    config, coursedir, auth = _as_trainee(cohort, trainee_id, home, module_id)
    ExchangeFetchAssignment(coursedir=coursedir, authenticator=auth, config=config).start()
    return home / module_id


def submit_as_trainee(cohort: Path, trainee_id: str, home: Path, module_id: str) -> None:
    """What `nbgrader submit` does for a trainee (the demo and tests act as trainees)."""
    config, coursedir, auth = _as_trainee(cohort, trainee_id, home, module_id)
    ExchangeSubmit(coursedir=coursedir, authenticator=auth, config=config).start()


def fetch_feedback_as_trainee(cohort: Path, trainee_id: str, home: Path, module_id: str) -> Path:
    """What `nbgrader fetch_feedback` does for a trainee: returns the feedback folder."""
    config, coursedir, auth = _as_trainee(cohort, trainee_id, home, module_id)
    ExchangeFetchFeedback(coursedir=coursedir, authenticator=auth, config=config).start()
    return home / module_id / "feedback"
