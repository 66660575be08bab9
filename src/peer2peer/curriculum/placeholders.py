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


def _link(words: str, address: str) -> str:
    # Bold as well as coloured: a link in a sentence must not rely on colour alone (WCAG 1.4.1).
    return f"**[{words}]({address})**"


def phone_link(number: str) -> str:
    """A phone number as a tap-to-call link that still reads as the number.

    `116 123` becomes `**[116 123](tel:116123)**`: the link holds digits only (and a leading +
    for an international number); the words keep the spaces people read the number with.
    Words with no digits stay as they are.
    """
    digits = re.sub(r"\D", "", number)
    if not digits:
        return number
    plus = "+" if number.strip().startswith("+") else ""
    return _link(number.strip(), f"tel:{plus}{digits}")


def email_link(address: str) -> str:
    """An email address as a link that opens an email to it, and reads as the address."""
    address = address.strip()
    if "@" not in address or " " in address:
        return address
    return _link(address, f"mailto:{address}")


def web_link(where: str) -> str:
    """A web address as a link that reads without its `https://`; other words as they are."""
    where = where.strip()
    if not re.match(r"^https?://\S+$", where):
        return where
    return _link(re.sub(r"^https?://(www\.)?", "", where).rstrip("/"), where)


def crisis_line(line: dict[str, Any]) -> str:
    """One crisis line as a sentence or two: its name, number, hours and any other routes."""
    said = f"**{line.get('name', '')}**: call {phone_link(str(line.get('phone', '')))}"
    if line.get("hours"):
        said += f", {line['hours']}"
    said += "."
    if line.get("text"):
        said += f" Text {line['text']}."
    if line.get("web_chat"):
        said += f" Web chat: {web_link(str(line['web_chat']))}."
    if line.get("textphone"):
        said += f" Textphone: {phone_link(str(line['textphone']))}."
    return said


def crisis_lines(lines: list[Any]) -> str:
    """The crisis lines as a bulleted list, one line each, with tap-to-call numbers."""
    return "".join(f"- {crisis_line(line)}\n" for line in lines if isinstance(line, dict))


def course_contact(contact: dict[str, Any]) -> str:
    """How to reach the course team: "email ... or call ..." as links, then when they answer."""
    routes = []
    if contact.get("email"):
        routes.append(f"email {email_link(str(contact['email']))}")
    if contact.get("phone"):
        routes.append(f"call {phone_link(str(contact['phone']))}")
    said = " or ".join(routes)
    if contact.get("hours"):
        said += f", {contact['hours']}"
    return said


#: Area values said in a way of their own, by key: numbers to tap, addresses to open.
_LINKED: dict[str, Any] = {
    "crisis_lines": lambda value: crisis_lines(value) if isinstance(value, list) else None,
    "contact": lambda value: course_contact(value) if isinstance(value, dict) else None,
    "contact.phone": lambda value: phone_link(value) if isinstance(value, str) else None,
    "contact.email": lambda value: email_link(value) if isinstance(value, str) else None,
}


def render(value: Any, key: str = "", links: bool = True) -> str:
    """Say an area value in Markdown: lists of records become bullets, short lists a phrase.

    With `links`, the crisis lines and the course contact get tap-to-call and email links.
    """
    linked = _LINKED.get(key) if links else None
    said = linked(value) if linked else None
    if said is not None:
        return said
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


def fill(text: str, area: dict[str, Any], links: bool = True) -> str:
    """Replace every placeholder in `text` by its area value; raise on an undefined one.

    `links=False` says phone numbers and addresses as plain words, for text that is not
    shown as Markdown (an option's words, for example).
    """
    return PLACEHOLDER.sub(
        lambda match: render(lookup(area, match["key"]), match["key"], links), text
    )
