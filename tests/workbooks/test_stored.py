"""A blank workbook released as data comes back exactly, and a damaged one is not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbook_reading import docx_paragraphs

from peer2peer.workbooks.files import drawn, workbook_bytes
from peer2peer.workbooks.model import make_workbook
from peer2peer.workbooks.stored import NAME, read_blank, write_blank


@pytest.mark.parametrize("module", ["01-what-is-peer-support", "02-story"])
def test_a_released_workbook_reads_back_as_it_was_made(project, tmp_path: Path, module) -> None:
    known = [m.id for m in project.curriculum.modules]
    module = module if module in known else known[0]
    path = write_blank(tmp_path, project, module)
    assert path.stat().st_mode & 0o777 == 0o644  # the trainee's own server reads it
    assert '"right"' not in path.read_text()  # no answer key
    assert read_blank(tmp_path) == make_workbook(project, module)
    released = docx_paragraphs(drawn(read_blank(tmp_path), "docx"))
    assert released == docx_paragraphs(workbook_bytes(project, module, "docx"))


@pytest.mark.parametrize(
    "text", ["{", '{"format": 99, "workbook": {}}', '{"format": 1, "workbook": {"title": 3}}']
)
def test_a_damaged_or_unknown_file_is_not_read(tmp_path: Path, text: str) -> None:
    (tmp_path / NAME).write_text(text)
    assert read_blank(tmp_path) is None


def test_a_link_is_not_followed(tmp_path: Path, project) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write_blank(elsewhere, project, project.curriculum.modules[0].id)
    (tmp_path / "module").mkdir()
    (tmp_path / "module" / NAME).symlink_to(elsewhere / NAME)
    assert read_blank(tmp_path / "module") is None
