"""`area new`: a fresh area.yml from the annotated template, never over someone's area."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import REPO, copy_project

from peer2peer.area.new import (
    AreaNotWritten,
    has_template_values,
    template_text,
    write_new_area,
)
from peer2peer.curriculum.fixmes import find_fixmes
from peer2peer.curriculum.schema import Area
from peer2peer.curriculum.yamlfile import parse_fast

EXAMPLE = REPO / "curriculum" / "area.yml"
#: Values every area must choose for itself; crisis lines are national and filled in.
MUST_CHOOSE = {
    "name",
    "organisation",
    "venue",
    "contact.email",
    "contact.phone",
    "contact.hours",
    "trainers",
    "local_services",
}
#: Filled in, but a new area checks them again: Breathing Space's hours and routes change.
RECHECK = {"crisis_lines.hours"}


def _without_notes(text: str) -> str:
    return re.sub(r"\s+# FIXME.*$", "", text, flags=re.MULTILINE)


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """A project whose area.yml has the example area's values (the template's, no notes)."""
    project = copy_project(tmp_path / "project")
    (project / "curriculum" / "area.yml").write_text(_without_notes(template_text()))
    return project


def test_the_template_is_a_valid_area_once_its_notes_are_filled_in() -> None:
    text = _without_notes(template_text())
    assert find_fixmes(text) == []
    Area.model_validate(parse_fast(text))


def test_the_template_marks_every_local_value_and_asks_to_recheck_changing_hours() -> None:
    keys = {fixme.key for fixme in find_fixmes(template_text())}
    assert keys == MUST_CHOOSE | RECHECK
    assert "breathingspace.scot" in template_text()
    assert "check each one" in template_text().lower()


def test_every_key_of_the_template_has_a_comment_in_words() -> None:
    lines = template_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^\s*[a-z_]+:", line) and not line.startswith(" " * 4):
            assert lines[number - 1].lstrip().startswith("# "), f"no comment above {line!r}"


@pytest.mark.skipif(not has_template_values(EXAMPLE), reason="a fork: area.yml is its own")
def test_the_upstream_example_has_the_template_values_so_area_new_may_replace_it() -> None:
    assert parse_fast(EXAMPLE.read_text()) == parse_fast(_without_notes(template_text()))
    assert "peer2peer area new" in EXAMPLE.read_text()[:400]


def test_area_new_writes_the_name_and_lists_each_note_at_its_line(example_project: Path) -> None:
    new = write_new_area(example_project, "Highland")
    text = new.path.read_text()
    assert parse_fast(text)["name"] == "Highland"
    assert new.replaced == "the example area"
    assert {fixme.key for fixme in new.fixmes} == (MUST_CHOOSE | RECHECK) - {"name"}
    lines = text.splitlines()
    for fixme in new.fixmes:
        line = lines[fixme.line - 1]
        assert f"# FIXME: {fixme.hint}" in line
        assert line.lstrip().startswith(fixme.key.split(".")[-1] + ":")


def test_area_new_replaces_an_area_not_filled_in_yet(example_project: Path) -> None:
    write_new_area(example_project, "Highlnd")
    again = write_new_area(example_project, "Highland")
    assert again.replaced == "an area whose values were not filled in yet"
    assert parse_fast(again.path.read_text())["name"] == "Highland"


def test_area_new_never_replaces_a_filled_in_area_without_force(minimal_project: Path) -> None:
    area = minimal_project / "curriculum" / "area.yml"
    before = area.read_text()
    with pytest.raises(AreaNotWritten) as refused:
        write_new_area(minimal_project, "Highland")
    assert str(refused.value) == (
        "curriculum/area.yml already holds an area with its own values, so it was left as it "
        "is: add --force to replace it"
    )
    assert area.read_text() == before
    forced = write_new_area(minimal_project, "Highland", force=True)
    assert forced.replaced == "a filled-in area"
    assert parse_fast(area.read_text())["name"] == "Highland"


def test_area_new_keeps_a_file_it_cannot_read(minimal_project: Path) -> None:
    area = minimal_project / "curriculum" / "area.yml"
    area.write_text("name: [unclosed\n")
    with pytest.raises(AreaNotWritten, match="cannot be read"):
        write_new_area(minimal_project, "Highland")
    assert area.read_text() == "name: [unclosed\n"


@pytest.mark.parametrize("name", ["Moray: north", "Dundee # east", "'Quoted'", "Argyll & Bute"])
def test_names_that_need_quotes_read_back_the_same(example_project: Path, name: str) -> None:
    new = write_new_area(example_project, name)
    assert parse_fast(new.path.read_text())["name"] == name


def test_a_name_is_needed(example_project: Path) -> None:
    with pytest.raises(AreaNotWritten, match="give the name of your area"):
        write_new_area(example_project, "  ")
