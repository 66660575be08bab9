"""The recovery story: private by default, shared only with whom its author chooses.

Where each story lives:
- "only me": in the private store (the trainee's own folder). The response file, which is
  handed in, holds no word of it.
- "my trainer" or "my group": in the response file, with a record of the consent given.
- withdrawn: deleted from both; the response file says only that it was withdrawn, and when.
  If a copy was handed in, the trainer's side is asked at once to delete theirs
  (`exercises.withdrawal`), and so it is when a story handed in is taken back to "only me".

Consent is explicit: the page sends a new audience only once its author confirmed it,
having been told who will read it. "No name" is kept only for a story shared with the
group; the trainer sees who handed a story in, so a story for the trainer alone carries
the author's name.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from pathlib import Path
from typing import Any

from peer2peer.curriculum.stories import AUDIENCES, CONTENT_NOTES, NAMINGS, SECTIONS
from peer2peer.exercises import static, withdrawal
from peer2peer.exercises.my_course import my_course
from peer2peer.exercises.private import PrivateStore
from peer2peer.exercises.session import Session, current
from peer2peer.exercises.widget import show
from peer2peer.shared.answers import ResponseStore, now, response_path

#: What the page says once a story is withdrawn (focus moves to it), by what the trainer
#: was told: `tell_trainer` says which.
WITHDRAWN = {
    "not handed in": "You withdrew your story. It is deleted from this page.",
    "asked": (
        "You withdrew your story. It is deleted from this page. We have asked for your "
        "trainer's copy to be deleted too."
    ),
    "ask later": (
        "You withdrew your story. It is deleted from this page. We could not reach your "
        "trainer just now. We will ask again for their copy to be deleted the next time you "
        "open your home page."
    ),
}

log = logging.getLogger(__name__)

EMPTY = {"sections": {}, "audience": "only-me", "naming": "anonymous", "content_notes": []}


def load(session: Session, exercise_id: str) -> dict[str, Any]:
    """The story as its author last left it, wherever it is kept."""
    record = session.get(exercise_id)
    if isinstance(record, dict) and record.get("private"):
        return {**EMPTY, **(session.private.load(exercise_id) or {})}
    if isinstance(record, dict) and not record.get("withdrawn"):
        return {**EMPTY, **{k: v for k, v in record.items() if k != "consent"}}
    return dict(EMPTY)


#: Namings that can be kept for each audience: the trainer always knows whose story it is.
KEPT_NAMINGS = {"only-me": list(NAMINGS), "trainer": ["full"], "cohort": list(NAMINGS)}


def keep(
    session: Session,
    exercise_id: str,
    story: dict[str, Any],
    accept: Collection[int] | None = None,
) -> int:
    """Save a story where its chosen audience says, and nowhere else; return its version.

    The answers file is written first, so that a save refused as stale (answers.StaleAnswer)
    changes nothing anywhere.
    """
    story = {key: story.get(key, EMPTY[key]) for key in EMPTY}
    if story["audience"] not in AUDIENCES or story["naming"] not in NAMINGS:
        story.update(audience="only-me", naming="anonymous")
    if story["naming"] not in KEPT_NAMINGS[story["audience"]]:
        story["naming"] = KEPT_NAMINGS[story["audience"]][0]
    if story["audience"] == "only-me":
        marker = {"private": True, "audience": "only-me", "updated_at": now()}
        version = session.set(exercise_id, marker, accept)
        session.private.save(exercise_id, story)
        return version
    previous = session.answers.get(exercise_id) or {}
    consent = previous.get("consent") if isinstance(previous, dict) else None
    if not consent or consent.get("audience") != story["audience"]:
        consent = {"audience": story["audience"], "given_at": now()}
    version = session.set(exercise_id, {**story, "consent": consent, "updated_at": now()}, accept)
    session.private.delete(exercise_id)
    return version


def withdrawn_record() -> dict[str, Any]:
    """What stays where a withdrawn story was: that it was withdrawn, and when."""
    return {"withdrawn": True, "withdrawn_at": now()}


def withdraw(session: Session, exercise_id: str) -> None:
    """Delete the story wherever it is kept here; note for the trainer that it was withdrawn."""
    session.set(exercise_id, withdrawn_record())
    session.private.delete(exercise_id)


def withdraw_in(folder: Path, module: str, notebook: str, exercise_id: str) -> dict[str, Any]:
    """The same, for a module folder outside a running lesson (the home page); the record."""
    record = withdrawn_record()
    ResponseStore(response_path(folder, notebook)).update(exercise_id, record)
    PrivateStore(module, notebook).delete(exercise_id)
    return record


def tell_trainer(session: Session, exercise_id: str) -> str:
    """If a hand-in still holds this story as shared, ask the trainer's side to delete it now.

    Returns what happened, as a key of WITHDRAWN. Outside a course (a lesson opened on its
    own) there is no trainer to tell. When the exchange cannot be reached, the home page
    asks again the next time it opens (the hand-in in nbgrader's cache still holds it).
    """
    course = my_course()
    if course is None or not session.module:
        return "not handed in"
    try:
        told = withdrawal.pass_on(course, session.module, session.notebook, exercise_id)
    except Exception:  # the story is withdrawn here whatever happens there
        log.warning("A withdrawal could not be passed on to the trainer just now.")
        return "ask later"
    return "asked" if told else "not handed in"


def _keep_and_tell(
    session: Session, exercise_id: str, value: Any, accept: Any, told: dict[str, str]
) -> int:
    version = keep(session, exercise_id, value, accept)
    if isinstance(value, dict) and value.get("audience") == "only-me":
        # Taken back after a hand-in: the trainer's goes. What happened is kept in `told`.
        told["trainer"] = tell_trainer(session, exercise_id)
    return version


def story(
    exercise_id: str, sections: dict[str, dict[str, str]] | None = None, prompt: str = ""
) -> None:
    """The story builder: sections to write, who may see it, how the author is named."""
    session = current()
    sections = sections or SECTIONS
    config = {
        "prompt": prompt,
        "sections": sections,
        "audiences": AUDIENCES,
        "namings": NAMINGS,
        "content_notes": CONTENT_NOTES,
        "kept_namings": KEPT_NAMINGS,
    }
    html = static.story(session.get(exercise_id), sections, AUDIENCES)
    told: dict[str, str] = {}
    widget = show(
        exercise_id,
        "story",
        config,
        load(session, exercise_id),
        lambda value, accept: _keep_and_tell(session, exercise_id, value, accept, told),
        html,
        session.notice,
        lambda: load(session, exercise_id),
    )

    def on_message(_: Any, content: dict[str, Any], __: Any) -> None:
        if content.get("event") == "withdraw":
            told.clear()
            widget.value = dict(EMPTY)  # saved as an empty private story (which may tell the
            withdraw(session, exercise_id)  # trainer), then deleted; then tell them if not yet
            now_told = tell_trainer(session, exercise_id)
            if now_told == "not handed in":
                now_told = told.get("trainer", now_told)
            widget.version = session.version(exercise_id)
            widget.stale = {}
            widget.message = WITHDRAWN[now_told]
            widget.send({"event": "withdrawn"})

    widget.on_msg(on_message)
