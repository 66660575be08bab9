"""The marking app in a real browser: a trainer marks a cohort's reflections in turn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from browsing import accessibility_problems, screenshot, start_voila, stop
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
        assert accessibility_problems(page, ".jp-OutputArea-output") == []

        with gradebook(load_settings(cohort)) as book:
            grade = book.find_grade("alpha-reflect-prompt", "assessment", MODULE, "t01")
            comment = book.find_comment("alpha-reflect-prompt", "assessment", MODULE, "t01")
            assert grade.manual_score == 2 and not grade.needs_manual_grade
            assert comment.manual_comment.endswith("Try one example from practice next time.")
    finally:
        page.context.close()
        stop(voila)
