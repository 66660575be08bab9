"""The answers of the notebook being run: saved ones, plus model answers in the source version."""

from __future__ import annotations

import html
from collections.abc import Collection
from pathlib import Path
from typing import Any

from IPython.display import HTML, display

from peer2peer.exercises.private import PrivateStore
from peer2peer.shared.answers import ResponseStore, StaleAnswer, response_path
from peer2peer.shared.visit import wait_for_visit


class Session:
    """Answers of one notebook in one kernel."""

    def __init__(self, notebook_name: str, folder: Path, module: str = ""):
        self.notebook, self.folder, self.module = notebook_name, folder, module
        self.store = ResponseStore(response_path(folder, notebook_name))
        self.answers: dict[str, Any] = self.store.load()
        self.private = PrivateStore(module, notebook_name)
        self.model_answers: dict[str, Any] = {}
        #: The widget on show for each exercise (for tests and debugging).
        self.widgets: dict[str, Any] = {}

    @property
    def notice(self) -> str:
        """What the trainee should be told about their saved answers, if anything."""
        return self.store.notice

    def get(self, exercise_id: str) -> Any:
        """The answer to show and grade: a model answer (source version), else the saved one."""
        if exercise_id in self.model_answers:
            return self.model_answers[exercise_id]
        return self.answers.get(exercise_id)

    def version(self, exercise_id: str) -> int:
        """The version of an exercise's answer as this session last read or wrote it."""
        return self.store.versions.get(exercise_id, 0)

    def set(self, exercise_id: str, value: Any, accept: Collection[int] | None = None) -> int:
        """Save one answer at once, merged with what other tabs saved; return its version.

        With `accept`, an answer saved elsewhere since (another version) is not overwritten:
        answers.StaleAnswer says what is saved there.
        """
        try:
            version, self.answers = self.store.update(exercise_id, value, accept)
        except StaleAnswer:
            self.answers = self.store.load()  # what is saved now, for the page to show
            raise
        return version

    def forget(self, exercise_id: str) -> None:
        """Remove an answer from the response file."""
        _, self.answers = self.store.update(exercise_id, None, remove=True)


_current: Session | None = None


def start(notebook_name: str, folder: Path | None = None, module: str = "") -> None:
    """Open the answers of `notebook_name` (in the current folder, where the notebook runs).

    In a lesson view run ahead of its visitor, the answers are read once the visitor comes.
    """
    global _current
    wait_for_visit()
    _current = Session(notebook_name, folder or Path.cwd(), module)
    # The notebook is running now, so the "how to begin" note can go.
    display(HTML("<style>.p2p-start-hint { display: none; }</style>"))
    if _current.notice:
        notice = html.escape(_current.notice)
        display(HTML(f'<div class="p2p-message" role="alert"><p>{notice}</p></div>'))


def current() -> Session:
    """The session opened by the notebook's first cell."""
    if _current is None:
        raise RuntimeError("peer2peer.exercises.start() was not called in this notebook")
    return _current
