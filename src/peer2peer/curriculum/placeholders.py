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


@dataclass(frozen=True)
class Slip:
    """Braces meant as a placeholder that are not one: the build would leave them as typed."""

    written: str
    line: int
    what: str
    fix: str


#: Anything that opens like a placeholder: "{{", up to the next "}}" on its line (or the end).
_OPENING = re.compile(r"\{\{(?P<inside>[^\n]*?)(?P<shut>\}\}|$)", re.MULTILINE)
_STRAY_CLOSE = re.compile(r"\}\}")


def find_slips(text: str, first_line: int = 1) -> list[Slip]:
    """Braces in `text` that the build would leave as they are: wrong case, unclosed, unknown."""
    fine = [match.span() for match in PLACEHOLDER.finditer(text)]
    slips, taken = [], []
    for match in _OPENING.finditer(text):
        if _within(fine, match.start()):
            continue
        taken.append(match.span())
        slips.append(_slip(match, first_line + text.count("\n", 0, match.start())))
    for match in _STRAY_CLOSE.finditer(text):
        if _within(fine + taken, match.start()):
            continue
        line = first_line + text.count("\n", 0, match.start())
        slips.append(
            Slip(
                "}}",
                line,
                "`}}` closes a placeholder that was never opened",
                "write the placeholder whole, such as {{ area.name }}, or remove the `}}`",
            )
        )
    return sorted(slips, key=lambda slip: slip.line)


def _within(spans: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in spans)


def _slip(match: re.Match, line: int) -> Slip:
    written = match.group(0).strip()
    inside = match["inside"].strip()
    key = re.sub(r"^area\s*\.\s*", "", inside, flags=re.IGNORECASE) or "name"
    meant = f"{{{{ area.{key} }}}}"
    if not match["shut"]:
        return Slip(
            written,
            line,
            f"the placeholder `{written}` is never closed, so trainees would see it as typed",
            f"end it with `}}}}` on the same line: {meant}",
        )
    if re.match(r"area\s*\.", inside, flags=re.IGNORECASE):
        return Slip(
            written,
            line,
            f"`{written}` is not written the way placeholders are, so trainees would see it "
            "as typed",
            f"write `area` in small letters, with no spaces inside the name: {meant}",
        )
    return Slip(
        written,
        line,
        f"`{written}` is not a placeholder (placeholders start with `area.`), so trainees "
        "would see it as typed",
        f"write {meant} for a value of area.yml, or remove the braces",
    )


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
