"""One trainee's journey: their marked reflections and the stories they chose to share.

Reads only what the trainee handed in. A story kept for "only me" is never in a hand-in
(its response holds no word of it), and this module skips its record all the same.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import (
    Assignment,
    BaseCell,
    Comment,
    Notebook,
    SubmittedAssignment,
    SubmittedNotebook,
)
from sqlalchemy import Select, select

from peer2peer.cohort.database import engine_for
from peer2peer.cohort.marking import trainer_words
from peer2peer.cohort.settings import CohortSettings
from peer2peer.curriculum.schema import Rubric
from peer2peer.curriculum.stories import AUDIENCES, CONTENT_NOTES, NAMINGS, SECTIONS
from peer2peer.notebooks.item_map import ItemMap
from peer2peer.progress.item_results import RubricLevels
from peer2peer.shared.answers import SUFFIX, AnswersUnreadable, notebook_name_of, read_answers


def _comments(course: str, trainee: str) -> Select:
    """The trainer's comments on one trainee's cells: module, notebook, cell and the words."""
    comment, handed_in = Comment.__table__, SubmittedNotebook.__table__
    submission, assignment = SubmittedAssignment.__table__, Assignment.__table__
    cell, notebook = BaseCell.__table__, Notebook.__table__
    return (
        select(
            assignment.c.name.label("module"),
            notebook.c.name.label("notebook"),
            cell.c.name.label("cell"),
            comment.c.manual_comment.label("comment"),
        )
        .select_from(comment)
        .join(handed_in, handed_in.c.id == comment.c.notebook_id)
        .join(submission, submission.c.id == handed_in.c.assignment_id)
        .join(assignment, assignment.c.id == submission.c.assignment_id)
        .join(cell, cell.c.id == comment.c.cell_id)
        .join(notebook, notebook.c.id == cell.c.notebook_id)
        .where(
            assignment.c.course_id == course,
            submission.c.student_id == trainee,
            comment.c.manual_comment.is_not(None),
        )
    )


@dataclass(frozen=True)
class MarkedReflection:
    """A graded reflection as handed in, with the levels and words of its mark, if marked."""

    module: str
    prompt: str
    answer: str
    levels: dict[str, str]  # criterion name -> level label
    comment: str


@dataclass(frozen=True)
class SharedStory:
    """A story its author shared with the trainer (or the trainer and the group)."""

    module: str
    audience: str
    naming: str
    sections: list[tuple[str, str]] = field(default_factory=list)  # (title, text)
    content_notes: list[str] = field(default_factory=list)
    withdrawn_at: str | None = None


def handed_in_answers(cohort: Path, trainee: str, module: str) -> dict[str, dict]:
    """Each notebook's answers as handed in, by notebook name (empty when unreadable)."""
    folder = cohort / "submitted" / trainee / module
    found = {}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        with suppress(OSError, AnswersUnreadable):
            found[notebook_name_of(path)] = read_answers(path)
    return found


def trainer_comments(settings: CohortSettings, trainee: str) -> dict[tuple[str, str, str], str]:
    """The trainer's own words on a trainee's cells, by (module, notebook, cell)."""
    with engine_for(settings.db_url) as engine, engine.connect() as connection:
        rows = connection.execute(_comments(settings.course_id, trainee)).all()
    return {(r.module, r.notebook, r.cell): trainer_words(r.comment) for r in rows}


def marked_reflections(
    cohort: Path,
    settings: CohortSettings,
    trainee: str,
    item_map: ItemMap,
    levels: RubricLevels,
    rubrics: dict[str, Rubric],
) -> list[MarkedReflection]:
    """Every graded reflection the trainee handed in, module by module."""
    comments = trainer_comments(settings, trainee)
    found = []
    for module in settings.modules:
        handed_in = handed_in_answers(cohort, trainee, module)
        module_items = item_map.modules.get(module)
        if not handed_in or module_items is None:
            continue
        for cell, item in module_items.items.items():
            if item.kind != "reflection":
                continue
            answer = handed_in.get(item.notebook, {}).get(item.exercise)
            chosen = levels.get((trainee, module, item.notebook, cell), {})
            found.append(
                MarkedReflection(
                    module,
                    item.prompt,
                    answer if isinstance(answer, str) else "",
                    _level_names(rubrics.get(module), chosen),
                    comments.get((module, item.notebook, cell), ""),
                )
            )
    return found


def shared_stories(cohort: Path, settings: CohortSettings, trainee: str) -> list[SharedStory]:
    """The stories a trainee shared with the trainer, and a note of any they withdrew."""
    found = []
    for module in settings.modules:
        for answers in handed_in_answers(cohort, trainee, module).values():
            for record in answers.values():
                story = _story(module, record)
                if story is not None:
                    found.append(story)
    return found


def _story(module: str, record) -> SharedStory | None:
    if not isinstance(record, dict):
        return None
    if record.get("withdrawn"):
        return SharedStory(module, "", "", withdrawn_at=str(record.get("withdrawn_at", "")))
    consent = record.get("consent")
    if record.get("private") or not isinstance(consent, dict):
        return None  # kept for "only me", or not a story at all
    if consent.get("audience") not in ("trainer", "cohort"):
        return None
    sections = record.get("sections") if isinstance(record.get("sections"), dict) else {}
    notes = record.get("content_notes") if isinstance(record.get("content_notes"), list) else []
    return SharedStory(
        module,
        AUDIENCES[consent["audience"]],
        NAMINGS.get(str(record.get("naming")), NAMINGS["anonymous"]),
        [
            (SECTIONS.get(key, {}).get("title", key.replace("-", " ").capitalize()), str(words))
            for key, words in sections.items()
            if str(words).strip()
        ],
        [CONTENT_NOTES.get(str(note), str(note)) for note in notes],
    )


def _level_names(rubric: Rubric | None, chosen: dict[str, str]) -> dict[str, str]:
    if rubric is None or not chosen:
        return {}
    labels = {level.id: level.label for level in rubric.levels}
    return {c.name: labels.get(chosen.get(c.id, ""), "not marked") for c in rubric.criteria}
