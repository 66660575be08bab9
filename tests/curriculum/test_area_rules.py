"""`peer2peer check` on an area's own files: each problem names its file, line and fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import AREAS, REPO, copy_project, lay_over

from peer2peer.curriculum.check import check_project
from peer2peer.curriculum.fixmes import find_fixmes

PROBLEM_FORMAT = re.compile(r"^[^:\s]+:\d+: .+\. [A-Z].*\.$")  # file:line: what. Fix.
LOCAL_MODULE = "area-with-a-local-module"

#: scenario -> (scenarios laid over the minimal project first, file, line, words in the message)
EXPECTED = {
    "area-with-a-fixme-left": (
        [],
        "curriculum/area.yml",
        2,
        "`organisation` is not filled in yet. Your organisation's name: fill this in, "
        "then delete the `# FIXME` note.",
    ),
    "local-lesson-with-a-fixme-left": (
        [LOCAL_MODULE],
        "local/modules/03-local/lesson.md",
        10,
        "Say which peer roles your area has: fill this in, then delete the `<!-- FIXME -->` note",
    ),
    "area-drops-an-unknown-module": (
        [],
        "curriculum/area.yml",
        16,
        "`modules: drop:` names `02-betta`, which is not a module of the curriculum. "
        "Did you mean `02-beta`? The module ids are: 01-alpha, 02-beta",
    ),
    "area-adds-a-module-twice": (
        [],
        "curriculum/area.yml",
        17,
        "the module id `02-beta` is already in the course. Give your module its own id, "
        "or also list `02-beta` under `modules: drop:`",
    ),
    "area-puts-a-module-after-an-unknown-one": (
        [LOCAL_MODULE],
        "curriculum/area.yml",
        20,
        "module `03-local` comes after `09-zeta`, which is not in the course",
    ),
    "local-module-missing-on-disk": (
        [LOCAL_MODULE],
        "curriculum/area.yml",
        22,
        "lists the lesson local/modules/03-local/lessson.md, which does not exist",
    ),
    "local-module-folder-not-listed": (
        [],
        "local/modules/04-stray",
        1,
        "not part of any module listed under `modules: add:` in curriculum/area.yml",
    ),
    "local-example-with-unknown-id": (
        [],
        "local/examples/01-alpha/groups-there.md",
        1,
        "module `01-alpha` has no local example `groups-there`. "
        "Name the file after one of them: groups-here.md",
    ),
    "local-example-for-unknown-module": (
        [],
        "local/examples/07-omega/groups-here.md",
        1,
        "module `07-omega`, which is not in the course. "
        "Move it to the folder of a module with local examples, under local/examples/: 01-alpha",
    ),
    "local-example-with-undefined-placeholder": (
        [],
        "local/examples/01-alpha/groups-here.md",
        2,
        "{{ area.helpline }} is not defined in curriculum/area.yml",
    ),
}
VALID = ["area-with-a-local-module", "area-with-a-local-example"]


def test_every_area_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in AREAS.iterdir()) == sorted([*EXPECTED, *VALID])


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_check_explains_area_scenario(scenario: str, tmp_path: Path) -> None:
    first, path, line, words = EXPECTED[scenario]
    project = lay_over(copy_project(tmp_path / "project"), *first, scenario)
    problems = check_project(project)
    said = [str(problem) for problem in problems]
    matching = [p for p in problems if p.path == path and p.line == line and words in str(p)]
    assert matching, f"expected {path}:{line} with {words!r}; got:\n" + "\n".join(said)
    for text in said:
        assert PROBLEM_FORMAT.match(text), text


@pytest.mark.parametrize("scenario", VALID)
def test_a_complete_area_is_valid(scenario: str, tmp_path: Path) -> None:
    project = lay_over(copy_project(tmp_path / "project"), scenario)
    assert [str(p) for p in check_project(project)] == []


def test_the_example_area_upstream_has_no_fixme_left() -> None:
    assert find_fixmes((REPO / "curriculum" / "area.yml").read_text()) == []


def test_a_local_example_fence_left_open_is_named(minimal_project: Path) -> None:
    lesson = minimal_project / "modules" / "01-alpha" / "lesson.md"
    text = lesson.read_text()
    lesson.write_text(text.rstrip("\n").removesuffix("```"))
    opening = text.splitlines().index("```{local-example} groups-here") + 1
    said = [str(p) for p in check_project(minimal_project)]
    assert (
        f"modules/01-alpha/lesson.md:{opening}: a local-example fence is never closed"
        in "\n".join(said)
    )
