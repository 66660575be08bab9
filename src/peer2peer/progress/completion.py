"""Has each trainee completed the course? The rules in cohort.yml, each reason in plain words.

The rules (cohort.yml `completion:`): the sessions every trainee must attend, how many
others they may miss, whether a catch-up counts, every assessment handed in, every
reflection marked Meets or above or its outcome evidenced another way, and each
observed-practice checklist met. A trainee is complete when no rule gives a reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from peer2peer.cohort.observed import ChecklistResult, checklist_results
from peer2peer.cohort.settings import CohortSettings, CompletionRules
from peer2peer.progress.attendance import SessionAttendance, attendance_table, counts
from peer2peer.progress.item_results import ItemScore, item_scores, rubric_levels
from peer2peer.progress.outcomes import EVIDENCED, item_status
from peer2peer.progress.snapshot import CohortData, cohort_item_map, cohort_rubrics
from peer2peer.progress.status import (
    NOT_GRADED,
    NOT_RELEASED,
    NOT_SUBMITTED,
    SUBMITTED,
    ModuleProgress,
)

COMPLETE = "complete"
NOT_YET_COMPLETE = "not yet"
COMPLETION_STATUSES = [COMPLETE, NOT_YET_COMPLETE]
T = TypeVar("T")


@dataclass(frozen=True)
class TraineeCompletion:
    """One trainee: complete or not yet, and every reason why not."""

    trainee: str
    name: str
    reasons: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """COMPLETE or NOT_YET_COMPLETE."""
        return NOT_YET_COMPLETE if self.reasons else COMPLETE


def _listed(things: list[str]) -> str:
    return ", ".join(things)


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def attendance_reasons(
    rows: list[SessionAttendance], rules: CompletionRules, modules: list[str]
) -> list[str]:
    """Why the register keeps a trainee from completing."""
    reasons = []
    unknown = [m for m in rules.mandatory_sessions if m not in modules]
    if unknown:
        reasons.append(
            f"cohort.yml names {_listed(unknown)} as a session everyone must attend, but this "
            "cohort has no such module: correct mandatory_sessions"
        )
    not_recorded = [r.module for r in rows if r.status == "not recorded"]
    if not_recorded:
        reasons.append(
            f"no register entry yet for {_plural(len(not_recorded), 'session')}: "
            + _listed(not_recorded)
        )
    counted = counts(rows, rules.catch_up_counts)
    mandatory = set(rules.mandatory_sessions)
    missed_mandatory = [
        r.module
        for r in rows
        if r.module in mandatory
        and r.status in ("absent", "excused")
        and not (r.caught_up and rules.catch_up_counts)
    ]
    if missed_mandatory:
        fix = " (a catch-up would count)" if rules.catch_up_counts else ""
        reasons.append(f"missed {_listed(missed_mandatory)}, which everyone must attend{fix}")
    if counted.missed > rules.sessions_may_miss:
        excused = f" ({counted.excused} excused)" if counted.excused else ""
        reasons.append(
            f"missed {_plural(counted.missed, 'session')}{excused}; "
            f"the limit is {rules.sessions_may_miss}"
        )
    return reasons


def hand_in_reasons(rows: list[ModuleProgress]) -> list[str]:
    """Why a trainee's hand-ins keep them from completing."""
    by_status: dict[str, list[str]] = {}
    for row in rows:
        by_status.setdefault(row.status, []).append(row.module)
    reasons = []
    missing = [row.module for row in rows if row.status in (NOT_RELEASED, NOT_SUBMITTED)]
    if missing:
        reasons.append(f"has not handed in {_plural(len(missing), 'module')}: {_listed(missing)}")
    if by_status.get(NOT_GRADED):
        reasons.append(
            f"could not be graded: {_listed(by_status[NOT_GRADED])} (ask them to hand it in again)"
        )
    if by_status.get(SUBMITTED):
        reasons.append(f"handed in but not graded yet: {_listed(by_status[SUBMITTED])}")
    return reasons


def reflection_reasons(data: CohortData, trainee: str) -> list[str]:
    """Reflections waiting to be marked, or below Meets with their outcome not shown otherwise."""
    return _reflection_reasons(
        data,
        trainee,
        {(s.module, s.cell): s for s in data.scores if s.trainee == trainee},
        {
            (e.module, e.outcome)
            for e in data.evidence
            if e.trainee == trainee and e.status == EVIDENCED
        },
    )


def _reflection_reasons(
    data: CohortData,
    trainee: str,
    scores: dict[tuple[str, str], ItemScore],
    evidenced: set[tuple[str, str]],
) -> list[str]:
    """reflection_reasons, given the trainee's scores by (module, cell) and evidenced outcomes."""
    waiting, below = [], []
    for module, items in data.item_map.modules.items():
        if module not in data.settings.modules:
            continue
        for cell, item in items.items.items():
            score = scores.get((module, cell))
            if item.kind != "reflection" or score is None:
                continue
            levels = data.levels.get((trainee, module, item.notebook, cell), {})
            if score.needs_marking:
                waiting.append(module)
            elif item_status(item, score, levels, data.rubrics.get(module)) != EVIDENCED:
                open_outcomes = [o for o in item.outcomes if (module, o) not in evidenced]
                if open_outcomes or not item.outcomes:
                    below.append(
                        f"{module} ({_listed(open_outcomes)})" if open_outcomes else module
                    )
    reasons = []
    if waiting:
        reasons.append(
            f"{_plural(len(waiting), 'reflection is', 'reflections are')} waiting to be marked: "
            + _listed(sorted(set(waiting)))
        )
    if below:
        reasons.append(
            f"{_plural(len(below), 'reflection')} marked below Meets, with the outcome not "
            f"shown another way yet: {_listed(below)}"
        )
    return reasons


def observed_reasons(
    checklists: dict[str, list[str]], results: list[ChecklistResult], trainee: str
) -> list[str]:
    """Observed-practice checklists not yet met."""
    theirs = {r.module: r for r in results if r.trainee == trainee}
    reasons = []
    for module, items in checklists.items():
        result = theirs.get(module)
        if result is None or not result.items:
            reasons.append(f"no observed practice recorded yet for {module}")
        elif not result.complete:
            left = len(items) - len(result.met)
            reasons.append(
                f"observed practice in {module}: {left} of {len(items)} items not met yet"
            )
    return reasons


def cohort_completion(data: CohortData) -> list[TraineeCompletion]:
    """Every trainee of the cohort, complete or not yet, with every reason."""
    settings = data.settings
    rules = settings.completion
    first, last = _reasons_besides_reflections(data.cohort, settings, data.trainees, data.progress)
    # Each table split by trainee once: a trainee's rows are then found without a scan.
    scores: dict[str, dict[tuple[str, str], ItemScore]] = defaultdict(dict)
    evidenced: dict[str, set[tuple[str, str]]] = defaultdict(set)
    if rules.reflections_meet:
        for score in data.scores:
            scores[score.trainee][(score.module, score.cell)] = score
        for evidence in data.evidence:
            if evidence.status == EVIDENCED:
                evidenced[evidence.trainee].add((evidence.module, evidence.outcome))
    found = []
    for trainee, name in data.trainees.items():
        reasons = first[trainee]
        if rules.reflections_meet:
            reasons += _reflection_reasons(data, trainee, scores[trainee], evidenced[trainee])
        found.append(TraineeCompletion(trainee, name, reasons + last[trainee]))
    return found


def _reasons_besides_reflections(
    cohort: Path, settings: CohortSettings, trainees: dict[str, str], progress: list[ModuleProgress]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each trainee's reasons from the register and hand-ins, and from observed practice."""
    rules = settings.completion
    register = attendance_table(cohort, settings, trainees)
    checklists = {m: i for m, i in settings.observed_practice.items() if m in settings.modules}
    results = checklist_results(cohort, settings) if rules.observed_practice_met else []
    sessions, observed = _by_trainee(register), _by_trainee(results)
    handed_in = _by_trainee(progress)
    first, last = {}, {}
    for trainee in trainees:
        first[trainee] = attendance_reasons(sessions.get(trainee, []), rules, settings.modules)
        if rules.every_assessment_handed_in:
            first[trainee] += hand_in_reasons(handed_in.get(trainee, []))
        last[trainee] = []
        if rules.observed_practice_met:
            last[trainee] = observed_reasons(checklists, observed.get(trainee, []), trainee)
    return first, last


def completion_statuses(
    cohort: Path, settings: CohortSettings, progress: list[ModuleProgress]
) -> dict[str, str]:
    """Each trainee's completion word (as `cohort_completion` says it), without the reasons.

    Marks are read only for trainees whom nothing else keeps from completing, and item by
    item only for those with a reflection below Meets: a cohort of thousands is quick.
    """
    trainees = {row.trainee: row.name for row in progress}
    first, last = _reasons_besides_reflections(cohort, settings, trainees, progress)
    still_open = {trainee for trainee in trainees if not first[trainee] and not last[trainee]}
    if still_open and settings.completion.reflections_meet:
        still_open -= _kept_back_by_reflections(cohort, settings, progress, still_open)
    return {t: COMPLETE if t in still_open else NOT_YET_COMPLETE for t in trainees}


def _kept_back_by_reflections(
    cohort: Path, settings: CohortSettings, progress: list[ModuleProgress], trainees: set[str]
) -> set[str]:
    """Those of `trainees` whose reflections give a reason, reading as few marks as it takes."""
    item_map = cohort_item_map(cohort)
    reflections = {
        (module, cell)
        for module, items in item_map.modules.items()
        if module in settings.modules
        for cell, item in items.items.items()
        if item.kind == "reflection"
    }
    if not reflections:
        return set()
    # First only the reflections' own marks, as if no outcome were shown another way.
    data = _snapshot_of(cohort, settings, progress, trainees, {cell for _, cell in reflections})
    scores: dict[str, dict[tuple[str, str], ItemScore]] = defaultdict(dict)
    for score in data.scores:
        scores[score.trainee][(score.module, score.cell)] = score
    doubtful = {t for t in trainees if _reflection_reasons(data, t, scores[t], set())}
    waiting = {  # waiting to be marked is a reason however the outcomes stand
        score.trainee
        for score in data.scores
        if score.needs_marking and (score.module, score.cell) in reflections
    }
    below = doubtful - waiting
    if not below:
        return doubtful
    # A reflection below Meets: its outcome may be shown by another item, so read them all.
    data = _snapshot_of(cohort, settings, progress, below, None)
    return (doubtful & waiting) | {t for t in below if reflection_reasons(data, t)}


def _snapshot_of(
    cohort: Path,
    settings: CohortSettings,
    progress: list[ModuleProgress],
    trainees: set[str],
    cells: set[str] | None,
) -> CohortData:
    """A snapshot of only these trainees, with only these cells' scores (None: every cell)."""
    scores = item_scores(settings, trainees, cells)
    return CohortData(
        cohort,
        settings,
        [row for row in progress if row.trainee in trainees],
        cohort_item_map(cohort),
        scores,
        rubric_levels(settings),
        cohort_rubrics(cohort, settings) if scores else {},
    )


def _by_trainee(rows: list[T]) -> dict[str, list[T]]:
    """Rows grouped by their `trainee`, each group in the rows' order."""
    grouped: dict[str, list[T]] = defaultdict(list)
    for row in rows:
        grouped[row.trainee].append(row)
    return grouped
