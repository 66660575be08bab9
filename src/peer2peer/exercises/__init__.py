"""Exercises for notebooks: one call each, answers saved beside the notebook.

A built notebook starts with `ex.start("lesson")`, then calls `ex.reflection(...)`,
`ex.scale(...)` or `ex.choice(...)` once per exercise. Hidden autograder tests call
`ex.grade_choice(...)`; the source version sets answers with `ex.model_answer(...)`.
"""

from . import grading as check
from .grading import Score, grade_choice, model_answer
from .session import start
from .widgets import choice, reflection, scale

__all__ = [
    "Score",
    "check",
    "choice",
    "grade_choice",
    "model_answer",
    "reflection",
    "scale",
    "start",
]
