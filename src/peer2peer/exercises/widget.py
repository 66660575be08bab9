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

from peer2peer.exercises.assets import STATIC, esm, stylesheet
from peer2peer.exercises.session import current
from peer2peer.shared.answers import StaleAnswer


class ExerciseWidget(anywidget.AnyWidget):
    """An exercise in the browser: its kind, what it shows, and the trainee's answer."""

    _esm = esm(STATIC / "exercise.js")
    _css = stylesheet()

    kind = traitlets.Unicode().tag(sync=True)
    config = traitlets.Dict().tag(sync=True)
    value = traitlets.Any(None, allow_none=True).tag(sync=True)
    saved_at = traitlets.Unicode("").tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    #: Where the browser keeps words not saved yet (when the kernel is gone), until saved.
    keep_as = traitlets.Unicode("").tag(sync=True)
    #: The version of the saved answer the page's words build on; the page sends it back.
    version = traitlets.Int(0).tag(sync=True)
    #: Set when a save was refused because the answer was saved elsewhere since:
    #: {"value": what is saved now, "version": its version}; empty otherwise.
    stale = traitlets.Dict().tag(sync=True)
    #: How many answers the page has sent, and up to which of them the kernel has saved: the
    #: widgets library merges answers sent in quick succession (arrow keys through a scale)
    #: into one message, so the page cannot count replies.
    sent = traitlets.Int(0).tag(sync=True)
    done = traitlets.Int(0).tag(sync=True)


#: What a page holding older words than those saved is told, before anything is overwritten.
STALE = (
    "This answer was changed on another page or device after you opened this one. "
    "What you wrote here has not been saved yet, so nothing is lost. Choose which words to keep."
)


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
    save: Callable[[Any, set[int] | None], int | None],
    static_html: str,
    message: str = "",
    saved_now: Callable[[], Any] | None = None,
    version: int | None = None,
) -> ExerciseWidget:
    """Display an exercise; `save` is called with each answer, then "saved" is shown.

    `save(value, accept)` saves one answer if the version on disk is one of `accept`
    (raising answers.StaleAnswer otherwise) and returns the new version (None when the
    answer is kept outside the answers file). `saved_now()` gives the answer as saved now,
    where the answers file holds only a note of it (a private story). `version` is the saved
    answer's version where it is kept outside the answers file. Where no widget can be
    drawn (nbgrader grading and feedback, nbval), the static HTML copy shows instead.
    """
    session = current()
    keep_as = browser_key(session.store.path, exercise_id)
    widget = ExerciseWidget(
        kind=kind,
        config=config,
        value=value,
        message=message,
        keep_as=keep_as,
        version=session.version(exercise_id) if version is None else version,
    )
    #: The last version this widget wrote: a save the page sent before it heard of that
    #: version is still its own, not another tab's.
    written: list[int] = []
    quiet: list[bool] = []

    def store(value: Any, accept: set[int] | None) -> None:
        try:
            version = save(value, accept)
        except StaleAnswer as stale:
            saved = saved_now() if saved_now else stale.saved
            widget.stale = {"value": saved, "version": stale.version}
            widget.message = STALE
            return
        except OSError:
            widget.message = (
                "Your last change could not be saved. Please copy your words somewhere safe "
                "and tell your trainer."
            )
            return
        if version is not None:
            written[:] = [version]
            widget.version = version
        if widget.stale:
            widget.stale, widget.message = {}, ""
        widget.done = widget.sent  # before saved_at, which the page waits for
        # Microseconds, so that two saves in one second still tell the page "saved".
        widget.saved_at = datetime.now().isoformat(timespec="microseconds")

    def on_change(change: dict[str, Any]) -> None:
        if quiet:
            return
        store(change["new"], {widget.version, *written})

    def on_message(_: Any, content: dict[str, Any], __: Any) -> None:
        if not widget.stale:
            return
        saved = widget.stale
        if content.get("event") == "keep-mine":
            store(widget.value, {int(saved.get("version", 0))})
        elif content.get("event") == "use-saved":
            quiet.append(True)
            try:
                widget.value = saved.get("value")
            finally:
                quiet.clear()
            written[:] = [int(saved.get("version", 0))]
            widget.version = written[0]
            widget.stale, widget.message = {}, ""
            widget.send({"event": "redraw"})

    widget.observe(on_change, names="value")
    widget.on_msg(on_message)
    session.widgets[exercise_id] = widget
    bundle = widget._repr_mimebundle_()
    bundle = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
    bundle["text/html"] = f'<div class="p2p-answer">{static_html}</div>'
    bundle["text/plain"] = "An exercise: open this page in JupyterLab or the lesson view to answer."
    display(bundle, raw=True)
    return widget
