"""What hidden autograder tests call: read an answer, give a score nbgrader understands."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from .session import current


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
