"""The answers file beside a notebook: its one reader and writer.

Answers are saved atomically and readable by the trainee alone. A save writes one
exercise: under a lock on the notebook's folder, the file on disk is read, that one answer
changed, and the whole written back, so two tabs or two devices answering different
questions never erase each other. Each exercise carries a version (`versions` in the file),
raised by one at each save; a save based on an older version than the one on disk is
refused (`StaleAnswer`), so that a tab holding older words is told before it overwrites.

Everything that reads a handed-in answers file (grading, marking, a trainee's journey)
reads it through `read_answers`, as data with limits, so that one odd file is refused with
a plain reason and never breaks a page for anyone else.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from peer2peer.shared.files import atomic_write_json

FORMAT_VERSION = 1
SUFFIX = ".responses.json"
#: Far more than a whole course of typing; a larger file is refused, not read.
MAX_BYTES = 2_000_000
#: Answers are text, numbers, lists of choices and small records (a story); no deeper.
MAX_DEPTH = 6


class AnswersUnreadable(ValueError):
    """An answers file that cannot be read as answers; the message is the plain reason."""


class StaleAnswer(Exception):
    """A save based on older words than those saved since (in another tab or device)."""

    def __init__(self, exercise_id: str, saved: Any, version: int):
        super().__init__(f"{exercise_id} was saved elsewhere since (now version {version})")
        self.exercise_id = exercise_id
        #: What is saved now, and its version.
        self.saved = saved
        self.version = version


def now() -> str:
    """The time now, as saved in answer files (UTC, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def response_path(folder: Path, notebook_name: str) -> Path:
    """Where the answers of notebook `notebook_name` are kept."""
    return folder / f"{notebook_name}{SUFFIX}"


def notebook_name_of(path: Path) -> str:
    """The notebook an answers file belongs to: 'lesson' for lesson.responses.json."""
    return path.name.removesuffix(SUFFIX)


def read_answers(path: Path) -> dict[str, Any]:
    """The answers in `path`, by exercise id; {} when there is no file.

    Raises AnswersUnreadable for a link, a file over MAX_BYTES, text that is not JSON,
    nesting deeper than MAX_DEPTH, or anything but answers by exercise id.
    """
    return _read_file(path)[0]


def read_versions(path: Path) -> dict[str, int]:
    """The version of each exercise's answer in `path` (0 for one never saved)."""
    return _read_file(path)[1]


def _read_file(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    if path.is_symlink():
        raise AnswersUnreadable("the answers file is a link to another file, so it was not read")
    if not path.exists():
        return {}, {}
    if path.stat().st_size > MAX_BYTES:
        raise AnswersUnreadable(f"the answers file is larger than {MAX_BYTES // 1_000_000} MB")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise AnswersUnreadable("the answers file is damaged (it is not readable text)") from error
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        raise AnswersUnreadable("the answers file holds no answers")
    if _depth(answers) > MAX_DEPTH:
        raise AnswersUnreadable("the answers file is nested more deeply than answers can be")
    versions = data.get("versions")
    if not isinstance(versions, dict):
        versions = {}
    versions = {str(k): v for k, v in versions.items() if isinstance(v, int) and v >= 0}
    return answers, versions


def write_answers(
    path: Path, answers: dict[str, Any], versions: dict[str, int] | None = None, mode: int = 0o600
) -> None:
    """Write all answers of one notebook at once, atomically (readable by the owner alone,
    unless `mode` keeps a handed-in copy readable as nbgrader made it)."""
    data = {"format": FORMAT_VERSION, "saved_at": now(), "answers": answers}
    if versions:
        data["versions"] = {key: versions[key] for key in sorted(versions)}
    atomic_write_json(path, data, mode)


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder (flock on the folder itself: no lock file to hand in)."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing lets the lock go


def _depth(value: Any, level: int = 1) -> int:
    """How deeply lists and records nest in `value`, stopping early past MAX_DEPTH."""
    if level > MAX_DEPTH or not isinstance(value, dict | list):
        return level
    children = value.values() if isinstance(value, dict) else value
    return max((_depth(child, level + 1) for child in children), default=level)


class ResponseStore:
    """The trainee's side: answers of one notebook, kept in one file, damaged files kept aside."""

    def __init__(self, path: Path):
        self.path = path
        #: Set when a damaged file was put aside: what to tell the trainee, in plain words.
        self.notice = ""
        #: The version of each answer as last read or written here.
        self.versions: dict[str, int] = {}

    def load(self) -> dict[str, Any]:
        """Return the saved answers; a damaged file is kept aside and a fresh one started."""
        try:
            answers, self.versions = _read_file(self.path)
            return answers
        except AnswersUnreadable:
            self.versions = {}
            kept = self._keep_aside()
            self.notice = (
                "We could not read the answers saved for this page, so we kept that file "
                f"safe as {kept.name} and started a fresh one. Nothing was deleted. "
                "Your trainer can help you get your earlier answers back."
            )
            return {}

    def _keep_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        kept = self.path.with_name(f"{self.path.stem}.damaged-{stamp}.json")
        os.replace(self.path, kept)
        return kept

    def save(self, answers: dict[str, Any]) -> None:
        """Write all answers at once (a whole file: `update` is what pages use)."""
        write_answers(self.path, answers, self.versions)

    def update(
        self,
        exercise_id: str,
        value: Any,
        accept: Collection[int] | None = None,
        remove: bool = False,
    ) -> tuple[int, dict[str, Any]]:
        """Save one exercise's answer, keeping every other answer as it is on disk.

        `accept` lists the versions this save may replace (None: any). When the answer on
        disk has another version, nothing is written and StaleAnswer says what is saved.
        Returns the answer's new version and all answers now saved.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with folder_lock(self.path.parent):
            answers = self.load()
            version = self.versions.get(exercise_id, 0)
            if accept is not None and version not in accept:
                raise StaleAnswer(exercise_id, answers.get(exercise_id), version)
            if remove:
                if exercise_id not in answers:
                    return version, answers
                del answers[exercise_id]
            else:
                answers[exercise_id] = value
            self.versions[exercise_id] = version + 1
            write_answers(self.path, answers, self.versions)
            return version + 1, answers
