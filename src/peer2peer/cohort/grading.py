"""Grade every new submission with nbgrader's autograder, in parallel, losing nothing.

- Before grading, each submission is checked: a damaged notebook, or one whose fixed
  parts were changed or removed, is recorded as failed for that trainee, with a plain
  reason, and not graded. Everyone else is still graded.
- Workers run nbgrader's own Autograde; only its gradebook writes take the cohort's
  lock, so kernels run side by side while the gradebook is written one at a time. Each
  worker's Gradebooks share one engine, so its SQL is compiled once (database.py).
- Each worker keeps a fresh kernel starting ahead of need (warm_kernels.py), forked from
  a server that has already imported ipykernel (kernel_forks.py): a notebook never waits
  for a kernel to start, and no kernel ever runs a second notebook.
- A ledger (grading.json) records each finished submission as it finishes, so a run
  that is killed part-way is finished by the next run, with no duplicate rows.
- Regrading keeps manual marks and comments: nbgrader writes only automatic scores. A
  hand-in whose marked reflection changed goes back to the marking queue (the earlier
  levels stay as a starting point, never as the mark).
- One run at a time per cohort (a lock the system drops when a run dies), and workers
  end with their run, even when it is killed.
- A hand-in stopped for time keeps no score and gets no feedback.
"""

from __future__ import annotations

import atexit
import fcntl
import io
import json
import logging
import multiprocessing
import multiprocessing.util
import os
import resource
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import (
    AssignLatePenalties,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from peer2peer.cohort.adjustments import apply_recorded_extension
from peer2peer.cohort.checks import check_submission
from peer2peer.cohort.course import cohort_config, ensure_tools_on_path, gradebook, writing
from peer2peer.cohort.database import share_engines_with_nbgrader
from peer2peer.cohort.marking import reopen_marks
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.cohort.warm_kernels import KernelPool, WarmExecute, current_pool, use_pool
from peer2peer.notebooks.item_map import ItemMapUnreadable, load_item_map
from peer2peer.notebooks.metadata_check import CheckCellMetadataOnce, with_check_once
from peer2peer.shared.answers import AnswersUnreadable, read_answers, response_path
from peer2peer.shared.files import atomic_write_json
from peer2peer.shared.lifetime import end_with_parent

LEDGER = "grading.json"
#: Kernels each worker keeps starting ahead of the notebook it runs.
KERNELS_AHEAD = 1
RUN_LOCK = ".grading-run.lock"
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
    #: The kernels that ran its notebooks, one each (warm_kernels.py); none for a refusal.
    kernels: tuple[str, ...] = ()
    #: The largest kernel among them, in MB (peak_memory_mb is the worker's own).
    kernel_memory_mb: float = 0.0
    #: Seconds its notebooks waited for their kernels, and seconds their cells ran.
    waited_for_kernels: float = 0.0
    ran_in_kernels: float = 0.0
    #: The worker's kernel fork server, in MB (kernel_forks.py; its kernels share most of it).
    fork_server_mb: float = 0.0


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
            apply_recorded_extension(_cohort, assignment_id, student_id)  # adjustments.py


AUTOGRADE_STEPS = [
    WarmExecute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    _LockedSaveAutoGrades,
    _LockedAssignLatePenalties,
    CheckCellMetadataOnce,  # nbgrader's CheckCellMetadata, its schema checked once
]


#: nbgrader's steps before grading (fixed cells put back as released, outputs cleared),
#: with its metadata check on a schema checked once.
SANITIZE_STEPS = with_check_once(Autograde.class_traits()["sanitize_preprocessors"].default())


def _start_worker(cohort: str, run: int, kernels_ahead: int = KERNELS_AHEAD) -> None:
    global _cohort
    end_with_parent(run)  # a killed run's workers see it go
    _cohort = Path(cohort)
    ensure_tools_on_path()
    logging.getLogger("traitlets").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", message=".*not in session.*")  # nbgrader's, harmless
    share_engines_with_nbgrader()
    if kernels_ahead > 0:
        pool = KernelPool(kernels_ahead)
        # Stopped when the worker ends with its run; if it is killed, its kernels see it go.
        multiprocessing.util.Finalize(pool, pool.close, exitpriority=10)
        atexit.register(pool.close)  # a worker left idle at the end may skip the line above
        use_pool(pool)
        pool.fill()


def grade_one(trainee: str, module: str) -> Outcome:
    """Autograde one trainee's module in this (worker) process."""
    started = time.perf_counter()
    config = cohort_config(_cohort)
    config.CourseDirectory.assignment_id = module
    config.CourseDirectory.student_id = trainee
    config.Autograde.force = True
    config.Autograde.autograde_preprocessors = AUTOGRADE_STEPS
    config.Autograde.sanitize_preprocessors = SANITIZE_STEPS
    # The notebook is checked against nbformat's schema once its steps have run, not
    # after each of them (nbconvert's option): what is written is checked all the same.
    config.Exporter.optimistic_validation = True
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
    pool = current_pool()
    before = len(pool.handed_out) if pool else 0
    timed = (len(pool.waited), len(pool.ran)) if pool else (0, 0)
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
    return Outcome(
        trainee,
        module,
        not reason,
        reason,
        time.perf_counter() - started,
        notebooks,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        tuple(pool.handed_out[before:]) if pool else (),
        pool.peak_kernel_mb if pool else 0.0,
        sum(pool.waited[timed[0] :]) if pool else 0.0,
        sum(pool.ran[timed[1] :]) if pool else 0.0,
        pool.fork_server_mb if pool else 0.0,
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
    kernels_ahead: int = KERNELS_AHEAD,
) -> GradingReport:
    """Check, then autograde every new submission of `modules` with `jobs` workers.

    Each worker keeps `kernels_ahead` fresh kernels starting (0: nbgrader's own way, a
    kernel started for each notebook when it is reached). Raises CohortError when another
    run is grading this cohort.
    """
    with one_run_at_a_time(cohort):
        return _grade(cohort, settings, modules, jobs, on_progress, kernels_ahead)


@contextmanager
def one_run_at_a_time(cohort: Path) -> Iterator[None]:
    """Hold the cohort's grading lock for a whole run; the system drops it if the run dies."""
    with (cohort / RUN_LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CohortError(
                "another `peer2peer grade` is grading this cohort right now. "
                "Wait for it to finish, then run grade again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _grade(
    cohort: Path,
    settings: CohortSettings,
    modules: list[str],
    jobs: int | None,
    on_progress: Callable[[Outcome, int, int], None] | None,
    kernels_ahead: int = KERNELS_AHEAD,
) -> GradingReport:
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
            workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(str(cohort), os.getpid(), kernels_ahead),
        ) as pool:
            marked_before = {job: _marked_answers(cohort, *job) for job in to_grade}
            futures = [pool.submit(grade_one, trainee, module) for trainee, module in to_grade]
            for future in as_completed(futures):
                outcome = future.result()
                if outcome.reason == TOO_LONG:
                    _drop_scores(cohort, settings, outcome.trainee, outcome.module)
                elif outcome.graded:
                    before = marked_before[(outcome.trainee, outcome.module)]
                    _reopen_changed(cohort, settings, outcome.trainee, outcome.module, before)
                _record(cohort, ledger, report, outcome, on_progress, len(todo))
    report.seconds = time.perf_counter() - started
    return report


def _marked_answers(cohort: Path, trainee: str, module: str) -> dict[tuple[str, str], object]:
    """The answers of a module's reflections as last graded, by (notebook, cell)."""
    try:
        items = load_item_map(cohort).modules.get(module)
    except ItemMapUnreadable:
        return {}
    folder = cohort / "autograded" / trainee / module
    found: dict[tuple[str, str], object] = {}
    answers: dict[str, dict] = {}
    for cell, item in items.items.items() if items else []:
        if item.kind != "reflection":
            continue
        if item.notebook not in answers:
            try:
                answers[item.notebook] = read_answers(response_path(folder, item.notebook))
            except (OSError, AnswersUnreadable):
                answers[item.notebook] = {}
        if item.exercise in answers[item.notebook]:
            found[(item.notebook, cell)] = answers[item.notebook][item.exercise]
    return found


def _reopen_changed(
    cohort: Path,
    settings: CohortSettings,
    trainee: str,
    module: str,
    before: dict[tuple[str, str], object],
) -> None:
    """Send back to the marking queue each marked reflection whose answer has changed."""
    after = _marked_answers(cohort, trainee, module)
    changed = [key for key, answer in before.items() if after.get(key) != answer]
    if changed:
        with writing(cohort):
            reopen_marks(settings, trainee, module, changed)


def _drop_scores(cohort: Path, settings: CohortSettings, trainee: str, module: str) -> None:
    """A hand-in stopped for time keeps no score and gets no feedback: remove what was made."""
    with writing(cohort), gradebook(settings) as book:
        try:
            book.remove_submission(module, trainee)
        except Exception:  # noqa: BLE001 - nothing was saved for it: nothing to remove
            book.db.rollback()
    shutil.rmtree(cohort / "autograded" / trainee / module, ignore_errors=True)


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
