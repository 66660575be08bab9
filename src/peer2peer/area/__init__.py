"""A new area's own part of the curriculum, kept apart so that upstream changes merge cleanly.

curriculum/area.yml starts from the annotated template; FIXME notes say what to fill in;
local examples and local modules live under local/, which upstream never has.
"""

from pathlib import Path

#: The top-level folder that holds everything an area adds; upstream never has one.
LOCAL_FOLDER = Path("local")
