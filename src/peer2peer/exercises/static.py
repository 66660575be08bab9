"""Static HTML copies of answers, for grading and feedback: every trainee word escaped."""

from __future__ import annotations

from html import escape
from typing import Any

NOT_ANSWERED = "<p><em>Not answered yet.</em></p>"


def _text(value: str) -> str:
    return f'<div style="white-space: pre-wrap">{escape(value)}</div>'


def reflection(value: Any, min_words: int | None = None) -> str:
    """A reflection as written, with its word count."""
    if not value:
        return "<p><em>No answer written yet.</em></p>"
    count = len(str(value).split())
    aim = f" (aim: about {min_words})" if min_words else ""
    return f"{_text(str(value))}<p>{count} words{aim}</p>"


def scale(value: Any, low: str, high: str, minimum: int, maximum: int) -> str:
    """A rating with what its ends mean."""
    if value is None:
        return "<p><em>Not rated yet.</em></p>"
    return (
        f"<p>Rating: <strong>{escape(str(value))}</strong> "
        f"({minimum} = {escape(low)}, {maximum} = {escape(high)})</p>"
    )


def choice(value: Any, options: dict[str, str]) -> str:
    """The options chosen, in words."""
    keys = value if isinstance(value, list) else [value] if value else []
    if not keys:
        return NOT_ANSWERED
    items = "".join(f"<li>{escape(options.get(key, str(key)))}</li>" for key in keys)
    return f"<p>Chosen:</p><ul>{items}</ul>"


def order(value: Any, items: dict[str, str]) -> str:
    """The order the trainee put the steps in."""
    if not value:
        return NOT_ANSWERED
    steps = "".join(f"<li>{escape(items.get(key, str(key)))}</li>" for key in value)
    return f"<p>Order given:</p><ol>{steps}</ol>"


def match(value: Any, statements: dict[str, str], categories: dict[str, str]) -> str:
    """Each statement with the category the trainee matched it to."""
    if not value:
        return NOT_ANSWERED
    rows = "".join(
        f"<li>{escape(text)}: <strong>{escape(categories.get(value.get(key), 'not matched'))}"
        "</strong></li>"
        for key, text in statements.items()
    )
    return f"<ul>{rows}</ul>"


def story(record: Any, sections: dict[str, dict[str, str]], audiences: dict[str, str]) -> str:
    """A story as its author chose to share it; nothing of a private or withdrawn one."""
    if not record:
        return "<p><em>No story written yet.</em></p>"
    if record.get("withdrawn"):
        return f"<p><em>The author withdrew this story ({escape(record['withdrawn_at'])}).</em></p>"
    if record.get("audience", "only-me") == "only-me":
        return "<p><em>This story is private. Only its author can see it.</em></p>"
    notes = ", ".join(record.get("content_notes", [])) or "none"
    parts = [
        f"<p>Shared with: <strong>{escape(audiences.get(record['audience'], ''))}</strong>. "
        f"Name shown: {escape(record.get('naming', 'anonymous'))}. "
        f"Content notes: {escape(notes)}.</p>"
    ]
    for key, section in sections.items():
        text = record.get("sections", {}).get(key, "")
        parts.append(f"<h4>{escape(section['title'])}</h4>{_text(text) if text else '<p>-</p>'}")
    return "".join(parts)
