"""Exercises in a real browser: answers save, survive a reload or a killed kernel, reach nbgrader.

The notebooks come from the minimal project, built by the real build; the servers are real
JupyterLab and Voila; grading is nbgrader's own commands.
"""

from __future__ import annotations

import getpass
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from browsing import (
    accessibility_problems,
    assert_everyone_can_use,
    controls_in_tree,
    kill_kernels,
    page_problems,
    press_tab_until,
    run_all_cells,
    screenshot,
    start_jupyterlab,
    start_voila,
    stop,
    summary,
    unnamed_controls,
)
from support import copy_project

from peer2peer.notebooks import build_course

SAVED = "Saved at"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """The minimal project built into an nbgrader course."""
    project = copy_project(tmp_path / "project")
    build_course(project, project / "build" / "course")
    return project / "build" / "course"


@pytest.fixture
def private_dir(tmp_path: Path) -> Path:
    return tmp_path / "trainee-private"


def wait_saved(exercise) -> None:
    """Wait for an exercise to say its answer is saved."""
    exercise.locator(".p2p-status", has_text=SAVED).wait_for(timeout=15_000)


def answers_in(folder: Path, notebook: str = "lesson") -> dict:
    return json.loads((folder / f"{notebook}.responses.json").read_text())["answers"]


def test_lesson_view_by_keyboard_saves_every_kind_and_reloads(
    course: Path, tmp_path: Path, private_dir: Path, page
) -> None:
    folder = tmp_path / "trainee" / "01-alpha"
    shutil.copytree(course / "release" / "01-alpha", folder)
    url, voila = start_voila(folder / "lesson.ipynb", {"PEER2PEER_PRIVATE_DIR": str(private_dir)})
    page.set_viewport_size({"width": 1100, "height": 3600})  # Voila scrolls inside its page
    try:
        page.goto(url)
        exercises = page.locator(".p2p-exercise")
        exercises.nth(4).wait_for(timeout=60_000)
        reflection, scale, choice, order, story = (exercises.nth(i) for i in range(5))

        # From the top of the page, by the Tab key alone, as a keyboard user moves.
        press_tab_until(page, reflection.locator("textarea"), most=80)
        page.keyboard.type("Hope is where I start. <b>not bold</b>")
        wait_saved(reflection)
        screenshot_of(reflection, "exercise-reflection")

        press_tab_until(page, scale.locator("input").first)  # into the scale, at 1
        for _ in range(6):
            page.keyboard.press("ArrowRight")
        assert scale.locator("input[value='7']").is_checked()
        wait_saved(scale)  # six answers in a row, perhaps in one message: all said to be saved
        screenshot_of(scale, "exercise-scale")

        press_tab_until(page, choice.locator("input").first)
        page.keyboard.press("ArrowDown")  # to b
        choice.locator(".p2p-feedback", has_text="Not this one.").wait_for()
        screenshot_of(choice, "exercise-choice")

        first_down = order.locator("button", has_text="Down").first
        press_tab_until(page, first_down)
        page.keyboard.press("Enter")
        wait_saved(order)
        screenshot_of(order, "exercise-order")

        press_tab_until(page, story.locator("textarea").first)
        page.keyboard.type("A long winter, then spring.")
        page.keyboard.press("Tab")
        wait_saved(story)
        assert story.get_by_label("Only me. It stays in my own private folder").is_checked()
        assert story.get_by_label("No name (anonymous)").count() == 0  # nobody else reads it
        screenshot_of(story, "exercise-story")

        assert_everyone_can_use(page)

        saved = answers_in(folder)
        assert saved["alpha-think"] == "Hope is where I start. <b>not bold</b>"
        assert saved["alpha-hope"] == 7 and saved["alpha-pick"] == "b"
        assert len(saved["alpha-steps"]) == 3
        assert saved["alpha-story"]["private"] is True  # private by default
        assert "A long winter" not in (folder / "lesson.responses.json").read_text()
        assert "A long winter" in "".join(p.read_text() for p in private_dir.rglob("*.json"))

        page.reload()
        exercises.nth(4).wait_for(timeout=60_000)
        assert reflection.locator("textarea").input_value().startswith("Hope is where I start.")
        assert reflection.locator("b").count() == 0  # typed HTML stays text
        assert scale.locator("input[value='7']").is_checked()
        assert choice.locator("input[value='b']").is_checked()
        assert [t for t in order.locator(".p2p-item").all_inner_texts()] != []
        assert story.locator("textarea").first.input_value() == "A long winter, then spring."
        screenshot(page, "lesson-view-after-reload")

        story.get_by_role("button", name="Withdraw my story").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")  # focus is on the question, not on "Yes": nothing happens
        time.sleep(1.0)
        assert "withdrawn" not in answers_in(folder)["alpha-story"]
        page.keyboard.press("Tab")  # "No, keep it"
        page.keyboard.press("Tab")  # "Yes, withdraw it": a different action
        page.keyboard.press("Enter")
        story.locator(".p2p-message", has_text="You withdrew your story").wait_for()
        assert page.evaluate("document.activeElement.classList.contains('p2p-message')")
        assert story.locator("textarea").first.input_value() == ""
        assert answers_in(folder)["alpha-story"]["withdrawn"] is True
        assert "A long winter" not in "".join(p.read_text() for p in private_dir.rglob("*.json"))
        screenshot_of(story, "exercise-story-withdrawn")

        # The checker is not vacuous: an unlabelled box in an exercise is caught.
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend',"
            ' \'<div class="p2p-exercise"><input type="text"></div>\')'
        )
        assert "label" in {v["id"] for v in accessibility_problems(page, ".p2p-exercise")}
        assert "label" in summary(page_problems(page))
        assert controls_in_tree(page) > 20
        assert unnamed_controls(page) == ["textbox: <input type='text'>"]
    finally:
        stop(voila)


def screenshot_of(element, name: str) -> None:
    """Save a picture of one exercise."""
    from browsing import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    element.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_a_killed_kernel_loses_nothing_that_was_saved(course: Path, tmp_path: Path, page) -> None:
    root = tmp_path / "lab"
    shutil.copytree(course / "release" / "01-alpha", root / "01-alpha")
    url, lab = start_jupyterlab(root)
    try:
        page.goto(url.replace("/lab?", "/lab/tree/01-alpha/lesson.ipynb?"))
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        run_all_cells(page)
        box = page.locator(".p2p-kind-reflection textarea")
        box.wait_for(timeout=60_000)
        box.focus()
        page.keyboard.type("Words typed before the crash.")
        time.sleep(1.0)  # the bound: typing older than the save delay (0.3 s) is on disk
        assert kill_kernels(lab) >= 1
        assert answers_in(root / "01-alpha")["alpha-think"] == "Words typed before the crash."
        died = page.locator(".jp-Dialog", has_text="appears to have died")
        died.wait_for(timeout=60_000)  # JupyterLab restarts the kernel by itself
        died.locator("button.jp-mod-accept").click()
        died.wait_for(state="detached")
        run_all_cells(page)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.p2p-kind-reflection textarea')]"
            ".some(t => t.value === 'Words typed before the crash.')",
            timeout=60_000,
        )
        screenshot(page, "jupyterlab-after-kernel-killed")
    finally:
        stop(lab)


def test_words_typed_after_the_kernel_died_are_kept_and_saved_after_a_reload(
    course: Path, tmp_path: Path, page
) -> None:
    folder = tmp_path / "trainee" / "01-alpha"
    shutil.copytree(course / "release" / "01-alpha", folder)
    url, voila = start_voila(folder / "lesson.ipynb")
    try:
        page.goto(url)
        reflection = page.locator(".p2p-kind-reflection")
        box = reflection.locator("textarea")
        box.wait_for(timeout=60_000)
        box.focus()
        page.keyboard.type("Before the crash.")
        wait_saved(reflection)
        assert page.locator(".p2p-cant-save p").count() == 0

        assert kill_kernels(voila) >= 1
        warning = reflection.locator(".p2p-cant-save", has_text="We can't save right now.")
        warning.wait_for(timeout=20_000)  # noticed without a key pressed
        box.focus()
        page.keyboard.press("End")
        page.keyboard.type(" After it, still here.")
        reflection.locator(".p2p-status", has_text="Not saved yet.").wait_for(timeout=10_000)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        reflection.get_by_role("button", name="Copy my words").click()
        reflection.locator(".p2p-status", has_text="Copied.").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == "Before the crash. After it, still here."
        screenshot_of(reflection, "exercise-cannot-save")
        assert answers_in(folder)["alpha-think"] == "Before the crash."

        page.reload()
        box.wait_for(timeout=60_000)
        assert box.input_value() == "Before the crash. After it, still here."
        reflection.locator(".p2p-restored", has_text="We brought back").wait_for()
        wait_saved(reflection)
        assert answers_in(folder)["alpha-think"] == "Before the crash. After it, still here."
        unsaved = "Object.keys(localStorage).filter((k) => k.startsWith('peer2peer-unsaved'))"
        assert page.evaluate(unsaved) == []  # cleared once saved
        screenshot_of(reflection, "exercise-words-brought-back")
    finally:
        stop(voila)


def nbgrader(*arguments: str, cwd: Path, exchange: Path) -> str:
    """Run an nbgrader command as a trainer or trainee would; fail with its output."""
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *arguments, f"--Exchange.root={exchange}",
         f"--Exchange.cache={exchange.parent / 'trainee-cache'}",
         "--CourseDirectory.course_id=peer2peer"],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_answers_given_in_the_browser_are_graded_by_nbgrader(
    course: Path, tmp_path: Path, page
) -> None:
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    trainee = getpass.getuser()
    nbgrader("db", "student", "add", trainee, cwd=course, exchange=exchange)
    nbgrader("generate_assignment", "01-alpha", "--force", cwd=course, exchange=exchange)
    nbgrader("release_assignment", "01-alpha", "--force", cwd=course, exchange=exchange)
    home = tmp_path / "trainee-home"
    home.mkdir()
    nbgrader("fetch_assignment", "01-alpha", cwd=home, exchange=exchange)

    url, lab = start_jupyterlab(home)
    try:
        page.goto(url.replace("/lab?", "/lab/tree/01-alpha/assessment.ipynb?"))
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        run_all_cells(page)
        exercises = page.locator(".p2p-exercise")
        exercises.nth(4).wait_for(timeout=60_000)
        single, multiple, reflection, order, match = (exercises.nth(i) for i in range(5))
        single.locator("input[value='a']").check()
        wait_saved(single)
        multiple.locator("input[value='a']").check()
        multiple.locator("input[value='c']").check()
        wait_saved(multiple)
        reflection.locator("textarea").fill("I would listen first, and share only if it helps.")
        reflection.locator("textarea").blur()
        wait_saved(reflection)
        match.locator("select").nth(0).select_option("hope")
        match.locator("select").nth(1).select_option("hope")
        wait_saved(match)
        screenshot_of(match, "exercise-match")
        screenshot(page, "jupyterlab-assessment-answered")
    finally:
        stop(lab)

    nbgrader("submit", "01-alpha", cwd=home, exchange=exchange)
    nbgrader("collect", "01-alpha", cwd=course, exchange=exchange)
    nbgrader("autograde", "01-alpha", cwd=course, exchange=exchange)

    graded = course / "autograded" / trainee / "01-alpha" / "assessment.ipynb"
    cells = {c.metadata.nbgrader["grade_id"]: c for c in nbformat.read(graded, 4).cells}
    outputs = json.dumps(cells["alpha-reflect-answer"].outputs)
    assert "I would listen first, and share only if it helps." in outputs
    assert cells["alpha-check-test"].outputs[0]["data"]["text/plain"] == "1.0"
    assert (
        cells["alpha-many-test"].outputs[0]["data"]["text/plain"] == "0.0"
    )  # a and c: 1 right, 1 wrong
    assert cells["alpha-order-test"].outputs[0]["data"]["text/plain"] == "0.0"  # not answered
    assert cells["alpha-match-test"].outputs[0]["data"]["text/plain"] == "1.0"  # 1 of 2 matched

    nbgrader("generate_feedback", "01-alpha", cwd=course, exchange=exchange)
    feedback = (course / "feedback" / trainee / "01-alpha" / "assessment.html").read_text()
    assert "I would listen first, and share only if it helps." in feedback
    assert "Right, first comes first." in feedback  # feedback for the option chosen
    assert "Traceback (most recent call last)" not in feedback
    assert "ename" not in feedback and "vnd.jupyter.stderr" not in feedback
