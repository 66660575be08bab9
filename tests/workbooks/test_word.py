"""The Word workbook read back with python-docx: headings, support first, prompts, no code."""

from __future__ import annotations

import pytest
from docx.shared import Pt
from workbook_reading import (
    CODE,
    docx_document,
    docx_paragraphs,
    docx_tick_boxes,
    feedback_words,
    prompts,
    squashed,
    words_only,
)

from peer2peer.workbooks import words


def test_title_then_support_with_the_crisis_lines_before_the_lesson(made, project):
    paragraphs = docx_paragraphs(made("02-story", "docx"))
    assert paragraphs[0] == ("Title", "My recovery story")
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert headings[0] == ("Heading 1", words.SUPPORT_TITLE)
    support_end = paragraphs.index(headings[1])
    support = squashed(" ".join(text for _, text in paragraphs[:support_end]))
    assert support.index(words.SUPPORT_TITLE) < support.index("Content note.")
    for line in project.area_values["crisis_lines"]:
        assert line["phone"] in support


def test_the_lessons_headings_are_words_own_headings_and_questions_sit_below_them(made):
    paragraphs = docx_paragraphs(made("02-story", "docx"))
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert ("Heading 1", "My recovery story") in headings
    assert ("Heading 2", "Why stories matter") in headings
    assert ("Heading 3", f"{words.QUESTION} 1") in headings
    levels = [int(style.split()[-1]) for style, _ in headings]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), "a level skipped"


@pytest.mark.parametrize("module", [f"{n:02d}" for n in range(12)])
def test_every_prompt_is_there_and_no_code_and_no_answer_feedback(made, project, module):
    module_id = next(m.id for m in project.curriculum.modules if m.id.startswith(module))
    text = words_only(" ".join(t for _, t in docx_paragraphs(made(module_id, "docx"))))
    for prompt in prompts(project, module_id):
        assert prompt in text, prompt
    for feedback in feedback_words(project, module_id):
        assert feedback not in text
    raw = " ".join(t for _, t in docx_paragraphs(made(module_id, "docx")))
    assert not CODE.search(raw), CODE.search(raw)


def test_choices_are_tick_boxes_and_answer_boxes_are_described(made, project):
    data = made("04-relationship", "docx")
    text = " ".join(t for _, t in docx_paragraphs(data))
    options = sum(
        len(e.spec.options)
        for d in project.documents["04-relationship"]
        for e in d.exercises
        if e.spec.kind == "choice"
    )
    assert text.count("☐") == options
    assert docx_tick_boxes(data) == [False] * options  # Word's own, to tick with a click
    document = docx_document(data)
    said = [table._tbl.tblPr.xpath("string(w:tblDescription/@w:val)") for table in document.tables]
    lesson_tables = 1  # "Helping or fixing" / "Learning together"
    assert sum(not words_ for words_ in said) == lesson_tables
    assert any(words_.startswith("Your answer to question") for words_ in said)
    assert any(words_.startswith("Numbers from 1 to 10 for question") for words_ in said)


def _size(paragraph) -> float:
    sizes = [run.font.size for run in paragraph.runs if run.font.size]
    style = paragraph.style
    while style is not None and style.font.size is None:
        style = style.base_style
    base = style.font.size if style is not None else Pt(11)
    return min([s.pt for s in sizes] + [base.pt])


def test_large_print_is_16_points_or_more_everywhere(made):
    document = docx_document(made("02-story", "docx", large_print=True))
    paragraphs = list(document.paragraphs) + [
        p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    assert min(_size(p) for p in paragraphs if p.text.strip()) >= 16
    standard = docx_document(made("02-story", "docx"))
    assert min(_size(p) for p in standard.paragraphs if p.text.strip()) < 16
