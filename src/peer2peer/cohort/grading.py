"""Grade every new submission with nbgrader's autograder, in parallel, losing nothing.

- Before grading, each submission is checked: a damaged notebook, or one whose fixed
  parts were changed or removed, is recorded as failed for that trainee, with a plain
  reason, and not graded. Everyone else is still graded.
- Workers run nbgrader's own Autograde; only its gradebook writes take the cohort's
  lock, so kernels run side by side while the gradebook is written one at a time.
- A ledger (grading.json) records each finished submission as it finishes, so a run
  that is killed part-way is finished by the next run, with no duplicate rows.
- Regrading keeps manual marks and comments: nbgrader writes only automatic scores.
"""

from __future__ import annotations

import io
import json
import logging
import multiprocessing
import os
import resource
import tempfile
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    Execute,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)
from nbgrader.utils import compute_checksum

from peer2peer.cohort.course import cohort_config, ensure_tools_on_path, gradebook, writing
from peer2peer.cohort.settings import CohortSettings
from peer2peer.files import atomic_write_json

LEDGER = "grading.json"
_cohort: Path | None = None  # the cohort a worker process grades


@dataclass(frozen=True)
class Outcome:
    """How grading one trainee's module went."""

    trainee: str
    module: str
    graded: bool
    reason: str = ""
    seconds: float = 0.0
    notebooks: int = 0
    peak_memory_mb: float = 0.0


@dataclass
class GradingReport:
    """Everything one `grade` run did."""

    outcomes: list[Outcome] = field(default_factory=list)
    already_graded: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[Outcome]:
        """The submissions that could not be graded, with their reasons."""
        return [o for o in self.outcomes if not o.graded]


# --- what needs grading --------------------------------------------------------------


def submitted_at(cohort: Path, trainee: str, module: str) -> str:
    """The time nbgrader recorded for a submission."""
    stamp = cohort / "submitted" / trainee / module / "timestamp.txt"
    return stamp.read_text().strip() if stamp.exists() else ""


def load_ledger(cohort: Path) -> dict[str, dict[str, dict]]:
    """What earlier runs graded: module -> trainee -> record."""
    path = cohort / LEDGER
    return json.loads(path.read_text()) if path.exists() else {}


def pending(cohort: Path, modules: list[str]) -> tuple[list[tuple[str, str]], int]:
    """Submissions not yet graded at their latest time; and how many are graded already."""
    ledger = load_ledger(cohort)
    todo, done = [], 0
    for module in modules:
        for folder in sorted((cohort / "submitted").glob(f"*/{module}")):
            trainee = folder.parent.name
            record = ledger.get(module, {}).get(trainee, {})
            if record.get("graded") and record.get("submitted") == submitted_at(
                cohort, trainee, module
            ):
                done += 1
            else:
                todo.append((trainee, module))
    return todo, done


# --- checks before grading -------------------------------------------------------------


def check_submission(cohort: Path, trainee: str, module: str) -> str:
    """Why a submission cannot be graded as it is, in plain words; empty when it can."""
    for released in sorted((cohort / "release" / module).glob("*.ipynb")):
        submitted = cohort / "submitted" / trainee / module / released.name
        if not submitted.exists():
            continue  # nbgrader scores a missing notebook as zero
        try:
            notebook = nbformat.reads(submitted.read_text(encoding="utf-8"), as_version=4)
        except Exception:  # noqa: BLE001 - any unreadable file gets the same plain reason
            return f"{released.name} is damaged: it can no longer be read as a notebook"
        fixed = {
            cell.metadata.nbgrader["grade_id"]: cell.metadata.nbgrader.get("checksum")
            for cell in nbformat.read(released, as_version=4).cells
            if cell.metadata.get("nbgrader", {}).get("locked")
        }
        seen = {}
        for cell in notebook.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade_id") in fixed:
                seen[meta["grade_id"]] = compute_checksum(cell)
        changed = [key for key, checksum in fixed.items() if seen.get(key) != checksum]
        if changed:
            return (
                f"parts of {released.name} that cannot be changed were changed or removed "
                f"({len(changed)} part{'s' if len(changed) != 1 else ''})"
            )
    return ""


# --- grading in a worker ---------------------------------------------------------------


class _LockedSaveAutoGrades(SaveAutoGrades):
    """nbgrader's SaveAutoGrades, writing while holding the cohort's lock."""

    def preprocess(self, nb, resources):
        with writing(_cohort):
            return super().preprocess(nb, resources)


class _LockedAssignLatePenalties(AssignLatePenalties):
    """nbgrader's AssignLatePenalties, writing while holding the cohort's lock."""

    def preprocess(self, nb, resources):
        with writing(_cohort):
            return super().preprocess(nb, resources)


class SerialisedAutograde(Autograde):
    """nbgrader's Autograde whose gradebook writes wait their turn; kernels run in parallel."""

    def init_assignment(self, assignment_id: str, student_id: str) -> None:
        with writing(_cohort):
            super().init_assignment(assignment_id, student_id)


AUTOGRADE_STEPS = [
    Execute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    _LockedSaveAutoGrades,
    _LockedAssignLatePenalties,
    CheckCellMetadata,
]


def _start_worker(cohort: str) -> None:
    global _cohort
    _cohort = Path(cohort)
    ensure_tools_on_path()
    logging.getLogger("traitlets").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", message=".*not in session.*")  # nbgrader's, harmless


def grade_one(trainee: str, module: str) -> Outcome:
    """Autograde one trainee's module in this (worker) process."""
    started = time.perf_counter()
    config = cohort_config(_cohort)
    config.CourseDirectory.assignment_id = module
    config.CourseDirectory.student_id = trainee
    config.Autograde.force = True
    config.Autograde.autograde_preprocessors = AUTOGRADE_STEPS
    # Kernels talk over files in a folder of this worker's own: TCP ports can collide
    # between parallel kernels. The path must be absolute.
    sockets = Path(tempfile.mkdtemp(prefix="p2p-kernels-"))
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(sockets / "kernel")
    said = io.StringIO()
    converter = SerialisedAutograde(coursedir=CourseDirectory(config=config), config=config)
    handler = logging.StreamHandler(said)
    handler.setLevel(logging.ERROR)
    converter.log.addHandler(handler)
    notebooks = len(list((_cohort / "submitted" / trainee / module).glob("*.ipynb")))
    try:
        converter.start()
        reason = _stopped_for_time(_cohort / "autograded" / trainee / module)
    except Exception as error:  # noqa: BLE001 - reported for this trainee; the rest go on
        reason = _plain_reason(said.getvalue() or str(error))
    finally:
        converter.log.removeHandler(handler)
        for leftover in sockets.iterdir():
            leftover.unlink(missing_ok=True)
        sockets.rmdir()
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return Outcome(
        trainee,
        module,
        not reason,
        reason,
        time.perf_counter() - started,
        notebooks,
        peak / 1024,
    )


def _stopped_for_time(folder: Path) -> str:
    """nbgrader stops a step that runs too long and grades the rest: report that as failed."""
    for notebook in folder.glob("*.ipynb"):
        for cell in nbformat.read(notebook, as_version=4).cells:
            if any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
                return TOO_LONG
    return ""


TOO_LONG = "a step ran for too long and was stopped (a page may be stuck in a loop)"
NOT_ON_ROSTER = "this trainee is not on the roster; add them with `peer2peer cohort add-trainees`"


def _plain_reason(log: str) -> str:
    """nbgrader's error said for a trainer; only the kind of error, never an answer."""
    if "CellTimeoutError" in log or "timed out" in log.lower():
        return TOO_LONG
    if "No student with ID" in log:
        return NOT_ON_ROSTER
    return "nbgrader could not grade it; run `nbgrader autograde` on it alone to see why"


# --- the run ---------------------------------------------------------------------------


def grade(
    cohort: Path,
    settings: CohortSettings,
    modules: list[str],
    jobs: int | None = None,
    on_progress: Callable[[Outcome, int, int], None] | None = None,
) -> GradingReport:
    """Check, then autograde every new submission of `modules` with `jobs` workers."""
    started = time.perf_counter()
    todo, done = pending(cohort, modules)
    report = GradingReport(already_graded=done)
    ledger = load_ledger(cohort)  # this run is its only writer: read once, write after each
    on_roster = _roster(settings)
    to_grade = []
    for trainee, module in todo:
        reason = "" if trainee in on_roster else NOT_ON_ROSTER
        reason = reason or check_submission(cohort, trainee, module)
        if reason:
            outcome = Outcome(trainee, module, False, reason)
            _record(cohort, ledger, report, outcome, on_progress, len(todo))
        else:
            to_grade.append((trainee, module))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(to_grade) or 1))
    if to_grade:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(str(cohort),)
        ) as pool:
            futures = [pool.submit(grade_one, trainee, module) for trainee, module in to_grade]
            for future in as_completed(futures):
                _record(cohort, ledger, report, future.result(), on_progress, len(todo))
    report.seconds = time.perf_counter() - started
    return report


def _roster(settings: CohortSettings) -> set[str]:
    with gradebook(settings) as book:
        return {student.id for student in book.students}


def _record(
    cohort: Path,
    ledger: dict[str, dict[str, dict]],
    report: GradingReport,
    outcome: Outcome,
    on_progress: Callable[[Outcome, int, int], None] | None,
    total: int,
) -> None:
    """Write one result to the ledger at once, so that an interrupted run loses nothing."""
    report.outcomes.append(outcome)
    ledger.setdefault(outcome.module, {})[outcome.trainee] = {
        "submitted": submitted_at(cohort, outcome.trainee, outcome.module),
        "graded": outcome.graded,
        "reason": outcome.reason,
        "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    atomic_write_json(cohort / LEDGER, ledger)
    if on_progress:
        on_progress(outcome, len(report.outcomes), total)
