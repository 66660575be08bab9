"""A trainee's own answers, filled into their workbook: never anyone else's, never what is private.

Two ways in:
- `handed_in`: for a trainer making a trainee's copy (their own copy, or a reasonable
  adjustment). It reads only what that trainee handed in, from the cohort. A story kept for
  "only me" and private writing (a wellness plan) are never handed in, so never there; a
  private exercise is left blank even if an old answers file holds words for it.
- `own_answers`: for the trainee themselves, from their own module folder. Only with
  `include_private=True`, asked for by the trainee, does it add their "only me" story and
  private writing, read from their own private folder (the account that runs it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peer2peer.cohort.settings import CohortError
from peer2peer.exercises.private import PrivateStore
from peer2peer.shared.answers import SUFFIX, AnswersUnreadable, notebook_name_of, read_answers
from peer2peer.workbooks import words
from peer2peer.workbooks.model import Question, Workbook


@dataclass
class Answers:
    """Whose answers, and what they are: by notebook, then by exercise id."""

    label: str
    by_notebook: dict[str, dict[str, Any]]
    #: The trainee's private writing (their own copy only): (notebook, exercise) -> record.
    private: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    with_private: bool = False
    #: The curriculum the cohort was made from, so that the questions match what was handed in.
    curriculum: Path | None = None


def handed_in(cohort: Path, trainee: str, module: str) -> Answers:
    """What `trainee` handed in for `module`, checked against the roster first.

    Raises CohortError, before reading anything of theirs, for an id that is not a
    trainee or a module of this cohort; and for a module they have not handed in.
    """
    from peer2peer.cohort.ids import module_id_shape, trainee_id_shape
    from peer2peer.cohort.names import known_trainee
    from peer2peer.cohort.roster import trainee_label
    from peer2peer.cohort.settings import load_settings

    settings = load_settings(cohort)
    name = known_trainee(settings, trainee_id_shape(trainee))
    if module_id_shape(module) not in settings.modules:
        raise CohortError(
            f"there is no module {module!r} in this cohort. Give one of: "
            + ", ".join(settings.modules)
        )
    folder = cohort / "submitted" / trainee / module
    found = _answers_in(folder)
    if not found:
        raise CohortError(
            f"{trainee} has not handed in {module} yet, so there are no answers to fill in. "
            "Leave out --answers for a blank workbook"
        )
    return Answers(trainee_label(trainee, name), found, curriculum=Path(settings.curriculum))


def own_answers(
    folder: Path, module: str, label: str = "", include_private: bool = False
) -> Answers:
    """The answers saved in the trainee's own module folder; with `include_private`, theirs too.

    Private writing comes from the private folder of whoever runs this: only a trainee
    asking for their own copy, in their own account, ever gets it.
    """
    found = _answers_in(folder)
    answers = Answers(label or "you", found, with_private=include_private)
    if include_private:
        for notebook in {"lesson", "assessment", *found}:
            store = PrivateStore(module, notebook)
            for path in sorted(store.folder.glob("*.json")) if store.folder.is_dir() else []:
                record = store.load(path.stem)
                if isinstance(record, dict):
                    answers.private[(notebook, path.stem)] = record
    return answers


def _answers_in(folder: Path) -> dict[str, dict[str, Any]]:
    """Each notebook's answers in a folder, by notebook name; unreadable files left out."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []:
        try:
            found[notebook_name_of(path)] = read_answers(path)
        except (OSError, AnswersUnreadable):
            continue
    return found


def fill(workbook: Workbook, answers: Answers) -> Workbook:
    """Put each answer beside its question (in place), and say whose they are."""
    workbook.filled_for = answers.label
    workbook.filled_note = words.FILLED_WITH_PRIVATE if answers.with_private else words.FILLED
    for question in workbook.questions():
        given = answers.by_notebook.get(question.notebook, {}).get(question.exercise_id)
        private = answers.private.get((question.notebook, question.exercise_id))
        question.answer = _answer(question, given, private)
    return workbook


def _answer(question: Question, given: Any, private: dict[str, Any] | None) -> Any:
    """The answer to show, in the shape the writers draw; a plain note for what is not shown."""
    kind = question.kind
    if kind == "private":  # never from what was handed in
        return _sections(private.get("sections")) if private else None
    if kind == "story":
        if isinstance(given, dict) and given.get("withdrawn"):
            return words.WITHDRAWN
        if isinstance(given, dict) and (given.get("private") or given.get("audience") == "only-me"):
            return _sections(private.get("sections")) if private else words.KEPT_PRIVATE
        return _sections(given.get("sections")) if isinstance(given, dict) else None
    if given is None:
        return None
    if kind == "reflection":
        return given if isinstance(given, str) else None
    if kind == "scale":
        return given if isinstance(given, int | float) else None
    if kind == "choice":
        chosen = given if isinstance(given, list) else [given]
        return [str(key) for key in chosen]
    if kind == "order":
        return (
            {key: place for place, key in enumerate(given, start=1)}
            if isinstance(given, list)
            else None
        )
    if kind == "match":
        return {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else None
    return None


def _sections(value: Any) -> dict[str, str] | None:
    if not isinstance(value, dict):
        return None
    return {str(key): text for key, text in value.items() if isinstance(text, str)}
