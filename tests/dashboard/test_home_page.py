"""A trainee's home page: released modules, fetched into their folder, each to open and hand in."""

from __future__ import annotations

import ast
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest

from peer2peer.dashboard import home_page, home_state
from peer2peer.dashboard.home_page import Course, module_links, module_title
from peer2peer.exercises import my_course


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


@pytest.mark.parametrize("part", [home_page, home_state])
def test_the_home_page_never_opens_the_gradebook(part):
    source = Path(part.__file__).read_text()
    imported = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    # The letterbox is the one part of the trainer's side a trainee's page may use.
    imported.discard("peer2peer.shared.mailbox")
    assert not any(
        m.startswith(("nbgrader.api", "peer2peer.progress", "peer2peer.cohort")) for m in imported
    )
    assert "Gradebook" not in source


def test_the_home_knows_every_state_the_trainers_side_posts():
    from peer2peer.progress import home_status

    assert home_state.POSTED_STATES == home_status.STATES
    assert home_state.FORMAT == home_status.FORMAT


# --- the whole page, over a course the trainer has graded, marked and given feedback on ----


def html_of(widget) -> str:
    """Every piece of HTML a widget tree shows (hidden parts too)."""
    found = [widget.value] if isinstance(widget, widgets.HTML) else []
    for child in getattr(widget, "children", ()):
        found.append(html_of(child))
    return "\n".join(found)


def buttons_of(widget) -> dict[str, widgets.Button]:
    found = {widget.description: widget} if isinstance(widget, widgets.Button) else {}
    for child in getattr(widget, "children", ()):
        found.update(buttons_of(child))
    return found


@pytest.fixture(scope="module")
def course_given_feedback(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """t01 and t02 handed in 01-alpha and were marked; feedback was released. (Invented.)"""
    from running_a_course import MODULE, graded_course

    from peer2peer.cohort.exchange import feedback
    from peer2peer.cohort.settings import load_settings

    cohort = graded_course(tmp_path_factory.mktemp("home-page"))
    feedback(cohort, load_settings(cohort), [MODULE])
    return cohort


def serve_as(monkeypatch, cohort: Path, trainee: str) -> Path:
    """Set the page up as `peer2peer home` does for one trainee on one computer."""
    from peer2peer.cohort.settings import load_settings

    settings = load_settings(cohort)
    folder = cohort.parent / "homes" / trainee
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv(my_course.COURSE_VARIABLE, settings.course_id)
    monkeypatch.setenv(my_course.EXCHANGE_VARIABLE, settings.exchange)
    monkeypatch.setenv(my_course.TRAINEE_VARIABLE, trainee)
    monkeypatch.setenv(my_course.FOLDER_VARIABLE, str(folder))
    return folder


def test_with_no_news_yet_the_page_says_news_will_show_here(course_given_feedback, monkeypatch):
    serve_as(monkeypatch, course_given_feedback, "t03")
    shown = html_of(home_page.home_page())
    assert "News from your trainer" in shown
    assert "Not started yet." in shown
    assert "Read feedback" in buttons_of(home_page.home_page())


def test_the_page_shows_their_own_news_and_reads_plain_feedback(course_given_feedback, monkeypatch):
    from running_a_course import MODULE

    from peer2peer.cohort.settings import load_settings
    from peer2peer.progress.home_status import publish_status

    publish_status(course_given_feedback, load_settings(course_given_feedback))
    serve_as(monkeypatch, course_given_feedback, "t01")
    page = home_page.home_page()
    shown = html_of(page)
    assert "News from your trainer" not in shown
    assert "Your feedback is ready." in shown
    assert "Due " in shown and "at 5 pm" in shown
    assert "My progress" in shown and "You came to 2 of 2 group sessions" in shown
    card = page.children[1].children[1]  # the first module
    buttons_of(card)["Read feedback"].click()
    feedback = html_of(card)
    assert "your feedback</h4>" in feedback
    assert "<h1" not in feedback and "<h2" not in feedback  # under the module's own heading
    assert "BEGIN HIDDEN TESTS" not in feedback and "In [" not in feedback
    assert (course_given_feedback.parent / "homes" / "t01" / MODULE / "feedback").is_dir()


def test_hand_in_asks_first_then_says_when(course_given_feedback, monkeypatch):
    serve_as(monkeypatch, course_given_feedback, "t03")
    page = home_page.home_page()
    card = page.children[1].children[1]  # the first module
    buttons = buttons_of(card)
    buttons["Hand in"].click()
    asked = html_of(card)
    assert "what you answered in the lesson and in Check what you learned" in asked
    buttons["Not now"].click()
    assert "Not handed in. Your answers are still saved." in html_of(card)
    buttons["Hand in"].click()
    buttons["Yes, hand it in"].click()
    said = html_of(card)
    assert "Handed in on " in said and "Your trainer can see it now." in said


def test_hand_in_times_are_read_as_nbgrader_writes_them():
    from datetime import UTC, datetime

    from peer2peer.dashboard.home_page import hand_in_time

    assert hand_in_time("2027-03-05 14:02:01.500000 GMT") == datetime(
        2027, 3, 5, 14, 2, 1, 500000, tzinfo=UTC
    )
    assert hand_in_time("2027-06-05 14:02:01 BST") == datetime(2027, 6, 5, 13, 2, 1, tzinfo=UTC)
    assert hand_in_time("not a time") is None


def test_the_home_page_loads_neither_nbgrader_nor_nbformat_until_needed():
    import subprocess
    import sys

    code = (
        "import sys; from peer2peer.dashboard import home_page; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nbgrader', 'nbformat')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]", loaded.stderr
