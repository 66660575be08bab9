"""Defaults in one place: where things go when the user does not say."""

from pathlib import Path

#: Where `peer2peer build` writes the nbgrader course, inside the curriculum root.
COURSE_FOLDER = Path("build") / "course"
