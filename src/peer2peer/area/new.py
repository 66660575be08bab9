"""`peer2peer area new`: write a fresh curriculum/area.yml from the annotated template."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peer2peer.curriculum.fixmes import Fixme, find_fixmes
from peer2peer.curriculum.paths import AREA_FILE
from peer2peer.curriculum.schema import Area
from peer2peer.curriculum.yamlfile import parse_fast

TEMPLATE = Path(__file__).with_name("template.yml")
_NAME_LINE = re.compile(r"^name:.*$", re.MULTILINE)


class AreaNotWritten(Exception):
    """area.yml was left as it is; the message says why in one sentence."""


@dataclass(frozen=True)
class NewArea:
    """What `area new` wrote: the file, what it replaced, and the FIXME notes left to fill in."""

    path: Path
    replaced: str  # what was there before, in words ("" when there was no file)
    fixmes: list[Fixme]


def template_text() -> str:
    """The annotated template every new area starts from."""
    return TEMPLATE.read_text(encoding="utf-8")


def write_new_area(root: Path, name: str, force: bool = False) -> NewArea:
    """Write curriculum/area.yml from the template with `name` filled in.

    It replaces the example area, or an area whose values are still the template's; any
    other area.yml may be someone's work, so it is replaced only with `force`.
    """
    name = name.strip()
    if not name or "\n" in name:
        raise AreaNotWritten('give the name of your area in quotes, for example "Highland"')
    path = root / AREA_FILE
    replaced = ""
    if path.exists():
        replaced, keep_because = _what_is_there(path)
        if keep_because and not force:
            raise AreaNotWritten(
                f"{keep_because}, so it was left as it is: add --force to replace it"
            )
    text = _NAME_LINE.sub(lambda _: f"name: {_yaml_text(name)}", template_text(), count=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return NewArea(path, replaced, find_fixmes(text))


def has_template_values(path: Path) -> bool:
    """True when area.yml holds the template's values (any name): nobody's area yet."""
    return _what_is_there(path)[1] == ""


def _what_is_there(path: Path) -> tuple[str, str]:
    """(what the file holds, in words; why it must be kept, or "" when it may be replaced)."""
    shown = AREA_FILE.as_posix()
    try:
        data = parse_fast(path.read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - whatever is wrong, the file may hold someone's work
        return "an unreadable file", f"{shown} cannot be read, so it may hold unsaved work"
    values = _values_besides_name(data)
    template = parse_fast(template_text())
    if values is None:
        return "an unfinished area", f"{shown} holds an area that is not complete yet"
    if values != _values_besides_name(template):
        return "a filled-in area", f"{shown} already holds an area with its own values"
    if data.get("name") == template["name"]:
        return "the example area", ""
    return "an area whose values were not filled in yet", ""


def _values_besides_name(data: Any) -> dict[str, Any] | None:
    """The area's values other than its name, or None when they are not a valid area."""
    try:
        return Area.model_validate(data).model_dump(exclude={"name"})
    except ValueError:
        return None


def _yaml_text(value: str) -> str:
    """`value` as a YAML string: plain when that reads back the same, else in double quotes."""
    try:
        if "#" not in value and parse_fast(f"name: {value}") == {"name": value}:
            return value
    except Exception:  # noqa: BLE001 - not plain YAML: quote it
        pass
    return json.dumps(value, ensure_ascii=False)
