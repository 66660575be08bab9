"""The nbgrader course the build writes: its config file, and nbgrader's own generate step."""

from __future__ import annotations

import io
import logging
import os
import sys
from pathlib import Path

from nbgrader.converters import GenerateAssignment
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from peer2peer.notebooks.metadata_check import with_check_once

CONFIG_FILE = "nbgrader_config.py"

#: nbgrader settings of every course this package makes, written into nbgrader_config.py.
SETTINGS = [
    # The model answers of knowledge checks sit in solution regions; trainees get this line.
    'c.ClearSolutions.code_stub = {"python": "# Your answers are saved beside this notebook."}',
    # Widgets cannot be replayed from saved state offline; the static copy of each answer
    # is what formgrader and feedback should show.
    "c.Execute.store_widget_state = False",
    # A notebook must not be able to hang grading.
    "c.Execute.timeout = 60",
]


def write_config(
    course: Path, course_id: str = "peer2peer", extra: list[str] | None = None
) -> Path:
    """Write nbgrader_config.py for the course at `course` and return its path."""
    lines = [
        "# Written by peer2peer. Edit peer2peer/build/nbgrader_course.py, not this file.",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {course_id!r}",
        *SETTINGS,
        *(extra or []),
    ]
    path = course / CONFIG_FILE
    course.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + "\n"
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    return path


def load_config(course: Path) -> Config:
    """Read the course's nbgrader_config.py the way nbgrader's own commands do."""
    config = PyFileConfigLoader(CONFIG_FILE, path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    return config


class NbgraderFailed(Exception):
    """An nbgrader step failed; the message holds what nbgrader said."""


def ensure_tools_on_path() -> None:
    """nbgrader runs `alembic` as a program: make it this environment's, activated or not."""
    tools = str(Path(sys.executable).parent)
    if tools not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = tools + os.pathsep + os.environ.get("PATH", "")


def generate_assignment(
    course: Path, module_id: str, use_database: bool = False, *, nbgraders_check: bool = False
) -> None:
    """Run nbgrader's generate_assignment in this process: source/<id> becomes release/<id>.

    Its steps are nbgrader's own, but for its metadata check, whose schema is checked once
    (`metadata_check`): two thirds of its time otherwise. `nbgraders_check` runs nbgrader's
    own check instead, exactly as `nbgrader generate_assignment` does (the benchmark's
    baseline).
    """
    if use_database:
        ensure_tools_on_path()
    config = load_config(course)
    config.CourseDirectory.assignment_id = module_id
    config.GenerateAssignment.force = True
    config.GenerateAssignment.no_database = not use_database
    config.SaveCells.enabled = use_database
    config.GenerateAssignment.create_assignment = True
    if not nbgraders_check:
        config.GenerateAssignment.preprocessors = with_check_once(
            GenerateAssignment.class_traits()["preprocessors"].default()
        )
    coursedir = CourseDirectory(config=config)
    converter = GenerateAssignment(coursedir=coursedir, config=config)
    said = io.StringIO()
    handler = logging.StreamHandler(said)
    handler.setLevel(logging.ERROR)
    converter.log.addHandler(handler)
    try:
        converter.start()
    except Exception as error:
        raise NbgraderFailed(
            f"nbgrader could not generate {module_id}: {said.getvalue()}"
        ) from error
    finally:
        converter.log.removeHandler(handler)
