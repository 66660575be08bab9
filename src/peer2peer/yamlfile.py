"""Read YAML while remembering the line of every key, for messages that point at a line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .problems import Problem


class YamlError(Exception):
    """A YAML text that cannot be parsed; `line` is 1-based within that text."""

    def __init__(self, line: int, what: str, fix: str):
        super().__init__(what)
        self.line = line
        self.what = what
        self.fix = fix


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def parse_yaml(text: str) -> Any:
    """Parse YAML text into line-aware maps and lists, or raise YamlError."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = (error.problem or error.context or "the YAML cannot be read").strip()
        if "found duplicate key" in str(error) or "duplicate key" in what:
            what = "a key appears twice"
            fix = "keep one of them"
        elif "tab" in what:
            fix = "indent with spaces, not tabs"
        else:
            fix = (
                "check the indentation and punctuation on this line and the one before it; "
                'put text that contains ": " or starts with a symbol in quotes'
            )
        raise YamlError(line, f"YAML syntax error: {what}", fix) from None


def load_yaml_file(path: Path, shown_as: str) -> tuple[Any, list[Problem]]:
    """Load a YAML file; a syntax error becomes a Problem instead of an exception."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(shown_as, 1, "the file is not UTF-8 text", "save it as UTF-8")]
    try:
        return parse_yaml(text), []
    except YamlError as error:
        return None, [Problem(shown_as, error.line, error.what, error.fix)]


def line_of(data: Any, location: Sequence[str | int], offset: int = 0) -> int:
    """Return the 1-based line of the deepest part of `location` found in `data`."""
    line = 1
    node = data
    for step in location:
        if isinstance(node, CommentedMap) and step in node:
            line = node.lc.key(step)[0] + 1
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
            line = node.lc.item(step)[0] + 1
            node = node[step]
        else:
            break
    return line + offset


def to_plain(data: Any) -> Any:
    """Turn ruamel's line-aware containers into plain dicts and lists."""
    if isinstance(data, dict):
        return {str(key): to_plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [to_plain(item) for item in data]
    return data
