"""What each graded cell of a course is: its exercise, its kind and the outcomes it evidences.

Written by the build beside source/ and release/ (items.json), and copied into each cohort
when it is made, like the rubrics, so that later edits to the curriculum never change what
a cohort's marks mean.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from peer2peer.curriculum.myst import plain_text
from peer2peer.curriculum.placeholders import fill
from peer2peer.curriculum.project import Project
from peer2peer.curriculum.schema import Reflection, is_graded
from peer2peer.notebooks.steps import scored_cell_id

ITEMS_FILE = "items.json"


class Item(BaseModel):
    """One graded exercise: a knowledge check (autograded) or a reflection (marked)."""

    exercise: str
    notebook: str
    kind: Literal["check", "reflection"]
    prompt: str
    outcomes: list[str] = []
    #: The exercise as written, area values filled in: what feedback needs to explain it.
    spec: dict[str, Any] = {}


class ModuleItems(BaseModel):
    """A module's title, its learning outcomes (id: text) and its graded items by cell id."""

    title: str
    outcomes: dict[str, str]
    items: dict[str, Item]


class ItemMap(BaseModel):
    """Every module of a cohort, by module id."""

    modules: dict[str, ModuleItems]

    def title(self, module: str) -> str:
        """A module's title, or its id when the map does not know it."""
        found = self.modules.get(module)
        return found.title if found else module


def item_map_of(project: Project, modules: list[str]) -> ItemMap:
    """The item map of the listed modules of a loaded curriculum."""
    found = {}
    for module_id in modules:
        entry = project.module(module_id)
        items = {}
        for document in project.documents.get(module_id, []):
            for exercise in document.exercises:
                spec = exercise.spec
                if spec is None or not is_graded(spec):
                    continue
                items[scored_cell_id(spec)] = Item(
                    exercise=spec.id,
                    notebook=document.notebook_name,
                    kind="reflection" if isinstance(spec, Reflection) else "check",
                    prompt=plain_text(fill(spec.prompt, project.area_values)),
                    outcomes=list(getattr(spec, "outcomes", [])),
                    spec=_filled(spec.model_dump(), project.area_values),
                )
        found[module_id] = ModuleItems(
            title=entry.title, outcomes={o.id: o.text for o in entry.outcomes}, items=items
        )
    return ItemMap(modules=found)


def _filled(value: Any, area: dict[str, Any]) -> Any:
    """Every text in `value` with its placeholders filled from the area."""
    if isinstance(value, str):
        return fill(value, area)
    if isinstance(value, dict):
        return {key: _filled(item, area) for key, item in value.items()}
    if isinstance(value, list):
        return [_filled(item, area) for item in value]
    return value


def save_item_map(folder: Path, item_map: ItemMap) -> None:
    """Write items.json into a built course or a cohort."""
    (folder / ITEMS_FILE).write_text(item_map.model_dump_json(indent=1), encoding="utf-8")


class ItemMapUnreadable(ValueError):
    """items.json exists but cannot be read as an item map."""


def load_item_map(folder: Path) -> ItemMap:
    """Read items.json of a built course or a cohort; a cohort older than it has an empty map."""
    path = folder / ITEMS_FILE
    if not path.is_file():
        return ItemMap(modules={})
    try:
        return ItemMap.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, ValidationError) as error:
        raise ItemMapUnreadable(
            f"{path} cannot be read ({type(error).__name__}). Restore it from a backup"
        ) from error
