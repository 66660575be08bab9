"""`peer2peer area new` and `area add-module` on the command line: what they print, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import copy_project, fill_in_notes

from peer2peer.area.new import template_text


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "peer2peer.cli", *args], capture_output=True, text=True, cwd=cwd
    )


def test_area_explains_itself(tmp_path: Path) -> None:
    for verb in ([], ["new"], ["add-module"]):
        result = run("area", *verb, "--help", cwd=tmp_path)
        assert result.returncode == 0 and "usage: peer2peer area" in result.stdout
    assert run("area", cwd=tmp_path).returncode == 2


def test_area_new_lists_what_to_fill_in_then_refuses_to_write_over_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "curriculum" / "area.yml").write_text(template_text())
    fill_in_notes(project)  # now it has the example area's values
    result = run("area", "new", "Highland", cwd=project / "modules")
    assert result.returncode == 0, result.stderr
    said = result.stdout.splitlines()
    assert said[0] == "Wrote curriculum/area.yml for Highland, in place of the example area."
    assert "  curriculum/area.yml:16  organisation - your organisation's name" in said
    assert "  curriculum/area.yml:26  contact.phone - a phone number answered in working hours" in (
        said
    )
    assert said[-1] == "Fill these in and delete each FIXME note, then run: peer2peer check"

    check = run("check", cwd=project)
    assert check.returncode == 1
    assert "curriculum/area.yml:16: `organisation` is not filled in yet." in check.stdout

    area = project / "curriculum" / "area.yml"
    area.write_text(area.read_text().replace("Example Recovery College", "Highland College"))
    refused = run("area", "new", "Moray", cwd=project)
    assert refused.returncode == 1 and refused.stdout == ""
    assert len(refused.stderr.splitlines()) == 1  # says why in one sentence
    assert "add --force" in refused.stderr
    assert "Highland College" in area.read_text()
    assert run("area", "new", "Moray", "--force", cwd=project).returncode == 0


def test_area_add_module_lists_its_files_and_notes(minimal_project: Path) -> None:
    result = run(
        "area", "add-module", "05-local", "Local", "--after", "01-alpha", cwd=minimal_project
    )
    assert result.returncode == 0, result.stderr
    assert "  local/modules/05-local/lesson.md" in result.stdout
    assert "curriculum/area.yml:" in result.stdout and "modules.add.hours" in result.stdout
    again = run("area", "add-module", "05-local", "Local", cwd=minimal_project)
    assert again.returncode == 1 and "already has a module `05-local`" in again.stderr
