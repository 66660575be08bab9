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
    exercise_id: str, right: list[str], points: float, items: dict[str, str] | None = None
) -> Score:
    """Score an order: points for each step in its right place; the right order is shown."""
    given = answer(exercise_id) or []
    if not given:
        return Score(0.0, points, "<p>This question was not answered.</p>")
    placed = sum(1 for index, key in enumerate(right) if index < len(given) and given[index] == key)
    earned = round(points * placed / len(right), 2)
    steps = "".join(f"<li>{html.escape((items or {}).get(key, key))}</li>" for key in right)
    message = f"<p>{placed} of {len(right)} steps in the suggested place.</p>"
    if placed < len(right):
        message += f"<p>The suggested order:</p><ol>{steps}</ol>"
    return Score(earned, points, message)


def grade_match(
    exercise_id: str,
    right: dict[str, str],
    points: float,
    statements: dict[str, str] | None = None,
    categories: dict[str, str] | None = None,
) -> Score:
    """Score a match: points for each statement matched as suggested; misses are explained."""
    given = answer(exercise_id) or {}
    if not given:
        return Score(0.0, points, "<p>This question was not answered.</p>")
    matched = [key for key, category in right.items() if given.get(key) == category]
    earned = round(points * len(matched) / len(right), 2)
    misses = "".join(
        f"<li>{html.escape((statements or {}).get(key, key))}: "
        f"{html.escape((categories or {}).get(category, category))}</li>"
        for key, category in right.items()
        if key not in matched
    )
    message = f"<p>{len(matched)} of {len(right)} matched as suggested.</p>"
    if misses:
        message += f"<p>The suggested matches for the others:</p><ul>{misses}</ul>"
    return Score(earned, points, message)
