"""Nothing leaves the machine: no page we serve, and no feedback we make, asks another host.

Every request a page makes is watched; any to a host other than this computer fails the
test (and is stopped, so nothing is sent while testing). Trainees' data is health
information, and the README promises "this computer only".
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browsing import at, screenshot, start_voila, stop
from handing_in import GOOD_ANSWERS, MODULE, graded_cohort
from support import copy_project

from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.exchange import feedback, fetch_feedback_as_trainee
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.serve import write_pages

THIS_COMPUTER = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "file", "about"}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cohort of the minimal project: two trainees graded, their feedback released."""
    root = tmp_path_factory.mktemp("no-third-party")
    project = copy_project(root / "project")
    cohort = root / "cohorts" / "offline"
    init_cohort(cohort, "Offline 2027", project, date(2027, 3, 1))
    graded_cohort(cohort)
    feedback(cohort, load_settings(cohort), [MODULE])
    return cohort


@pytest.fixture
def watched(browser):
    """A browser window whose requests are all recorded; those leaving the machine, stopped."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    elsewhere: list[str] = []

    def leaves_the_machine(url: str) -> bool:
        parts = urlparse(url)
        return parts.scheme not in LOCAL_SCHEMES and parts.hostname not in THIS_COMPUTER

    def watch(route) -> None:
        if leaves_the_machine(route.request.url):
            elsewhere.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", watch)
    context.on("request", lambda r: elsewhere.append(r.url) if leaves_the_machine(r.url) else None)
    yield context, elsewhere
    context.close()


def test_the_trainer_pages_ask_no_other_host(cohort: Path, watched, tmp_path: Path) -> None:
    context, elsewhere = watched
    pages = write_pages(tmp_path / "pages")
    url, voila = start_voila(pages, {COHORT_VARIABLE: str(cohort)})
    try:
        for path, ready in [
            ("voila/render/cohort.ipynb", ".p2p-grid"),
            ("voila/render/trainee.ipynb?trainee=t01", ".p2p-journey"),
            ("voila/render/marking.ipynb", ".p2p-answer"),
            ("voila/render/register.ipynb?module=01-alpha", ".p2p-register"),
        ]:
            page = context.new_page()
            page.goto(at(url, path))
            page.locator(ready).first.wait_for(timeout=120_000)
            page.wait_for_load_state("networkidle")
            if "marking" in path:  # its buttons carry icons: Font Awesome, served here
                assert page.evaluate(
                    "[...document.fonts].some((f) => f.family === 'Font Awesome 5 Free'"
                    " && f.status === 'loaded')"
                ), "the icons' font did not load from this server"
                assert page.locator(".fa-arrow-left").first.bounding_box()["width"] > 5
                screenshot(page, "marking-page-icons")
            page.close(run_before_unload=True)
        assert elsewhere == []
    finally:
        stop(voila)


def test_the_lesson_view_asks_no_other_host(built_minimal: Path, watched, tmp_path: Path) -> None:
    context, elsewhere = watched
    folder = tmp_path / "trainee" / MODULE
    shutil.copytree(built_minimal / "release" / MODULE, folder)
    url, voila = start_voila(folder / "lesson.ipynb")
    try:
        page = context.new_page()
        page.goto(url)
        page.locator(".p2p-exercise").first.wait_for(timeout=120_000)
        page.wait_for_load_state("networkidle")
        page.close(run_before_unload=True)
        assert elsewhere == []
    finally:
        stop(voila)


def test_the_feedback_a_trainee_receives_asks_no_other_host(
    cohort: Path, watched, tmp_path: Path
) -> None:
    context, elsewhere = watched
    home = cohort.parent / "homes" / "t01"  # where t01 handed in (handing_in.hand_in)
    received = fetch_feedback_as_trainee(cohort, "t01", home, MODULE)
    pages = sorted(received.rglob("*.html"))
    assert pages, "the trainee received no feedback"
    for path in pages:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("networkidle")
        if path.name == "assessment.html":
            assert page.get_by_text(GOOD_ANSWERS["alpha-reflect"]).count()  # their own words
        page.close()
    assert elsewhere == []
