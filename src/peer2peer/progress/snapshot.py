"""Everything the cohort and trainee pages show, read from the cohort once per page load."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from peer2peer.cohort.marking import load_rubric
from peer2peer.cohort.observed import observed_met
from peer2peer.cohort.settings import CohortError, CohortSettings, load_settings
from peer2peer.curriculum.schema import Rubric
from peer2peer.notebooks.item_map import ItemMap, ItemMapUnreadable, load_item_map
from peer2peer.progress.item_results import ItemScore, RubricLevels, item_scores, rubric_levels
from peer2peer.progress.outcomes import (
    OutcomeEvidence,
    outcome_evidence,
    with_observed_practice,
)
from peer2peer.progress.status import ModuleProgress, cohort_progress


def cohort_item_map(cohort: Path) -> ItemMap:
    """The cohort's copy of the item map (raises CohortError when it cannot be read)."""
    try:
        return load_item_map(cohort)
    except ItemMapUnreadable as error:
        raise CohortError(str(error)) from error


def cohort_rubrics(cohort: Path, settings: CohortSettings) -> dict[str, Rubric]:
    """Each module's rubric, by module id (a module without reflections to mark has none)."""
    rubrics = {}
    for module in settings.modules:
        with suppress(CohortError):
            rubrics[module] = load_rubric(cohort, module)
    return rubrics


@dataclass
class CohortData:
    """A read-only snapshot of one cohort: progress, item scores, rubric levels, outcomes."""

    cohort: Path
    settings: CohortSettings
    progress: list[ModuleProgress]
    item_map: ItemMap
    scores: list[ItemScore]
    levels: RubricLevels
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    read_at: datetime = field(default_factory=datetime.now)

    @classmethod
    def read(cls, cohort: Path) -> CohortData:
        """Read the cohort at `cohort` (raises NotACohort or CohortError)."""
        settings = load_settings(cohort)
        return cls(
            cohort,
            settings,
            cohort_progress(cohort, settings),
            cohort_item_map(cohort),
            item_scores(settings),
            rubric_levels(settings),
            cohort_rubrics(cohort, settings),
        )

    @cached_property
    def trainees(self) -> dict[str, str]:
        """Trainee id -> name, in the order of the cohort table."""
        return {row.trainee: row.name for row in self.progress}

    @cached_property
    def evidence(self) -> list[OutcomeEvidence]:
        """Every trainee x outcome, with its evidence status."""
        found = outcome_evidence(
            self.item_map, self.trainees, self.scores, self.levels, self.rubrics
        )
        return with_observed_practice(found, observed_met(self.cohort, self.settings))

    def module_label(self, module: str) -> str:
        """ "01-recovery: Understanding recovery", for menus and headings."""
        title = self.item_map.title(module)
        return module if title == module else f"{module}: {title}"
