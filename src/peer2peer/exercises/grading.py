"""What hidden autograder tests call: read an answer, give a score nbgrader understands."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from peer2peer.exercises.session import current


def model_answer(exercise_id: str, value: Any) -> None:
    """Set the model answer shown in the instructor's (source) version of a notebook."""
    current().model_answers[exercise_id] = value


def answer(exercise_id: str) -> Any:
    """The trainee's answer to an exercise, or None."""
    return current().get(exercise_id)


def answered(exercise_id: str) -> bool:
    """True when the trainee has given any answer to the exercise."""
    value = answer(exercise_id)
    return value not in (None, "", [])


def choice(exercise_id: str) -> Any:
    """The option key (or sorted list of keys) the trainee chose, or None."""
    value = answer(exercise_id)
    return sorted(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class Score:
    """A knowledge-check result: nbgrader reads the number, the trainee reads the words."""

    points: float
    out_of: float
    message: str

    def __repr__(self) -> str:
        # nbgrader takes an autograder cell's plain-text result as its partial credit.
        return repr(float(self.points))

    def _repr_html_(self) -> str:
        return (
            f'<div class="p2p-score"><p><strong>{self.points:g} of {self.out_of:g}</strong></p>'
            f"{self.message}</div>"
        )


def grade_choice(
    exercise_id: str, right: list[str], points: float, feedback: dict[str, str] | None = None
) -> Score:
    """Score a choice: full points for the right option(s), part points for some right ones."""
    feedback = feedback or {}
    given = answer(exercise_id)
    chosen = set(given if isinstance(given, list) else [given] if given else [])
    if not chosen:
        return Score(0.0, points, "<p>This question was not answered.</p>")
    wanted = set(right)
    share = (len(chosen & wanted) - len(chosen - wanted)) / len(wanted)
    earned = round(points * max(share, 0.0), 2)
    words = "".join(f"<p>{html.escape(feedback[k])}</p>" for k in sorted(chosen) if k in feedback)
    return Score(earned, points, words or "<p>Thank you for answering.</p>")


def grade_order(
    exercise_id: str,
    right: list[str],
    points: float,
    items: dict[str, str] | None = None,
    by: str = "place",
    any_order: list[list[str]] | None = None,
    feedback: str | None = None,
) -> Score:
    """Score an order: points for each step in its right place, or (`by="pairs"`) for each
    pair of steps in the right order, where steps in an `any_order` group may swap freely.

    The trainee reads the suggested order when theirs differs, and the author's feedback.
    """
    given = answer(exercise_id) or []
    if not given:
        return Score(0.0, points, "<p>This question was not answered.</p>")
    words = items or {}
    steps = "".join(f"<li>{html.escape(words.get(key, key))}</li>" for key in right)
    suggested = f"<ol>{steps}</ol>"
    if by == "pairs":
        pairs = order_pairs(right, any_order or [])
        place = {key: index for index, key in enumerate(given)}
        kept = sum(1 for a, b in pairs if a in place and b in place and place[a] < place[b])
        earned = round(points * kept / len(pairs), 2) if pairs else points
        if kept == len(pairs):
            message = "<p>Your steps are in an order that works.</p>"
        else:
            message = (
                "<p>Some steps are not yet in an order that works. A suggested order:</p>"
                f"{suggested}{_any_order_note(right, any_order or [])}"
            )
    else:
        placed = sum(
            1 for index, key in enumerate(right) if index < len(given) and given[index] == key
        )
        earned = round(points * placed / len(right), 2)
        message = f"<p>{placed} of {len(right)} steps in the suggested place.</p>"
        if placed < len(right):
            message += f"<p>The suggested order:</p>{suggested}"
    if feedback:
        message += f"<p>{html.escape(feedback)}</p>"
    return Score(earned, points, message)


def order_pairs(right: list[str], any_order: list[list[str]]) -> list[tuple[str, str]]:
    """The (earlier, later) pairs of steps whose order counts: all but those within a group."""
    group_of = {key: number for number, group in enumerate(any_order) for key in group}
    return [
        (a, b)
        for index, a in enumerate(right)
        for b in right[index + 1 :]
        if a not in group_of or group_of[a] != group_of.get(b)
    ]


def _any_order_note(right: list[str], any_order: list[list[str]]) -> str:
    """Which steps of the suggested order may come in any order, by their numbers."""
    notes = []
    for group in any_order:
        numbers = sorted(right.index(key) + 1 for key in group if key in right)
        if len(numbers) < 2:
            continue
        joined = (
            f"{numbers[0]} and {numbers[1]}"
            if len(numbers) == 2
            else (f"{numbers[0]} to {numbers[-1]}")
        )
        notes.append(f"<p>Steps {joined} can come in any order.</p>")
    return "".join(notes)


def grade_match(
    exercise_id: str,
    right: dict[str, str],
    points: float,
    statements: dict[str, str] | None = None,
    categories: dict[str, str] | None = None,
    feedback: dict[str, str] | None = None,
) -> Score:
    """Score a match: points for each statement matched as suggested; misses are explained.

    With the author's `feedback` (by statement), every statement is listed with why it
    belongs where it does; without it, only the misses, with their suggested match.
    """
    given = answer(exercise_id) or {}
    if not given:
        return Score(0.0, points, "<p>This question was not answered.</p>")
    statements, categories, feedback = statements or {}, categories or {}, feedback or {}
    matched = [key for key, category in right.items() if given.get(key) == category]
    earned = round(points * len(matched) / len(right), 2)
    message = f"<p>{len(matched)} of {len(right)} matched as suggested.</p>"

    def name(category: str) -> str:
        return html.escape(categories.get(category, category))

    rows = []
    for key, category in right.items():
        if key in matched and key not in feedback:
            continue
        said = f"<strong>{html.escape(statements.get(key, key))}</strong> "
        if key in matched:
            said += f"You matched this with {name(category)}, as suggested."
        elif given.get(key):
            said += (
                f"You matched this with {name(given[key])}. "
                f"The suggested match is {name(category)}."
            )
        else:
            said += f"Not matched. The suggested match is {name(category)}."
        if key in feedback:
            said += f" {html.escape(feedback[key])}"
        rows.append(f"<li>{said}</li>")
    if rows:
        lead = "How each one matches:" if feedback else "The suggested matches for the others:"
        message += f"<p>{lead}</p><ul>{''.join(rows)}</ul>"
    return Score(earned, points, message)
