"""The whole build: checks first, then rebuilds only what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from support import copy_project

from peer2peer.curriculum.problems import ProblemsFound
from peer2peer.notebooks import build_course


def test_build_writes_source_and_release_for_every_module(minimal_project: Path) -> None:
    course = minimal_project / "build" / "course"
    report = build_course(minimal_project, course)
    assert report.built == ["01-alpha", "02-beta"]
    for part in ("source", "release"):
        names = sorted(
            p.relative_to(course / part).as_posix() for p in (course / part).rglob("*.ipynb")
        )
        assert names == [
            "01-alpha/assessment.ipynb",
            "01-alpha/lesson.ipynb",
            "02-beta/assessment.ipynb",
            "02-beta/lesson.ipynb",
        ]
    assert (course / "nbgrader_config.py").is_file()
    assert not (course / "gradebook.db").exists()


def test_source_notebooks_are_valid_and_written_as_nbformat_writes_them(
    built_minimal: Path,
) -> None:
    sources = sorted((built_minimal / "source").rglob("*.ipynb"))
    assert sources
    for path in sources:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)  # raises if it is not valid
        assert path.read_text(encoding="utf-8") == nbformat.writes(nb) + "\n", path


def test_rebuild_touches_only_what_changed(minimal_project: Path) -> None:
    course = minimal_project / "build" / "course"
    build_course(minimal_project, course)
    again = build_course(minimal_project, course)
    assert again.built == [] and again.unchanged == ["01-alpha", "02-beta"]

    lesson = minimal_project / "modules" / "02-beta" / "lesson.md"
    lesson.write_text(lesson.read_text().replace("Plain reading", "Plainer reading"))
    changed = build_course(minimal_project, course)
    assert changed.built == ["02-beta"] and changed.unchanged == ["01-alpha"]
    assert "Plainer reading" in (course / "release" / "02-beta" / "lesson.ipynb").read_text()

    area = minimal_project / "curriculum" / "area.yml"
    area.write_text(area.read_text().replace("Testshire", "Otherplace"))
    assert build_course(minimal_project, course).built == ["01-alpha", "02-beta"]


def test_a_release_deleted_by_hand_is_rebuilt(minimal_project: Path) -> None:
    course = minimal_project / "build" / "course"
    build_course(minimal_project, course)
    for notebook in (course / "release" / "01-alpha").iterdir():
        notebook.unlink()
    (course / "release" / "01-alpha").rmdir()
    assert build_course(minimal_project, course).built == ["01-alpha"]


def test_a_module_dropped_from_the_curriculum_is_removed_from_the_course(
    minimal_project: Path,
) -> None:
    course = minimal_project / "build" / "course"
    build_course(minimal_project, course)
    curriculum = minimal_project / "curriculum" / "curriculum.yml"
    text = curriculum.read_text()
    curriculum.write_text(text[: text.index("  - id: 02-beta")])
    for top in ("modules", "assessments"):
        for path in sorted((minimal_project / top / "02-beta").iterdir()):
            path.unlink()
        (minimal_project / top / "02-beta").rmdir()
    report = build_course(minimal_project, course)
    assert report.removed == ["02-beta"]
    assert not (course / "release" / "02-beta").exists()


def test_a_broken_project_builds_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", "placeholder-not-in-area")
    with pytest.raises(ProblemsFound) as caught:
        build_course(project, project / "build" / "course")
    assert "{{ area.helpline }}" in str(caught.value)
    assert not (project / "build").exists()


def test_facilitator_notes_are_written_for_trainers_with_local_values(
    minimal_project: Path,
) -> None:
    course = minimal_project / "build" / "course"
    build_course(minimal_project, course)
    notes = (course / "facilitator" / "01-alpha.md").read_text()
    assert "{{" not in notes and "---" not in notes.splitlines()[0]
    assert "Samaritans" in notes  # the area's crisis lines, as a list
    assert "An example source <https://example.org/>" in notes
    assert not any(p.name == "facilitator.md" for p in (course / "release").rglob("*"))


ANSWERS = '{"format": 1, "answers": {"alpha-think": "Words I tried the lesson with."}}'


def answers_beside(course: Path, module: str) -> dict[Path, str]:
    """Answers files saved beside built notebooks, as trying a lesson there leaves them."""
    files = {
        course / "release" / module / "lesson.responses.json": ANSWERS,
        course / "release" / module / "lesson.responses.damaged-20270301T090000Z.json": "{",
        course / "source" / module / "assessment.responses.json": ANSWERS,
    }
    for path, text in files.items():
        path.write_text(text)
    return files


def test_a_rebuild_never_deletes_an_answers_file(minimal_project: Path) -> None:
    course = minimal_project / "build" / "course"
    build_course(minimal_project, course)
    kept = answers_beside(course, "01-alpha")
    assert build_course(minimal_project, course, force=True).built == ["01-alpha", "02-beta"]
    for path, text in kept.items():
        assert path.read_text() == text, path
    assert (course / "release" / "01-alpha" / "lesson.ipynb").is_file()
    # answers beside the source notebooks are not copied into what trainees receive
    assert not (course / "release" / "01-alpha" / "assessment.responses.json").exists()
    assert not list(course.glob(".answers-kept-*"))


def test_answers_are_put_back_when_a_rebuild_fails(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peer2peer.notebooks import nbgrader_course

    course = minimal_project / "build" / "course"
    build_course(minimal_project, course)
    kept = answers_beside(course, "01-alpha")

    def fails(*_args) -> None:
        raise nbgrader_course.NbgraderFailed("nbgrader could not generate 01-alpha")

    monkeypatch.setattr(nbgrader_course, "generate_assignment", fails)
    with pytest.raises(nbgrader_course.NbgraderFailed):
        build_course(minimal_project, course, force=True)
    for path, text in kept.items():
        assert path.read_text() == text, path


def test_a_dropped_module_keeps_its_answers_files(minimal_project: Path) -> None:
    course = minimal_project / "build" / "course"
    build_course(minimal_project, course)
    kept = answers_beside(course, "02-beta")
    curriculum = minimal_project / "curriculum" / "curriculum.yml"
    text = curriculum.read_text()
    curriculum.write_text(text[: text.index("  - id: 02-beta")])
    for top in ("modules", "assessments"):
        shutil.rmtree(minimal_project / top / "02-beta")
    assert build_course(minimal_project, course).removed == ["02-beta"]
    assert not list((course / "release").glob("02-beta/*.ipynb"))
    for path, text in kept.items():
        assert path.read_text() == text, path


def test_the_glossary_is_a_page_of_its_own_beside_every_module(minimal_project: Path) -> None:
    course = minimal_project / "build" / "course"
    build_course(minimal_project, course)
    page = (course / "glossary.md").read_text()
    assert page.startswith("# Words used in this course")
    assert "## P\n\n**peer support**: Support between people" in page
    assert page.index("**peer support**") < page.index("**SRN**")  # A to Z, any case
    assert "*Source: A synthetic source for tests*" in page
    for module in ("01-alpha", "02-beta"):
        assert (course / "release" / module / "glossary.md").read_text() == page

    glossary = minimal_project / "curriculum" / "glossary.yml"
    glossary.write_text(glossary.read_text().replace("similar experiences", "similar lives"))
    assert build_course(minimal_project, course).built == ["01-alpha", "02-beta"]
    assert "similar lives" in (course / "release" / "02-beta" / "lesson.ipynb").read_text()
