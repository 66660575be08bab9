"""A new area's own part of the curriculum: area.yml from its template, FIXME notes,
local examples and local modules, kept apart so that upstream changes merge cleanly."""

from pathlib import Path

#: The top-level folder that holds everything an area adds; upstream never has one.
LOCAL_FOLDER = Path("local")
