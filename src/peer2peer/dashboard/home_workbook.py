"""A module's workbook on the trainee's home: to print (PDF) or open in Word, made on their server.

The blank workbook arrives with the module (`workbooks.stored`, released beside its
notebooks). When the trainee presses a button, their own server draws the file, with
their own answers filled in if they ask (and their private writing only if they ask for
that too), and hands the bytes to the page, which saves them as a download: nothing is
requested from another host, and no file is left behind on the server.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from peer2peer.exercises.assets import esm, stylesheet

STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)

#: What each format is saved as.
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
#: The blank workbook's file in a module folder (workbooks.stored.NAME, which a test keeps
#: equal). Not imported: loading the workbooks takes seconds (it brings nbgrader), and most
#: visits to the home make no workbook; it is loaded when a trainee asks for one.
RELEASED = "workbook.json"

NOT_MADE = (
    "Your workbook could not be made just now. Nothing was changed. "
    "Please try again, or tell your trainer."
)


class WorkbookWidget(anywidget.AnyWidget):
    """The workbook's choices and buttons; the kernel makes the file the trainee asked for."""

    _esm = esm(STATIC / "home_workbook.js")
    _css = stylesheet(STATIC / "home_workbook.css")

    title = traitlets.Unicode("").tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)


def ready_words(name: str) -> str:
    """What the page says once the file is made."""
    return f"Your workbook is ready. It is saved as {name} in your downloads."


def make_file(folder: Path, module: str, request: dict[str, Any]) -> tuple[str, bytes]:
    """The file the trainee asked for: its name and bytes (a WorkbookError if there is none)."""
    from peer2peer.workbooks.files import WorkbookError, drawn, file_name
    from peer2peer.workbooks.filled import own_answers
    from peer2peer.workbooks.stored import read_blank

    format = request.get("format")
    if format not in MIME:
        raise WorkbookError("not a workbook format")
    workbook = read_blank(folder)
    if workbook is None:
        raise WorkbookError("no workbook was released with this module")
    large = bool(request.get("large"))
    answers = None
    if request.get("answers"):
        answers = own_answers(folder, module, include_private=bool(request.get("private")))
    data = drawn(workbook, format, large, answers)
    return file_name(module, format, large, "mine" if answers else ""), data


def workbook_section(folder: Path, module: str, title: str) -> WorkbookWidget | None:
    """The workbook part of one module's card, or None when no workbook came with it."""
    released = folder / RELEASED
    if released.is_symlink() or not released.is_file():
        return None
    widget = WorkbookWidget(title=title)

    def on_message(_: Any, content: dict[str, Any], __: Any) -> None:
        if not isinstance(content, dict) or content.get("event") != "download":
            return
        try:
            name, data = make_file(folder, module, content)
        except Exception:  # a trainee sees plain words, never a traceback
            log.warning("A workbook could not be made for %s.", module)
            widget.message = NOT_MADE
            widget.send({"event": "said"})
            return
        mime = MIME[content["format"]]
        widget.send({"event": "file", "name": name, "type": mime}, buffers=[data])
        widget.message = ready_words(name)
        widget.send({"event": "said"})

    widget.on_msg(on_message)
    return widget
