"""The answers file beside a notebook: its one reader and writer.

Answers are saved atomically and readable by the trainee alone. Everything that reads a
handed-in answers file (grading, marking, a trainee's journey) reads it through
`read_answers`, as data with limits, so that one odd file is refused with a plain reason
and never breaks a page for anyone else.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from peer2peer.files import atomic_write_json

FORMAT_VERSION = 1
SUFFIX = ".responses.json"
#: Far more than a whole course of typing; a larger file is refused, not read.
MAX_BYTES = 2_000_000
#: Answers are text, numbers, lists of choices and small records (a story); no deeper.
MAX_DEPTH = 6


class AnswersUnreadable(ValueError):
    """An answers file that cannot be read as answers; the message is the plain reason."""


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
    if path.is_symlink():
        raise AnswersUnreadable("the answers file is a link to another file, so it was not read")
    if not path.exists():
        return {}
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
    return answers


def write_answers(path: Path, answers: dict[str, Any]) -> None:
    """Write all answers of one notebook at once, atomically, readable by the owner alone."""
    atomic_write_json(path, {"format": FORMAT_VERSION, "saved_at": now(), "answers": answers})


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

    def load(self) -> dict[str, Any]:
        """Return the saved answers; a damaged file is kept aside and a fresh one started."""
        try:
            return read_answers(self.path)
        except AnswersUnreadable:
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
        """Write all answers at once."""
        write_answers(self.path, answers)
