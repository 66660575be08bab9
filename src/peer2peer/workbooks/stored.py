"""A module's blank workbook as data, released beside its notebooks for trainees' own servers.

A trainee's server cannot read the curriculum, so `cohort.exchange.release` writes each
module's blank `Workbook` (`workbook.json`: words and questions, never an answer key)
into the module's release folder. nbgrader's exchange carries it with the notebooks into
the trainee's module folder, where the home page reads it back (`read_blank`), fills in the
trainee's own answers if they ask, and draws the PDF or Word file there.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from peer2peer.curriculum.project import Project
from peer2peer.shared.files import atomic_write_json
from peer2peer.workbooks.markdown import Block, Para, Run, Table
from peer2peer.workbooks.model import Part, Question, Workbook, make_workbook

#: The file's name in a module's folder.
NAME = "workbook.json"
#: The format of the data this code reads and writes.
FORMAT = 1
#: Far more than any module's words; a bigger file is not read.
MOST_BYTES = 4_000_000


def write_blank(folder: Path, project: Project, module_id: str) -> Path:
    """Write the module's blank workbook into `folder` (readable by trainees); its path."""
    data = {"format": FORMAT, "workbook": asdict(make_workbook(project, module_id))}
    path = folder / NAME
    atomic_write_json(path, data, mode=0o644)
    return path


def read_blank(folder: Path) -> Workbook | None:
    """The blank workbook released into a module folder, or None when there is none to read."""
    path = folder / NAME
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MOST_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return _workbook(data["workbook"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _workbook(data: dict[str, Any]) -> Workbook:
    return Workbook(
        str(data["module_id"]),
        str(data["title"]),
        str(data["course"]),
        str(data["organisation"]),
        [_block(b) for b in data["support"]],
        [_part(p) for p in data["parts"]],
        [(str(term), str(meaning)) for term, meaning in data["glossary"]],
    )


def _part(data: dict[str, Any]) -> Part:
    items: list[Block | Question] = [
        _question(item) if "exercise_id" in item else _block(item) for item in data["items"]
    ]
    return Part(str(data["kind"]), str(data["title"]), str(data["notebook"]), items)


def _question(data: dict[str, Any]) -> Question:
    known = {f.name for f in fields(Question)}
    values = {key: value for key, value in data.items() if key in known}
    values["prompt"] = [_block(b) for b in data["prompt"]]
    values["choices"] = [tuple(map(str, pair)) for pair in data.get("choices", [])]
    values["categories"] = [tuple(map(str, pair)) for pair in data.get("categories", [])]
    values["sections"] = [tuple(map(str, three)) for three in data.get("sections", [])]
    values["scale"] = tuple(int(n) for n in data.get("scale", (1, 10)))
    values["answer"] = None  # a released workbook is blank
    return Question(**values)


def _block(data: dict[str, Any]) -> Block:
    if "rows" in data:
        rows = [[[_run(r) for r in cell] for cell in row] for row in data["rows"]]
        return Table(rows, bool(data.get("quoted")))
    return Para(
        [_run(r) for r in data["runs"]],
        str(data.get("style", "p")),
        str(data.get("marker", "")),
        int(data.get("depth", 0)),
        bool(data.get("quoted")),
    )


def _run(data: dict[str, Any]) -> Run:
    return Run(str(data["text"]), bool(data.get("bold")), bool(data.get("italic")))
