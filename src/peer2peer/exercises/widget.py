"""The one widget behind every exercise: semantic HTML drawn by exercise.js, saved by the kernel."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import anywidget
import traitlets
from IPython.display import display

from peer2peer.exercises.session import current

STATIC = Path(__file__).parent / "static"


class ExerciseWidget(anywidget.AnyWidget):
    """An exercise in the browser: its kind, what it shows, and the trainee's answer."""

    _esm = STATIC / "exercise.js"
    _css = STATIC / "exercise.css"

    kind = traitlets.Unicode().tag(sync=True)
    config = traitlets.Dict().tag(sync=True)
    value = traitlets.Any(None, allow_none=True).tag(sync=True)
    saved_at = traitlets.Unicode("").tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    #: Where the browser keeps words not saved yet (when the kernel is gone), until saved.
    keep_as = traitlets.Unicode("").tag(sync=True)


def browser_key(answers_file: Path, exercise_id: str) -> str:
    """The browser's name for unsaved words of one exercise of one answers file.

    Made from the answers file's full path, so that two trainees using one browser never
    meet each other's words, and hashed, so that the path itself is not kept in the browser.
    """
    digest = hashlib.sha256(str(answers_file.resolve()).encode()).hexdigest()[:24]
    return f"peer2peer-unsaved:{digest}:{exercise_id}"


def show(
    exercise_id: str,
    kind: str,
    config: dict[str, Any],
    value: Any,
    save: Callable[[Any], None],
    static_html: str,
    message: str = "",
) -> ExerciseWidget:
    """Display an exercise; `save` is called with each answer, then "saved" is shown.

    Where no widget can be drawn (nbgrader grading and feedback, nbval), the static HTML
    copy of the answer shows instead.
    """
    keep_as = browser_key(current().store.path, exercise_id)
    widget = ExerciseWidget(kind=kind, config=config, value=value, message=message, keep_as=keep_as)

    def on_change(change: dict[str, Any]) -> None:
        try:
            save(change["new"])
        except OSError:
            widget.message = (
                "Your last change could not be saved. Please copy your words somewhere safe "
                "and tell your trainer."
            )
            return
        # Microseconds, so that two saves in one second still tell the page "saved".
        widget.saved_at = datetime.now().isoformat(timespec="microseconds")

    widget.observe(on_change, names="value")
    current().widgets[exercise_id] = widget
    bundle = widget._repr_mimebundle_()
    bundle = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
    bundle["text/html"] = f'<div class="p2p-answer">{static_html}</div>'
    bundle["text/plain"] = "An exercise: open this page in JupyterLab or the lesson view to answer."
    display(bundle, raw=True)
    return widget
