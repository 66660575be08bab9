"""A story withdrawn after hand-in, on the trainee's side: their copies, and a word to the trainer.

This is the one owner of a withdrawal request: what it carries (`Withdrawal.details`: ids
and a time, never a word of the story) and how a copy is marked withdrawn (`scrub_copy`).
The trainee's side (the lesson page, at the moment of withdrawal, and the home page's "My
stories") calls `pass_on`; the trainer's side (`cohort.withdrawals`) reads the request,
checks every id and withdraws the copies only it can reach.

How it travels: `ask_to_withdraw` posts a "withdraw-story" request in the trainee's
letterbox (`peer2peer.shared.mailbox`), then marks the story withdrawn in every copy the trainee
owns (the answers beside their notebook, the notebook's saved outputs, their hand-ins
still waiting in the exchange's `inbound/`, feedback they fetched, and last nbgrader's
cache copy of each hand-in: while that still holds the story, the home page asks again).
No new hand-in is needed.
"""

from __future__ import annotations

import json
import logging
import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peer2peer.curriculum.schema import MODULE_ID_PATTERN
from peer2peer.curriculum.stories import AUDIENCES
from peer2peer.exercises.my_course import TraineeCourse
from peer2peer.shared.answers import (
    MAX_BYTES,
    SUFFIX,
    AnswersUnreadable,
    now,
    read_answers,
    read_versions,
    response_path,
    write_answers,
)
from peer2peer.shared.files import open_folder, read_plain
from peer2peer.shared.mailbox import letterbox, post_request

KIND = "withdraw-story"
FIELDS = {"trainee", "module", "notebook", "exercise", "withdrawn_at"}
#: How each copy says the story was withdrawn.
WITHDRAWN = "withdrawn"
#: Who could see a story in a copy that still holds it.
SHARED = ("trainer", "cohort")
#: A notebook bigger than this is not read (a lesson with its outputs is far smaller).
MOST_NOTEBOOK_BYTES = 50_000_000

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Withdrawal:
    """One story to withdraw: whose, in which module, notebook and exercise, and when."""

    trainee: str
    module: str
    notebook: str
    exercise: str
    withdrawn_at: str

    def details(self) -> dict[str, str]:
        """What a request carries: ids and a time, never a word of the story."""
        return {name: getattr(self, name) for name in sorted(FIELDS)}

    def record(self) -> dict[str, Any]:
        """What stays where the story was."""
        return {WITHDRAWN: True, "withdrawn_at": self.withdrawn_at}


# --- one copy ------------------------------------------------------------------------------


def scrub_copy(folder: Path, withdrawal: Withdrawal) -> int:
    """Mark the story withdrawn in one copy of a module (answers and notebook); files changed."""
    if folder.is_symlink() or not folder.is_dir():
        return 0
    changed = _scrub_answers(response_path(folder, withdrawal.notebook), withdrawal)
    for notebook in (
        folder / f"{withdrawal.notebook}.ipynb",
        folder / ".ipynb_checkpoints" / f"{withdrawal.notebook}-checkpoint.ipynb",
    ):
        changed += _scrub_notebook(notebook, withdrawal)
    return changed


def _scrub_answers(path: Path, withdrawal: Withdrawal) -> int:
    """The answers file: the story's record becomes the withdrawn note; nothing else changes."""
    if path.is_symlink() or not path.is_file():
        return 0
    try:
        answers, versions = read_answers(path), read_versions(path)
    except (OSError, AnswersUnreadable):
        return 0  # not answers: grading refuses such a file, and it holds no story we wrote
    record = answers.get(withdrawal.exercise)
    if record is None or (isinstance(record, dict) and record.get(WITHDRAWN)):
        return 0
    if isinstance(record, dict) and record.get("private") and "sections" not in record:
        return 0  # kept for "only me": its words are in the private folder, not here
    answers[withdrawal.exercise] = withdrawal.record()
    write_answers(path, answers, versions, _mode(path))
    return 1


def _scrub_notebook(path: Path, withdrawal: Withdrawal) -> int:
    """A notebook's saved outputs of the story's cell, and any saved widget state, go."""
    if path.is_symlink() or not path.is_file() or path.suffix != ".ipynb":
        return 0
    import nbformat  # loaded only when a story is withdrawn: the lesson starts without it

    if path.stat().st_size > MOST_NOTEBOOK_BYTES:
        log.warning("A notebook too big to be a lesson was left as it was.")
        return 0
    try:
        notebook = nbformat.read(path, as_version=4)
        changed = notebook.metadata.pop("widgets", None) is not None
        for cell in notebook.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if cell.cell_type == "code" and grade_id == f"{withdrawal.exercise}-answer":
                changed |= bool(cell.outputs)
                cell.outputs, cell.execution_count = [], None
    except Exception:  # a hand-in can hold anything: `[]`, nesting too deep, cells of no shape
        log.warning("A notebook that is not a notebook was left as it was.")
        return 0
    if changed:
        mode = _mode(path)
        nbformat.write(notebook, path)
        path.chmod(mode)
    return int(changed)


def holds_story(folder: Path, withdrawal: Withdrawal) -> bool:
    """Whether a copy someone else owns still holds the story; read only, never written.

    Each file is opened once through the folder's handle, never through a link: anything
    that cannot be read as a plain file of its kind counts as holding the story.
    """
    try:
        handle = open_folder(folder)
    except OSError:
        return True
    try:
        if _answers_hold(
            _plain(response_path(Path(), withdrawal.notebook).name, handle), withdrawal
        ):
            return True
        notebook = _plain(f"{withdrawal.notebook}.ipynb", handle, MOST_NOTEBOOK_BYTES)
        if _notebook_holds(notebook, withdrawal):
            return True
        try:
            checkpoints = open_folder(".ipynb_checkpoints", handle)
        except FileNotFoundError:
            return False
        except OSError:
            return True
        try:
            name = f"{withdrawal.notebook}-checkpoint.ipynb"
            return _notebook_holds(_plain(name, checkpoints, MOST_NOTEBOOK_BYTES), withdrawal)
        finally:
            os.close(checkpoints)
    except (OSError, ValueError, RecursionError):
        return True
    finally:
        os.close(handle)


def _plain(name: str, folder: int, most: int = MAX_BYTES) -> Any:
    """A file's JSON, read through the folder's handle; None when there is no such file."""
    try:
        return json.loads(read_plain(name, most, folder).decode("utf-8"))
    except FileNotFoundError:
        return None


def _answers_hold(data: Any, withdrawal: Withdrawal) -> bool:
    """Whether an answers file's JSON holds the story (as `_scrub_answers` would change it)."""
    if data is None:
        return False
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        return True
    record = answers.get(withdrawal.exercise)
    if record is None or (isinstance(record, dict) and record.get(WITHDRAWN)):
        return False
    return not (isinstance(record, dict) and record.get("private") and "sections" not in record)


def _notebook_holds(data: Any, withdrawal: Withdrawal) -> bool:
    """Whether a notebook's JSON holds saved widget state or outputs of the story's cell."""
    if data is None:
        return False
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return True
    metadata = data.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("widgets") is not None:
        return True
    for cell in data["cells"]:
        if not isinstance(cell, dict) or not isinstance(cell.get("metadata", {}), dict):
            return True
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
        if grade_id == f"{withdrawal.exercise}-answer" and cell.get("outputs"):
            return True
    return False


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def feedback_in(folder: Path, withdrawal: Withdrawal) -> int:
    """Feedback pages of the story's notebook under `folder`: they may quote it, so they go.

    Links are removed as links; a linked folder is not entered.
    """
    if folder.is_symlink() or not folder.is_dir():
        return 0
    removed = 0
    for page in folder.rglob(f"{withdrawal.notebook}.html"):
        if page.is_symlink() or page.is_file():
            page.unlink()
            removed += 1
    return removed


# --- the trainee's side ------------------------------------------------------------------


def shared_in_a_hand_in(cache: Path, withdrawal: Withdrawal) -> bool:
    """Whether a copy the trainee handed in (nbgrader's cache) still holds the story as shared."""
    for copy in cache.glob(f"{withdrawal.trainee}+{withdrawal.module}+*"):
        with suppress(OSError, AnswersUnreadable):
            record = read_answers(copy / f"{withdrawal.notebook}{SUFFIX}").get(withdrawal.exercise)
            if audience_of(record) in SHARED:
                return True
    return False


def audience_of(record: Any) -> str | None:
    """Who can see a story record ('withdrawn' for one withdrawn), or None if not a story."""
    if not isinstance(record, dict):
        return None
    if record.get(WITHDRAWN):
        return WITHDRAWN
    if record.get("private"):
        return "only-me"
    consent = record.get("consent")
    if isinstance(consent, dict) and consent.get("audience") in AUDIENCES:
        return consent["audience"]
    return None


def ask_to_withdraw(
    exchange: Path, course_id: str, home: Path, cache: Path, withdrawal: Withdrawal
) -> Path:
    """Ask the trainer's side to withdraw their copies, then scrub the copies the trainee owns.

    `home` holds the trainee's module folders; `cache` is nbgrader's cache for the course.
    Every id is checked before a path is made from it. Returns the request's file.
    """
    box = letterbox(exchange, course_id, withdrawal.trainee)  # checks the trainee's id
    trainee, module = withdrawal.trainee, withdrawal.module
    if not MODULE_ID_PATTERN.fullmatch(module):
        raise ValueError("not a module id")
    request = post_request(box, KIND, withdrawal.details())
    folder = home / module
    scrub_copy(folder, withdrawal)
    feedback_in(folder / "feedback", withdrawal)
    inbound = exchange / course_id / "inbound"
    for copy in sorted(inbound.glob(f"{trainee}+{module}+*")):
        if copy.name.split("+")[:2] == [trainee, module] and copy.stat().st_uid == os.getuid():
            scrub_copy(copy, withdrawal)
    # The cache last: while it still holds the story, the home page asks again.
    for copy in sorted(cache.glob(f"{trainee}+{module}+*")):
        scrub_copy(copy, withdrawal)
    return request


def pass_on(course: TraineeCourse, module: str, notebook: str, exercise: str) -> bool:
    """If a hand-in still holds a story the trainee took back, tell the trainer; whether told."""
    withdrawal = Withdrawal(course.student, module, notebook, exercise, now())
    cache = course.cache_folder()
    if not shared_in_a_hand_in(cache, withdrawal):
        return False
    ask_to_withdraw(course.exchange, course.course_id, course.home, cache, withdrawal)
    return True
