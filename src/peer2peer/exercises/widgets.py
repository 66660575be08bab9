"""The exercises a trainee sees: each a widget, with a static HTML copy for headless runs."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from .session import current


def _show(widget: widgets.Widget, static_html: str) -> widgets.Widget:
    """Display `widget` live; where no widget can render (grading, feedback) the HTML shows."""
    bundle = dict(widget._repr_mimebundle_())
    bundle["text/html"] = f'<div class="p2p-answer">{static_html}</div>'
    display(bundle, raw=True)
    return widget


def _escaped(text: str) -> str:
    return f'<div style="white-space: pre-wrap">{html.escape(text)}</div>'


def _count_words(text: str) -> int:
    return len(text.split())


def _word_note(text: str, min_words: int | None) -> str:
    count = _count_words(text)
    note = f"{count} word{'s' if count != 1 else ''}"
    if min_words:
        note += f" (aim for about {min_words})"
    return note


def reflection(exercise_id: str, min_words: int | None = None) -> widgets.Widget:
    """A large text box for the trainee's own words, saved as they type."""
    session = current()
    saved = session.get(exercise_id) or ""
    box = widgets.Textarea(
        value=saved,
        description="Your answer",
        placeholder="Write here. Your words are saved as you type.",
        layout=widgets.Layout(width="100%", height="12em"),
        style={"description_width": "initial"},
    )
    status = widgets.HTML(html.escape(_word_note(saved, min_words)))

    def on_change(change: dict[str, Any]) -> None:
        session.set(exercise_id, change["new"])
        status.value = html.escape(_word_note(change["new"], min_words) + " · saved")

    box.observe(on_change, names="value")
    static = _escaped(saved) if saved else "<em>No answer written yet.</em>"
    return _show(widgets.VBox([box, status]), static + f"<p>{_word_note(saved, min_words)}</p>")


def scale(exercise_id: str, low: str, high: str, min: int = 1, max: int = 10) -> widgets.Widget:
    """A self-rating from `min` (meaning `low`) to `max` (meaning `high`)."""
    session = current()
    saved = session.get(exercise_id)
    slider = widgets.IntSlider(
        value=saved if saved is not None else (min + max) // 2,
        min=min,
        max=max,
        description="Your rating",
        style={"description_width": "initial"},
    )
    ends = widgets.HTML(f"{min} = {html.escape(low)}, {max} = {html.escape(high)}")
    slider.observe(lambda change: session.set(exercise_id, change["new"]), names="value")
    static = (
        f"<p>Rating: <strong>{saved}</strong> ({min} = {html.escape(low)}, "
        f"{max} = {html.escape(high)})</p>"
        if saved is not None
        else "<em>Not rated yet.</em>"
    )
    return _show(widgets.VBox([slider, ends]), static)


def choice(
    exercise_id: str,
    options: dict[str, str],
    multiple: bool = False,
    feedback: dict[str, str] | None = None,
) -> widgets.Widget:
    """Option buttons (or tick boxes when `multiple`), with feedback after answering."""
    session = current()
    saved = session.get(exercise_id)
    feedback = feedback or {}
    note = widgets.HTML(_feedback_html(saved, feedback))
    if multiple:
        chosen = set(saved or [])
        boxes = {
            key: widgets.Checkbox(value=key in chosen, description=text, indent=False)
            for key, text in options.items()
        }

        def on_tick(_: dict[str, Any]) -> None:
            value = sorted(key for key, box in boxes.items() if box.value)
            session.set(exercise_id, value)
            note.value = _feedback_html(value, feedback)

        for box in boxes.values():
            box.observe(on_tick, names="value")
        control: widgets.Widget = widgets.VBox(list(boxes.values()))
    else:
        labels = {text: key for key, text in options.items()}
        control = widgets.RadioButtons(
            options=list(labels),
            value=options.get(saved) if saved else None,
            description="Your answer",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )

        def on_pick(change: dict[str, Any]) -> None:
            key = labels[change["new"]]
            session.set(exercise_id, key)
            note.value = _feedback_html(key, feedback)

        control.observe(on_pick, names="value")
    return _show(widgets.VBox([control, note]), _static_choice(saved, options))


def _feedback_html(answer: Any, feedback: dict[str, str]) -> str:
    keys = answer if isinstance(answer, list) else [answer] if answer else []
    return "".join(f"<p>{html.escape(feedback[key])}</p>" for key in keys if key in feedback)


def _static_choice(answer: Any, options: dict[str, str]) -> str:
    keys = answer if isinstance(answer, list) else [answer] if answer else []
    if not keys:
        return "<em>Not answered yet.</em>"
    chosen = "".join(f"<li>{html.escape(options.get(k, k))}</li>" for k in keys)
    return f"<p>Chosen:</p><ul>{chosen}</ul>"
