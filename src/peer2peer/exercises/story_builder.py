"""The recovery story: private by default, shared only with whom its author chooses.

Where each story lives:
- "only me": in the private store (the trainee's own folder). The response file, which is
  handed in, holds no word of it.
- "my trainer" or "my group": in the response file, with a record of the consent given.
- withdrawn: deleted from both; the response file says only that it was withdrawn, and when.
"""

from __future__ import annotations

from typing import Any

from peer2peer.answers import now
from peer2peer.curriculum.stories import AUDIENCES, CONTENT_NOTES, NAMINGS, SECTIONS
from peer2peer.exercises import static
from peer2peer.exercises.session import Session, current
from peer2peer.exercises.widget import show

EMPTY = {"sections": {}, "audience": "only-me", "naming": "anonymous", "content_notes": []}


def load(session: Session, exercise_id: str) -> dict[str, Any]:
    """The story as its author last left it, wherever it is kept."""
    record = session.get(exercise_id)
    if isinstance(record, dict) and record.get("private"):
        return {**EMPTY, **(session.private.load(exercise_id) or {})}
    if isinstance(record, dict) and not record.get("withdrawn"):
        return {**EMPTY, **{k: v for k, v in record.items() if k != "consent"}}
    return dict(EMPTY)


def keep(session: Session, exercise_id: str, story: dict[str, Any]) -> None:
    """Save a story where its chosen audience says, and nowhere else."""
    story = {key: story.get(key, EMPTY[key]) for key in EMPTY}
    if story["audience"] not in AUDIENCES or story["naming"] not in NAMINGS:
        story.update(audience="only-me", naming="anonymous")
    if story["audience"] == "only-me":
        session.private.save(exercise_id, story)
        session.set(exercise_id, {"private": True, "audience": "only-me", "updated_at": now()})
        return
    previous = session.answers.get(exercise_id) or {}
    consent = previous.get("consent") if isinstance(previous, dict) else None
    if not consent or consent.get("audience") != story["audience"]:
        consent = {"audience": story["audience"], "given_at": now()}
    session.private.delete(exercise_id)
    session.set(exercise_id, {**story, "consent": consent, "updated_at": now()})


def withdraw(session: Session, exercise_id: str) -> None:
    """Delete the story wherever it is kept here; note for the trainer that it was withdrawn."""
    session.private.delete(exercise_id)
    session.set(exercise_id, {"withdrawn": True, "withdrawn_at": now()})


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
    }
    html = static.story(session.get(exercise_id), sections, AUDIENCES)
    widget = show(
        exercise_id,
        "story",
        config,
        load(session, exercise_id),
        lambda value: keep(session, exercise_id, value),
        html,
        session.notice,
    )

    def on_message(_: Any, content: dict[str, Any], __: Any) -> None:
        if content.get("event") == "withdraw":
            widget.value = dict(EMPTY)  # saved as an empty private story, then deleted:
            withdraw(session, exercise_id)
            widget.message = "You withdrew your story. It has been deleted from this module."
            widget.send({"event": "redraw"})

    widget.on_msg(on_message)
