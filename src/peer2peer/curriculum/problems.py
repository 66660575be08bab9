"""Problems found in curriculum files, each with a place and a fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, said as `path:line: what is wrong. how to fix it`."""

    path: str
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        what = self.what.rstrip(".")
        fix = self.fix.rstrip(".")
        fix = fix[:1].upper() + fix[1:]
        return f"{self.path}:{self.line}: {what}. {fix}."


class ProblemsFound(Exception):
    """Raised when files cannot be used until the listed problems are fixed."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path) -> str:
    """Return `path` relative to `root` when it lies inside it, for short messages."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
