"""FIXME notes are found with their line, the key they stand on and their hint."""

from __future__ import annotations

from pathlib import Path

from peer2peer.curriculum.fixmes import area_owned_files, find_fixmes

YAML = """\
# Lines marked FIXME below are yours to fill in: this comment is not a note.
name: Scotland  # FIXME: your area
contact:
  # How to reach the team.
  phone: 01234 567890  # FIXME: a phone number
  url: https://example.org/#FIXME
trainers:  # FIXME: your trainers
  - Alex  # FIXME: a first name
crisis_lines:
  - name: Samaritans  # FIXME check this line
    phone: 116 123
# FIXME: add your local services below
"""

MARKDOWN = """\
---
module: 12-local
title: Local  # FIXME: your title
---

# Local

<!-- FIXME: a warm opening sentence -->
Note: this line looks like a key, but it is text.  <!-- FIXME: check -->
"""


def test_yaml_notes_with_line_key_and_hint() -> None:
    found = [(f.line, f.key, f.hint, f.marker) for f in find_fixmes(YAML)]
    assert found == [
        (2, "name", "your area", "# FIXME"),
        (5, "contact.phone", "a phone number", "# FIXME"),
        (7, "trainers", "your trainers", "# FIXME"),
        (8, "trainers", "a first name", "# FIXME"),
        (10, "crisis_lines.name", "check this line", "# FIXME"),
        (12, "", "add your local services below", "# FIXME"),
    ]


def test_markdown_notes_have_keys_only_in_the_front_matter() -> None:
    found = [(f.line, f.key, f.hint, f.marker) for f in find_fixmes(MARKDOWN, markdown=True)]
    assert found == [
        (3, "title", "your title", "# FIXME"),
        (8, "", "a warm opening sentence", "<!-- FIXME -->"),
        (9, "", "check", "<!-- FIXME -->"),
    ]


def test_area_owned_files_are_area_yml_and_text_under_local(tmp_path: Path) -> None:
    (tmp_path / "curriculum").mkdir()
    (tmp_path / "curriculum" / "area.yml").write_text("name: X\n")
    (tmp_path / "curriculum" / "curriculum.yml").write_text("title: upstream's\n")
    for name in ("modules/12-x/lesson.md", "assessments/12-x/rubric.yml", "pictures/map.png"):
        (tmp_path / "local" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "local" / name).write_text("x")
    shown = [p.relative_to(tmp_path).as_posix() for p in area_owned_files(tmp_path)]
    assert shown == [
        "curriculum/area.yml",
        "local/assessments/12-x/rubric.yml",
        "local/modules/12-x/lesson.md",
    ]
