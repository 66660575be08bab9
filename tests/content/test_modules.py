"""The curriculum's own modules meet the content bar a trainer can rely on.

The words are checked for reading ease; the structure for what each module promises:
a lesson with reflections and a self-check, facilitator notes, an assessment whose
choices teach, a rubric, and a content note wherever a topic can hurt.
"""

from __future__ import annotations

import re

import pytest
from reading import EASY_ENOUGH, reading_ease
from support import REPO

from peer2peer.curriculum.project import load_project
from peer2peer.curriculum.schema import Choice, Reflection, Scale, Story, is_graded
from peer2peer.curriculum.yamlfile import parse_fast

PROJECT = load_project(REPO)
MODULES = [module.id for module in PROJECT.curriculum.modules]
HURTFUL_TOPICS = re.compile(
    r"suicid|self-harm|trauma(?!-informed)|crisis plan|abuse", re.IGNORECASE
)


def _document(module_id: str, kind: str):
    [document] = [d for d in PROJECT.documents[module_id] if d.kind == kind]
    return document


def _specs(document) -> list:
    return [exercise.spec for exercise in document.exercises]


def test_the_curriculum_has_a_preparation_module_and_eleven_more() -> None:
    # curriculum.yml's own list: a fork may also drop or add modules in its area.yml
    listed = parse_fast((REPO / "curriculum" / "curriculum.yml").read_text())["modules"]
    assert len(listed) == 12 and listed[0]["id"] == "00-prep"


@pytest.mark.parametrize("module_id", MODULES)
def test_lesson_is_easy_to_read(module_id: str) -> None:
    score = reading_ease(_document(module_id, "lesson").text)
    assert score >= EASY_ENOUGH, f"{module_id}: Flesch reading ease {score:.1f}"


@pytest.mark.parametrize("module_id", MODULES)
def test_lesson_has_its_sections_and_exercises(module_id: str) -> None:
    lesson = _document(module_id, "lesson")
    for heading in ("## What you'll do", "## What you'll learn", "## Key points"):
        assert heading in lesson.text, f"{module_id}: no {heading!r}"
    specs = _specs(lesson)
    assert sum(isinstance(s, Reflection) for s in specs) >= 2, module_id
    assert any(isinstance(s, Scale | Choice) for s in specs), module_id
    assert lesson.front.sources, f"{module_id}: a lesson names its sources"


@pytest.mark.parametrize("module_id", MODULES)
def test_every_module_has_facilitator_notes(module_id: str) -> None:
    notes = PROJECT.facilitator_notes.get(module_id)
    assert notes is not None, f"{module_id}: no facilitator.md beside the lesson"
    for heading in ("## Session plan", "## If someone is distressed", "## Local signposting"):
        assert heading in notes.text, f"{module_id}: no {heading!r} in the facilitator notes"
    assert "{{ area." in notes.text, f"{module_id}: signposting comes from area.yml"


@pytest.mark.parametrize("module_id", MODULES)
def test_assessment_has_a_graded_reflection_and_choices_that_teach(module_id: str) -> None:
    specs = _specs(_document(module_id, "assessment"))
    assert any(isinstance(s, Reflection) and is_graded(s) for s in specs), module_id
    assert module_id in PROJECT.rubrics, f"{module_id}: no rubric.yml"
    for spec in specs:
        if isinstance(spec, Choice) and is_graded(spec):
            missing = set(spec.options) - set(spec.feedback or {})
            assert not missing, f"{module_id}/{spec.id}: no feedback for options {sorted(missing)}"


@pytest.mark.parametrize("module_id", MODULES)
def test_a_module_that_touches_hurtful_topics_opens_with_a_content_note(module_id: str) -> None:
    lesson = _document(module_id, "lesson")
    body = re.sub(r"\{\{[^}]*\}\}", "", lesson.text.split("\n---", 1)[-1])
    if HURTFUL_TOPICS.search(body):
        for kind in ("lesson", "assessment"):
            assert _document(module_id, kind).front.content_note, f"{module_id} {kind}"


def test_the_story_module_keeps_stories_private_by_default() -> None:
    stories = [s for module in MODULES for s in _specs(_document(module, "lesson"))]
    assert any(isinstance(s, Story) for s in stories)


def test_the_preparation_module_sets_a_group_agreement_with_limits_of_confidentiality() -> None:
    text = _document("00-prep", "lesson").text.lower()
    assert "group agreement" in text and "limits" in text and "confidential" in text
