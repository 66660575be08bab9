"""Local examples: text in a lesson that an area may swap for its own without editing the lesson.

A lesson marks the text that an area may want to tell its own way:

    ```{local-example} peer-roles-here
    Default words, which may use placeholders such as {{ area.name }}.
    ```

An area swaps it by writing `local/examples/<module-id>/peer-roles-here.md`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peer2peer.curriculum.myst import Fence, find_fences
from peer2peer.curriculum.paths import LOCAL_FOLDER
from peer2peer.curriculum.problems import Problem

EXAMPLES_FOLDER = LOCAL_FOLDER / "examples"


class ExampleBlock(Fence):
    """One ```{local-example} ID``` fence in a text: its id and default words."""

    @property
    def id(self) -> str:
        """The example's id, written after {local-example}."""
        return self.argument

    @property
    def text(self) -> str:
        """The lesson's own words, used when the area has none."""
        return self.body


@dataclass(frozen=True)
class LocalExample:
    """An area's own words for one local example: local/examples/<module-id>/<example-id>.md."""

    shown_as: str
    module_id: str
    example_id: str
    text: str


def find_examples(text: str, first_line: int = 1) -> list[ExampleBlock]:
    """Every local-example fence in `text`, whose first line is file line `first_line`."""
    return find_fences(text, "local-example", first_line, ExampleBlock)


def swap_examples(text: str, own_words: dict[str, str]) -> str:
    """Replace each local-example fence by the area's own words for it, or by its default."""
    pieces = []
    cursor = 0
    for block in find_examples(text):
        pieces.append(text[cursor : block.start])
        pieces.append(own_words.get(block.id, block.text).strip("\n") + "\n")
        cursor = block.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def read_local_examples(root: Path) -> tuple[list[LocalExample], list[Problem]]:
    """Read every file under local/examples; a file in the wrong place or form is a Problem."""
    found: list[LocalExample] = []
    problems: list[Problem] = []
    folder = root / EXAMPLES_FOLDER
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_dir() or path.name.startswith("."):
            continue
        shown = path.relative_to(root).as_posix()
        inside = path.relative_to(folder).parts
        if len(inside) != 2 or path.suffix != ".md":
            fix = (
                f"put it at {EXAMPLES_FOLDER.as_posix()}/<module-id>/<example-id>.md, "
                f"for example {EXAMPLES_FOLDER.as_posix()}/03-peer-support/peer-roles-here.md"
            )
            problems.append(Problem(shown, 1, "this is not where a local example goes", fix))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(shown, 1, "the file is not UTF-8 text", "save it as UTF-8"))
            continue
        found.append(LocalExample(shown, inside[0], path.stem, text))
    return found, problems
