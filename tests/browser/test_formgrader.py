"""nbgrader's formgrader keeps working on a cohort this package made and graded."""

from __future__ import annotations

from pathlib import Path

from browsing import screenshot, start_jupyterlab, stop
from nbgrader.api import Gradebook
from support import copy_project

from peer2peer.cohort.demo import run_demo


def test_formgrader_shows_the_graded_demo_cohort(tmp_path: Path, page) -> None:
    project = copy_project(tmp_path / "project")
    demo = run_demo(project, tmp_path / "demo")
    url, lab = start_jupyterlab(demo.cohort)
    base = url.split("/lab?")[0]
    try:
        page.goto(url)  # log in as a trainer does, by opening JupyterLab first
        page.locator("#jp-MainMenu").wait_for(timeout=60_000)
        page.goto(f"{base}/formgrader/gradebook/01-alpha")
        row = page.locator("tr", has_text="assessment")
        row.first.wait_for(timeout=60_000)
        cells = row.first.inner_text().split("\t")
        # The average reflection (task) mark, as nbgrader's own API works it out.
        with Gradebook(demo.settings.db_url, demo.settings.course_id) as book:
            average = book.average_notebook_task_score("assessment", "01-alpha")
        assert cells[4] == f"{round(average, 2):g} / 4"
        screenshot(page, "formgrader-cohort-gradebook")
        page.goto(f"{base}/formgrader/manage_students")
        page.get_by_text("demo-08").first.wait_for(timeout=60_000)
        assert page.get_by_text("Hamish").count() >= 1
        screenshot(page, "formgrader-cohort-students")
    finally:
        stop(lab)
