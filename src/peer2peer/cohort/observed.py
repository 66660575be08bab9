"""Observed practice: a trainer's checklist of skills seen in practice, per skills module.

A checklist's items are the module's learning outcomes (cohort.yml `observed_practice:`
lists them). For each trainee the trainer records each item as met or not yet, with an
optional note. Results are kept in observed.json in the cohort (this module is its one
reader and writer) and each one also goes into the marking record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from peer2peer.cohort.course import writing
from peer2peer.cohort.marking_record import OBSERVED, record_mark
from peer2peer.cohort.names import known_trainee
from peer2peer.cohort.people import current_person, now_text
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.notebooks.item_map import ItemMap
from peer2peer.shared.files import atomic_write_json

OBSERVED_FILE = "observed.json"
MET, NOT_YET_MET = "met", "not yet"
RESULTS = {"met": MET, "not-yet": NOT_YET_MET, "not yet": NOT_YET_MET}
#: The course's skills modules, where a trainer watches practice: their ids start so.
SKILLS_MODULES = ("05-", "06-", "07-", "08-")


@dataclass(frozen=True)
class ItemResult:
    """One checklist item for one trainee."""

    result: str
    note: str = ""
    by: str = ""
    at: str = ""


@dataclass(frozen=True)
class ChecklistResult:
    """One trainee's checklist in one module: what is met, and what is not yet."""

    trainee: str
    module: str
    items: dict[str, ItemResult] = field(default_factory=dict)
    checklist: tuple[str, ...] = ()

    @property
    def met(self) -> list[str]:
        """Items observed as met."""
        return [i for i in self.checklist if self.items.get(i, _NOTHING).result == MET]

    @property
    def complete(self) -> bool:
        """Every item on the checklist is met."""
        return len(self.met) == len(self.checklist)


_NOTHING = ItemResult("")


def default_checklists(item_map: ItemMap, modules: list[str]) -> dict[str, list[str]]:
    """The checklists a new cohort starts with: each skills module's outcomes."""
    return {
        module: list(item_map.modules[module].outcomes)
        for module in modules
        if module.startswith(SKILLS_MODULES) and module in item_map.modules
    }


def load_observed(cohort: Path) -> dict[str, dict[str, dict[str, ItemResult]]]:
    """Every result: module -> trainee -> item -> ItemResult."""
    path = cohort / OBSERVED_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["checklists"]
        return {
            module: {
                trainee: {item: ItemResult(**fields) for item, fields in items.items()}
                for trainee, items in row.items()
            }
            for module, row in data.items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CohortError(f"{path} cannot be read ({error}). Restore it from a backup") from error


def _save(cohort: Path, results: dict[str, dict[str, dict[str, ItemResult]]]) -> None:
    checklists = {
        module: {trainee: {i: vars(r) for i, r in items.items()} for trainee, items in row.items()}
        for module, row in results.items()
        if row
    }
    atomic_write_json(cohort / OBSERVED_FILE, {"format": 1, "checklists": checklists})


def record_observed(
    cohort: Path,
    settings: CohortSettings,
    module: str,
    trainee: str,
    item: str,
    result: str,
    note: str = "",
    by: str | None = None,
) -> list[str]:
    """Record an item (or `all` items) of a trainee's checklist; returns the items recorded."""
    checklist = settings.observed_practice.get(module)
    if checklist is None:
        listed = ", ".join(settings.observed_practice) or "none yet"
        raise CohortError(
            f"{module} has no observed-practice checklist (modules with one: {listed}). "
            "Add one to cohort.yml under observed_practice:"
        )
    if result.strip().lower() not in RESULTS:
        raise CohortError(f"{result!r} is not a result. Use met or not-yet")
    items = list(checklist) if item == "all" else [item]
    unknown = [i for i in items if i not in checklist]
    if unknown:
        raise CohortError(
            f"{unknown[0]!r} is not on the checklist for {module}. Its items: "
            + ", ".join(checklist)
        )
    known_trainee(settings, trainee)
    who, words = current_person(by), note.strip()
    chosen = RESULTS[result.strip().lower()]
    with writing(cohort):
        results = load_observed(cohort)
        row = results.setdefault(module, {}).setdefault(trainee, {})
        for one in items:
            row[one] = ItemResult(chosen, words, who, now_text())
            record_mark(
                cohort,
                settings,
                OBSERVED,
                trainee,
                module,
                one,
                {"result": chosen},
                None,
                words,
                who,
            )
        _save(cohort, results)
    return items


def checklist_results(cohort: Path, settings: CohortSettings) -> list[ChecklistResult]:
    """Every trainee's result on every checklist that has any, module by module."""
    found = load_observed(cohort)
    return [
        ChecklistResult(trainee, module, items, tuple(settings.observed_practice.get(module, [])))
        for module in settings.observed_practice
        for trainee, items in sorted(found.get(module, {}).items())
    ]


def observed_met(cohort: Path, settings: CohortSettings) -> dict[tuple[str, str], set[str]]:
    """(trainee, module) -> the checklist items (outcome ids) observed as met."""
    return {(r.trainee, r.module): set(r.met) for r in checklist_results(cohort, settings)}


def forget_observed(cohort: Path, trainee: str) -> int:
    """Remove a trainee's results; returns how many went. The caller holds the write lock."""
    results = load_observed(cohort)
    removed = sum(len(row.pop(trainee, {})) for row in results.values())
    if removed:
        _save(cohort, results)
    return removed
