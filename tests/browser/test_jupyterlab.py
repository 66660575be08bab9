"""A trainee's lesson in JupyterLab, with nbgrader's extension loaded in the pinned JupyterLab."""

from __future__ import annotations

import shutil
from pathlib import Path

from browsing import run_all_cells, screenshot
from support import REPO

from peer2peer.build import build_course


def open_notebook(page, url: str, path: str) -> None:
    """Open a notebook by URL and accept a kernel dialog if one shows."""
    page.goto(url.replace("/lab?", f"/lab/tree/{path}?"))
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    dialog = page.locator(".jp-Dialog button.jp-mod-accept")
    if dialog.count():
        dialog.first.click()


def test_nbgrader_extension_loads_in_jupyterlab(jupyterlab, page) -> None:
    url, _ = jupyterlab
    page.goto(url)
    menu = page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Nbgrader")
    menu.wait_for(timeout=60_000)
    menu.click()
    items = page.locator(".lm-Menu-itemLabel").all_inner_texts()
    assert "Assignment List" in items and "Formgrader" in items
    screenshot(page, "jupyterlab-nbgrader-menu")


def test_trainee_sees_a_lesson_without_code(jupyterlab, page, tmp_path: Path) -> None:
    url, root = jupyterlab
    course = tmp_path / "course"
    build_course(REPO, course)
    shutil.copytree(course / "release" / "01-recovery", root / "01-recovery")
    open_notebook(page, url, "01-recovery/lesson.ipynb")
    hint = page.locator(".p2p-start-hint")
    assert "Run All Cells" in hint.inner_text()
    screenshot(page, "jupyterlab-lesson-before-running")
    run_all_cells(page)
    page.locator(".jp-Notebook textarea").first.wait_for(timeout=60_000)
    assert not hint.is_visible()  # the note goes once the lesson runs
    text = page.locator(".jp-Notebook").inner_text()
    assert "Understanding recovery" in text
    for code in ("peer2peer", "ex.", "import"):
        assert code not in text
    assert page.locator(".jp-Notebook .p2p-kind-choice input[type=radio]").count() >= 2
    screenshot(page, "jupyterlab-lesson-running")
