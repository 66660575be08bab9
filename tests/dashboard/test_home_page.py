"""A trainee's home page: released modules, fetched into their folder, each to open and hand in."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from peer2peer.dashboard import home_page
from peer2peer.dashboard.home_page import Course, module_links, module_title


def released(exchange: Path, course: str, module: str, title: str) -> None:
    """Put a module in the exchange as nbgrader's release leaves it."""
    folder = exchange / course / "outbound" / module
    folder.mkdir(parents=True)
    lesson = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {title}\n\nHello")])
    nbformat.write(lesson, folder / "lesson.ipynb")
    nbformat.write(nbformat.v4.new_notebook(), folder / "assessment.ipynb")


@pytest.fixture
def course(tmp_path: Path) -> Course:
    exchange = tmp_path / "exchange"
    released(exchange, "hub-course", "01-alpha", "Alpha & <friends>")
    released(exchange, "hub-course", "02-beta", "Beta")
    (tmp_path / "home").mkdir()
    return Course("hub-course", exchange, tmp_path / "home")


def test_released_modules_are_listed_in_course_order(course):
    assert course.released() == ["01-alpha", "02-beta"]


def test_new_modules_are_fetched_into_the_trainees_folder_once(course):
    assert course.fetch_new() == ["01-alpha", "02-beta"]
    assert (course.home / "01-alpha" / "lesson.ipynb").is_file()
    assert course.fetch_new() == []  # a module fetched before is left as the trainee has it


def test_a_module_is_named_by_its_lessons_heading_and_links_to_the_lesson_view(course):
    course.fetch_new()
    folder = course.home / "01-alpha"
    assert module_title(folder) == "Alpha & <friends>"
    links = module_links(folder)
    assert "href='../01-alpha/lesson.ipynb'" in links
    assert "href='../01-alpha/assessment.ipynb'" in links
    assert "Open" in links


def test_nothing_released_means_an_empty_list(tmp_path):
    assert Course("hub-course", tmp_path / "nowhere", tmp_path).released() == []


def test_the_home_page_never_opens_the_gradebook():
    source = Path(home_page.__file__).read_text()
    imported = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not any(
        m.startswith(("nbgrader.api", "peer2peer.progress", "peer2peer.cohort")) for m in imported
    )
    assert "Gradebook" not in source
