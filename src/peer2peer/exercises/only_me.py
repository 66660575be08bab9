"""Private writing, such as a wellness plan: only its author ever sees it.

There is nothing to choose about sharing. Each part is a writing box; the words go to the
trainee's private folder (`exercises.private`) as they type, exactly as a story kept for
"only me" does, and the answers file that is handed in holds no trace of them.

Each part carries a version, as answers do: a tab holding older words than those saved
(in another tab or device) is refused (`answers.StaleAnswer`) and its trainee told, before
anything is overwritten.
"""

from __future__ import annotations

from typing import Any

from IPython.display import HTML, display

from peer2peer.exercises.session import Session, current
from peer2peer.exercises.widget import show
from peer2peer.shared.answers import StaleAnswer, folder_lock
from peer2peer.shared.templating import render

PACKAGE = "peer2peer.exercises"

#: The one part, when an exercise names none.
ONE_PART = {"words": {"title": "Your words", "hint": "Write as much or as little as you like."}}

#: Above the boxes: that only the trainee can see them, and how to delete what they wrote.
NOTE = render(PACKAGE, "private_note.html")

#: What shows where the boxes cannot be drawn (grading, feedback): never the words.
KEPT_PRIVATE = render(PACKAGE, "private_kept.html")


def versions(session: Session, exercise_id: str) -> dict[str, int]:
    """The version of each part as saved now (0 for a part never saved)."""
    kept = (session.private.load(exercise_id) or {}).get("versions")
    if not isinstance(kept, dict):
        return {}
    return {str(k): v for k, v in kept.items() if isinstance(v, int) and not isinstance(v, bool)}


def load(session: Session, exercise_id: str) -> dict[str, str]:
    """The parts as their author last left them, by part id.

    Words written before this exercise was private-only (with the story builder, and
    perhaps shared) are moved into the private folder, then out of the answers file.
    """
    kept = session.private.load(exercise_id) or {}
    parts = _texts(kept.get("sections"))
    record = session.answers.get(exercise_id)
    if record is None:
        return parts
    if isinstance(record, dict) and not record.get("withdrawn"):
        earlier = _texts(record.get("sections"))
        if any(text.strip() for text in earlier.values()):
            parts = {**earlier, **{k: v for k, v in parts.items() if v.strip()}}
            keep(session, exercise_id, parts, versions(session, exercise_id))  # saved first
    session.forget(exercise_id)
    return parts


def keep(session: Session, exercise_id: str, parts: dict[str, str], kept: dict[str, int]) -> None:
    """Save the parts in the private folder only, with their versions.

    With every part empty, no words are kept: only the versions, so that a tab holding
    the deleted words is still told before it writes them back.
    """
    words = dict(parts) if any(text.strip() for text in parts.values()) else {}
    session.private.save(exercise_id, {"sections": words, "versions": dict(kept)})
    session.forget(exercise_id)


def private_writing(exercise_id: str, sections: dict[str, dict[str, str]] | None = None) -> None:
    """Boxes to write in, one per part, that only their author sees; no sharing controls."""
    session = current()
    sections = sections or ONE_PART
    parts = load(session, exercise_id)
    saved = versions(session, exercise_id)
    display(HTML(NOTE))
    for key, section in sections.items():
        title, hint = section.get("title", ""), section.get("hint", "")
        display(HTML(render(PACKAGE, "private_part.html", title=title, hint=hint)))
        show(
            f"{exercise_id}/{key}",
            "reflection",
            {"prompt": f"{title}. {hint}".strip(), "min_words": None},
            parts.get(key, ""),
            _saver(session, exercise_id, parts, key),
            KEPT_PRIVATE,
            version=saved.get(key, 0),
        )


def _saver(session: Session, exercise_id: str, parts: dict[str, str], key: str):
    def save(value: Any, accept: Any) -> int:
        # Only this part is written, merged with the parts saved now (another tab may have
        # written those), under a lock on the private folder; older words are refused.
        session.private.folder.mkdir(parents=True, exist_ok=True)
        with folder_lock(session.private.folder):
            saved = _texts((session.private.load(exercise_id) or {}).get("sections"))
            kept = versions(session, exercise_id)
            version = kept.get(key, 0)
            if accept is not None and version not in accept:
                raise StaleAnswer(f"{exercise_id}/{key}", saved.get(key, ""), version)
            parts.update({**saved, key: value if isinstance(value, str) else ""})
            kept[key] = version + 1
            keep(session, exercise_id, parts, kept)
            return version + 1

    return save


def _texts(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(key): text for key, text in value.items() if isinstance(text, str)}
