"""Find the front matter and the ```{exercise}``` fences in a MyST text, with their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENING = re.compile(r"^(?P<fence>`{3,}|~{3,})\{exercise\}[ \t]*(?P<kind>[^\s`]*)[ \t]*$")


@dataclass(frozen=True)
class FrontMatter:
    """The YAML between the first two `---` lines, and where the rest begins."""

    yaml: str
    first_line: int  # line of the first YAML line
    body: str
    body_first_line: int


@dataclass(frozen=True)
class ExerciseBlock:
    """One ```{exercise} KIND``` fence: its kind, YAML body and where it stands."""

    kind: str
    body: str
    line: int  # line of the opening fence
    start: int  # offsets of the whole fence in the text it was found in
    end: int

    @property
    def body_line(self) -> int:
        """Line of the first line of the YAML body."""
        return self.line + 1


class UnclosedFence(ValueError):
    """An exercise fence with no closing fence."""

    def __init__(self, line: int):
        super().__init__(f"exercise fence opened on line {line} is never closed")
        self.line = line


def split_front_matter(text: str) -> FrontMatter | None:
    """Return the front matter of `text`, or None when it has none."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return FrontMatter(
                yaml="".join(lines[1:index]),
                first_line=2,
                body="".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    return None


def find_exercises(text: str, first_line: int = 1) -> list[ExerciseBlock]:
    """Find every exercise fence in `text`, whose first line is file line `first_line`."""
    blocks = []
    lines = text.splitlines(keepends=True)
    offset = 0
    index = 0
    while index < len(lines):
        match = _OPENING.match(lines[index].rstrip("\r\n"))
        if not match:
            offset += len(lines[index])
            index += 1
            continue
        fence = match["fence"]
        start = offset
        body_lines = []
        closing = index + 1
        while closing < len(lines) and not _closes(lines[closing], fence):
            body_lines.append(lines[closing])
            closing += 1
        if closing == len(lines):
            raise UnclosedFence(first_line + index)
        end = start + sum(len(line) for line in lines[index : closing + 1])
        blocks.append(
            ExerciseBlock(match["kind"], "".join(body_lines), first_line + index, start, end)
        )
        offset = end
        index = closing + 1
    return blocks


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}


def split_markdown(source: str) -> list[str | ExerciseBlock]:
    """Split a Markdown cell into its text parts and exercise blocks, in order."""
    parts: list[str | ExerciseBlock] = []
    cursor = 0
    for block in find_exercises(source):
        text = source[cursor : block.start].strip()
        if text:
            parts.append(text)
        parts.append(block)
        cursor = block.end
    rest = source[cursor:].strip()
    if rest:
        parts.append(rest)
    return parts
