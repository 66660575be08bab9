"""The answers of the notebook being run: saved ones, plus model answers in the source version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from IPython.display import HTML, display

from .store import ResponseStore, response_path


class Session:
    """Answers of one notebook in one kernel."""

    def __init__(self, notebook_name: str, folder: Path):
        self.store = ResponseStore(response_path(folder, notebook_name))
        self.answers: dict[str, Any] = self.store.load()
        self.model_answers: dict[str, Any] = {}

    def get(self, exercise_id: str) -> Any:
        """The answer to show and grade: a model answer (source version), else the saved one."""
        if exercise_id in self.model_answers:
            return self.model_answers[exercise_id]
        return self.answers.get(exercise_id)

    def set(self, exercise_id: str, value: Any) -> None:
        """Record a trainee's answer and save it at once."""
        self.answers[exercise_id] = value
        self.store.save(self.answers)


_current: Session | None = None


def start(notebook_name: str, folder: Path | None = None) -> None:
    """Open the answers of `notebook_name` (in the current folder, where the notebook runs)."""
    global _current
    _current = Session(notebook_name, folder or Path.cwd())
    # The notebook is running now, so the "how to begin" note can go.
    display(HTML("<style>.p2p-start-hint { display: none; }</style>"))


def current() -> Session:
    """The session opened by the notebook's first cell."""
    if _current is None:
        raise RuntimeError("peer2peer.exercises.start() was not called in this notebook")
    return _current
