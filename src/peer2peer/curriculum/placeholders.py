"""Placeholders such as {{ area.crisis_lines }}: find them, and fill them from area.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*area\.(?P<key>[A-Za-z0-9_\-.]+)\s*\}\}")


@dataclass(frozen=True)
class Placeholder:
    """One placeholder in a text, with the line it is on (1-based)."""

    key: str
    line: int


class UndefinedPlaceholder(KeyError):
    """A placeholder names a key that area.yml does not have."""


def find_placeholders(text: str, first_line: int = 1) -> list[Placeholder]:
    """List every placeholder in `text`, whose first line is file line `first_line`."""
    found = []
    for match in PLACEHOLDER.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        found.append(Placeholder(match["key"], line))
    return found


def lookup(area: dict[str, Any], key: str) -> Any:
    """Return the value at a dotted key of the area, or raise UndefinedPlaceholder."""
    value: Any = area
    for part in key.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        else:
            raise UndefinedPlaceholder(key)
    return value


def render(value: Any) -> str:
    """Say an area value in Markdown: lists of records become bullets, short lists a phrase."""
    if isinstance(value, list) and not value:
        return ""  # an area may have none, for example no local services yet
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        return "\n".join(f"- {_record(item)}" for item in value) + "\n"
    if isinstance(value, list):
        words = [str(item) for item in value]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    if isinstance(value, dict):
        return _record(value)
    return str(value)


def _record(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    values = [str(v) for v in item.values() if v not in (None, "")]
    if not values:
        return ""
    text = f"**{values[0]}**"
    if len(values) > 1:
        text += f": {values[1]}"
    if len(values) > 2:
        text += f" ({'; '.join(values[2:])})"
    return text


def fill(text: str, area: dict[str, Any]) -> str:
    """Replace every placeholder in `text` by its area value; raise on an undefined one."""
    return PLACEHOLDER.sub(lambda match: render(lookup(area, match["key"])), text)
