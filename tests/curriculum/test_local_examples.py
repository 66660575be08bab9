"""Local examples: a lesson's default words, or the area's own words from local/examples/."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import copy_project, lay_over

from peer2peer.curriculum.local_examples import find_examples, read_local_examples, swap_examples
from peer2peer.curriculum.myst import UnclosedFence
from peer2peer.notebooks import build_course

TEXT = """Before.

```{local-example} roles
Default words about {{ area.name }}.

Second paragraph.
```

After.
"""


def test_found_with_id_words_and_line() -> None:
    [block] = find_examples(TEXT, first_line=10)
    assert (block.id, block.line) == ("roles", 12)
    assert block.text == "Default words about {{ area.name }}.\n\nSecond paragraph.\n"


def test_swapped_for_the_area_words_or_left_as_the_default() -> None:
    assert swap_examples(TEXT, {}) == (
        "Before.\n\nDefault words about {{ area.name }}.\n\nSecond paragraph.\n\nAfter.\n"
    )
    assert swap_examples(TEXT, {"roles": "Our own words.\n\n"}) == (
        "Before.\n\nOur own words.\n\nAfter.\n"
    )


def test_a_fence_never_closed_says_its_line() -> None:
    with pytest.raises(UnclosedFence) as caught:
        find_examples("a\n````{local-example} x\ntext\n```\n")
    assert caught.value.line == 2


def test_only_module_folders_of_markdown_files_are_local_examples(tmp_path: Path) -> None:
    folder = tmp_path / "local" / "examples"
    (folder / "03-peer-support").mkdir(parents=True)
    (folder / "03-peer-support" / "roles.md").write_text("Ours.")
    (folder / "roles.md").write_text("Misplaced.")
    found, problems = read_local_examples(tmp_path)
    assert [(e.module_id, e.example_id, e.text) for e in found] == [
        ("03-peer-support", "roles", "Ours.")
    ]
    assert [(p.path, p.line) for p in problems] == [("local/examples/roles.md", 1)]


def test_the_build_uses_the_default_words_or_the_area_words(tmp_path: Path) -> None:
    plain = copy_project(tmp_path / "plain")
    build_course(plain, plain / "course")
    lesson = (plain / "course" / "release" / "01-alpha" / "lesson.ipynb").read_text()
    assert "Groups in Testshire meet once a week." in lesson and "local-example" not in lesson

    own = lay_over(copy_project(tmp_path / "own"), "area-with-a-local-example")
    build_course(own, own / "course")
    lesson = (own / "course" / "release" / "01-alpha" / "lesson.ipynb").read_text()
    assert "In Testshire, groups meet on Tuesdays at Room 1." in lesson
    assert "once a week" not in lesson


def test_changing_the_area_words_rebuilds_only_their_module(tmp_path: Path) -> None:
    project = lay_over(copy_project(tmp_path / "p"), "area-with-a-local-example")
    build_course(project, project / "course")
    words = project / "local" / "examples" / "01-alpha" / "groups-here.md"
    words.write_text("Groups meet on Fridays.\n")
    report = build_course(project, project / "course")
    assert report.built == ["01-alpha"] and report.unchanged == ["02-beta"]
    lesson = (project / "course" / "release" / "01-alpha" / "lesson.ipynb").read_text()
    assert "Groups meet on Fridays." in lesson


def test_facilitator_notes_use_the_area_words_too(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    notes = project / "modules" / "01-alpha" / "facilitator.md"
    notes.write_text(notes.read_text() + "\n```{local-example} groups-here\nDefault.\n```\n")
    lay_over(project, "area-with-a-local-example")
    build_course(project, project / "course")
    written = (project / "course" / "facilitator" / "01-alpha.md").read_text()
    assert "In Testshire, groups meet on Tuesdays" in written and "Default." not in written
