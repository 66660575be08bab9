"""The exercises a notebook shows, one call each: answers are saved as the trainee works."""

from __future__ import annotations

from peer2peer.exercises import static
from peer2peer.exercises.session import current
from peer2peer.exercises.widget import show


def _save_to(exercise_id: str):
    session = current()
    return lambda value, accept: session.set(exercise_id, value, accept)


def reflection(exercise_id: str, prompt: str = "", min_words: int | None = None) -> None:
    """A large box for the trainee's own words, with a word count."""
    session = current()
    value = session.get(exercise_id) or ""
    show(
        exercise_id,
        "reflection",
        {"prompt": prompt, "min_words": min_words},
        value,
        _save_to(exercise_id),
        static.reflection(value, min_words),
        session.notice,
    )


def scale(
    exercise_id: str, low: str, high: str, min: int = 1, max: int = 10, prompt: str = ""
) -> None:
    """A self-rating from `min` (meaning `low`) to `max` (meaning `high`)."""
    session = current()
    value = session.get(exercise_id)
    config = {"prompt": prompt, "low": low, "high": high, "min": min, "max": max}
    show(
        exercise_id,
        "scale",
        config,
        value,
        _save_to(exercise_id),
        static.scale(value, low, high, min, max),
    )


def choice(
    exercise_id: str,
    options: dict[str, str],
    multiple: bool = False,
    feedback: dict[str, str] | None = None,
    prompt: str = "",
) -> None:
    """Option buttons (tick boxes when `multiple`), with feedback after answering if given."""
    value = current().get(exercise_id)
    config = {"prompt": prompt, "options": options, "multiple": multiple, "feedback": feedback}
    show(exercise_id, "choice", config, value, _save_to(exercise_id), static.choice(value, options))


def order(
    exercise_id: str,
    items: dict[str, str],
    solution: list[str] | None = None,
    prompt: str = "",
    feedback: str | None = None,
) -> None:
    """Steps to order with Up and Down buttons; a `solution` lets a lesson say when it is right.

    A lesson's `feedback` (why the order is as it is) goes with the config, for the page.
    """
    value = current().get(exercise_id)
    config = {"prompt": prompt, "items": items, "solution": solution, "feedback": feedback}
    show(exercise_id, "order", config, value, _save_to(exercise_id), static.order(value, items))


def match(
    exercise_id: str,
    statements: dict[str, str],
    categories: dict[str, str],
    solution: dict[str, str] | None = None,
    prompt: str = "",
    feedback: dict[str, str] | None = None,
) -> None:
    """A list to choose from beside each statement; `solution` lets a lesson say how many match.

    A lesson's `feedback` (by statement) goes with the config, for the page.
    """
    value = current().get(exercise_id)
    config = {
        "prompt": prompt,
        "statements": statements,
        "categories": categories,
        "solution": solution,
        "feedback": feedback,
    }
    html = static.match(value, statements, categories)
    show(exercise_id, "match", config, value, _save_to(exercise_id), html)
