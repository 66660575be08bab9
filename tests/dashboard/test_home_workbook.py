"""The home's workbook: made from what was released, with the trainee's own answers if asked."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document
from support import copy_project

from peer2peer.curriculum.project import load_project
from peer2peer.dashboard import home_workbook
from peer2peer.dashboard.home_workbook import make_file, workbook_section
from peer2peer.workbooks import stored
from peer2peer.workbooks.files import WorkbookError

MODULE = "01-alpha"
WORDS = "Words only this invented trainee wrote."


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A trainee's module folder holding the released workbook and one answer of theirs."""
    root = tmp_path_factory.mktemp("home-workbook")
    project = load_project(copy_project(root / "project"))
    module = root / "home" / MODULE
    module.mkdir(parents=True)
    stored.write_blank(module, project, MODULE)
    answers = {"format": 1, "answers": {"alpha-think": WORDS}}
    (module / "lesson.responses.json").write_text(json.dumps(answers))
    return module


def text_of(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def test_the_home_names_the_released_file_as_the_workbooks_do() -> None:
    assert home_workbook.RELEASED == stored.NAME


def test_blank_unless_asked_then_with_their_own_answers(folder: Path) -> None:
    name, data = make_file(folder, MODULE, {"format": "docx"})
    assert name == f"{MODULE}-workbook.docx" and WORDS not in text_of(data)
    name, data = make_file(folder, MODULE, {"format": "docx", "answers": True, "large": True})
    assert name == f"{MODULE}-workbook-large-print-mine.docx" and WORDS in text_of(data)


def test_a_format_we_do_not_make_is_refused(folder: Path) -> None:
    with pytest.raises(WorkbookError):
        make_file(folder, MODULE, {"format": "../../etc/passwd"})


def test_no_workbook_released_means_no_section(tmp_path: Path, folder: Path) -> None:
    assert workbook_section(tmp_path, MODULE, "Alpha") is None
    assert workbook_section(folder, MODULE, "Alpha") is not None
