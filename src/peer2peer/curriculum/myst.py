"""Find the front matter and the ```{exercise}``` (or other) fences in a MyST text, with lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar


@dataclass(frozen=True)
class FrontMatter:
    """The YAML between the first two `---` lines, and where the rest begins."""

    yaml: str
    first_line: int  # line of the first YAML line
    body: str
    body_first_line: int


@dataclass(frozen=True)
class Fence:
    """One ```{DIRECTIVE} ARGUMENT``` fence: its argument, its body and where it stands."""

    argument: str
    body: str
    line: int  # line of the opening fence
    start: int  # offsets of the whole fence in the text it was found in
    end: int
    closing: str = ""  # the closing fence's line, as written

    @property
    def body_line(self) -> int:
        """Line of the first line of the body."""
        return self.line + 1

    @property
    def closing_line(self) -> int:
        """Line of the closing fence."""
        return self.body_line + self.body.count("\n")

    def code_fences(self) -> list[int]:
        """Lines where a code fence (```) stands inside this fence's body.

        Inside a longer fence, such a line starts a code block in the middle of the words.
        With a fence as short as its own, it closes this fence early: CommonMark lets a
        closing fence be indented, so a ``` indented inside a YAML prompt ends the exercise
        there, and the rest of the prompt spills out as text.
        """
        lines = [
            self.body_line + number
            for number, line in enumerate(self.body.splitlines())
            if CODE_FENCE.match(line)
        ]
        if self.closing[:1] in (" ", "\t"):
            lines.append(self.closing_line)
        return lines


#: A line that opens or closes a code block: three or more backticks or tildes.
CODE_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
#: How every fence starts (a quick look before a pattern is tried).
FENCE_MARKS = ("```", "~~~")


FenceKind = TypeVar("FenceKind", bound=Fence)


class ExerciseBlock(Fence):
    """One ```{exercise} KIND``` fence, whose body is the exercise's YAML."""

    @property
    def kind(self) -> str:
        """The exercise kind written after {exercise}."""
        return self.argument


class UnclosedFence(ValueError):
    """A fence (```{exercise}, ```{local-example}) with no closing fence."""

    def __init__(self, line: int, directive: str = "exercise"):
        super().__init__(f"{directive} fence opened on line {line} is never closed")
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


def find_fences(
    text: str, directive: str, first_line: int = 1, kind: type[FenceKind] = Fence
) -> list[FenceKind]:
    """Every ```{directive}``` fence in `text`, whose first line is file line `first_line`.

    Each is made a `kind` of fence (an ExerciseBlock, say).
    """
    if f"{{{directive}}}" not in text:
        return []  # no fence can open: most texts and cells hold none of a kind
    name = re.escape(directive)
    opening = re.compile(
        rf"^(?P<fence>`{{3,}}|~{{3,}})\{{{name}\}}[ \t]*(?P<argument>[^\s`]*)[ \t]*$"
    )
    fences = []
    lines = text.splitlines(keepends=True)
    offset = index = 0
    while index < len(lines):
        line = lines[index]
        match = line.startswith(FENCE_MARKS) and opening.match(line.rstrip("\r\n"))
        if not match:
            offset += len(line)
            index += 1
            continue
        closing = index + 1
        while closing < len(lines) and not _closes(lines[closing], match["fence"]):
            closing += 1
        if closing == len(lines):
            raise UnclosedFence(first_line + index, directive)
        end = offset + sum(len(line) for line in lines[index : closing + 1])
        body = "".join(lines[index + 1 : closing])
        shut = lines[closing].rstrip("\r\n")
        fences.append(kind(match["argument"], body, first_line + index, offset, end, shut))
        offset = end
        index = closing + 1
    return fences


def find_exercises(text: str, first_line: int = 1) -> list[ExerciseBlock]:
    """Find every exercise fence in `text`, whose first line is file line `first_line`."""
    return find_fences(text, "exercise", first_line, ExerciseBlock)


def _closes(line: str, fence: str) -> bool:
    if fence[:3] not in line:  # a closing fence holds at least three of the fence's marks
        return False
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


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


_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#+\s+")
_ENDS_A_SENTENCE = (".", "!", "?", ":", ";")


def plain_text(markdown: str) -> str:
    """Markdown said as plain words: for a screen reader's label, a menu or a table.

    Each list item and heading becomes a sentence of its own, so that a prompt written as
    a list reads as sentences ("In your own words: Explain this. Say that.").
    """
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    chunks: list[list[str]] = []  # paragraphs, list items and headings, each a list of lines
    starts_sentence: list[bool] = []
    for line in text.splitlines():
        item = _ITEM.match(line) or _HEADING.match(line)
        if item:
            chunks.append([line[item.end() :]])
            starts_sentence.append(True)
        elif not line.strip():
            chunks.append([])
            starts_sentence.append(False)
        elif chunks and chunks[-1]:
            chunks[-1].append(line)
        else:
            chunks.append([line])
            starts_sentence.append(False)
    said = []
    for lines, sentence in zip(chunks, starts_sentence, strict=True):
        words = " ".join(re.sub(r"[*_`#>]+", "", " ".join(lines)).split())
        if not words:
            continue
        if sentence and words[:1].islower() and words[1:2].islower():
            words = words[0].upper() + words[1:]
        if said and not said[-1].endswith(_ENDS_A_SENTENCE):
            said[-1] += "."
        said.append(words)
    if any(starts_sentence) and not said[-1].endswith(_ENDS_A_SENTENCE):
        said[-1] += "."
    return " ".join(said)
