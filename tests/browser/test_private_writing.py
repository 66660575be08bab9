"""A private-only plan in a real browser: it says so, saves privately, and comes back.

The notebook comes from the minimal project with a `private` exercise added, built by the
real build and served by the real Voila lesson view.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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


def test_a_private_plan_saves_only_to_the_private_folder_and_offers_no_sharing(
    tmp_path: Path, page
) -> None:
    project = copy_project(tmp_path / "project")
    lesson = project / "modules" / "02-beta" / "lesson.md"
    lesson.write_text(lesson.read_text() + PLAN)
    build_course(project, project / "build" / "course")
    folder, private = tmp_path / "trainee" / "02-beta", tmp_path / "trainee-private"
    shutil.copytree(project / "build" / "course" / "release" / "02-beta", folder)
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
