"""A trainee's server finds its course from its environment (one computer) or nbgrader's config."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer2peer.exercises import my_course


@pytest.fixture
def no_course(monkeypatch, tmp_path: Path) -> Path:
    for name in (my_course.COURSE_VARIABLE, "JUPYTER_CONFIG_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("JUPYTER_NO_CONFIG", "")
    return tmp_path


def test_one_computer_names_the_course_in_the_servers_environment(monkeypatch, no_course):
    exchange = no_course / "exchange"
    exchange.mkdir()
    monkeypatch.setenv(my_course.COURSE_VARIABLE, "course-2027")
    monkeypatch.setenv(my_course.EXCHANGE_VARIABLE, str(exchange))
    monkeypatch.setenv(my_course.TRAINEE_VARIABLE, "t01")
    monkeypatch.setenv(my_course.FOLDER_VARIABLE, str(no_course / "home"))
    course = my_course.my_course()
    assert course is not None and course.student == "t01"
    assert course.cache_folder() == no_course / "home" / ".nbgrader-cache" / "course-2027"


def test_a_hub_names_it_in_nbgrader_config(no_course):
    exchange = no_course / "exchange"
    exchange.mkdir()
    (no_course / "config").mkdir()
    (no_course / "config" / "nbgrader_config.py").write_text(
        f"c.CourseDirectory.course_id = 'course-2027'\nc.Exchange.root = {str(exchange)!r}\n"
    )
    course = my_course.my_course()
    assert course is not None and course.course_id == "course-2027"
    assert course.exchange == exchange


def test_a_lesson_opened_outside_any_course_has_none(no_course):
    assert my_course.my_course() is None
