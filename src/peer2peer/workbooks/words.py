"""The words a workbook says around the lesson's own: plain, warm, and the same in PDF and Word."""

from __future__ import annotations

QUESTION = "Question"
GLOSSARY_TITLE = "Words used in this course"
GLOSSARY_WHERE = f"the list **{GLOSSARY_TITLE}** at the end of this workbook"
SUPPORT_TITLE = "Support while you work"

HOW_TO_USE = (
    "This workbook has the lesson and the assessment of this module, to read and write "
    "on paper or on your own computer. Each question has a box, tick boxes or numbers for "
    "your answer. Take your time. You can stop and come back at any time."
)
FILLED = (
    "Your answers are filled in, as you handed them in. This copy has your own words in it, "
    "so keep it somewhere safe."
)
FILLED_WITH_PRIVATE = (
    "Your answers are filled in, with the writing you kept private, because you asked for "
    "it. Only you should see this copy: keep it somewhere safe."
)
NOT_ANSWERED = "(No answer given.)"
KEPT_PRIVATE = (
    "You kept this private, so it is not shown here. You can make a copy with it in, "
    "for yourself alone."
)
WITHDRAWN = "You withdrew this story, so it is not shown here."
COUNTS = "This question is part of the assessment."

CHOOSE_ONE = "Tick one box."
CHOOSE_SEVERAL = "Tick every box that fits."
ORDER = (
    "Put these in order. Write 1 in the box next to what comes first, 2 next to what "
    "comes next, and so on."
)
MATCH = (
    "Each sentence fits one of the groups in the list, named A, B, C and so on. "
    "Write the letter of the group that fits best in the box next to each sentence."
)
MY_NUMBER = "My number:"
STORY = (
    "Write as much or as little as you like in each part. Your story belongs to you. "
    "On paper, you decide who sees it."
)
PRIVATE = (
    "This is for you alone. Nobody else needs to see it, and you do not hand it in. "
    "Keep it somewhere safe."
)
YOUR_WORDS = "Your words"
AS_MUCH_AS_YOU_LIKE = "Write as much or as little as you like."
YOUR_ANSWER = "Your answer"


def reflection_how(min_words: int | None) -> str:
    """How to answer a piece of writing."""
    if min_words:
        return f"Write your answer in the box. Try to write about {min_words} words or more."
    return "Write your answer in the box."


def scale_how(low: int, low_words: str, high: int, high_words: str) -> str:
    """How to answer a scale: which number means what."""
    return f"Circle one number. {low} means {_said(low_words)}. {high} means {_said(high_words)}."


def _said(words: str) -> str:
    """Label words inside a sentence: lower-case first letter, no full stop at the end."""
    words = words.strip().rstrip(".")
    if words[:1].isupper() and words[1:2].islower():
        words = words[0].lower() + words[1:]
    return f'"{words}"'


def part_heading(kind: str) -> str:
    """What a part is called above its title."""
    return "The lesson" if kind == "lesson" else "The assessment"


def module_line(number: str, course: str, organisation: str) -> str:
    """The line under the workbook's title."""
    said = f"Module {number} workbook. {course}"
    return f"{said}, {organisation}." if organisation else f"{said}."


def filled_line(label: str) -> str:
    """Whose answers a filled workbook holds."""
    return f"Answers of {label}."
