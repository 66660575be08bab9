"""`area add-module`: a local module's files with FIXME notes, listed in area.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import fill_in_notes

from peer2peer.area.new import AreaNotWritten
from peer2peer.area.scaffold import add_local_module
from peer2peer.curriculum.check import check_project
from peer2peer.curriculum.project import load_project
from peer2peer.notebooks import build_course


def test_writes_the_files_and_lists_the_module_in_area_yml(minimal_project: Path) -> None:
    added = add_local_module(minimal_project, "05-local-roles", "Peer roles: here", "01-alpha")
    written = [path.relative_to(minimal_project).as_posix() for path, _ in added.written]
    assert written == [
        "curriculum/area.yml",
        "local/modules/05-local-roles/lesson.md",
        "local/modules/05-local-roles/facilitator.md",
        "local/assessments/05-local-roles/assessment.md",
        "local/assessments/05-local-roles/rubric.yml",
    ]
    area_text = (minimal_project / "curriculum" / "area.yml").read_text()
    assert area_text.startswith("name: Testshire  # your area\n")  # comments are kept
    notes = dict(added.written)[minimal_project / "curriculum" / "area.yml"]
    assert [note.key for note in notes] == [
        "modules.add.hours",
        "modules.add.values",
        "modules.add.competencies",
        "modules.add.outcomes.text",
    ]
    problems = check_project(minimal_project)
    assert problems and all("FIXME" in problem.fix for problem in problems)
    project = load_project(minimal_project)
    assert [m.id for m in project.curriculum.modules] == ["01-alpha", "05-local-roles", "02-beta"]
    assert project.module("05-local-roles").title == "Peer roles: here"


def test_once_filled_in_it_checks_and_builds_like_any_module(minimal_project: Path) -> None:
    add_local_module(minimal_project, "05-local-roles", "Peer roles here")
    add_local_module(minimal_project, "06-more", "More")
    fill_in_notes(minimal_project)
    assert [str(p) for p in check_project(minimal_project)] == []
    report = build_course(minimal_project, minimal_project / "build" / "course")
    assert report.built == ["01-alpha", "02-beta", "05-local-roles", "06-more"]
    lesson = minimal_project / "build" / "course" / "release" / "05-local-roles" / "lesson.ipynb"
    assert "peer support in Testshire" in lesson.read_text()


@pytest.mark.parametrize(
    ("module_id", "why"),
    [
        ("local-roles", "is not a module id"),
        ("02-beta", "already has a module `02-beta`"),
    ],
)
def test_refuses_an_id_it_cannot_use(minimal_project: Path, module_id: str, why: str) -> None:
    before = (minimal_project / "curriculum" / "area.yml").read_text()
    with pytest.raises(AreaNotWritten, match=why):
        add_local_module(minimal_project, module_id, "Title")
    assert (minimal_project / "curriculum" / "area.yml").read_text() == before
    assert not (minimal_project / "local").exists()


def test_never_writes_over_a_local_folder(minimal_project: Path) -> None:
    (minimal_project / "local" / "modules" / "05-x").mkdir(parents=True)
    with pytest.raises(AreaNotWritten, match="exists already"):
        add_local_module(minimal_project, "05-x", "X")
