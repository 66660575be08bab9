"""The care and fairness a trainer relies on when running the course (issue 16).

Every module has outcomes a trainer can judge, says how long it takes, tells a trainer
what to do when written work shows risk, and marks a trainee who keeps their life
private as fairly as one who shares. The course-running guide reads plainly.
"""

from __future__ import annotations

import re

import pytest
import textstat
from reading import EASY_ENOUGH, reading_ease
from support import REPO

from peer2peer.curriculum.project import load_project
from peer2peer.curriculum.schema import Match, Order, Private, Reflection, Story, is_graded

PROJECT = load_project(REPO)
MODULES = [module.id for module in PROJECT.curriculum.modules]
GUIDE = REPO / "docs" / "running-the-course.md"


def _document(module_id: str, kind: str):
    [document] = [d for d in PROJECT.documents[module_id] if d.kind == kind]
    return document


def _body(text: str) -> str:
    return text.split("\n---", 1)[-1]


@pytest.mark.parametrize("module_id", MODULES)
def test_every_module_has_three_outcomes_a_trainer_can_judge(module_id: str) -> None:
    outcomes = PROJECT.curriculum.modules[MODULES.index(module_id)].outcomes
    assert len(outcomes) >= 3, module_id
    for outcome in outcomes:
        first = outcome.text.split()[0].lower()
        assert first not in {"know", "notice", "understand", "appreciate"}, outcome.id


@pytest.mark.parametrize("module_id", MODULES)
@pytest.mark.parametrize("kind", ["lesson", "assessment"])
def test_lessons_and_assessments_say_how_long_they_take(module_id: str, kind: str) -> None:
    body = _body(_document(module_id, kind).text)
    near_the_top = body.split("\n## ", 2)[:2]  # the opening and the first section
    assert "**How long it takes:** about" in "\n## ".join(near_the_top), f"{module_id} {kind}"


@pytest.mark.parametrize("module_id", MODULES)
def test_facilitator_notes_say_what_to_do_when_writing_shows_risk(module_id: str) -> None:
    text = PROJECT.facilitator_notes[module_id].text
    assert "## When you mark" in text, module_id
    section = text.split("## When you mark", 1)[1].split("\n## ", 1)[0]
    for words in ("suicide", "abused", "working days", "the same day", "confidentiality", "999"):
        assert words in section, f"{module_id}: 'When you mark' does not mention {words!r}"


@pytest.mark.parametrize("module_id", MODULES)
def test_every_rubric_can_be_met_in_full_with_an_imagined_example(module_id: str) -> None:
    rubric = PROJECT.rubrics[module_id]
    sharing = [c for c in rubric.criteria if c.id == "purposeful-sharing"]
    assert sharing, f"{module_id}: no criterion on the purposeful use of experience"
    for criterion in sharing:
        top = criterion.descriptors[rubric.levels[-1].id]
        meets = criterion.descriptors[rubric.levels[1].id]
        assert "imagined" in meets + top, f"{module_id}/{criterion.id}"
        assert "no reason for sharing" not in " ".join(criterion.descriptors.values())


@pytest.mark.parametrize("module_id", MODULES)
def test_graded_reflection_prompts_are_short_lists(module_id: str) -> None:
    for exercise in _document(module_id, "assessment").exercises:
        spec = exercise.spec
        if isinstance(spec, Reflection) and is_graded(spec):
            items = re.findall(r"^\s*- ", spec.prompt, flags=re.M)
            assert len(items) >= 3, f"{module_id}/{spec.id}: ask in a short list"


def test_the_last_module_has_a_capstone_marked_on_reflection_not_story() -> None:
    reflections = [
        e.spec
        for e in _document("11-teams", "assessment").exercises
        if isinstance(e.spec, Reflection) and is_graded(e.spec)
    ]
    capstone = [s for s in reflections if "whole course" in s.prompt]
    assert capstone and "teams-5" in capstone[0].outcomes
    assert (
        "never marked" in capstone[0].prompt
        or "never marked" in _document("11-teams", "assessment").text
    )
    rubric = (REPO / "assessments" / "11-teams" / "rubric.yml").read_text(encoding="utf-8")
    assert "never for anyone's recovery story" in rubric


def test_module_01_warns_before_it_opens_the_story_builder() -> None:
    assert _document("01-recovery", "lesson").front.content_note


def test_module_08_has_a_catch_up_an_out_of_hours_route_and_trained_trainers() -> None:
    lesson = _document("08-trauma-safety", "lesson").text
    notes = PROJECT.facilitator_notes["08-trauma-safety"].text
    assert "catch-up" in lesson and "out-of-hours" in lesson
    assert "## Catching up" in notes
    assert "Suicide prevention training is required" in notes
    assert "ideally" not in notes


def test_the_course_guide_reads_plainly_and_covers_what_a_lead_needs() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    score = reading_ease(text)
    assert score >= EASY_ENOUGH, f"running-the-course.md: Flesch reading ease {score:.1f}"
    for heading in (
        "### An information session",
        "### A readiness conversation",
        "### Group size",
        "### Trainers",
        "## A week-by-week plan",
        "## A privacy notice for trainees",
        "## Other ways to give written answers",
        "## A review halfway through",
        "## An evaluation at the end",
    ):
        assert heading in text, heading
    assert "docs/running-the-course.md" in (REPO / "README.md").read_text(encoding="utf-8")


def _graded_match_and_order(module_id: str) -> list:
    return [
        exercise.spec
        for exercise in _document(module_id, "assessment").exercises
        if isinstance(exercise.spec, Match | Order) and is_graded(exercise.spec)
    ]


def test_there_are_nineteen_graded_match_and_order_items() -> None:
    assert sum(len(_graded_match_and_order(module_id)) for module_id in MODULES) == 19


@pytest.mark.parametrize("module_id", MODULES)
def test_every_graded_match_and_order_says_why_in_plain_words(module_id: str) -> None:
    words = []
    for spec in _graded_match_and_order(module_id):
        if isinstance(spec, Match):
            missing = set(spec.statements) - set(spec.feedback)
            assert not missing, f"{module_id}/{spec.id}: no feedback for {sorted(missing)}"
            words.extend(spec.feedback.values())
        else:
            assert spec.feedback, f"{module_id}/{spec.id}: no feedback"
            words.append(spec.feedback)
    if words:
        score = textstat.flesch_reading_ease(" ".join(words))
        assert score >= EASY_ENOUGH, f"{module_id}: feedback reading ease {score:.1f}"


@pytest.mark.parametrize("module_id", ["07-boundaries", "08-trauma-safety"])
def test_staying_listening_and_asking_directly_may_come_in_any_order(module_id: str) -> None:
    [order] = [s for s in _graded_match_and_order(module_id) if isinstance(s, Order)]
    assert order.by == "pairs" and order.any_order == [[1, 2, 3]]
    first = " ".join(order.steps[:3]).lower()
    assert "stay" in first and "listen" in first and "ask" in first
    assert "supervisor" in order.steps[3] and "record" in order.steps[4].lower()


def test_the_wellness_plan_is_private_only_with_no_sharing_choices() -> None:
    specs = [e.spec for e in _document("09-wellness-planning", "lesson").exercises]
    [plan] = [s for s in specs if s.id == "my-wellness-plan"]
    assert isinstance(plan, Private) and len(plan.sections or {}) == 7
    assert not any(isinstance(s, Story) for s in specs)
    assert "Only me" not in _document("09-wellness-planning", "lesson").text


def test_the_glossary_explains_short_forms_in_plain_words_with_sources() -> None:
    terms = PROJECT.glossary.terms
    assert len(terms) >= 78
    score = textstat.flesch_reading_ease(" ".join(term.meaning for term in terms))
    assert score >= EASY_ENOUGH, f"glossary.yml: reading ease {score:.1f}"
    assert all(term.source.strip() for term in terms)


def test_crisis_lines_give_exact_hours_and_breathing_space_its_other_routes() -> None:
    lines = {line.name: line for line in PROJECT.area.crisis_lines}
    space = lines["Breathing Space"]
    assert "6pm to 2am" in space.hours and "Friday 6pm to Monday 6am" in space.hours
    assert space.web_chat and space.textphone
    area = (REPO / "curriculum" / "area.yml").read_text(encoding="utf-8")
    # where each fact comes from, and the reminder to check again before each course
    assert "as breathingspace.scot gives them" in area and "disabilityequality.scot" in area
    assert "check them on breathingspace.scot again before each new course" in area


def test_the_words_the_build_adds_to_every_page_read_plainly() -> None:
    import re as regex

    from peer2peer.curriculum.placeholders import fill
    from peer2peer.exercises.only_me import NOTE
    from peer2peer.notebooks.steps import CONTENT_NOTE, SUPPORT, words_box

    area = PROJECT.area_values
    added = [
        fill(SUPPORT, area),
        fill(CONTENT_NOTE.replace("{note}", "This module talks about hard times."), area),
        words_box(PROJECT.glossary.terms[:0], point_to_glossary=True),
        regex.sub(r"<[^>]+>", " ", NOTE),
    ]
    for text in added:
        score = reading_ease(text)
        assert score >= EASY_ENOUGH, f"{score:.1f}: {text[:80]}"
