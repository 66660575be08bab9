"""Stories and answers in a real browser: explicit consent, withdrawal that reaches the
trainer, and two tabs on one lesson that never erase each other.

The lesson is the minimal project's, built by the real build; the trainee hands in through
nbgrader's exchange; the trainer's journey page is the real one, served by Voila.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from browsing import SCREENSHOTS, assert_everyone_can_use, at, screenshot, start_voila, stop
from handing_in import MODULE
from support import copy_project

from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.exchange import collect, fetch_as_trainee, release, submit_as_trainee
from peer2peer.cohort.grading import grade
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.cohort.settings import load_settings
from peer2peer.dashboard.marking_app import COHORT_VARIABLE
from peer2peer.dashboard.serve import write_pages
from peer2peer.exercises.my_course import (
    COURSE_VARIABLE,
    EXCHANGE_VARIABLE,
    FOLDER_VARIABLE,
    TRAINEE_VARIABLE,
)
from peer2peer.exercises.private import PRIVATE_DIR_VARIABLE
from peer2peer.notebooks import build_course

AUTHOR = Trainee("sb-author-05", "Saffi", "Brightwater", None)
#: Words only this synthetic trainee wrote.
STORY = "Saffi found that the Tuesday pottery class gave her week a shape."

#: A page holding the home's "My stories" section for one trainee (the home page places
#: the same section; here the trainee's id and cache are given, not read from nbgrader).
MY_STORIES = """\
import json
from pathlib import Path
from peer2peer.dashboard.home_stories import Place, stories_section

settings = json.loads(Path("place.json").read_text())
place = Place(
    Path(settings["home"]), Path(settings["exchange"]), settings["course"],
    settings["trainee"], Path(settings["cache"]),
)
stories_section(place, [("01-alpha", "Alpha")])
"""


def answers_in(folder: Path) -> dict:
    return json.loads((folder / "lesson.responses.json").read_text())["answers"]


def every_text(*folders: Path) -> str:
    return "".join(
        p.read_bytes().decode("utf-8", "replace")
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    )


def picture(element, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    element.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def my_stories_page(home: Path, settings, cache: Path) -> Path:
    import nbformat

    place = {
        "home": str(home),
        "exchange": settings.exchange,
        "course": settings.course_id,
        "trainee": AUTHOR.id,
        "cache": str(cache),
    }
    (home / "place.json").write_text(json.dumps(place))
    # Under the page heading the home gives the section, as on the home itself.
    cells = [nbformat.v4.new_markdown_cell("# Your course"), nbformat.v4.new_code_cell(MY_STORIES)]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, home / "my-stories.ipynb")
    return home / "my-stories.ipynb"


def released_to_author(tmp_path: Path):
    """A cohort with the module released, fetched into the author's home: (cohort, its
    settings, the home, the module's folder there)."""
    project = copy_project(tmp_path / "project")
    cohort = tmp_path / "cohorts" / "stories"
    init_cohort(cohort, "Stories 2027", project, date(2027, 3, 1))
    settings = load_settings(cohort)
    add_trainees(settings, [AUTHOR])
    release(cohort, settings, [MODULE])
    home = tmp_path / "homes" / AUTHOR.id
    return cohort, settings, home, fetch_as_trainee(cohort, AUTHOR.id, home, MODULE)


def test_a_story_is_shared_only_when_confirmed_and_its_withdrawal_reaches_the_trainer(
    tmp_path: Path, browser
) -> None:
    cohort, settings, home, folder = released_to_author(tmp_path)
    private = home / ".local" / "private"
    env = {PRIVATE_DIR_VARIABLE: str(private)}
    cache = home / ".nbgrader-cache" / settings.course_id
    my_stories_page(home, settings, cache)
    trainee_url, trainee_server = start_voila(home, env)
    trainer_url, trainer_server = start_voila(
        write_pages(tmp_path / "pages"), {COHORT_VARIABLE: str(cohort)}
    )
    context = browser.new_context(viewport={"width": 1100, "height": 3600})
    page = context.new_page()
    try:
        # --- the trainee writes a story; arrow keys in "Who can see" record nothing
        page.goto(at(trainee_url, f"voila/render/{MODULE}/lesson.ipynb"))
        story = page.locator(".p2p-kind-story")
        story.locator("textarea").first.wait_for(timeout=90_000)
        story.locator("textarea").first.fill(STORY)
        story.locator("textarea").first.blur()
        story.locator(".p2p-status", has_text="Saved at").wait_for(timeout=15_000)
        only_me = story.get_by_label("Only me. It stays in my own private folder")
        only_me.focus()
        page.keyboard.press("ArrowDown")  # to "Me and my trainer"
        page.keyboard.press("ArrowDown")  # to "Me, my trainer and my group"
        page.keyboard.press("ArrowUp")  # back to "Me and my trainer"
        time.sleep(1.5)
        record = answers_in(folder)["alpha-story"]
        assert record.get("private") is True and "consent" not in record
        assert STORY not in (folder / "lesson.responses.json").read_text()
        ask = story.locator(".p2p-consent")
        assert "Your trainer will read your story, with your name" in ask.inner_text()
        assert story.get_by_label("No name (anonymous)").count() == 0  # not for the trainer
        picture(story, "story-consent-asked")
        assert_everyone_can_use(page)
        ask.get_by_role("button", name="Yes, share it with my trainer").click()
        story_saved(page)
        record = answers_in(folder)["alpha-story"]
        assert record["consent"]["audience"] == "trainer" and record["naming"] == "full"
        picture(story, "story-shared-with-trainer")

        # --- handed in, collected: the trainer's journey page shows it
        submit_as_trainee(cohort, AUTHOR.id, home, MODULE)
        collect(cohort, settings, [MODULE])
        journey = at(trainer_url, f"voila/render/trainee.ipynb?trainee={AUTHOR.id}")
        page.goto(journey)
        page.get_by_text(STORY).wait_for(timeout=90_000)
        assert_everyone_can_use(page)

        # --- "My stories": withdrawing takes two different actions, then says so
        page.goto(at(trainee_url, "voila/render/my-stories.ipynb"))
        mine = page.locator(".p2p-my-stories")
        mine.get_by_text("Your story in Alpha").wait_for(timeout=90_000)
        assert "You and your trainer." in mine.inner_text()
        picture(mine, "my-stories")
        assert_everyone_can_use(page)
        page.set_viewport_size({"width": 390, "height": 1400})  # a phone
        screenshot(page, "my-stories-phone")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.set_viewport_size({"width": 1100, "height": 3600})
        mine.get_by_role("radio", name="Me and my trainer").focus()
        page.keyboard.press("ArrowDown")  # moving through the options asks, records nothing
        time.sleep(1.0)
        assert answers_in(folder)["alpha-story"]["consent"]["audience"] == "trainer"
        mine.get_by_role("button", name="No, leave it as it was").click()
        mine.get_by_role("button", name="Withdraw this story").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")  # on the question, not on "Yes": nothing happens
        time.sleep(1.0)
        assert "withdrawn" not in answers_in(folder)["alpha-story"]
        picture(mine, "my-stories-withdraw-asked")
        assert_everyone_can_use(page)
        page.keyboard.press("Tab")  # "No, keep it"
        page.keyboard.press("Tab")  # "Yes, withdraw it"
        page.keyboard.press("Enter")
        said = mine.locator(".p2p-message", has_text="You withdrew your story")
        said.wait_for(timeout=30_000)
        assert page.evaluate("document.activeElement.classList.contains('p2p-message')")
        picture(mine, "my-stories-withdrawn")

        # --- the trainer's next refresh: gone, and no copy anywhere
        page.goto(journey)
        page.get_by_text("the trainee withdrew a story").wait_for(timeout=90_000)
        assert page.get_by_text(STORY).count() == 0
        screenshot(page, "journey-after-withdrawal")
        assert_everyone_can_use(page)
        exchange = Path(settings.exchange)
        assert STORY not in every_text(cohort, exchange, home)
    finally:
        context.close()
        stop(trainee_server)
        stop(trainer_server)


def story_saved(page) -> None:
    """Wait until the story says it is saved (after a change of who can see it)."""
    page.wait_for_function(
        "() => document.querySelector('.p2p-kind-story .p2p-status')"
        ".textContent.startsWith('Saved')",
        timeout=15_000,
    )
    time.sleep(0.5)


def share_with_trainer(page, folder: Path) -> None:
    """In the lesson: write the story, choose "Me and my trainer", and confirm it."""
    story = page.locator(".p2p-kind-story")
    story.locator("textarea").first.wait_for(timeout=90_000)
    story.locator("textarea").first.fill(STORY)
    story.locator("textarea").first.blur()
    story.locator(".p2p-status", has_text="Saved at").wait_for(timeout=15_000)
    story.get_by_label("Me and my trainer").check()
    story.get_by_role("button", name="Yes, share it with my trainer").click()
    story_saved(page)
    assert answers_in(folder)["alpha-story"]["consent"]["audience"] == "trainer"


def test_a_story_withdrawn_in_the_lesson_reaches_the_trainer_at_once(
    tmp_path: Path, browser
) -> None:
    """On one computer, as `peer2peer home` serves it: the lesson page itself tells the trainer."""
    cohort, settings, home, folder = released_to_author(tmp_path)
    exchange = Path(settings.exchange)
    env = {
        PRIVATE_DIR_VARIABLE: str(home / ".local" / "private"),
        COURSE_VARIABLE: settings.course_id,
        EXCHANGE_VARIABLE: str(exchange),
        TRAINEE_VARIABLE: AUTHOR.id,
        FOLDER_VARIABLE: str(home),
    }
    trainee_url, trainee_server = start_voila(home, env)
    trainer_url, trainer_server = start_voila(
        write_pages(tmp_path / "pages"), {COHORT_VARIABLE: str(cohort)}
    )
    context = browser.new_context(viewport={"width": 1100, "height": 3600})
    page = context.new_page()
    lesson = at(trainee_url, f"voila/render/{MODULE}/lesson.ipynb")
    try:
        page.goto(lesson)
        share_with_trainer(page, folder)

        # --- handed in, collected and graded: the trainer's journey page shows it
        submit_as_trainee(cohort, AUTHOR.id, home, MODULE)
        collect(cohort, settings, [MODULE])
        grade(cohort, settings, [MODULE], jobs=1)
        assert STORY in every_text(cohort / "autograded", home / ".nbgrader-cache")
        journey = at(trainer_url, f"voila/render/trainee.ipynb?trainee={AUTHOR.id}")
        trainer = context.new_page()
        trainer.goto(journey)
        trainer.get_by_text(STORY).wait_for(timeout=90_000)

        # --- withdrawn in the lesson view (the home page is never opened)
        page.reload()
        story = page.locator(".p2p-kind-story")
        story.locator("textarea").first.wait_for(timeout=90_000)
        story.get_by_role("button", name="Withdraw my story").click()
        story.get_by_role("button", name="Yes, withdraw it").click()
        said = story.locator(".p2p-message", has_text="You withdrew your story")
        said.wait_for(timeout=30_000)
        assert "asked for your trainer's copy to be deleted" in said.inner_text()
        requests = exchange / settings.course_id / "personal" / AUTHOR.id / "requests"
        assert len(list(requests.glob("*.json"))) == 1  # posted at the moment of withdrawal
        assert STORY not in every_text(home)  # the trainee's own copies, the cache among them
        picture(story, "lesson-story-withdrawn")

        # --- the trainer's next refresh: gone, and no copy anywhere
        trainer.reload()
        trainer.get_by_text("the trainee withdrew a story").wait_for(timeout=90_000)
        assert trainer.get_by_text(STORY).count() == 0
        screenshot(trainer, "journey-after-lesson-withdrawal")
        assert list(requests.glob("*.json")) == []
        assert STORY not in every_text(cohort, exchange, home)
    finally:
        context.close()
        stop(trainee_server)
        stop(trainer_server)


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    build_course(project, project / "build" / "course")
    folder = tmp_path / "trainee" / MODULE
    shutil.copytree(project / "build" / "course" / "release" / MODULE, folder)
    return folder


def test_two_tabs_answering_different_questions_keep_both_and_older_words_are_told(
    lesson: Path, tmp_path: Path, browser
) -> None:
    url, voila = start_voila(lesson / "lesson.ipynb", {PRIVATE_DIR_VARIABLE: str(tmp_path / "p")})
    context = browser.new_context(viewport={"width": 1100, "height": 3600})
    first, second = context.new_page(), context.new_page()
    try:
        for tab in (first, second):
            tab.goto(url)
            tab.locator(".p2p-kind-scale input").first.wait_for(timeout=90_000)
        first.locator(".p2p-kind-reflection textarea").fill("Written in the first tab.")
        first.locator(".p2p-kind-reflection textarea").blur()
        first.locator(".p2p-kind-reflection .p2p-status", has_text="Saved at").wait_for()
        second.locator(".p2p-kind-scale input[value='6']").check()
        second.locator(".p2p-kind-scale .p2p-status", has_text="Saved at").wait_for()
        saved = answers_in(lesson)
        assert saved["alpha-think"] == "Written in the first tab." and saved["alpha-hope"] == 6

        # The second tab still holds the old (empty) reflection: typing there is not saved
        # over the first tab's words; the trainee is told, and chooses.
        box = second.locator(".p2p-kind-reflection textarea")
        box.fill("Written in the second tab, later.")
        box.blur()
        told = second.locator(".p2p-kind-reflection .p2p-stale")
        told.get_by_text("Written in the first tab.").wait_for(timeout=15_000)
        reflection = second.locator(".p2p-kind-reflection")
        assert "changed on another page or device" in reflection.inner_text()
        assert answers_in(lesson)["alpha-think"] == "Written in the first tab."
        picture(reflection, "two-tabs-told")
        assert_everyone_can_use(second)
        told.get_by_role("button", name="Keep what I wrote here").click()
        reflection.locator(".p2p-status", has_text="Saved at").wait_for(timeout=15_000)
        assert answers_in(lesson)["alpha-think"] == "Written in the second tab, later."

        fresh = context.new_page()
        fresh.goto(url)
        fresh.locator(".p2p-kind-scale input").first.wait_for(timeout=90_000)
        assert fresh.locator(".p2p-kind-reflection textarea").input_value() == (
            "Written in the second tab, later."
        )
        assert fresh.locator(".p2p-kind-scale input[value='6']").is_checked()
        screenshot(fresh, "two-tabs-fresh-page")
    finally:
        context.close()
        stop(voila)
