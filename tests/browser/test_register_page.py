"""The register in a real browser: twenty trainees by keyboard alone, and how long it took."""

from __future__ import annotations

import time
from pathlib import Path

from browsing import SCREENSHOTS, assert_everyone_can_use, screenshot, start_voila, stop
from running_a_course import cohort_with_roster

from peer2peer.cohort.attendance import load_register
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.marking_app import COHORT_VARIABLE, MODULE_VARIABLE
from peer2peer.dashboard.serve import write_pages

#: What the trainer types for each trainee, in roster order: P, L, E or A.
KEYS = "pppplppppepppappppll"
STATUS = {"p": "present", "l": "late", "e": "excused", "a": "absent"}


def test_twenty_trainees_by_keyboard(tmp_path: Path, browser) -> None:
    cohort = cohort_with_roster(tmp_path)
    settings = load_settings(cohort)
    more = [Trainee(f"t{n:02}", f"Name{n}", "Example", None) for n in range(4, 21)]
    add_trainees(settings, more)
    notebook = write_pages(tmp_path / "pages") / "register.ipynb"
    url, voila = start_voila(notebook, {COHORT_VARIABLE: str(cohort), MODULE_VARIABLE: "01-alpha"})
    page = browser.new_context(viewport={"width": 1280, "height": 1400}).new_page()
    try:
        page.goto(url)
        page.get_by_text("0 of 20").wait_for(timeout=90_000)
        page.get_by_label("Ada Example (t01)").focus()
        started = time.perf_counter()
        for number, key in enumerate(KEYS, 1):
            page.keyboard.press(key.upper())
            page.keyboard.press("Tab")  # to the note
            if number == 5:
                page.keyboard.type("Bus was late.")
            page.keyboard.press("Tab")  # to the next trainee
        page.get_by_text("20 of 20").wait_for(timeout=60_000)
        seconds = time.perf_counter() - started
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS.parent / "register-by-keyboard.txt").write_text(
            f"20 trainees by keyboard: {seconds:.1f} s\n"
        )
        print(f"\nThe register of 20 trainees by keyboard took {seconds:.1f} s.")
        screenshot(page, "register-page")

        row = load_register(cohort)["01-alpha"]
        names = ["t01", "t02", "t03", *(t.id for t in more)]
        assert [row[t].status for t in names] == [STATUS[k] for k in KEYS]
        assert row["t05"].note == "Bus was late."
        assert_everyone_can_use(page)
    finally:
        page.context.close()
        stop(voila)
