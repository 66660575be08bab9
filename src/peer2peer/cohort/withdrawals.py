"""A story withdrawn after it was handed in: asked for by the trainee, carried out by the trainer.

How a withdrawal travels (docs/authoring.md says it for people):

1. The trainee's side (`exercises.withdrawal`, from the lesson page at the moment of
   withdrawal, or from the home page) marks the story withdrawn in every copy the trainee
   owns and posts a "withdraw-story" request in their letterbox (`peer2peer.shared.mailbox`).
   No new hand-in is needed.
2. The trainer's side (`apply_withdrawals`) runs when a trainer page loads and before
   collect and grade. It checks every id in each request before anything is read or
   deleted through it, then marks the story withdrawn in submitted/ and autograded/,
   removes whole any hand-in waiting in the exchange that still holds it (it never writes
   inside a copy the trainee owns), deletes the feedback pages that held it (in the
   cohort and in the exchange), clears the trainer's comments on it in the gradebook,
   and removes the request. A request that is not well formed is removed with a plain log
   line that names no word of any story.

Wherever the story was, what stays is `{"withdrawn": true, "withdrawn_at": ...}`, which
the trainer's pages show as "the trainee withdrew a story".
"""

from __future__ import annotations

import logging
import re
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from nbgrader.api import Comment, MissingEntry

from peer2peer.cohort.course import gradebook, writing
from peer2peer.cohort.hand_in_secret import feedback_pages, secret_of
from peer2peer.cohort.ids import (
    TRAINEE_FOLDERS,
    course_exchange,
    inbound_copies,
    inside,
    known_module,
    remove_inside,
    trainee_id_shape,
)
from peer2peer.cohort.settings import CohortError, CohortSettings, NotACohort, load_settings
from peer2peer.curriculum.schema import ID_PATTERN
from peer2peer.exercises.withdrawal import (
    FIELDS,
    KIND,
    Withdrawal,
    feedback_in,
    holds_story,
    scrub_copy,
)
from peer2peer.shared.mailbox import PERSONAL, REQUESTS, Request, opened_requests

NOTEBOOK_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")

log = logging.getLogger(__name__)


def checked(
    details: dict[str, Any], trainee: str, cohort: Path, settings: CohortSettings
) -> Withdrawal:
    """A request's details as a Withdrawal, every id checked; else a CohortError.

    The error's words never repeat what the request held (it may hold anything).
    """
    if set(details) != FIELDS or not all(isinstance(details[k], str) for k in FIELDS):
        raise CohortError("it did not hold exactly the ids a withdrawal needs")
    if details["trainee"] != trainee:
        raise CohortError("it named another trainee than the one whose letterbox it was in")
    try:
        trainee_id_shape(trainee)
        known_module(settings, details["module"])
    except CohortError:
        raise CohortError("it did not name a module of this cohort") from None
    notebook = details["notebook"]
    if not NOTEBOOK_NAME.fullmatch(notebook):
        raise CohortError("it did not name a notebook")
    if not (cohort / "release" / details["module"] / f"{notebook}.ipynb").is_file():
        raise CohortError("it did not name a notebook of that module")
    exercise = details["exercise"]
    if len(exercise) > 60 or not ID_PATTERN.fullmatch(exercise):
        raise CohortError("it did not name an exercise")
    try:
        datetime.fromisoformat(details["withdrawn_at"])
    except ValueError:
        raise CohortError("its time was not a time") from None
    if len(details["withdrawn_at"]) > 40:
        raise CohortError("its time was not a time")
    return Withdrawal(
        trainee, details["module"], details["notebook"], exercise, details["withdrawn_at"]
    )


# --- the trainer's side ---------------------------------------------------------------------


def apply_withdrawals(cohort: Path, settings: CohortSettings) -> int:
    """The trainer's side: carry out every withdrawal waiting; return how many were done."""
    personal = course_exchange(settings) / PERSONAL
    if personal.is_symlink() or not personal.is_dir():
        return 0
    done = 0
    with writing(cohort):
        for box in sorted(personal.iterdir()):
            try:
                done += _letterbox(cohort, settings, box)
            except Exception as error:  # one trainee's requests never hold up the others'
                log.warning(
                    "Requests in %s could not all be carried out just now (%s); they wait.",
                    f"{box.name}'s letterbox" if _is_trainee_id(box.name) else "a letterbox",
                    type(error).__name__,  # never its words: they may quote a story
                )
    return done


def _letterbox(cohort: Path, settings: CohortSettings, box: Path) -> int:
    """Every request in one trainee's letterbox; odd files there are removed, not read."""
    if box.is_symlink() or not box.is_dir():
        return 0
    if not _is_trainee_id(box.name):
        log.warning("A letterbox not named by a trainee id was left alone.")
        return 0
    folder = box / REQUESTS
    if folder.is_symlink():
        with suppress(OSError):  # the link itself goes (never what it points to)
            folder.unlink()
        log.warning("A link in place of %s's requests was removed; nothing was read.", box.name)
        return 0
    done = 0
    with opened_requests(box) as letters:
        if letters is None:
            return 0
        for name in letters.odd:
            if letters.remove(name):
                log.warning(
                    "A request in %s's letterbox could not be read, so it was removed.", box.name
                )
        for request in letters.requests:
            try:
                done += _request(cohort, settings, box.name, request)
            except Exception as error:  # this request waits; the box's others go on
                log.warning(
                    "A request in %s's letterbox could not be carried out just now (%s); it waits.",
                    box.name,
                    type(error).__name__,  # never its words: they may quote a story
                )
                continue
            letters.remove(request.path.name)
    return done


def _request(cohort: Path, settings: CohortSettings, trainee: str, request: Request) -> int:
    """Carry out one request from the trainee's letterbox; 1 if a story was withdrawn."""
    if request.kind != KIND:
        log.warning("A request in %s's letterbox was of no kind we know; removed.", trainee)
        return 0
    try:
        withdrawal = checked(request.details, trainee, cohort, settings)
    except CohortError as reason:
        log.warning("A withdrawal in %s's letterbox was removed unread: %s.", trainee, reason)
        return 0
    withdraw_everywhere(cohort, settings, withdrawal)
    log.info(
        "Withdrew %s's story %s in %s, as they asked.",
        withdrawal.trainee,
        withdrawal.exercise,
        withdrawal.module,
    )
    return 1


def _is_trainee_id(name: str) -> bool:
    try:
        trainee_id_shape(name)
    except CohortError:
        return False
    return True


def withdraw_everywhere(cohort: Path, settings: CohortSettings, withdrawal: Withdrawal) -> None:
    """Every copy the cohort, nbgrader and the exchange hold, and the gradebook's comments."""
    trainee, module = withdrawal.trainee, withdrawal.module
    pages = _exchange_pages(cohort, settings, withdrawal)
    for part in TRAINEE_FOLDERS:
        copy = inside(cohort / part, cohort / part / trainee / module)
        scrub_copy(copy, withdrawal)
        feedback_in(copy, withdrawal)
    for copy in inbound_copies(settings, trainee):
        if copy.name.split("+")[1:2] == [module] and holds_story(copy, withdrawal):
            _remove_hand_in(copy, trainee)
    released = course_exchange(settings) / "feedback"
    for name in pages:
        remove_inside(released, released / name)
    _clear_comments(settings, withdrawal)


def _remove_hand_in(copy: Path, trainee: str) -> None:
    """A hand-in waiting in the exchange that still holds the story goes whole.

    The trainer's side never writes inside a copy the trainee owns; the trainee's side has
    already changed the ones it could. `remove_inside` takes a link away as a link, and
    shutil.rmtree never follows one.
    """
    try:
        remove_inside(copy.parent, copy)
    except (OSError, CohortError):
        log.warning("A hand-in of %s that holds a withdrawn story could not be removed.", trainee)
        return
    log.warning(
        "A hand-in of %s waiting in the exchange still held a withdrawn story, so it was removed.",
        trainee,
    )


def _exchange_pages(cohort: Path, settings: CohortSettings, withdrawal: Withdrawal) -> list[str]:
    """The exchange's feedback pages of the story's notebook, from every copy of each secret."""
    trainee, module = withdrawal.trainee, withdrawal.module
    secrets = {
        secret_of(inside(cohort / part, cohort / part / trainee / module))
        for part in TRAINEE_FOLDERS
    }
    for copy in inbound_copies(settings, trainee):
        if copy.name.split("+")[1:2] == [module]:
            secrets.add(secret_of(copy))
    released = course_exchange(settings) / "feedback"
    return feedback_pages(released, secrets, [withdrawal.notebook])


def _clear_comments(settings: CohortSettings, withdrawal: Withdrawal) -> None:
    """The trainer's words on the story's cells, if any were written."""
    with gradebook(settings) as book:
        for cell in (f"{withdrawal.exercise}-answer", f"{withdrawal.exercise}-prompt"):
            try:
                comment: Comment = book.find_comment(
                    cell, withdrawal.notebook, withdrawal.module, withdrawal.trainee
                )
            except MissingEntry:
                continue
            comment.manual_comment = None
            book.db.commit()


def apply_withdrawals_for_page(cohort: Path) -> int:
    """The same, as a trainer page loads: a problem is logged, and the page still shows."""
    try:
        return apply_withdrawals(cohort, load_settings(cohort))
    except (CohortError, NotACohort):
        return 0  # the page itself says what is wrong with the cohort
    except Exception:
        log.exception("Withdrawals waiting in the exchange could not be carried out just now.")
        return 0
