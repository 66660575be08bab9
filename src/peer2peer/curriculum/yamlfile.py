"""Read YAML while remembering the line of every key, for messages that point at a line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from peer2peer.curriculum.problems import Problem


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


class _FastLoader(pyyaml.CSafeLoader):
    """libyaml's fast parser, read as YAML 1.2 (like ruamel), refusing duplicate keys."""

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        if len(keys) != len(set(map(repr, keys))):
            raise ValueError("duplicate key")
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: Any) -> int:
        text = self.construct_scalar(node).replace("_", "")
        if text.lstrip("+-").startswith(("0o", "0x")):
            return int(text, 0)
        return int(text, 10)


# The YAML 1.2 core schema: only these plain scalars are not strings.
for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "timestamp",
        r"^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
        r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$",
        "0123456789",
    ),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
]:
    _FastLoader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )
_FastLoader.add_constructor("tag:yaml.org,2002:int", _FastLoader.construct_yaml_int)


def parse_fast(text: str) -> Any:
    """Parse YAML quickly into plain data, without lines; raise on any doubt.

    Used first; when the data turns out to be wrong, `parse_yaml` reads it again with
    lines so that messages can point at them.
    """
    return pyyaml.load(text, Loader=_FastLoader)  # noqa: S506 (a safe loader)


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


class LazyLines:
    """A YAML text whose line-aware form is read only if a message needs a line (it is slow)."""

    def __init__(self, text: str):
        self.text = text
        self._data: Any = None

    @property
    def data(self) -> Any:
        """The line-aware data, read on first use."""
        if self._data is None:
            self._data = parse_yaml(self.text)
        return self._data


def line_of(data: Any, location: Sequence[str | int], offset: int = 0) -> int:
    """Return the 1-based line of the deepest part of `location` found in `data`."""
    line = 1
    node = data.data if isinstance(data, LazyLines) else data
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
