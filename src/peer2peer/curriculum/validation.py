"""Check YAML data against a schema model and say each failure as a Problem with a fix."""

from __future__ import annotations

import difflib
import json
import re
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from peer2peer.curriculum.problems import Problem
from peer2peer.curriculum.yamlfile import line_of, to_plain

M = TypeVar("M", bound=BaseModel)

_PATTERN_FIXES = {
    "^[0-9]{2}-[a-z0-9][a-z0-9-]*$": (
        "use two digits, a hyphen and lower-case words, like 01-recovery"
    ),
    "^[a-z0-9][a-z0-9-]*$": "use lower-case letters, digits and hyphens only, like recovery-1",
}


def validate(
    model: type[M], data: Any, shown_as: str, first_line: int = 1, what_it_is: str = ""
) -> tuple[M | None, list[Problem]]:
    """Validate line-aware YAML `data`; return the model or the problems found.

    `first_line` is the file line where `data` starts (front matter or an exercise
    body sits inside a larger file). `what_it_is` prefixes messages, e.g. "exercise q1".
    """
    if data is None:
        data = {}
    if not isinstance(data, dict):
        fix = "write it as `key: value` lines"
        return None, [
            Problem(shown_as, first_line, f"{what_it_is or 'this'} is not a mapping", fix)
        ]
    try:
        return model.model_validate(to_plain(data)), []
    except ValidationError as error:
        problems = []
        for item in error.errors():
            problems.append(_problem(model, data, item, shown_as, first_line, what_it_is))
        return None, sorted(set(problems))


def _problem(
    model: type[BaseModel],
    data: Any,
    item: dict[str, Any],
    shown_as: str,
    first_line: int,
    what_it_is: str,
) -> Problem:
    loc = _data_path(data, item["loc"])
    where = f"{what_it_is}: " if what_it_is else ""
    kind = item["type"]
    line = line_of(data, loc, first_line - 1)
    key = loc[-1] if loc else ""
    info = _field_info(model, loc)
    if kind == "missing":
        line = line_of(data, loc[:-1], first_line - 1)
        return Problem(shown_as, line, f"{where}missing key `{key}`", _add_key_fix(key, info))
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(key), allowed, n=1)
        fix = f"did you mean `{close[0]}`?" if close else "remove it."
        fix += f" The keys allowed here are: {', '.join(allowed)}" if allowed else ""
        return Problem(shown_as, line, f"{where}unknown key `{key}`", fix)
    dotted = ".".join(str(step) for step in loc) or "this"
    value = item.get("input")
    if kind == "string_pattern_mismatch":
        pattern = item.get("ctx", {}).get("pattern", "")
        fix = _PATTERN_FIXES.get(pattern, f"match the pattern {pattern}")
        return Problem(shown_as, line, f"{where}`{dotted}` is {value!r}, not a valid id", fix)
    if kind == "value_error":
        # Model validators say "what is wrong | how to fix it".
        what, _, fix = item["msg"].removeprefix("Value error, ").partition(" | ")
        named = re.search(r"`(\w+)`", what)
        if named and isinstance(data, dict) and named[1] in data:
            line = line_of(data, [*loc, named[1]], first_line - 1)
        return Problem(shown_as, line, f"{where}{what}", fix or "correct the value")
    message = item["msg"][0].lower() + item["msg"][1:]
    return Problem(shown_as, line, f"{where}`{dotted}`: {message}", _example_fix(key, info))


def _data_path(data: Any, loc: Sequence[str | int]) -> list[str | int]:
    """Keep the steps of a pydantic location that walk the data (drop union-member tags)."""
    path: list[str | int] = []
    node = data
    for step in loc:
        if _holds(node, step):
            node = node[step]
            path.append(step)
        elif isinstance(node, dict) and isinstance(step, str) and not path_is_union_tag(step):
            path.append(step)  # a missing key: keep it so the message can name it
            break
    return path


def _holds(node: Any, step: str | int) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and step < len(node)


def path_is_union_tag(step: str) -> bool:
    """True for the type names pydantic puts in a location when a union fails."""
    return "[" in step or step in {"str", "int", "float", "bool", "list", "dict", "none"}


def _field_info(model: type[BaseModel], loc: Sequence[str | int]) -> FieldInfo | None:
    """Find the pydantic field a data path ends at, if there is one."""
    current: Any = model
    info = None
    for step in loc:
        if isinstance(step, int):
            continue
        current = _model_inside(current)
        if current is None or step not in current.model_fields:
            return None
        info = current.model_fields[step]
        current = info.annotation
    return info


def _model_inside(annotation: Any) -> type[BaseModel] | None:
    """Return the model an annotation holds directly or in a list or dict."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_inside(arg)
        if found is not None:
            return found
    return None


def _allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    inner = _model_inside(_field_info(model, loc).annotation) if loc else model
    return list(inner.model_fields) if inner is not None else []


def _add_key_fix(key: Any, info: FieldInfo | None) -> str:
    if info is not None and info.examples:
        example = json.dumps(info.examples[0], ensure_ascii=False)
        return f"add `{key}: {example}`" + (f" ({info.description})" if info.description else "")
    described = f" ({info.description})" if info is not None and info.description else ""
    return f"add `{key}:` with its value{described}"


def _example_fix(key: Any, info: FieldInfo | None) -> str:
    if info is not None and info.examples:
        return f"write it like `{key}: {json.dumps(info.examples[0], ensure_ascii=False)}`"
    return "correct the value"
