"""The response file beside a notebook: answers saved atomically, readable by the trainee alone."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..files import atomic_write_json

FORMAT_VERSION = 1


def now() -> str:
    """The time now, as saved in answer files (UTC, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def response_path(folder: Path, notebook_name: str) -> Path:
    """Where the answers of notebook `notebook_name` are kept."""
    return folder / f"{notebook_name}.responses.json"


class ResponseStore:
    """Answers of one notebook, keyed by exercise id, kept in one JSON file."""

    def __init__(self, path: Path):
        self.path = path
        #: Set when a damaged file was put aside: what to tell the trainee, in plain words.
        self.notice = ""

    def load(self) -> dict[str, Any]:
        """Return the saved answers; a damaged file is kept aside and a fresh one started."""
        if not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            answers = data["answers"]
            if not isinstance(answers, dict):
                raise TypeError("answers is not a mapping")
            return answers
        except (ValueError, KeyError, TypeError):
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
        atomic_write_json(
            self.path, {"format": FORMAT_VERSION, "saved_at": now(), "answers": answers}
        )
