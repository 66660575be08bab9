"""Feedback in plain words: what a trainee reads about their hand-in, made by us, not nbgrader.

For each knowledge check: the question, what they chose, whether it was right and the
teaching words the author wrote (the answer we looked for only for a question they
answered). For each reflection: their words, the level on each rubric criterion with what
that level means, and the trainer's own words. Never code, cells, answer keys of unanswered
questions or scores unless the cohort chose to show them (`feedback_shows_points`).

The pages are written where nbgrader's own feedback goes (feedback/<trainee>/<module>/), so
nbgrader's exchange delivers them and `fetch_feedback` and the Assignments tab still work.
Each page is self-contained HTML: it asks no other host for anything.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nbgrader.api import MissingEntry

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.marking import ToMark, load_rubric, to_mark, trainer_words
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.curriculum.schema import Order
from peer2peer.notebooks.item_map import Item, ItemMapUnreadable, ModuleItems, load_item_map
from peer2peer.notebooks.steps import shuffled_steps
from peer2peer.shared.answers import AnswersUnreadable, read_answers, response_path
from peer2peer.shared.templating import render

#: Files nbgrader's exchange needs beside each feedback page to match it to the hand-in.
EXCHANGE_FILES = ("timestamp.txt", "submission_secret.txt")


@dataclass
class CheckFeedback:
    """A knowledge check, said in words."""

    prompt: str
    answered: bool
    result: str  # "right", "partly" or "not yet"
    chosen: list[str] = field(default_factory=list)
    suggested: list[str] = field(default_factory=list)
    teaching: list[str] = field(default_factory=list)
    points: str = ""


@dataclass
class CriterionLevel:
    """The level a reflection reached on one criterion, and what that level means."""

    criterion: str
    level: str
    meaning: str


@dataclass
class ReflectionFeedback:
    """A reflection, with the trainer's marking."""

    prompt: str
    words: str
    marked: bool
    levels: list[CriterionLevel] = field(default_factory=list)
    trainer_words: str = ""
    points: str = ""


@dataclass
class NotebookFeedback:
    """Everything one feedback page says."""

    module_title: str
    checks: list[CheckFeedback]
    reflections: list[ReflectionFeedback]


def write_feedback(cohort: Path, settings: CohortSettings, module: str) -> list[str]:
    """Write the feedback page of every graded trainee of `module`; return who got one."""
    items = _module_items(cohort, module)
    marks = {(m.trainee, m.notebook, m.cell): m for m in to_mark(cohort, settings, module)}
    written = []
    for folder in sorted((cohort / "autograded").glob(f"*/{module}")):
        trainee = folder.parent.name
        pages = trainee_feedback(cohort, settings, module, trainee, items, marks)
        target = cohort / "feedback" / trainee / module
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for notebook, page in pages.items():
            html = render("peer2peer.cohort", "feedback.html", page=page)
            (target / f"{notebook}.html").write_text(html, encoding="utf-8")
        for name in EXCHANGE_FILES:
            source = folder / name if (folder / name).exists() else _submitted(cohort, folder)
            shutil.copyfile(source if source.name == name else source / name, target / name)
        written.append(trainee)
    return written


def trainee_feedback(
    cohort: Path,
    settings: CohortSettings,
    module: str,
    trainee: str,
    items: ModuleItems,
    marks: dict[tuple[str, str, str], ToMark],
) -> dict[str, NotebookFeedback]:
    """One trainee's feedback for a module, by notebook (only notebooks with graded items)."""
    scores = _scores(settings, module, trainee)
    show_points = settings.feedback_shows_points
    rubric = load_rubric(cohort, module) if any_reflection(items) else None
    pages: dict[str, NotebookFeedback] = {}
    answers: dict[str, dict[str, Any]] = {}
    for cell, item in items.items.items():
        page = pages.setdefault(item.notebook, NotebookFeedback(items.title, [], []))
        if item.notebook not in answers:
            answers[item.notebook] = _answers(cohort, trainee, module, item.notebook)
        earned, out_of = scores.get((item.notebook, cell), (None, None))
        points = _points(earned, out_of) if show_points else ""
        if item.kind == "check":
            given = answers[item.notebook].get(item.exercise)
            page.checks.append(check_feedback(item, given, earned, out_of, points))
        else:
            mark = marks.get((trainee, item.notebook, cell))
            page.reflections.append(reflection_feedback(item, mark, rubric, points))
    return pages


def any_reflection(items: ModuleItems) -> bool:
    """Whether a module has a reflection marked against its rubric."""
    return any(item.kind == "reflection" for item in items.items.values())


def check_feedback(
    item: Item, given: Any, earned: float | None, out_of: float | None, points: str
) -> CheckFeedback:
    """A knowledge check in words: what was chosen, whether it was right, and why."""
    spec = item.spec
    answered = given not in (None, "", [], {})
    if not answered:
        return CheckFeedback(item.prompt, False, "not yet", points=points)
    if earned is not None and out_of and earned >= out_of:
        result = "right"
    elif earned:
        result = "partly"
    else:
        result = "not yet"
    kind = spec.get("kind")
    feedback = spec.get("feedback")
    teaching = [feedback] if isinstance(feedback, str) and feedback else []
    if kind == "choice":
        options = spec.get("options", {})
        keys = sorted(given) if isinstance(given, list) else [given]
        chosen = [options.get(key, str(key)) for key in keys]
        teaching = [feedback[k] for k in keys if isinstance(feedback, dict) and k in feedback]
        right = spec.get("answer")
        right_keys = sorted(right) if isinstance(right, list) else [right] if right else []
        suggested = [options[k] for k in right_keys if k in options] if result != "right" else []
    elif kind == "order":
        steps, right_order = shuffled_steps(Order.model_validate(spec))
        chosen = [steps.get(key, str(key)) for key in (given if isinstance(given, list) else [])]
        suggested = [steps[key] for key in right_order] if result != "right" else []
    elif kind == "match":
        statements, categories = spec.get("statements", {}), spec.get("categories", {})
        given = given if isinstance(given, dict) else {}
        chosen = [
            f"{text}: {categories.get(given.get(key), 'not matched')}"
            for key, text in statements.items()
        ]
        right = spec.get("answer") or {}
        suggested = [
            f"{statements[key]}: {categories.get(category, category)}"
            for key, category in right.items()
            if key in statements and given.get(key) != category
        ]
        why = feedback if isinstance(feedback, dict) else {}
        teaching = [f"{text}: {why[key]}" for key, text in statements.items() if key in why]
    else:
        chosen, suggested = [str(given)], []
    return CheckFeedback(item.prompt, True, result, chosen, suggested, teaching, points)


def reflection_feedback(
    item: Item, mark: ToMark | None, rubric: Any, points: str
) -> ReflectionFeedback:
    """A reflection in words: the trainee's own, then each criterion's level and the trainer's."""
    if mark is None:
        return ReflectionFeedback(item.prompt, "", False)
    if not mark.marked or rubric is None:
        return ReflectionFeedback(item.prompt, mark.answer, False)
    labels = {level.id: level.label for level in rubric.levels}
    levels = [
        CriterionLevel(criterion.name, labels[chosen], criterion.descriptors[chosen])
        for criterion in rubric.criteria
        if (chosen := mark.levels.get(criterion.id)) in labels
    ]
    words = trainer_words(mark.comment) if levels else mark.comment.strip()
    return ReflectionFeedback(item.prompt, mark.answer, True, levels, words, points)


def _module_items(cohort: Path, module: str) -> ModuleItems:
    try:
        found = load_item_map(cohort).modules.get(module)
    except ItemMapUnreadable as error:
        raise CohortError(str(error)) from error
    if found is None:
        raise CohortError(
            f"this cohort has no record of what {module}'s questions are (items.json). "
            "It was made by an older version: make the cohort again to send plain feedback"
        )
    return found


def _scores(
    settings: CohortSettings, module: str, trainee: str
) -> dict[tuple[str, str], tuple[float, float]]:
    """(notebook, cell) -> (points earned, points possible) from the gradebook."""
    found = {}
    with gradebook(settings) as book:
        try:
            submission = book.find_submission(module, trainee)
        except MissingEntry:
            return {}
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                found[(notebook.name, grade.cell.name)] = (grade.score, grade.max_score)
    return found


def _answers(cohort: Path, trainee: str, module: str, notebook: str) -> dict[str, Any]:
    folder = cohort / "autograded" / trainee / module
    try:
        return read_answers(response_path(folder, notebook))
    except (OSError, AnswersUnreadable):
        return {}


def _points(earned: float | None, out_of: float | None) -> str:
    if earned is None or not out_of:
        return ""
    return f"{earned:g} of {out_of:g} point{'s' if out_of != 1 else ''}"


def _submitted(cohort: Path, autograded: Path) -> Path:
    """The hand-in folder an autograded folder came from (it holds nbgrader's timestamp)."""
    return cohort / "submitted" / autograded.parent.name / autograded.name
