"""Static HTML copies of answers, for grading and feedback: every trainee word escaped.

The HTML comes from the templates in exercises/templates/, which escape everything they are
given (`peer2peer.shared.templating`). It runs inside nbgrader's kernels during grading.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from peer2peer.shared.templating import environment

PACKAGE = "peer2peer.exercises"


def _render(name: str, /, **context: Any) -> Markup:
    return Markup(environment(PACKAGE).get_template(name).render(**context))


def reflection(value: Any, min_words: int | None = None) -> Markup:
    """A reflection as written, with its word count."""
    return _render("reflection.html", value=str(value) if value else "", min_words=min_words)


def scale(value: Any, low: str, high: str, minimum: int, maximum: int) -> Markup:
    """A rating with what its ends mean."""
    return _render("scale.html", value=value, low=low, high=high, minimum=minimum, maximum=maximum)


def choice(value: Any, options: dict[str, str]) -> Markup:
    """The options chosen, in words."""
    keys = value if isinstance(value, list) else [value] if value else []
    return _render("choice.html", chosen=[options.get(key, str(key)) for key in keys])


def order(value: Any, items: dict[str, str]) -> Markup:
    """The order the trainee put the steps in."""
    return _render("order.html", steps=[items.get(key, str(key)) for key in value or []])


def match(value: Any, statements: dict[str, str], categories: dict[str, str]) -> Markup:
    """Each statement with the category the trainee matched it to."""
    chosen = value or {}
    pairs = [
        (text, categories.get(chosen.get(key), "not matched")) for key, text in statements.items()
    ]
    return _render("match.html", answered=bool(value), pairs=pairs)


def story(record: Any, sections: dict[str, dict[str, str]], audiences: dict[str, str]) -> Markup:
    """A story as its author chose to share it; nothing of a private or withdrawn one."""
    return _render("story.html", record=record, sections=sections, audiences=audiences)
