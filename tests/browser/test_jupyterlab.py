"""A trainee's lesson in JupyterLab, with nbgrader's extension loaded in the pinned JupyterLab."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browsing import run_all_cells, screenshot
from support import REPO

from peer2peer.curriculum.project import load_project
from peer2peer.notebooks import build_course

MODULES = [module.id for module in load_project(REPO).curriculum.modules]


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


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's curriculum, built once for these tests."""
    target = tmp_path_factory.mktemp("built") / "course"
    build_course(REPO, target)
    return target


@pytest.mark.parametrize("module", MODULES)
def test_trainee_sees_each_lesson_without_code(jupyterlab, page, course: Path, module: str) -> None:
    url, root = jupyterlab
    shutil.copytree(course / "release" / module, root / module)
    open_notebook(page, url, f"{module}/lesson.ipynb")
    hint = page.locator(".p2p-start-hint")
    assert "Run All Cells" in hint.inner_text()
    if module == MODULES[1]:
        screenshot(page, "jupyterlab-lesson-before-running")
    run_all_cells(page)
    page.locator(".jp-Notebook .p2p-exercise").first.wait_for(timeout=60_000)
    page.locator(".jp-StatusBar-TextItem", has_text="Idle").first.wait_for(timeout=60_000)
    assert not hint.is_visible()  # the note goes once the lesson runs
    text = page.locator(".jp-Notebook").inner_text()
    assert load_project(REPO).module(module).title.split(":")[0] in text
    for code in (r"\bimport ", r"\bex\.\w", r"peer2peer\.\w", "Traceback", r"\w+Error\b"):
        assert not re.search(code, text), f"{module}: the trainee sees {code!r}"
    assert page.locator(".jp-Notebook .p2p-exercise").count() >= 3
    page.locator(".jp-Notebook .jp-Cell").first.scroll_into_view_if_needed()
    screenshot(page, f"jupyterlab-lesson-{module}")  # the top: title and any content note
