"""Stories kept for "only me": in the trainee's own folder, outside anything handed in."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from peer2peer.shared.files import atomic_write_json

#: Set this to keep private stories somewhere else (tests do).
PRIVATE_DIR_VARIABLE = "PEER2PEER_PRIVATE_DIR"


def private_root() -> Path:
    """The folder of private stories: never inside an assignment, never submitted."""
    configured = os.environ.get(PRIVATE_DIR_VARIABLE)
    if configured:
        return Path(configured)
    data_home = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return data_home / "peer2peer" / "private"


class PrivateStore:
    """Private stories of one notebook of one module, one file per story."""

    def __init__(self, module: str, notebook_name: str):
        self.folder = private_root() / (module or "module") / notebook_name

    def _path(self, exercise_id: str) -> Path:
        return self.folder / f"{exercise_id}.json"

    def load(self, exercise_id: str) -> dict[str, Any] | None:
        """The private story, or None when there is none (or it cannot be read)."""
        try:
            return json.loads(self._path(exercise_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def save(self, exercise_id: str, story: dict[str, Any]) -> None:
        """Keep a story privately: folder 0700, file 0600."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for folder in (self.folder, self.folder.parent, private_root()):
            folder.chmod(0o700)
        atomic_write_json(self._path(exercise_id), story)

    def delete(self, exercise_id: str) -> None:
        """Remove a private story for good."""
        self._path(exercise_id).unlink(missing_ok=True)
