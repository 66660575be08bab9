"""A trainee's home on this computer."""

from __future__ import annotations

import argparse
from pathlib import Path

from peer2peer.cli.common import (
    FIXABLE,
    Verb,
    cohort_argument,
    errors,
    port_argument,
    tell_trainees,
)

#: Where a trainee's modules go on this computer unless --folder says otherwise.
HOMES = Path("~/peer2peer-homes")


def cmd_home(args: argparse.Namespace) -> int:
    """Serve one trainee's home page on this computer (for a course run on one machine)."""
    from peer2peer.cli.page_verbs import serving
    from peer2peer.cohort.ids import trainee_id_shape
    from peer2peer.cohort.settings import load_settings
    from peer2peer.dashboard.serve import serve_page
    from peer2peer.exercises.my_course import (
        COURSE_VARIABLE,
        EXCHANGE_VARIABLE,
        FOLDER_VARIABLE,
        TRAINEE_VARIABLE,
    )
    from peer2peer.hub.deployment import LANDING, TRAINEE
    from peer2peer.hub.singleuser import write_role_pages

    cohort = Path(args.path).resolve()
    settings = load_settings(cohort)
    trainee = trainee_id_shape(args.trainee)
    known = _roster(settings)
    if trainee not in known:
        errors.print(
            f"{trainee} is not on this cohort's roster. Add them with "
            "`peer2peer cohort add-trainees`, or check the id.",
            markup=False,
        )
        return FIXABLE
    folder = Path(args.folder or HOMES / settings.course_id / trainee).expanduser().resolve()
    if folder == cohort or cohort in folder.parents:
        errors.print("Choose a --folder outside the cohort folder.", markup=False)
        return FIXABLE
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_role_pages(folder, TRAINEE)
    tell_trainees(cohort, settings, [trainee])
    page_settings = {
        COURSE_VARIABLE: settings.course_id,
        EXCHANGE_VARIABLE: str(Path(settings.exchange).resolve()),
        TRAINEE_VARIABLE: trainee,
        FOLDER_VARIABLE: str(folder),
    }
    landing = LANDING[TRAINEE].removeprefix("/voila/render/")
    preheat = [landing, *filter(None, [_next_lesson(page_settings)])]
    return serving(
        serve_page, folder, args.port, page_settings, f"voila/render/{landing}", preheat=preheat
    )


def _next_lesson(page_settings: dict[str, str]) -> str | None:
    """The lesson to keep a kernel waiting for, its module fetched now (as the page would)."""
    from peer2peer.dashboard.home_page import Course

    course = Course.from_settings(server=page_settings)
    try:
        course.fetch_new()
    except Exception:  # noqa: BLE001 - the page says so in plain words when it opens
        return None
    return course.next_lesson()


def _roster(settings) -> set[str]:
    from peer2peer.cohort.course import gradebook

    with gradebook(settings) as book:
        return {student.id for student in book.students}


def _home_arguments(verb: argparse.ArgumentParser) -> None:
    cohort_argument(verb)
    verb.add_argument("trainee", help="the trainee's id, as on the roster")
    verb.add_argument(
        "--folder",
        help="where their modules and answers are kept (default: ~/peer2peer-homes/COURSE/ID)",
    )
    port_argument(verb, 8869)


VERBS = {
    "home": Verb(cmd_home, "Open a trainee's home page on this computer.", _home_arguments),
}
