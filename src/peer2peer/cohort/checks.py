"""Checks on a hand-in before grading: nothing a trainee wrote ever runs as code.

Every code cell a trainee receives is written by the build, and answers live in the
answers file, so a hand-in is graded only when:
- it holds no link and nothing but plain files and folders (a link would let grading read
  a file of someone else's with the trainer's rights);
- each notebook is one that was released, and still reads as a notebook;
- its code cells are exactly the released ones, in the same order (none added, none
  changed, none made from a text cell), and the fixed parts are unchanged;
- its answers files read as answers (size, depth and shape within limits).

Each check says why in plain words, for the trainer to pass on; no kernel is started for a
hand-in that fails one.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbgrader.utils import compute_checksum

from peer2peer.shared.answers import SUFFIX, AnswersUnreadable, read_answers

#: What a trainer can tell the trainee, after any of the reasons below.
HAND_IN_AGAIN = "Ask the trainee to open the module again from their course page and hand it in."


def check_submission(cohort: Path, trainee: str, module: str) -> str:
    """Why a hand-in cannot be graded as it is, in plain words; empty when it can."""
    folder = cohort / "submitted" / trainee / module
    released = {path.name: path for path in sorted((cohort / "release" / module).glob("*.ipynb"))}
    return (
        _links_or_odd_files(folder)
        or _unknown_notebooks(folder, released)
        or _changed_code(folder, released)
        or _unreadable_answers(folder)
    )


def _links_or_odd_files(folder: Path) -> str:
    """A link, or anything but a plain file or folder, anywhere in the hand-in."""
    for root, folders, files in os.walk(folder, followlinks=False):
        for name in folders + files:
            path = Path(root) / name
            if path.is_symlink():
                return (
                    f"{path.relative_to(folder)} is a link to another file, so the hand-in "
                    f"was not graded. {HAND_IN_AGAIN}"
                )
            if not (path.is_dir() or path.is_file()):
                return f"{path.relative_to(folder)} is not a plain file. {HAND_IN_AGAIN}"
    return ""


def _unknown_notebooks(folder: Path, released: dict[str, Path]) -> str:
    """A notebook that was never released: it would be graded as if it were ours."""
    extra = sorted(p.name for p in folder.rglob("*.ipynb") if p.name not in released)
    if extra:
        return f"{extra[0]} is not a page of this module, so the hand-in was not graded."
    return ""


def _changed_code(folder: Path, released: dict[str, Path]) -> str:
    """Code cells or fixed parts that differ from the released notebook."""
    for name, release_path in released.items():
        submitted = folder / name
        if not submitted.exists():
            continue  # nbgrader scores a missing notebook as zero
        try:
            notebook = nbformat.reads(submitted.read_text(encoding="utf-8"), as_version=4)
        except Exception:  # noqa: BLE001 - any unreadable file gets the same plain reason
            return f"{name} is damaged: it can no longer be read as a notebook. {HAND_IN_AGAIN}"
        original = nbformat.read(release_path, as_version=4)
        changed = _changed_fixed_parts(notebook, original)
        if changed:
            return (
                f"parts of {name} that cannot be changed were changed or removed "
                f"({changed} part{'s' if changed != 1 else ''})"
            )
        if _code_of(notebook) != _code_of(original):
            return (
                f"{name} holds code that is not the course's own (a step was added or changed), "
                f"so it was not run or graded. {HAND_IN_AGAIN}"
            )
    return ""


def _code_of(notebook: NotebookNode) -> list[str]:
    """The source of every code cell, in order."""
    return [cell.get("source", "") for cell in notebook.cells if cell.get("cell_type") == "code"]


def _changed_fixed_parts(notebook: NotebookNode, original: NotebookNode) -> int:
    """How many locked cells of the release are missing or changed in the hand-in."""
    fixed = {
        cell.metadata.nbgrader["grade_id"]: cell.metadata.nbgrader.get("checksum")
        for cell in original.cells
        if cell.metadata.get("nbgrader", {}).get("locked")
    }
    seen = {}
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id") in fixed:
            seen[meta["grade_id"]] = compute_checksum(cell)
    return sum(seen.get(key) != checksum for key, checksum in fixed.items())


def _unreadable_answers(folder: Path) -> str:
    """An answers file that cannot be read as answers, with the plain reason."""
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            read_answers(path)
        except AnswersUnreadable as error:
            return f"{path.name}: {error}. {HAND_IN_AGAIN}"
    return ""
