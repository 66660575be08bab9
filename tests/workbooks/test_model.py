"""A workbook's content comes from the curriculum through the build's own steps."""

from __future__ import annotations

import pytest

from peer2peer.curriculum.schema import EXERCISE_KINDS
from peer2peer.workbooks import words
from peer2peer.workbooks.model import UnknownModule, make_workbook


def test_every_exercise_becomes_a_question_in_order_numbered_across_the_module(project):
    for module in project.curriculum.modules:
        workbook = make_workbook(project, module.id)
        wanted = [e.spec.id for d in project.documents[module.id] for e in d.exercises]
        questions = workbook.questions()
        assert [q.exercise_id for q in questions] == wanted
        assert [q.number for q in questions] == list(range(1, len(wanted) + 1))
        assert all(q.how for q in questions)


def test_support_comes_first_with_the_areas_crisis_lines_and_course_team(project):
    workbook = make_workbook(project, "01-recovery")
    support = " ".join(block.text for block in workbook.support)
    for line in project.area_values["crisis_lines"]:
        assert line["name"] in support and line["phone"] in support
    assert project.area_values["contact"]["email"] in support
    assert "{{" not in support


def test_a_module_with_a_content_note_opens_with_it(project):
    workbook = make_workbook(project, "08-trauma-safety")
    assert workbook.support[0].text.startswith("Content note.")


def test_the_same_support_block_is_not_repeated_at_the_top_of_the_assessment(project):
    workbook = make_workbook(project, "03-peer-support")
    first_of_assessment = workbook.parts[1].items[0]
    assert getattr(first_of_assessment, "text", "") != workbook.support[0].text


def test_placeholders_are_filled_and_words_boxes_point_to_the_end_of_the_workbook(project):
    workbook = make_workbook(project, "02-story")
    texts = [getattr(item, "text", "") for part in workbook.parts for item in part.items]
    assert not any("{{" in text for text in texts)
    assert any(words.GLOSSARY_TITLE in text for text in texts)
    assert not any("glossary.md" in text for text in texts)
    assert {term for term, _ in workbook.glossary} == {t.term for t in project.glossary.terms}


def test_questions_hold_no_answer_key_and_no_feedback(project):
    for module in project.curriculum.modules:
        for question in make_workbook(project, module.id).questions():
            assert question.answer is None
            assert not hasattr(question, "feedback")
            assert question.kind in EXERCISE_KINDS


def test_order_steps_come_in_the_lessons_shuffled_order_never_the_right_one(project):
    for module in project.curriculum.modules:
        specs = {e.spec.id: e.spec for d in project.documents[module.id] for e in d.exercises}
        for question in make_workbook(project, module.id).questions():
            if question.kind == "order":
                shown = [text for _, text in question.choices]
                assert sorted(shown) == sorted(specs[question.exercise_id].steps)
                assert shown != specs[question.exercise_id].steps


def test_an_unknown_module_is_refused_with_the_ones_there_are(project):
    with pytest.raises(UnknownModule, match="no module '99-nope'.*00-prep, 01-recovery"):
        make_workbook(project, "99-nope")
