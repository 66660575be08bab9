"""Which learning outcomes each trainee has evidenced, from their graded items.

An outcome is evidenced when at least one item linked to it shows it: a knowledge check
answered fully right, or a reflection marked "Meets" or above on every rubric criterion.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from peer2peer.curriculum.schema import Rubric
from peer2peer.notebooks.item_map import Item, ItemMap
from peer2peer.progress.item_results import ItemScore, RubricLevels

EVIDENCED = "evidenced"
WAITING = "waiting for marking"
NOT_YET = "not yet"
NO_WORK = "nothing handed in"
NOT_ASSESSED = "not assessed"
#: In the order a trainer reads them, best first.
EVIDENCE_STATUSES = [EVIDENCED, WAITING, NOT_YET, NO_WORK, NOT_ASSESSED]
MEETS = "meets"


@dataclass(frozen=True, slots=True)
class OutcomeEvidence:
    """One trainee and one learning outcome: is it evidenced, and by how many items."""

    trainee: str
    name: str
    module: str
    outcome: str
    text: str
    status: str
    items: int  # graded items linked to the outcome


@dataclass(frozen=True, slots=True)
class OutcomeSummary:
    """One outcome across the cohort: how many trainees have evidenced it."""

    module: str
    outcome: str
    text: str
    evidenced: int
    trainees: int


def meets_or_above(rubric: Rubric, levels: dict[str, str]) -> bool:
    """True when every criterion is at the "meets" level or above (the second level if none)."""
    order = [level.id for level in rubric.levels]
    bar = order.index(MEETS) if MEETS in order else 1
    return all(
        criterion.id in levels and levels[criterion.id] in order
        and order.index(levels[criterion.id]) >= bar
        for criterion in rubric.criteria
    )  # fmt: skip


def item_status(item: Item, score: ItemScore, levels: dict[str, str], rubric: Rubric | None) -> str:
    """What one handed-in item says about its outcomes."""
    if score.needs_marking:
        return WAITING
    if item.kind == "check" or rubric is None:
        return EVIDENCED if score.full_marks else NOT_YET
    if levels:
        return EVIDENCED if meets_or_above(rubric, levels) else NOT_YET
    # Marked outside the marking page (in nbgrader's formgrader): judge by the score.
    top = max(level.points for level in rubric.levels) or 1
    meets = next((lv.points for lv in rubric.levels if lv.id == MEETS), rubric.levels[1].points)
    return EVIDENCED if score.score >= score.max_score * meets / top - 1e-9 else NOT_YET


def outcome_evidence(
    item_map: ItemMap,
    trainees: dict[str, str],
    scores: list[ItemScore],
    levels: RubricLevels,
    rubrics: dict[str, Rubric],
) -> list[OutcomeEvidence]:
    """Every trainee x every outcome of every module in the map, with its evidence status."""
    by_trainee: dict[tuple[str, str], dict[str, ItemScore]] = defaultdict(dict)
    for score in scores:
        by_trainee[(score.trainee, score.module)][score.cell] = score
    # The items linked to each outcome, found once for the whole cohort.
    linked_to = {
        (module, outcome): {c: i for c, i in module_items.items.items() if outcome in i.outcomes}
        for module, module_items in item_map.modules.items()
        for outcome in module_items.outcomes
    }
    table = []
    for trainee, name in trainees.items():
        for module, module_items in item_map.modules.items():
            handed_in = by_trainee.get((trainee, module), {})
            for outcome, words in module_items.outcomes.items():
                linked = linked_to[(module, outcome)]
                statuses = {
                    item_status(
                        item,
                        handed_in[cell],
                        levels.get((trainee, module, item.notebook, cell), {}),
                        rubrics.get(module),
                    )
                    for cell, item in linked.items()
                    if cell in handed_in
                }
                status = _overall(statuses, bool(linked))
                table.append(
                    OutcomeEvidence(trainee, name, module, outcome, words, status, len(linked))
                )
    return table


def _overall(statuses: set[str], assessed: bool) -> str:
    if not assessed:
        return NOT_ASSESSED
    for status in (EVIDENCED, WAITING, NOT_YET):
        if status in statuses:
            return status
    return NO_WORK


def cohort_outcomes(evidence: list[OutcomeEvidence]) -> list[OutcomeSummary]:
    """Each outcome once, with how many of the cohort's trainees have evidenced it."""
    counts: dict[tuple[str, str, str], list[int]] = {}
    for row in evidence:
        tally = counts.setdefault((row.module, row.outcome, row.text), [0, 0])
        tally[0] += row.status == EVIDENCED
        tally[1] += 1
    return [OutcomeSummary(*key, *tally) for key, tally in counts.items()]


# --- observed practice: a trainer's checklist evidences its outcomes too --------------------

#: (trainee, module) -> the outcome ids a trainer observed as met (cohort.observed).
ObservedMet = dict[tuple[str, str], set[str]]


def with_observed_practice(
    evidence: list[OutcomeEvidence], observed: ObservedMet
) -> list[OutcomeEvidence]:
    """The evidence table, with each outcome a trainer observed as met counted as evidenced."""
    return [
        replace(row, status=EVIDENCED)
        if row.outcome in observed.get((row.trainee, row.module), ())
        else row
        for row in evidence
    ]
