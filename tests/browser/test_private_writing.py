"""A private-only plan in a real browser: it says so, saves privately, and comes back.

The notebook comes from the minimal project with a `private` exercise added, built by the
real build and served by the real Voila lesson view.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browsing import SCREENSHOTS, accessibility_problems, screenshot, start_voila, stop
from support import copy_project

from peer2peer.notebooks import build_course

PLAN = """
```{exercise} private
id: my-plan
prompt: If you want to, start a plan here.
sections:
  toolbox:
    title: Things that help (my toolbox)
    hint: Things that help me feel well, or feel better.
  crisis:
    title: Crisis plan
    hint: Who I want involved, what helps, and what does not.
```
"""


@pytest.fixture
def plan(tmp_path: Path) -> tuple[Path, Path]:
    """The lesson with a private plan, in a trainee's folder; and their private folder."""
    project = copy_project(tmp_path / "project")
    lesson = project / "modules" / "02-beta" / "lesson.md"
    lesson.write_text(lesson.read_text() + PLAN)
    build_course(project, project / "build" / "course")
    folder, private = tmp_path / "trainee" / "02-beta", tmp_path / "trainee-private"
    shutil.copytree(project / "build" / "course" / "release" / "02-beta", folder)
    return folder, private


def kept_words(private: Path) -> str:
    return "".join(p.read_text() for p in private.rglob("*.json"))


def test_a_private_plan_saves_only_to_the_private_folder_and_offers_no_sharing(
    plan: tuple[Path, Path], page
) -> None:
    folder, private = plan
    url, voila = start_voila(folder / "lesson.ipynb", {"PEER2PEER_PRIVATE_DIR": str(private)})
    page.set_viewport_size({"width": 1100, "height": 2400})
    try:
        page.goto(url)
        boxes = page.locator(".p2p-exercise")
        boxes.nth(1).wait_for(timeout=60_000)
        assert page.get_by_text("Only you can see this.").is_visible()
        assert page.get_by_text("Things that help (my toolbox)", exact=True).is_visible()
        assert page.locator("input[type=radio]").count() == 0  # nothing to choose about sharing

        toolbox = boxes.nth(0)
        toolbox.locator("textarea").fill("A walk with my dog.")
        toolbox.locator("textarea").blur()
        toolbox.locator(".p2p-status", has_text="Saved at").wait_for(timeout=15_000)
        assert accessibility_problems(page, ".p2p-exercise") == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        screenshot(page, "private-plan")

        kept = "".join(p.read_text() for p in private.rglob("*.json"))
        assert "A walk with my dog." in kept
        responses = folder / "lesson.responses.json"
        handed_in = json.loads(responses.read_text())["answers"] if responses.exists() else {}
        assert "my-plan" not in handed_in
        assert "A walk" not in "".join(p.read_text() for p in folder.rglob("*") if p.is_file())

        page.reload()
        boxes.nth(1).wait_for(timeout=60_000)
        assert boxes.nth(0).locator("textarea").input_value() == "A walk with my dog."
    finally:
        stop(voila)


def test_two_tabs_on_one_private_part_never_overwrite_newer_words(
    plan: tuple[Path, Path], browser
) -> None:
    folder, private = plan
    url, voila = start_voila(folder / "lesson.ipynb", {"PEER2PEER_PRIVATE_DIR": str(private)})
    context = browser.new_context(viewport={"width": 1100, "height": 2400})
    first, second = context.new_page(), context.new_page()
    try:
        for tab in (first, second):
            tab.goto(url)
            tab.locator(".p2p-exercise").nth(1).wait_for(timeout=60_000)
        toolbox = first.locator(".p2p-exercise").nth(0)
        toolbox.locator("textarea").fill("Written in the first tab.")
        toolbox.locator("textarea").blur()
        toolbox.locator(".p2p-status", has_text="Saved at").wait_for(timeout=15_000)

        # The second tab still holds the old (empty) part: its words are not saved over
        # the first tab's; the trainee is told, and chooses.
        other = second.locator(".p2p-exercise").nth(0)
        other.locator("textarea").fill("Written in the second tab, later.")
        other.locator("textarea").blur()
        told = other.locator(".p2p-stale")
        told.get_by_text("Written in the first tab.").wait_for(timeout=15_000)
        assert "changed on another page or device" in other.inner_text()
        assert "Written in the first tab." in kept_words(private)
        assert "second tab" not in kept_words(private)
        other.screenshot(path=str(SCREENSHOTS / "private-two-tabs-told.png"))
        assert accessibility_problems(second, ".p2p-exercise") == []

        # The other part, written in the second tab, is its own: saved at once.
        crisis = second.locator(".p2p-exercise").nth(1)
        crisis.locator("textarea").fill("Call my sister first.")
        crisis.locator("textarea").blur()
        crisis.locator(".p2p-status", has_text="Saved at").wait_for(timeout=15_000)

        told.get_by_role("button", name="Keep what I wrote here").click()
        other.locator(".p2p-status", has_text="Saved at").wait_for(timeout=15_000)
        words = kept_words(private)
        assert "Written in the second tab, later." in words and "Call my sister first." in words
        assert "Written in the first tab." not in words

        # The first tab now holds older words: typing there is refused too, until it
        # takes the saved answer.
        toolbox.locator("textarea").fill("Written in the first tab, again.")
        toolbox.locator("textarea").blur()
        back = toolbox.locator(".p2p-stale")
        back.get_by_text("Written in the second tab, later.").wait_for(timeout=15_000)
        back.get_by_role("button", name="Use the saved answer").click()
        first.wait_for_function(
            "() => document.querySelector('.p2p-exercise textarea').value"
            " === 'Written in the second tab, later.'",
            timeout=15_000,
        )
        assert "Written in the second tab, later." in kept_words(private)

        fresh = context.new_page()
        fresh.goto(url)
        boxes = fresh.locator(".p2p-exercise")
        boxes.nth(1).wait_for(timeout=60_000)
        assert boxes.nth(0).locator("textarea").input_value() == "Written in the second tab, later."
        assert boxes.nth(1).locator("textarea").input_value() == "Call my sister first."
    finally:
        context.close()
        stop(voila)
