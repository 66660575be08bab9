"""An area's changes to the list of modules: drop some, add its own, each with where it is listed.

Upstream modules stay listed in curriculum/curriculum.yml and their folders stay on disk, so
the area never edits upstream files and later upstream changes merge without conflicts.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from peer2peer.curriculum.problems import Problem
from peer2peer.curriculum.schema import AreaModules, ModuleEntry
from peer2peer.curriculum.yamlfile import line_of


@dataclass(frozen=True)
class Listing:
    """Where a module is listed: the file, its line-aware YAML, and the path to the entry."""

    file: str
    data: Any
    location: tuple[str | int, ...]

    def at(self, *within: str | int) -> tuple[str, int]:
        """The file and line of a key inside the entry, as a Problem starts."""
        return self.file, line_of(self.data, [*self.location, *within])


@dataclass
class ModuleList:
    """The course's modules in order once an area's changes are made, with their listings."""

    modules: list[ModuleEntry]
    listings: list[Listing]
    dropped: list[ModuleEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        """The module ids, in order."""
        return [module.id for module in self.modules]


def apply_area_modules(
    upstream: ModuleList, changes: AreaModules, area_file: str, area_yaml: Any
) -> ModuleList:
    """Drop and add modules as area.yml says; each id that cannot be used is a Problem."""
    result = ModuleList(list(upstream.modules), list(upstream.listings))
    section = Listing(area_file, area_yaml, ("modules",))
    for number, module_id in enumerate(changes.drop):
        if module_id in result.ids:
            index = result.ids.index(module_id)
            result.dropped.append(result.modules.pop(index))
            result.listings.pop(index)
        elif module_id not in [module.id for module in result.dropped]:
            result.problems.append(
                Problem(
                    *section.at("drop", number),
                    f"`modules: drop:` names `{module_id}`, "
                    "which is not a module of the curriculum",
                    _one_of(module_id, upstream.ids),
                )
            )
    placed_after: dict[str, str] = {}  # so that two modules after the same one keep their order
    for number, local in enumerate(changes.add):
        listing = Listing(area_file, area_yaml, ("modules", "add", number))
        if local.id in result.ids:
            result.problems.append(
                Problem(
                    *listing.at("id"),
                    f"the module id `{local.id}` is already in the course",
                    f"give your module its own id, or also list `{local.id}` under "
                    "`modules: drop:` to replace the curriculum's module with yours",
                )
            )
            continue
        position = len(result.modules)
        if local.after is not None:
            anchor = placed_after.get(local.after, local.after)
            if anchor in result.ids:
                position = result.ids.index(anchor) + 1
                placed_after[local.after] = local.id
            else:
                gone = local.after in [module.id for module in result.dropped]
                why = "which this area drops" if gone else "which is not in the course"
                result.problems.append(
                    Problem(
                        *listing.at("after"),
                        f"module `{local.id}` comes after `{local.after}`, {why}",
                        _one_of(
                            local.after,
                            result.ids,
                            "Name a module in the course, or leave `after` out to put it last. ",
                        ),
                    )
                )
        entry = ModuleEntry.model_validate(local.model_dump(exclude={"after"}))
        result.modules.insert(position, entry)
        result.listings.insert(position, listing)
    if not result.modules:
        result.problems.append(
            Problem(*section.at("drop"), "this area drops every module", "keep at least one module")
        )
    return result


def _one_of(wrong: str, known: list[str], advice: str = "") -> str:
    """A fix that suggests the closest known id, gives the advice, then lists every id."""
    close = difflib.get_close_matches(wrong, known, n=1)
    hint = f"did you mean `{close[0]}`? " if close else ""
    return f"{hint}{advice}The module ids are: {', '.join(known)}"
