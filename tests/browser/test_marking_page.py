"""The marking app in a real browser: a trainer marks a cohort's reflections in turn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from browsing import (
    assert_everyone_can_use,
    cut_off,
    press_tab_until,
    screenshot,
    start_voila,
    stop,
)
from handing_in import GOOD_ANSWERS, MODULE, graded_cohort
from support import copy_project

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.marking_app import COHORT_VARIABLE, MODULE_VARIABLE
from peer2peer.dashboard.serve import write_pages

INJECTION = '<img src=x onerror="window.injected=1"> <script>window.injected=2</script>'


def test_a_trainer_marks_each_reflection_in_turn(tmp_path: Path, browser) -> None:
    project = copy_project(tmp_path / "project")
    cohort = tmp_path / "cohorts" / "marking"
    init_cohort(cohort, "Marking in a browser 2027", project, date(2027, 3, 1))
    graded_cohort(
        cohort, {"t01": GOOD_ANSWERS, "t02": {**GOOD_ANSWERS, "alpha-reflect": INJECTION}}
    )
    notebook = write_pages(tmp_path / "pages") / "marking.ipynb"
    url, voila = start_voila(notebook, {COHORT_VARIABLE: str(cohort), MODULE_VARIABLE: MODULE})
    page = browser.new_context(viewport={"width": 1280, "height": 1800}).new_page()
    try:
        page.goto(url)
        page.get_by_text("0 of 2").wait_for(timeout=90_000)
        assert page.get_by_text("I would listen first").is_visible()

        for group in range(4):
            page.locator(".widget-radio-box").nth(group).get_by_text("Meets:").click()
        page.locator("textarea").fill("Thank you. Try one example from practice next time.")
        page.get_by_role("button", name="Save and go to next").click()
        page.get_by_text("Saved: Ada Example scores 2 of 4.").wait_for(timeout=30_000)

        # The second answer is an attack on the page: it must show as plain text.
        page.get_by_text('<img src=x onerror="window.injected=1">').wait_for()
        assert page.evaluate("window.injected") is None
        assert page.get_by_text("1 of 2").is_visible()
        screenshot(page, "marking-app")
        assert_everyone_can_use(page)

        assert_first_mark_saved(cohort)

        page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing cut off
        page.get_by_role("button", name="Save and go to next").scroll_into_view_if_needed()
        screenshot(page, "marking-phone")
        assert cut_off(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.context.close()
        stop(voila)


def test_a_trainer_marks_by_keyboard_alone(tmp_path: Path, browser) -> None:
    """Tab to the rubric, pick each level with the keys, type, save: the gradebook has it.

    Moving through the levels with the arrow keys saves nothing; after "Save and go to
    next" the focus is on the trainee list, which names the next trainee.
    """
    project = copy_project(tmp_path / "project")
    cohort = tmp_path / "cohorts" / "keys"
    init_cohort(cohort, "Marking by keyboard 2027", project, date(2027, 3, 1))
    graded_cohort(cohort, {"t01": GOOD_ANSWERS, "t02": GOOD_ANSWERS})
    notebook = write_pages(tmp_path / "pages") / "marking.ipynb"
    url, voila = start_voila(notebook, {COHORT_VARIABLE: str(cohort), MODULE_VARIABLE: MODULE})
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        page.goto(url)
        page.get_by_text("0 of 2").wait_for(timeout=90_000)
        assert_everyone_can_use(page)
        groups = page.locator(".widget-radio-box")
        for group in range(groups.count()):
            press_tab_until(page, groups.nth(group).locator("input").first)
            for key in ("ArrowDown", "ArrowDown", "ArrowUp"):  # through the levels, to "Meets"
                page.keyboard.press(key)
            assert groups.nth(group).get_by_label("Meets:").is_checked()
        with gradebook(load_settings(cohort)) as book:
            grade = book.find_grade("alpha-reflect-prompt", "assessment", MODULE, "t01")
            assert grade.manual_score is None and grade.needs_manual_grade  # nothing saved

        press_tab_until(page, page.get_by_label("Your words"))
        page.keyboard.type("Thank you. Try one example from practice next time.")
        press_tab_until(page, page.get_by_role("button", name="Save and go to next"))
        page.keyboard.press("Enter")
        page.get_by_text("Saved: Ada Example scores 2 of 4.").wait_for(timeout=30_000)
        trainees = page.get_by_label("Trainee", exact=True)
        page.wait_for_function(
            "e => e === document.activeElement", arg=trainees.element_handle(), timeout=15_000
        )
        assert "t02" in trainees.locator("option:checked").inner_text()
        screenshot(page, "marking-by-keyboard")
        assert_everyone_can_use(page)

        assert_first_mark_saved(cohort)
    finally:
        page.context.close()
        stop(voila)


def assert_first_mark_saved(cohort: Path) -> None:
    """t01's reflection has the mark the tests give it: level 2, with the comment bank's words."""
    with gradebook(load_settings(cohort)) as book:
        grade = book.find_grade("alpha-reflect-prompt", "assessment", MODULE, "t01")
        comment = book.find_comment("alpha-reflect-prompt", "assessment", MODULE, "t01")
        assert grade.manual_score == 2 and not grade.needs_manual_grade
        assert comment.manual_comment.endswith("Try one example from practice next time.")
