"""The marking app: a Voila page where a trainer marks one module's reflections in turn.

Everything a trainee wrote is escaped before it is shown: it is text, never markup.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets

from peer2peer.cohort.settings import CohortError, NotACohort
from peer2peer.curriculum.myst import plain_text
from peer2peer.dashboard.marking_session import MarkingSession, markable_modules

COHORT_VARIABLE = "PEER2PEER_COHORT"
MODULE_VARIABLE = "PEER2PEER_MODULE"

STYLE = """<style>
.p2p-answer { white-space: pre-wrap; border: 1px solid #8a8a8a; border-radius: 6px;
  padding: 12px; background: #fafafa; color: #1a1a1a; max-width: 60em; line-height: 1.5; }
.p2p-prompt { color: #1a1a1a; max-width: 60em; }
.p2p-status-ok { color: #1b5e20; font-weight: bold; }
.p2p-status-problem { color: #8b0000; font-weight: bold; }
.widget-radio-box label { min-height: 32px; display: flex; flex-direction: row-reverse;
  justify-content: flex-end; align-items: center; white-space: normal; line-height: 1.3; }
.widget-radio-box input[type=radio] { flex: none; width: 22px; height: 22px; margin: 4px 10px; }
</style>"""


class MarkingApp:
    """The widgets of the marking page, wired to a MarkingSession."""

    def __init__(self, session: MarkingSession):
        self.session = session
        self.heading = widgets.HTML()
        self.progress = widgets.HTML()
        self.queue = widgets.Dropdown(description="Trainee", layout=widgets.Layout(width="32em"))
        self.previous = widgets.Button(description="Previous", icon="arrow-left")
        self.next = widgets.Button(description="Next", icon="arrow-right")
        self.prompt = widgets.HTML()
        self.answer = widgets.HTML()
        self.criteria = {
            c.id: widgets.RadioButtons(
                options=[
                    (f"{level.label}: {c.descriptors[level.id]}", level.id)
                    for level in session.rubric.levels
                ],
                index=None,
                layout=widgets.Layout(width="60em"),
            )
            for c in session.rubric.criteria
        }
        self.bank = widgets.Dropdown(
            options=[("Choose a comment from the bank", "")]
            + [(text, text) for text in session.rubric.comment_bank],
            description="Comment bank",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="40em"),
        )
        self.add_comment = widgets.Button(
            description="Add to my words", icon="plus", layout=widgets.Layout(width="auto")
        )
        self.words = widgets.Textarea(
            description="Your words",
            placeholder="What the trainee did well, and one thing to try next time.",
            layout=widgets.Layout(width="40em", height="8em"),
        )
        self.save = widgets.Button(description="Save mark", button_style="primary", icon="check")
        self.save_next = widgets.Button(
            description="Save and go to next", icon="forward", layout=widgets.Layout(width="auto")
        )
        self.status = widgets.HTML()
        self._showing = False
        self._wire()
        self.show_current()

    def _wire(self) -> None:
        self.queue.observe(self._on_choose, names="value")
        self.previous.on_click(lambda _: self._move(self.session.position - 1))
        self.next.on_click(lambda _: self._move(self.session.position + 1))
        self.add_comment.on_click(self._on_add_comment)
        self.save.on_click(lambda _: self._on_save(go_next=False))
        self.save_next.on_click(lambda _: self._on_save(go_next=True))

    def layout(self) -> widgets.Widget:
        """The whole page."""
        rubric_rows = []
        for criterion in self.session.rubric.criteria:
            rubric_rows += [
                widgets.HTML(
                    f"<h4 id='criterion-{criterion.id}'>{html.escape(criterion.name)}</h4>"
                ),
                self.criteria[criterion.id],
            ]
        return widgets.VBox(
            [
                widgets.HTML(STYLE),
                self.heading,
                self.progress,
                widgets.HBox([self.previous, self.queue, self.next]),
                widgets.HTML("<h3>The question</h3>"),
                self.prompt,
                widgets.HTML("<h3>Their answer</h3>"),
                self.answer,
                widgets.HTML("<h3>Rubric</h3>"),
                *rubric_rows,
                widgets.HTML("<h3>Feedback</h3>"),
                widgets.HBox([self.bank, self.add_comment]),
                self.words,
                widgets.HBox([self.save, self.save_next]),
                self.status,
            ]
        )

    def show_current(self) -> None:
        """Fill the page with the reflection the session points at."""
        session = self.session
        self._showing = True
        marked, total = session.counts()
        self.heading.value = f"<h2>Marking reflections: module {html.escape(session.module)}</h2>"
        self.progress.value = f"<p><strong>{marked} of {total}</strong> reflections marked.</p>"
        self.queue.options = [(session.label(i), i) for i in range(total)]
        item = session.current
        if item is None:
            self.queue.value = None
            self.prompt.value = ""
            self.answer.value = "<p>Nobody has handed in this module yet.</p>"
            self._showing = False
            return
        self.queue.value = session.position
        self.prompt.value = f"<div class='p2p-prompt'>{html.escape(plain_text(item.prompt))}</div>"
        answer = item.answer.strip()
        self.answer.value = (
            f"<div class='p2p-answer'>{html.escape(answer)}</div>"
            if answer
            else "<p><em>This trainee left the answer empty.</em></p>"
        )
        draft = session.draft()
        for criterion_id, buttons in self.criteria.items():
            buttons.value = draft.levels.get(criterion_id)
        self.words.value = draft.words
        self.bank.value = ""
        self._showing = False

    def _levels(self) -> dict[str, str]:
        return {c: b.value for c, b in self.criteria.items() if b.value is not None}

    def _move(self, index: int) -> None:
        self.session.keep_draft(self._levels(), self.words.value)
        self.session.go_to(index)
        self.status.value = ""
        self.show_current()

    def _on_choose(self, change: dict) -> None:
        if self._showing or change["new"] is None or change["new"] == self.session.position:
            return
        self._move(change["new"])

    def _on_add_comment(self, _: widgets.Button) -> None:
        if self.bank.value:
            self.words.value = (self.words.value.rstrip() + " " + self.bank.value).strip()
            self.bank.value = ""

    def _on_save(self, go_next: bool) -> None:
        item = self.session.current
        if item is None:
            return
        try:
            score = self.session.save(self._levels(), self.words.value)
        except CohortError as error:
            self.status.value = (
                f"<p class='p2p-status-problem' role='alert'>{html.escape(str(error))}.</p>"
            )
            return
        except Exception:  # noqa: BLE001 - the trainer needs words, not a traceback
            self.status.value = (
                "<p class='p2p-status-problem' role='alert'>The mark could not be saved. Your "
                "choices are still on the page: please try again in a moment.</p>"
            )
            return
        name = html.escape(self.session.names.get(item.trainee) or item.trainee)
        saved = f"Saved: {name} scores {score:g} of {item.points:g}."
        following = self.session.next_to_mark() if go_next else None
        if following is not None:
            self.session.go_to(following)
        self.show_current()
        if go_next and following is None:
            saved += " Every reflection in this module is marked."
        self.status.value = f"<p class='p2p-status-ok' role='status'>{saved}</p>"


def marking_page() -> widgets.Widget:
    """The page for the cohort and module named by the server's settings or the link."""
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    cohort = os.environ.get(COHORT_VARIABLE, "")
    module = (query.get("module") or [os.environ.get(MODULE_VARIABLE) or None])[0]
    if not cohort:
        return _message("No cohort was given. Start this page with: peer2peer mark COHORT_FOLDER")
    try:
        session = MarkingSession.open(Path(cohort), module)
    except (CohortError, NotACohort) as error:
        return _message(f"{error}.")
    trainee = (query.get("trainee") or [None])[0]
    for index, item in enumerate(session.items):
        if item.trainee == trainee:
            session.go_to(index)
            break
    page = widgets.VBox()
    chooser = widgets.Dropdown(
        options=markable_modules(session.cohort, session.settings),
        value=session.module,
        description="Module",
    )

    def switch(change: dict) -> None:
        page.children = (chooser, _message("Opening the module..."))
        page.children = (
            chooser,
            MarkingApp(MarkingSession.open(session.cohort, change["new"])).layout(),
        )

    chooser.observe(switch, names="value")
    page.children = (chooser, MarkingApp(session).layout())
    return page


def _message(text: str) -> widgets.Widget:
    return widgets.HTML(f"<p style='font-size:1.1em'>{html.escape(text)}</p>")
