"""FIXME notes: the marks in area.yml and in an area's own files that say what to fill in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from peer2peer.curriculum.paths import AREA_FILE, LOCAL_FOLDER

#: Files under local/ that can carry FIXME notes.
TEXT_SUFFIXES = (".md", ".yml", ".yaml")

_MARK = re.compile(r"(?:(?:^|\s)(?P<hash>#)|<!--)\s*FIXME\b:?\s*(?P<hint>.*?)\s*(?:-->)?\s*$")
_KEY = re.compile(r"^\s*(?:-\s+)*(?P<key>[A-Za-z0-9_][A-Za-z0-9_-]*)\s*:(?:\s|$)")


@dataclass(frozen=True)
class Fixme:
    """A FIXME note: its line, the YAML key it stands on (or ""), its hint and how it is written."""

    line: int
    key: str
    hint: str
    marker: str  # "# FIXME" in YAML, "<!-- FIXME -->" in Markdown text


def find_fixmes(text: str, markdown: bool = False) -> list[Fixme]:
    """Every FIXME note in a YAML text, or in a Markdown text and its front matter."""
    found = []
    keys: list[tuple[int, str]] = []  # (column, key) of the keys the current line is inside
    lines = text.splitlines()
    yaml_until = len(lines) if not markdown else _front_matter_end(lines)
    for number, line in enumerate(lines, start=1):
        content = line.split("#", 1)[0] if number <= yaml_until else ""
        key_here = bool(content.strip()) and _enter(keys, content)
        mark = _MARK.search(line)
        if mark is None:
            continue
        key = ".".join(name for _, name in keys) if key_here else ""
        marker = "# FIXME" if mark["hash"] else "<!-- FIXME -->"
        found.append(Fixme(number, key, mark["hint"], marker))
    return found


def _front_matter_end(lines: list[str]) -> int:
    """The line number of the `---` that closes a Markdown file's front matter (0: none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    return next((n for n, line in enumerate(lines[1:], start=2) if line.strip() == "---"), 0)


def _enter(keys: list[tuple[int, str]], content: str) -> bool:
    """Track the keys a YAML line sits inside; True once the line has content (a key or item)."""
    match = _KEY.match(content)
    column = match.start("key") if match else len(content) - len(content.lstrip())
    while keys and keys[-1][0] >= column:
        keys.pop()
    if match:
        keys.append((column, match["key"]))
    return True


def area_owned_files(root: Path) -> list[Path]:
    """curriculum/area.yml and every text file under local/: the files an area writes."""
    files = [root / AREA_FILE] if (root / AREA_FILE).is_file() else []
    local = root / LOCAL_FOLDER
    if local.is_dir():
        files += sorted(
            path
            for path in local.rglob("*")
            if path.is_file() and path.suffix in TEXT_SUFFIXES and not path.name.startswith(".")
        )
    return files
