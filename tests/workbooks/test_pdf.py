"""The PDF workbook read back with pypdf: support first, every prompt, tick boxes, no code."""

from __future__ import annotations

import pytest
from workbook_reading import (
    CODE,
    feedback_words,
    pdf_font_sizes,
    pdf_outline,
    pdf_pages,
    prompts,
    squashed,
    words_only,
)

from peer2peer.workbooks import words


def test_the_first_page_has_the_content_note_crisis_lines_and_course_team(made, project):
    first = squashed(pdf_pages(made("02-story", "pdf"))[0])
    assert first.startswith("My recovery story")
    assert "Content note." in first
    for line in project.area_values["crisis_lines"]:
        assert line["phone"] in first
    assert project.area_values["contact"]["email"] in first
    assert first.index("Samaritans") < first.index("The course team")


@pytest.mark.parametrize("module", [f"{n:02d}" for n in range(12)])
def test_every_prompt_is_there_and_no_code_and_no_answer_feedback(made, project, module):
    module_id = next(m.id for m in project.curriculum.modules if m.id.startswith(module))
    text = words_only(" ".join(pdf_pages(made(module_id, "pdf"))))
    for prompt in prompts(project, module_id):
        assert prompt in text, prompt
    for feedback in feedback_words(project, module_id):
        assert feedback not in text
    raw = " ".join(pdf_pages(made(module_id, "pdf")))
    assert not CODE.search(raw), CODE.search(raw)
    questions = sum(len(d.exercises) for d in project.documents[module_id])
    assert f"{words.QUESTION} {questions}" in raw


def test_choices_are_tick_boxes_scales_a_row_of_numbers_and_match_letters(made, project):
    text = " ".join(pdf_pages(made("04-relationship", "pdf")))
    options = sum(
        len(e.spec.options)
        for d in project.documents["04-relationship"]
        for e in d.exercises
        if e.spec.kind == "choice"
    )
    assert text.count("☐") == options
    assert "1 2 3 4 5 6 7 8 9 10" in squashed(text)
    assert words.MY_NUMBER in text
    assert "Write the letter of the group" in squashed(text)


def test_headings_are_bookmarks(made):
    outline = pdf_outline(made("02-story", "pdf"))
    assert outline[0] == "My recovery story"
    for heading in (words.SUPPORT_TITLE, "Why stories matter", words.GLOSSARY_TITLE):
        assert heading in outline


def test_large_print_is_16_points_or_more_everywhere_and_standard_is_smaller(made):
    large = pdf_font_sizes(made("02-story", "pdf", large_print=True))
    assert large and min(large) >= 16
    assert min(pdf_font_sizes(made("02-story", "pdf"))) < 16


def test_private_writing_is_a_page_for_the_trainee_alone(made, project):
    text = squashed(" ".join(pdf_pages(made("09-wellness-planning", "pdf"))))
    assert squashed(words.PRIVATE) in text


def test_a_printed_page_is_drawn_to_a_picture_for_people_to_look_at(made, tmp_path):
    """Pages 1 and 6 of module 04 (the support block; a question and its box) as pictures."""
    import shutil
    import subprocess

    from support import REPO

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = tmp_path / "workbook.pdf"
    pdf.write_bytes(made("04-relationship", "pdf"))
    shots = REPO / "test-output" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for page in (1, 6):
        picture = shots / f"workbook-04-page-{page}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-singlefile", "-f", str(page), "-l", str(page),
             str(pdf), str(picture)],
            check=True,
        )  # fmt: skip
        assert picture.with_suffix(".png").stat().st_size > 10_000
