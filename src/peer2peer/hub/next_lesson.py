"""A trainee's next lesson: fetch new modules, then name the lesson they most likely open next.

Run as `python -m peer2peer.hub.next_lesson FOLDER` by the trainee's server as it starts
(peer2peer.hub.waiting), in a Python of its own, so nbgrader stays out of the server.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from peer2peer.hub.kernel import leave_out_slow_extras


def next_lesson(root: Path) -> str | None:
    """Fetch new modules; the lesson the trainee most likely opens next (relative to root)."""
    from peer2peer.dashboard.home_page import Course

    course = Course.from_settings(root)
    course.fetch_new()
    return course.next_lesson()


def main() -> None:
    """Print the next lesson of the trainee whose folder is given (JSON; null if none)."""
    leave_out_slow_extras()
    try:
        lesson = next_lesson(Path(sys.argv[1]))
    except Exception:  # noqa: BLE001 - nothing fetched: the home is still run ahead
        lesson = None
    print(json.dumps(lesson))


if __name__ == "__main__":
    main()
