"""No kernel left behind: pages opened and closed many times leave a small, fixed number.

Each visit opens a page in a new tab of one browser window, waits until it is drawn, then
closes the tab as a person does (the page's "leaving" handlers run). Pages abandoned without
a word (a crashed browser) are stopped after the idle time. What stays is one kernel waiting
for the next visitor of each page kind run ahead (as `peer2peer dashboard`, `lesson` and
`home` serve them), and a page run ahead still shows what was saved since it started. The
servers' memory after the visits is printed, for the record (run with -s to see it).
"""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from browsing import at, kernels_of, megabytes_of, start_voila, stop
from handing_in import graded_cohort
from support import copy_project

from peer2peer.cli.page_verbs import DASHBOARD
from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.exchange import release
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.home_page import Course
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.serve import write_pages
from peer2peer.exercises.my_course import (
    COURSE_VARIABLE,
    EXCHANGE_VARIABLE,
    FOLDER_VARIABLE,
    TRAINEE_VARIABLE,
)
from peer2peer.hub.deployment import LANDING, TRAINEE
from peer2peer.hub.singleuser import write_role_pages

VISITS = 20  # 5 of each trainer page
#: The trainer pages, visited in turn: (address, what shows once the page is drawn).
TRAINER_PAGES = [
    ("voila/render/cohort.ipynb", ".p2p-grid"),
    ("voila/render/trainee.ipynb?trainee=t01", ".p2p-journey"),
    ("voila/render/marking.ipynb", ".p2p-answer"),
    ("voila/render/register.ipynb?module=01-alpha", ".p2p-register"),
]


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cohort of the minimal project with two graded trainees."""
    root = tmp_path_factory.mktemp("kernels")
    project = copy_project(root / "project")
    cohort = root / "cohorts" / "kernels"
    init_cohort(cohort, "Kernels 2027", project, date(2027, 3, 1))
    return graded_cohort(cohort)


def open_and_close(context, url: str, ready: str) -> None:
    """One visit: open `url` in a new tab, wait until `ready` shows, close the tab."""
    page = context.new_page()
    page.goto(url, timeout=120_000)
    page.locator(ready).first.wait_for(timeout=120_000)
    page.close(run_before_unload=True)


def kernels_once_settled(server, at_most: int, seconds: float = 60) -> list[int]:
    """The server's kernels, once there are `at_most` or fewer (or the time is up)."""
    deadline = time.monotonic() + seconds
    while len(kernels := kernels_of(server)) > at_most and time.monotonic() < deadline:
        time.sleep(1)
    return kernels


def test_the_trainer_pages_keep_one_kernel_for_each_kind_however_often_they_are_opened(
    cohort: Path, browser, tmp_path: Path
) -> None:
    pages = write_pages(tmp_path / "pages")
    url, voila = start_voila(pages, {COHORT_VARIABLE: str(cohort)}, preheat=DASHBOARD)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        before = megabytes_of(voila)
        most = 0
        for visit in range(VISITS):
            path, ready = TRAINER_PAGES[visit % len(TRAINER_PAGES)]
            open_and_close(context, at(url, path), ready)
            most = max(most, len(kernels_of(voila)))
        left = kernels_once_settled(voila, at_most=len(DASHBOARD))
        print(
            f"\ntrainer pages, {VISITS} visits: at most {most} kernels during the visits, "
            f"{len(left)} after; memory {before:.0f} MB before, {megabytes_of(voila):.0f} MB after"
        )
        assert len(left) == len(DASHBOARD), "one kernel waiting for each page kind, no more"
    finally:
        context.close()
        stop(voila)


def test_the_lesson_view_keeps_one_kernel_waiting_that_reads_the_answers_at_the_visit(
    built_minimal: Path, browser, tmp_path: Path
) -> None:
    folder = tmp_path / "trainee" / "01-alpha"
    shutil.copytree(built_minimal / "release" / "01-alpha", folder)
    url, voila = start_voila(folder / "lesson.ipynb", idle_seconds=15, preheat=["lesson.ipynb"])
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        before = megabytes_of(voila)
        # The kernel for the next visit is run ahead while this page is open: it must still
        # show what is typed here, read when the next visitor comes.
        page = context.new_page()
        page.goto(url, timeout=120_000)
        words = "(Invented.) Hope is where I start."
        reflection = page.locator(".p2p-exercise").first
        reflection.locator("textarea").fill(words)
        reflection.locator("textarea").blur()
        reflection.locator(".p2p-status", has_text="Saved at").wait_for(timeout=30_000)
        page.close(run_before_unload=True)
        page = context.new_page()
        page.goto(url, timeout=120_000)
        shown = page.locator(".p2p-exercise").first.locator("textarea")
        shown.wait_for(timeout=120_000)
        assert shown.input_value() == words
        page.close(run_before_unload=True)

        for _ in range(VISITS):
            open_and_close(context, url, ".p2p-exercise")
        left = kernels_once_settled(voila, at_most=1)
        print(
            f"\nlesson view, {VISITS} visits: {len(left)} kernel after (waiting); "
            f"memory {before:.0f} MB before, {megabytes_of(voila):.0f} MB after"
        )
        assert len(left) == 1

        # Pages that never say goodbye (a browser that crashed): stopped once idle.
        for _ in range(3):
            page = context.new_page()
            page.goto(url, timeout=120_000)
            page.locator(".p2p-exercise").first.wait_for(timeout=120_000)
            page.close()  # without its "leaving" handlers: no word to the server
        assert len(kernels_of(voila)) >= 2  # not stopped by the page...
        assert len(kernels_once_settled(voila, at_most=1, seconds=90)) == 1  # ...but when idle
    finally:
        context.close()
        stop(voila)


def test_the_home_keeps_a_kernel_waiting_for_itself_and_for_the_next_lesson(
    cohort: Path, browser, tmp_path: Path
) -> None:
    settings = load_settings(cohort)
    release(cohort, settings, settings.modules)
    folder = tmp_path / "home" / "t02"
    folder.mkdir(parents=True)
    write_role_pages(folder, TRAINEE)
    env = {COURSE_VARIABLE: settings.course_id, EXCHANGE_VARIABLE: settings.exchange,
           TRAINEE_VARIABLE: "t02", FOLDER_VARIABLE: str(folder)}  # fmt: skip
    course = Course.from_settings(server=env)
    course.fetch_new()  # as `peer2peer home` does before it serves
    lesson = course.next_lesson()
    assert lesson == f"{settings.modules[0]}/lesson.ipynb"
    home = LANDING[TRAINEE].removeprefix("/voila/render/")
    url, voila = start_voila(folder, env, preheat=[home, lesson])
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        before = megabytes_of(voila)
        most = 0
        for visit in range(VISITS // 2):
            path, ready = [(home, ".p2p-home"), (lesson, ".p2p-exercise")][visit % 2]
            open_and_close(context, at(url, f"voila/render/{path}"), ready)
            most = max(most, len(kernels_of(voila)))
        left = kernels_once_settled(voila, at_most=2)
        print(
            f"\nhome and lesson, {VISITS // 2} visits: at most {most} kernels during the visits, "
            f"{len(left)} after; memory {before:.0f} MB before, {megabytes_of(voila):.0f} MB after"
        )
        assert len(left) == 2, "one waiting for the home, one for the lesson"
    finally:
        context.close()
        stop(voila)
