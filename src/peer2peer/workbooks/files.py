"""Write a module's workbook to a file: the one call the command line and the home page use.

    workbook_file(curriculum_root, "02-story", "pdf", out_folder)
    workbook_file(project, "02-story", "docx", out_folder, large_print=True,
                  answers=handed_in(cohort, "dundee-07", "02-story"))

Everything is made in memory first; the file is written only when all of it is right, and
readable by its owner alone (a filled workbook holds a trainee's own words).
"""

from __future__ import annotations

import re
from pathlib import Path

from peer2peer.curriculum.problems import ProblemsFound
from peer2peer.curriculum.project import Project, load_project
from peer2peer.shared.files import atomic_write_bytes
from peer2peer.workbooks.filled import Answers, fill
from peer2peer.workbooks.layout import layout
from peer2peer.workbooks.model import UnknownModule, Workbook, make_workbook

FORMATS = ("pdf", "docx")


class WorkbookError(ValueError):
    """A workbook that cannot be made; the message says why and what to do."""


def workbook_bytes(
    project: Project,
    module_id: str,
    format: str,
    large_print: bool = False,
    answers: Answers | None = None,
) -> bytes:
    """One module's workbook as PDF or Word bytes, blank or with `answers` filled in."""
    _known_format(format)
    try:
        workbook = make_workbook(project, module_id)
    except UnknownModule as error:
        raise WorkbookError(str(error)) from error
    return drawn(workbook, format, large_print, answers)


def drawn(
    workbook: Workbook, format: str, large_print: bool = False, answers: Answers | None = None
) -> bytes:
    """A workbook (made here, or released: `stored.read_blank`) as PDF or Word bytes."""
    _known_format(format)
    if answers is not None:
        fill(workbook, answers)
    if format == "pdf":
        from peer2peer.workbooks.pdf import pdf_bytes

        return pdf_bytes(workbook, layout(large_print))
    from peer2peer.workbooks.word import docx_bytes

    return docx_bytes(workbook, layout(large_print))


def _known_format(format: str) -> None:
    if format not in FORMATS:
        raise WorkbookError(f"there is no workbook format {format!r}. Give one of: pdf, docx")


def file_name(module_id: str, format: str, large_print: bool = False, whose: str = "") -> str:
    """'02-story-workbook.pdf', '02-story-workbook-large-print-dundee-07.docx'."""
    name = f"{module_id}-workbook"
    if large_print:
        name += "-large-print"
    if whose:
        name += "-" + re.sub(r"[^A-Za-z0-9_.-]+", "-", whose).strip("-.")
    return f"{name}.{format}"


def workbook_file(
    source: Project | Path,
    module_id: str,
    format: str,
    out: Path,
    *,
    large_print: bool = False,
    answers: Answers | None = None,
    whose: str = "",
) -> Path:
    """Write one module's workbook into folder `out` and return the file's path.

    `source` is the curriculum (a loaded Project, or its folder). `answers` fills in one
    trainee's own answers (`filled.handed_in` or `filled.own_answers`); `whose` goes into
    the file name of a filled workbook (a trainee id, or "mine").
    """
    project = source if isinstance(source, Project) else load_project(Path(source))
    if project.problems:
        raise ProblemsFound(project.problems)
    data = workbook_bytes(project, module_id, format, large_print, answers)
    path = Path(out) / file_name(module_id, format, large_print, whose if answers else "")
    atomic_write_bytes(path, data)
    return path
