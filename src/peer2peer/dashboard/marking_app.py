"""The marking app: a Voila page where a trainer marks one module's reflections in turn.

Everything a trainee wrote goes through a template that escapes it: it is text, never markup.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets

from peer2peer.cohort.marking import load_rubric, to_mark
from peer2peer.cohort.settings import CohortError, NotACohort, load_settings
from peer2peer.curriculum.myst import plain_text
from peer2peer.dashboard.fitting import fitting, row
from peer2peer.dashboard.marking_session import MarkingSession, markable_modules
from peer2peer.dashboard.templating import render
from peer2peer.shared.visit import before_visit, wait_for_visit

COHORT_VARIABLE = "PEER2PEER_COHORT"
MODULE_VARIABLE = "PEER2PEER_MODULE"


class MarkingApp:
    """The widgets of the marking page, wired to a MarkingSession."""

    def __init__(self, session: MarkingSession):
        self.session = session
        self.heading = widgets.HTML()
        self.progress = widgets.HTML()
        self.queue = widgets.Dropdown(description="Trainee", layout=fitting("32em"))
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
                layout=fitting("60em"),
            )
            for c in session.rubric.criteria
        }
        self.bank = widgets.Dropdown(
            options=[("Choose a comment from the bank", "")]
            + [(text, text) for text in session.rubric.comment_bank],
            description="Comment bank",
            style={"description_width": "initial"},
            layout=fitting("40em"),
        )
        self.add_comment = widgets.Button(
            description="Add to my words", icon="plus", layout=widgets.Layout(width="auto")
        )
        self.words = widgets.Textarea(
            description="Your words",
            placeholder="What the trainee did well, and one thing to try next time.",
            layout=fitting("40em", height="8em"),
            # The words reach the page's kernel whole when the box loses focus, and so before
            # a Save pressed next. Sent at each key instead, the last keys of a busy page wait
            # behind the earlier ones while the Save's click goes ahead, and the saved
            # comment loses its end.
            continuous_update=False,
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
                widgets.HTML(render("marking_criterion.html", criterion=criterion)),
                self.criteria[criterion.id],
            ]
        return widgets.VBox(
            [
                widgets.HTML(render("marking_style.html")),
                self.heading,
                self.progress,
                row(self.previous, self.queue, self.next),
                widgets.HTML("<h2>The question</h2>"),
                self.prompt,
                widgets.HTML("<h2>Their answer</h2>"),
                self.answer,
                widgets.HTML("<h2>Rubric</h2>"),
                *rubric_rows,
                widgets.HTML("<h2>Feedback</h2>"),
                row(self.bank, self.add_comment),
                self.words,
                row(self.save, self.save_next),
                self.status,
            ]
        )

    def show_current(self) -> None:
        """Fill the page with the reflection the session points at."""
        session = self.session
        self._showing = True
        marked, total = session.counts()
        self.heading.value = render("marking_heading.html", module=session.module)
        self.progress.value = render("marking_progress.html", marked=marked, total=total)
        self.queue.options = [(session.label(i), i) for i in range(total)]
        item = session.current
        if item is None:
            self.queue.value = None
            self.prompt.value = ""
            self.answer.value = render("marking_answer.html", answer=None)
            self._showing = False
            return
        self.queue.value = session.position
        self.prompt.value = render("marking_prompt.html", prompt=plain_text(item.prompt))
        self.answer.value = render("marking_answer.html", answer=item.answer.strip())
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
            self.status.value = render("marking_problem.html", words=f"{error}.")
            return
        except Exception:  # noqa: BLE001 - the trainer needs words, not a traceback
            self.status.value = render(
                "marking_problem.html",
                words="The mark could not be saved. Your choices are still on the page: "
                "please try again in a moment.",
            )
            return
        following = self.session.next_to_mark() if go_next else None
        if following is not None:
            self.session.go_to(following)
        self.show_current()
        if following is not None:
            self.queue.focus()  # the list now names the next trainee: start there
        self.status.value = render(
            "marking_saved.html",
            name=self.session.names.get(item.trainee) or item.trainee,
            score=score,
            points=item.points,
            finished=go_next and following is None,
        )


def _read_ahead() -> None:
    """Read a module's marking queue once, before the visit (see `before_visit`); no writing."""
    cohort = Path(os.environ.get(COHORT_VARIABLE, ""))
    settings = load_settings(cohort)
    for module in markable_modules(cohort, settings)[:1]:
        to_mark(cohort, settings, module)
        load_rubric(cohort, module)


def marking_page() -> widgets.Widget:
    """The page for the cohort and module named by the server's settings or the link."""
    before_visit(_read_ahead)
    wait_for_visit()  # run ahead of need: marks saved meanwhile are read at the visit
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

    # One page per module, kept: moving through the modules (the arrow keys do, at each
    # press) never loses levels or words chosen but not yet saved.
    shown = {session.module: MarkingApp(session).layout()}

    def switch(change: dict) -> None:
        module = change["new"]
        if module not in shown:
            page.children = (chooser, _message("Opening the module..."))
            shown[module] = MarkingApp(MarkingSession.open(session.cohort, module)).layout()
        page.children = (chooser, shown[module])

    chooser.observe(switch, names="value")
    page.children = (chooser, shown[session.module])
    return page


def _message(text: str) -> widgets.Widget:
    return widgets.HTML(render("marking_message.html", words=text))
