"""The response file beside a notebook: answers saved atomically, readable by the trainee alone."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1


def response_path(folder: Path, notebook_name: str) -> Path:
    """Where the answers of notebook `notebook_name` are kept."""
    return folder / f"{notebook_name}.responses.json"


class ResponseStore:
    """Answers of one notebook, keyed by exercise id, kept in one JSON file."""

    def __init__(self, path: Path):
        self.path = path

    def load(self) -> dict[str, Any]:
        """Return the saved answers (empty when nothing has been saved yet)."""
        if not self.path.exists():
            return {}
        data = json.loads(self.path.read_text(encoding="utf-8"))
        return dict(data.get("answers", {}))

    def save(self, answers: dict[str, Any]) -> None:
        """Write all answers: temporary file, fsync, rename, so a crash never leaves half a file."""
        payload = {
            "format": FORMAT_VERSION,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "answers": answers,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".responses-", dir=self.path.parent)
        try:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(payload, stream, ensure_ascii=False, indent=1)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
