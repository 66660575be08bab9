"""`peer2peer check`: every broken scenario is explained with its file, line and fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import BROKEN, REPO, copy_project

from peer2peer.curriculum.check import check_project

PROBLEM_FORMAT = re.compile(r"^[^:\s]+:\d+: .+\. [A-Z].*\.$")  # file:line: what. Fix.

#: scenario folder -> (file, line, words the message must contain)
EXPECTED = {
    "curriculum-with-yaml-syntax-error": ("curriculum/curriculum.yml", 14, "YAML syntax error"),
    "curriculum-with-unknown-key": ("curriculum/curriculum.yml", 25, "Did you mean `hours`?"),
    "module-without-title": ("curriculum/curriculum.yml", 23, "missing key `title`"),
    "module-listed-but-missing-on-disk": ("curriculum/curriculum.yml", 26, "does not exist"),
    "module-on-disk-but-not-listed": ("modules/03-gamma", 1, "not part of any module"),
    "duplicate-module-id": ("curriculum/curriculum.yml", 23, "module id `01-alpha` is used twice"),
    "duplicate-outcome-id": ("curriculum/curriculum.yml", 29, "outcome id `alpha-1` is used twice"),
    "item-points-at-unknown-outcome": (
        "assessments/01-alpha/assessment.md",
        38,
        "names the outcome `alpha-9`, which module `01-alpha` does not have",
    ),
    "outcome-no-item-covers": ("curriculum/curriculum.yml", 31, "covers outcome `beta-2`"),
    "exercise-of-unknown-kind": (
        "modules/01-alpha/lesson.md",
        23,
        "unknown exercise kind `slider`",
    ),
    "placeholder-not-in-area": ("modules/01-alpha/lesson.md", 13, "{{ area.helpline }}"),
    "area-missing-crisis-lines": ("curriculum/area.yml", 1, "missing key `crisis_lines`"),
    "area-with-misspelt-key": ("curriculum/area.yml", 3, "Did you mean `venue`?"),
    "front-matter-with-unknown-key": ("modules/01-alpha/lesson.md", 5, "unknown key `author`"),
    "file-without-front-matter": ("modules/02-beta/lesson.md", 1, "has no front matter"),
    "file-not-utf8": ("modules/02-beta/lesson.md", 1, "not UTF-8"),
    "exercise-with-yaml-syntax-error": ("assessments/01-alpha/assessment.md", 12, "YAML syntax"),
    "exercise-fence-never-closed": ("assessments/02-beta/assessment.md", 8, "never closed"),
    "points-in-a-lesson": ("modules/01-alpha/lesson.md", 16, "lessons are not graded"),
    "choice-answer-not-an-option": ("assessments/01-alpha/assessment.md", 16, "Use one of: a, b"),
    "graded-exercise-without-outcomes": (
        "assessments/02-beta/assessment.md",
        9,
        "no learning outcome",
    ),
    "duplicate-exercise-id": (
        "assessments/01-alpha/assessment.md",
        25,
        "`alpha-check` is used twice",
    ),
    "front-matter-names-another-module": (
        "modules/02-beta/lesson.md",
        2,
        "Write `module: 02-beta`",
    ),
    "module-id-without-number": ("curriculum/curriculum.yml", 23, "Use two digits"),
    "values-name-unknown-value": ("curriculum/curriculum.yml", 16, "`courage` under `values`"),
    "rubric-level-without-descriptor": (
        "assessments/01-alpha/rubric.yml",
        1,
        "criterion `links-to-concepts` describes",
    ),
    "graded-reflection-without-rubric": ("assessments/02-beta/assessment.md", 19, "has no rubric"),
    "facilitator-notes-with-an-exercise": (
        "modules/01-alpha/facilitator.md",
        10,
        "facilitator notes cannot hold exercises",
    ),
    "stigmatising-words": ("modules/02-beta/lesson.md", 11, '"suffers from" can stigmatise'),
    "short-form-not-in-glossary": (
        "modules/02-beta/lesson.md",
        18,
        'the short form "NCCMH" is not in the glossary',
    ),
    "placeholder-in-wrong-case": (
        "modules/01-alpha/lesson.md",
        11,
        "`{{AREA.name}}` is not written the way placeholders are",
    ),
    "placeholder-never-closed": (
        "modules/01-alpha/lesson.md",
        13,
        "`{{ area.trainers.` is never closed",
    ),
    "code-fence-inside-a-prompt": (
        "assessments/01-alpha/assessment.md",
        44,
        "ends the exercise here, so the rest of its words are cut off",
    ),
}


def test_every_broken_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_check_explains_broken_scenario(scenario: str, tmp_path: Path) -> None:
    path, line, words = EXPECTED[scenario]
    problems = check_project(copy_project(tmp_path / "project", scenario))
    said = [str(problem) for problem in problems]
    matching = [p for p in problems if p.path == path and p.line == line and words in str(p)]
    assert matching, f"expected {path}:{line} with {words!r}; got:\n" + "\n".join(said)
    for text in said:
        assert PROBLEM_FORMAT.match(text), text


def test_minimal_project_is_valid(minimal_project: Path) -> None:
    assert check_project(minimal_project) == []


def test_the_repository_curriculum_is_valid() -> None:
    assert [str(p) for p in check_project(REPO)] == []


def test_a_phrase_shown_in_quotes_is_not_a_problem(tmp_path: Path) -> None:
    problems = check_project(copy_project(tmp_path / "project", "stigmatising-words"))
    assert [p.line for p in problems] == [11]


def test_a_short_form_is_named_once_per_file_and_never_from_code_addresses_or_sources(
    tmp_path: Path,
) -> None:
    problems = check_project(copy_project(tmp_path / "project", "short-form-not-in-glossary"))
    assert [(p.path, p.line, p.what.split('"')[1]) for p in problems] == [
        ("modules/02-beta/lesson.md", 18, "NCCMH")
    ]


def test_short_forms_in_the_glossary_area_and_local_examples_are_checked_too(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    glossary = project / "curriculum" / "glossary.yml"
    entry = "  - term: CHIME\n    meaning: Not in the HSE list.\n    source: A test\n"
    glossary.write_text(glossary.read_text() + entry)
    area = project / "curriculum" / "area.yml"
    area.write_text(area.read_text().replace("name: Samaritans", "name: SAMH  # a note: IGNORED"))
    notes = project / "modules" / "01-alpha" / "facilitator.md"
    notes.write_text(notes.read_text() + "\nTrainers read the NCCMH framework.\n")
    example = project / "local" / "examples" / "01-alpha" / "groups-here.md"
    example.parent.mkdir(parents=True)
    example.write_text("Groups meet at the YMCA.\n")
    found = {(p.path, p.what.split('"')[1]) for p in check_project(project)}
    assert found == {
        ("curriculum/glossary.yml", "HSE"),
        ("curriculum/area.yml", "SAMH"),
        ("local/examples/01-alpha/groups-here.md", "YMCA"),
    }
