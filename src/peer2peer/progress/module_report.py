"""How a cohort did in one module: scores, the knowledge checks most missed, rubric averages.

For trainers improving their teaching: every figure is about the cohort, none names a trainee.
"""

from __future__ import annotations

from dataclasses import dataclass

from peer2peer.curriculum.schema import Rubric
from peer2peer.notebooks.item_map import ItemMap
from peer2peer.progress.item_results import ItemScore, RubricLevels
from peer2peer.progress.status import FEEDBACK_SENT, MARKED, NEEDS_MARKING, ModuleProgress


@dataclass(frozen=True, slots=True)
class MissedCheck:
    """A knowledge check and how many of those who answered it did not get full marks."""

    cell: str
    prompt: str
    answered: int
    missed: int

    @property
    def missed_share(self) -> float:
        """The share missed, from 0 to 1."""
        return self.missed / self.answered if self.answered else 0.0


@dataclass(frozen=True, slots=True)
class CriterionAverage:
    """One rubric criterion across the marked reflections of a module."""

    criterion: str
    name: str
    marked: int
    average: float | None  # in points, from the lowest level's to the highest's
    top: float
    counts: dict[str, int]  # level label -> how many reflections reached it


def score_percentages(rows: list[ModuleProgress], module: str) -> list[float]:
    """Each graded submission's score as a percentage of the module's points."""
    graded = (MARKED, FEEDBACK_SENT, NEEDS_MARKING)
    return [
        round(100 * row.score / row.max_score, 1)
        for row in rows
        if row.module == module and row.status in graded and row.max_score and row.score is not None
    ]


def missed_checks(item_map: ItemMap, scores: list[ItemScore], module: str) -> list[MissedCheck]:
    """The module's knowledge checks, most often missed first."""
    module_items = item_map.modules.get(module)
    if module_items is None:
        return []
    tally = {cell: [0, 0] for cell, item in module_items.items.items() if item.kind == "check"}
    for score in scores:
        if score.module == module and score.cell in tally:
            tally[score.cell][0] += 1
            tally[score.cell][1] += not score.full_marks
    checks = [
        MissedCheck(cell, module_items.items[cell].prompt, answered, missed)
        for cell, (answered, missed) in tally.items()
    ]
    return sorted(checks, key=lambda c: (-c.missed_share, -c.missed, c.cell))


def criterion_averages(rubric: Rubric, levels: RubricLevels, module: str) -> list[CriterionAverage]:
    """Each criterion of the module's rubric: the average level reached and how often each."""
    points = {level.id: level.points for level in rubric.levels}
    labels = {level.id: level.label for level in rubric.levels}
    marked = [chosen for key, chosen in levels.items() if key[1] == module]
    averages = []
    for criterion in rubric.criteria:
        reached = [chosen[criterion.id] for chosen in marked if chosen.get(criterion.id) in points]
        counts = {labels[level]: reached.count(level) for level in points}
        average = sum(points[level] for level in reached) / len(reached) if reached else None
        averages.append(
            CriterionAverage(
                criterion.id,
                criterion.name,
                len(reached),
                None if average is None else round(average, 2),
                max(points.values()),
                counts,
            )
        )
    return averages
