"""Each build step, and the notebook they make together, as nbgrader expects it."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbgrader.nbgraderformat import MetadataValidator

from peer2peer.curriculum.project import Project, load_project
from peer2peer.notebooks.steps import PENDING, STEPS, Context, build_notebook


@pytest.fixture
def project(minimal_project: Path) -> Project:
    return load_project(minimal_project)


def _notebook(project: Project, module_id: str, kind: str, explained: set | None = None):
    document = next(d for d in project.documents[module_id] if d.kind == kind)
    context = Context(document, project.area_values, glossary=project.glossary)
    if explained is not None:
        context.explained = explained
    return build_notebook(context)


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == grade_id)


def test_pipeline_is_an_ordered_list_of_documented_steps() -> None:
    assert STEPS[0].__name__ == "read_myst"
    assert all(step.__doc__ for step in STEPS)


def test_lesson_opens_answers_then_content_note_with_crisis_lines(project: Project) -> None:
    nb = _notebook(project, "01-alpha", "lesson")
    assert "Run All Cells" in nb.cells[0].source
    assert nb.cells[1].source == (
        "\nfrom peer2peer import exercises as ex\n\nex.start('lesson', module='01-alpha')"
    )
    note = nb.cells[2].source
    assert note.startswith("**Content note.** This lesson mentions hard times.")
    assert "**Samaritans**: call **[116 123](tel:116123)**, any time." in note
    assert "will not count against you" in note
    assert (
        "**The course team** at Test Recovery College: email **[test@example.org](mailto:" in note
    )
    assert "If you need support now" not in "".join(c.source for c in nb.cells)  # the note has it


def test_a_page_without_a_content_note_opens_with_crisis_lines_and_the_course_team(
    project: Project,
) -> None:
    nb = _notebook(project, "02-beta", "lesson")
    assert nb.cells[0].source == (
        "**If you need support now**, you can contact:\n\n"
        "- **Samaritans**: call **[116 123](tel:116123)**, any time.\n\n"
        "**The course team** at Test Recovery College: email "
        "**[test@example.org](mailto:test@example.org)** or call "
        "**[0000 000000](tel:0000000000)**, "
        "weekdays."
    )


def test_every_lesson_and_assessment_carries_the_crisis_lines_and_the_course_team(
    project: Project,
) -> None:
    for documents in project.documents.values():
        for document in documents:
            top = build_notebook(Context(document, project.area_values)).cells
            first_text = next(c.source for c in top if "Run All Cells" not in c.source
                              and c.cell_type == "markdown")  # fmt: skip
            assert "(tel:116123)" in first_text and "(mailto:test@example.org)" in first_text


def test_a_term_is_explained_just_after_the_part_where_it_first_appears(
    project: Project,
) -> None:
    nb = _notebook(project, "02-beta", "lesson")
    texts = [c.source for c in nb.cells]
    box = texts.index(next(t for t in texts if t.startswith("> **Words in this part**")))
    assert "SRN writes about peer support" in texts[box - 1]
    assert texts[box].splitlines()[2:4] == [
        "> - **SRN**: The Scottish Recovery Network, an organisation that works for recovery.",
        "> - **peer support**: Support between people who share similar experiences.",
    ]
    assert "glossary.md" in texts[box]
    assert sum(t.startswith("> **Words") for t in texts) == 1  # once, though used twice


def test_a_term_the_lesson_explained_is_not_explained_again_in_the_assessment(
    project: Project,
) -> None:
    explained: set[str] = set()
    _notebook(project, "02-beta", "lesson", explained)
    assert explained == {"SRN", "peer support"}
    document = next(d for d in project.documents["02-beta"] if d.kind == "assessment")
    document.text = document.text.replace("prompt: Beta?", "prompt: Is SRN about peer support?")
    document.exercises[0].spec = document.exercises[0].spec.model_copy(
        update={"prompt": "Is SRN about peer support?"}
    )
    context = Context(document, project.area_values, glossary=project.glossary)
    alone = build_notebook(context)
    assert any(c.source.startswith("> **Words") for c in alone.cells)  # on its own: explained
    context = Context(document, project.area_values, glossary=project.glossary)
    context.explained = explained
    after_lesson = build_notebook(context)
    assert not any(c.source.startswith("> **Words") for c in after_lesson.cells)


def test_placeholders_are_filled_everywhere(project: Project) -> None:
    nb = _notebook(project, "01-alpha", "lesson")
    text = "\n".join(cell.source for cell in nb.cells)
    assert "# Alpha in Testshire" in text and "Your trainers are Robin." in text
    assert "{{" not in text


def test_every_cell_is_locked_or_graded_and_code_is_hidden(project: Project) -> None:
    nb = _notebook(project, "01-alpha", "assessment")
    MetadataValidator().validate_nb(nb)
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells]
    assert len(ids) == len(set(ids))
    for cell in nb.cells:
        meta = cell.metadata["nbgrader"]
        assert meta["locked"] or meta["solution"]
        assert PENDING not in cell.metadata
        if cell.cell_type == "code":
            assert cell.metadata["jupyter"] == {"source_hidden": True}


def test_graded_reflection_is_a_task_the_trainer_marks(project: Project) -> None:
    nb = _notebook(project, "01-alpha", "assessment")
    prompt = _cell(nb, "alpha-reflect-prompt")
    assert prompt.cell_type == "markdown" and prompt.source == "Reflect on the second thing."
    meta = prompt.metadata["nbgrader"]
    assert (meta["task"], meta["points"], meta["grade"], meta["locked"]) == (True, 4, False, True)
    answer = _cell(nb, "alpha-reflect-answer").source
    assert "ex.reflection(" in answer and "min_words=10" in answer


def test_graded_choice_has_model_answer_and_hidden_test_with_its_feedback(project: Project) -> None:
    nb = _notebook(project, "01-alpha", "assessment")
    answer = _cell(nb, "alpha-check-answer").source
    assert "### BEGIN SOLUTION\nex.model_answer('alpha-check', 'a')\n### END SOLUTION" in answer
    assert "feedback" not in answer  # feedback would give the answer away before grading
    test = _cell(nb, "alpha-check-test")
    assert test.metadata["nbgrader"]["points"] == 1 and test.metadata["nbgrader"]["grade"]
    assert test.source.startswith("\n### BEGIN HIDDEN TESTS\nex.grade_choice(")
    assert "Second comes after first." in test.source
    many = _cell(nb, "alpha-many-answer").source
    assert "ex.model_answer('alpha-many', ['a', 'b'])" in many


def test_lesson_choice_shows_feedback_at_once_and_is_not_graded(project: Project) -> None:
    nb = _notebook(project, "01-alpha", "lesson")
    cell = _cell(nb, "alpha-pick-answer")
    assert "feedback={'a': 'Yes.', 'b': 'Not this one.'}" in cell.source
    assert not any(c.metadata["nbgrader"]["grade"] for c in nb.cells)


def test_a_notebook_without_exercises_has_no_code(project: Project) -> None:
    nb = _notebook(project, "02-beta", "lesson")
    assert {c.cell_type for c in nb.cells} == {"markdown"}
    assert "Run All Cells" not in nb.cells[0].source


def test_graded_order_shuffles_steps_and_keeps_the_order_in_the_hidden_test(project) -> None:
    nb = _notebook(project, "01-alpha", "assessment")
    shown = _cell(nb, "alpha-order-answer").source
    assert "solution" not in shown
    test = _cell(nb, "alpha-order-test").source
    assert "ex.grade_order(" in test and "points=3.0" in test
    assert "by=" not in test  # by place, the default
    assert "feedback='The first step makes the others possible.'" in test


def test_order_graded_by_pairs_names_its_any_order_groups_by_shuffled_key() -> None:
    from peer2peer.curriculum.schema import Order
    from peer2peer.notebooks.steps import exercise_cells, shuffled_steps

    spec = Order(
        id="o", prompt="P", steps=["A", "B", "C", "D"], by="pairs", any_order=[[1, 2]],
        feedback="Why: A and B can swap.", points=2, outcomes=["x"],
    )  # fmt: skip
    items, right = shuffled_steps(spec)
    prompt, answer, test = exercise_cells(spec)
    assert "feedback" not in answer.source and "Why" not in answer.source
    assert "by='pairs'" in test.source
    assert f"any_order=[[{right[0]!r}, {right[1]!r}]]" in test.source
    assert "feedback='Why: A and B can swap.'" in test.source


def test_graded_match_keeps_its_feedback_in_the_hidden_test(project: Project) -> None:
    nb = _notebook(project, "01-alpha", "assessment")
    assert "feedback" not in _cell(nb, "alpha-match-answer").source
    test = _cell(nb, "alpha-match-test").source
    assert "'s1': 'Believing things can get better is hope.'" in test


def test_private_writing_has_its_parts_and_nothing_about_sharing() -> None:
    from peer2peer.curriculum.schema import Private
    from peer2peer.notebooks.steps import exercise_cells

    spec = Private(
        id="plan", prompt="Start a plan.", sections={"tools": {"title": "Tools", "hint": "H"}}
    )
    prompt, answer = exercise_cells(spec)
    assert prompt.source == "Start a plan."
    assert answer.source == (
        "ex.private_writing('plan', sections={'tools': {'title': 'Tools', 'hint': 'H'}})"
    )


def test_steps_are_shuffled_the_same_way_every_build_and_never_in_the_right_order() -> None:
    from peer2peer.curriculum.schema import Order
    from peer2peer.notebooks.steps import shuffled_steps

    spec = Order(id="o", prompt="P", steps=["A", "B", "C", "D"])
    items, right = shuffled_steps(spec)
    assert shuffled_steps(spec) == (items, right)
    assert list(items.values()) != spec.steps
    assert [items[key] for key in right] == spec.steps


def test_lesson_order_and_story_are_shown_and_never_graded(project) -> None:
    nb = _notebook(project, "01-alpha", "lesson")
    assert (
        "solution=" in _cell(nb, "alpha-steps-answer").source
    )  # a lesson may say when it is right
    assert "ex.story('alpha-story'" in _cell(nb, "alpha-story-answer").source


def test_plain_text_labels_drop_markdown() -> None:
    from peer2peer.curriculum.myst import plain_text

    assert (
        plain_text("**What** helps? See [SRN](https://x.org) `now`.") == "What helps? See SRN now."
    )
