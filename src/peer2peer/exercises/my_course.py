"""Where a trainee's own server finds their course: its id, the exchange, their folder, their id.

On one computer (`peer2peer home`) the server is told in its environment; on a hub,
nbgrader's own settings (`nbgrader_config.py` in a Jupyter config folder) name the course
and the exchange, and the trainee is the account. The home page and the lesson page both
ask here, so both find the same letterbox and the same copies of each hand-in.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jupyter_core.paths import jupyter_config_path, jupyter_data_dir
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

# On one computer (`peer2peer home`), the pages are told where things are by their server.
COURSE_VARIABLE = "PEER2PEER_HOME_COURSE"
EXCHANGE_VARIABLE = "PEER2PEER_HOME_EXCHANGE"
TRAINEE_VARIABLE = "PEER2PEER_HOME_TRAINEE"
FOLDER_VARIABLE = "PEER2PEER_HOME_FOLDER"


@dataclass
class TraineeCourse:
    """The course as a trainee's server names it."""

    course_id: str
    exchange: Path
    home: Path
    trainee: str = ""  # the student id; "" means the account's own name (as on a hub)
    cache: Path | None = None  # nbgrader's copy of each hand-in (default: the account's own)

    @classmethod
    def from_settings(cls, home: Path | None = None, server: Mapping[str, str] = os.environ):
        """The course named by the `server` (one computer), else by nbgrader_config.py files."""
        if server.get(COURSE_VARIABLE):
            folder = Path(server[FOLDER_VARIABLE])
            return cls(
                server[COURSE_VARIABLE],
                Path(server[EXCHANGE_VARIABLE]),
                folder,
                server[TRAINEE_VARIABLE],
                folder / ".nbgrader-cache",  # trainees sharing one account need a cache each
            )
        config = nbgrader_settings()
        return cls(
            config.CourseDirectory.course_id,
            Path(config.Exchange.root),
            home or Path.home(),
        )

    @property
    def student(self) -> str:
        """The trainee's id, as nbgrader names them (the account's name, as nbgrader takes it)."""
        if self.trainee:
            return self.trainee
        name = os.environ.get("USER") or getpass.getuser()
        return os.environ.get("JUPYTERHUB_USER", name) if name == "jovyan" else name

    def cache_folder(self) -> Path:
        """Where nbgrader keeps the trainee's copy of each hand-in, for this course."""
        root = self.cache or Path(jupyter_data_dir()) / "nbgrader_cache"
        return root / self.course_id


def nbgrader_settings() -> Config:
    """nbgrader's settings from every Jupyter config folder, the first one winning."""
    config = Config()
    for folder in reversed(jupyter_config_path()):
        if (Path(folder) / "nbgrader_config.py").is_file():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
    return config


def my_course() -> TraineeCourse | None:
    """The course this server belongs to, or None (a lesson opened outside any course)."""
    try:
        course = TraineeCourse.from_settings()
    except (OSError, KeyError, ValueError, TypeError):
        return None
    if not isinstance(course.course_id, str) or not course.course_id:
        return None
    if not isinstance(course.exchange, Path) or not course.exchange.is_dir():
        return None
    return course
