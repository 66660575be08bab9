"""Exercises for notebooks: one call each, answers saved beside the notebook.

A built notebook starts with `ex.start("lesson", module="01-recovery")`, then calls one
function per exercise (`ex.reflection`, `ex.scale`, `ex.choice`, `ex.order`, `ex.match`,
`ex.story`, `ex.private_writing`). Hidden autograder tests call `ex.grade_choice`,
`ex.grade_order` or `ex.grade_match`; the source version sets model answers with
`ex.model_answer`.
Assessments read answers only through `ex.check` (`check.answered("q3")`, `check.choice("q4")`).
"""

from peer2peer.exercises import grading as check
from peer2peer.exercises.grading import Score, grade_choice, grade_match, grade_order, model_answer
from peer2peer.exercises.only_me import private_writing
from peer2peer.exercises.session import start
from peer2peer.exercises.story_builder import story
from peer2peer.exercises.widgets import choice, match, order, reflection, scale

__all__ = [
    "Score",
    "check",
    "choice",
    "grade_choice",
    "grade_match",
    "grade_order",
    "match",
    "model_answer",
    "order",
    "private_writing",
    "reflection",
    "scale",
    "start",
    "story",
]
