"""The cohort page in a real browser: statuses match the gradebook, filters, queue, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from browsing import assert_everyone_can_use, at, cut_off, screenshot, start_voila, stop
from handing_in import GOOD_ANSWERS, graded_cohort
from support import copy_project

from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.serve import write_pages
from peer2peer.progress.status import cohort_progress

EVIL = '<img src=x onerror="window.injected=1">'


def test_a_trainer_follows_the_cohort_and_opens_the_marking_queue(tmp_path: Path, browser) -> None:
    project = copy_project(tmp_path / "project")
    cohort = tmp_path / "cohorts" / "glance"
    init_cohort(cohort, "Glance 2027", project, date(2027, 3, 1))
    add_trainees(load_settings(cohort), [Trainee("t09", EVIL, "Example", None)])
    graded_cohort(cohort, {"t01": GOOD_ANSWERS, "t09": GOOD_ANSWERS})
    pages = write_pages(tmp_path / "pages")
    url, voila = start_voila(pages, {COHORT_VARIABLE: str(cohort)})
    page = browser.new_context(viewport={"width": 1280, "height": 1400}).new_page()
    try:
        page.goto(at(url, "voila/render/cohort.ipynb"))
        grid = page.locator(".p2p-grid")
        grid.wait_for(timeout=90_000)
        assert page.evaluate("window.injected") is None
        assert page.get_by_text(f"{EVIL} Example (t09)").first.is_visible()

        expected = cohort_progress(cohort, load_settings(cohort))
        needs = [r for r in expected if r.status == "needs marking"]
        assert grid.locator("text=needs marking").count() == len(needs) == 2
        assert grid.locator("text=not released").count() == sum(
            r.status == "not released" for r in expected
        )
        screenshot(page, "cohort-page")
        assert_everyone_can_use(page)

        page.set_viewport_size({"width": 390, "height": 844})  # a phone: only the grid scrolls
        screenshot(page, "cohort-phone")
        assert cut_off(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert_everyone_can_use(page)
        page.set_viewport_size({"width": 1280, "height": 1400})

        page.get_by_label("Status").select_option(["needs marking"])
        page.get_by_text("Showing 2 trainees.").wait_for()
        with page.expect_download() as download:
            page.get_by_text("Download this table (CSV)").click()
        text = Path(download.value.path()).read_text()
        assert text.startswith("trainee,name,module,status") and "t09" in text

        with page.context.expect_page() as opened:
            page.get_by_role("link", name="Mark Ada Example (t01), 01-alpha").click()
        marking = opened.value
        marking.get_by_text("Their answer").wait_for(timeout=90_000)
        assert marking.locator(".widget-dropdown select").nth(1).input_value() is not None
        assert "I would listen first" in marking.locator(".p2p-answer").inner_text()
    finally:
        page.context.close()
        stop(voila)
