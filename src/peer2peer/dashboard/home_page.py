"""A trainee's home page: their modules, due dates and states, hand-in, feedback and progress.

Served by the hub inside the trainee's own server, as the trainee (or on one computer by
`peer2peer home`). It reads only what the trainee may read: the modules released in
nbgrader's exchange, their letterbox (`peer2peer.shared.mailbox`: the status the trainer's side
posted for them alone), their feedback (through nbgrader's fetch_feedback) and their own
folder. It never opens the gradebook or the cohort folder.

The page is a list of sections (`SECTIONS`): each is a function of the `Home` that returns
a widget. A new section is one more entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle
from markupsafe import Markup
from traitlets.config import Config

from peer2peer.dashboard.fitting import row
from peer2peer.dashboard.home_state import (
    ModuleState,
    day_words,
    due_words,
    module_state,
    posted_module,
    usable,
    zone_of,
)
from peer2peer.dashboard.home_workbook import workbook_section
from peer2peer.dashboard.templating import feedback_fragment, render
from peer2peer.exercises.my_course import TraineeCourse
from peer2peer.shared.mailbox import letterbox, read_status
from peer2peer.shared.visit import wait_for_visit

#: The notebooks of a module, in the order the page offers them, with their link words.
NOTEBOOKS = {"lesson.ipynb": "Open", "assessment.ipynb": "Check what you learned"}
#: What each notebook is, when the page says what a hand-in sends.
NOTEBOOK_WORDS = {
    "lesson.ipynb": "the lesson",
    "assessment.ipynb": "Check what you learned",
}

# nbgrader is loaded only to fetch, hand in or read feedback: loading it (and nbformat's
# schema checker, which it brings) takes seconds, and most visits need neither.
FETCH, SUBMIT, FETCH_FEEDBACK = "ExchangeFetchAssignment", "ExchangeSubmit", "ExchangeFetchFeedback"
#: Time zone abbreviations nbgrader writes in its hand-in times (`%Z`), as offsets.
ZONE_ABBREVIATIONS = {"UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2}


@dataclass
class Course(TraineeCourse):
    """The course as a trainee's nbgrader settings name it, with the exchange's steps."""

    def released(self) -> list[str]:
        """The modules the trainer has released, in course order."""
        outbound = self.exchange / self.course_id / "outbound"
        if not outbound.is_dir():
            return []
        return sorted(p.name for p in outbound.iterdir() if p.is_dir())

    def config(self, module: str) -> Config:
        """nbgrader settings to fetch or hand in one module from the trainee's home."""
        config = Config()
        config.CourseDirectory.course_id = self.course_id
        config.CourseDirectory.root = str(self.home)
        config.CourseDirectory.assignment_id = module
        config.Exchange.root = str(self.exchange)
        config.Exchange.assignment_dir = str(self.home)
        config.Exchange.path_includes_course = False
        if self.trainee:
            config.CourseDirectory.student_id = self.trainee
        if self.cache:
            config.Exchange.cache = str(self.cache)
        return config

    def run(self, step: str, module: str) -> None:
        """Run one of nbgrader's exchange steps (FETCH, SUBMIT...) for a module, as this trainee."""
        from nbgrader.auth import Authenticator
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.exchange import default

        config = self.config(module)
        getattr(default, step)(
            coursedir=CourseDirectory(config=config),
            authenticator=Authenticator(config=config),
            config=config,
        ).start()

    def fetch_new(self) -> list[str]:
        """Fetch every released module not in the trainee's folder yet; return them."""
        new = [m for m in self.released() if not (self.home / m).exists()]
        for module in new:
            self.run(FETCH, module)
        return new

    def next_lesson(self) -> str | None:
        """The lesson the trainee most likely opens next ("01-recovery/lesson.ipynb"): that of
        the first module fetched and not handed in yet, else of the last one fetched."""
        fetched = [m for m in self.released() if (self.home / m / "lesson.ipynb").is_file()]
        waiting = [m for m in fetched if not self.handed_in(m)]
        chosen = (waiting or fetched or [None])[0 if waiting else -1]
        return f"{chosen}/lesson.ipynb" if chosen else None

    def handed_in(self, module: str) -> bool:
        """Whether the trainee has handed this module in (nbgrader keeps a copy for them)."""
        return self.last_handed_in(module) is not None

    def last_handed_in(self, module: str) -> datetime | None:
        """When the trainee last handed this module in, from nbgrader's copy; None if never."""
        times = []
        for folder in self.cache_folder().glob(f"*+{module}+*"):
            student, _, stamp = folder.name.split("+", 2)
            if self.trainee and student != self.trainee:
                continue
            found = hand_in_time(stamp)
            if found is not None:
                times.append(found)
        return max(times, default=None)

    def started(self, module: str) -> bool:
        """Whether the trainee has answered anything in a module (answers kept beside it)."""
        return any((self.home / module).glob("*.responses*"))

    def status(self) -> dict[str, Any] | None:
        """The status the trainer's side posted to this trainee, or None when there is none."""
        try:
            return usable(read_status(letterbox(self.exchange, self.course_id, self.student)))
        except Exception:  # noqa: BLE001 - no news is shown as no news, never as a failure
            return None

    def fetch_feedback(self, module: str) -> list[Markup]:
        """Fetch a module's feedback through nbgrader; its newest pages, ready to show."""
        self.run(FETCH_FEEDBACK, module)
        return newest_feedback(self.home / module / "feedback")


def hand_in_time(stamp: str) -> datetime | None:
    """A time as nbgrader writes it in a hand-in's name ("2027-03-05 14:02:01.5 GMT"), or None."""
    when, _, zone = stamp.rpartition(" ")
    try:
        found = datetime.fromisoformat(when)
    except ValueError:
        return None
    if found.tzinfo is None:
        if zone not in ZONE_ABBREVIATIONS:
            return _nbgrader_time(stamp)
        found = found.replace(tzinfo=timezone(timedelta(hours=ZONE_ABBREVIATIONS[zone])))
    return found.astimezone(UTC)


def _nbgrader_time(stamp: str) -> datetime | None:
    """A time in a zone we do not know by name, read as nbgrader reads it."""
    from nbgrader.utils import parse_utc

    try:
        found = parse_utc(stamp)
    except (ValueError, TypeError, OverflowError):
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def module_title(folder: Path) -> str:
    """A module's title: the first heading of its lesson, or its id.

    The notebook is read as JSON: nbformat would load its schema checker, seconds on a busy
    server, for one heading.
    """
    try:
        cells = json.loads((folder / "lesson.ipynb").read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return folder.name
    for cell in cells if isinstance(cells, list) else []:
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            for line in text.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return folder.name


def module_links(folder: Path) -> Markup:
    """Links to a module's pages in the lesson view (Voila: no code), beside this page."""
    links = [(name, words) for name, words in NOTEBOOKS.items() if (folder / name).is_file()]
    return render("home_links.html", module=folder.name, links=links)


# --- feedback: our plain pages, fetched through nbgrader, shown inside this page ---------

#: Feedback headings sit under the module's own heading (h3): h1 becomes h4, and so on.
HEADING_SHIFT = 3


def newest_feedback(folder: Path) -> list[Markup]:
    """The newest feedback pages in a module's feedback folder, as one piece of this page.

    nbgrader puts each fetch in a folder named by the hand-in's time; the newest hand-in's
    pages are shown, lesson first, rebuilt from their words and known tags alone
    (`templating.feedback_fragment`), with their headings moved down.
    """
    if not folder.is_dir():
        return []
    fetched = sorted((f for f in folder.iterdir() if f.is_dir()), key=lambda f: f.name)
    if not fetched:
        return []
    pages = sorted(fetched[-1].glob("*.html"), key=lambda p: (p.name != "lesson.html", p.name))
    parts = [feedback_fragment(p.read_text(encoding="utf-8"), HEADING_SHIFT) for p in pages]
    return [part for part in parts if part]


# --- the page --------------------------------------------------------------------------


def _button_layout() -> widgets.Layout:
    return widgets.Layout(width="auto", margin="0 0.5em 0.5em 0")


@dataclass
class Looks:
    """One layout and one style shared by the page's controls that are never hidden alone.

    Each control otherwise brings a layout and a style of its own, each a widget the browser
    must fetch before it draws the page: sharing them makes the page hundreds of widgets
    lighter. A control hidden on its own (`_hide`) keeps a layout of its own.
    """

    plain: widgets.Layout = field(default_factory=widgets.Layout)
    words: HTMLStyle = field(default_factory=HTMLStyle)
    buttons: widgets.Layout = field(default_factory=_button_layout)
    button_look: widgets.ButtonStyle = field(default_factory=widgets.ButtonStyle)

    def html(self, value: str = "") -> widgets.HTML:
        """Words on the page."""
        return widgets.HTML(value, layout=self.plain, style=self.words)

    def button(
        self, words: str, style: str = "", icon: str = "", alone: bool = False
    ) -> widgets.Button:
        """A button; `alone` when it is hidden on its own (a layout of its own)."""
        layout = _button_layout() if alone else self.buttons
        return widgets.Button(
            description=words, button_style=style, icon=icon, layout=layout, style=self.button_look
        )


@dataclass
class Home:
    """What the page knows about one trainee, read once per visit."""

    course: Course
    modules: list[str]
    status: dict[str, Any] | None
    titles: dict[str, str] = field(default_factory=dict)
    looks: Looks = field(default_factory=Looks)

    @property
    def zone(self):
        """The course's time zone."""
        return zone_of(self.status)

    def state(self, module: str) -> ModuleState:
        """A module's state now: the trainer's news joined with the trainee's own folder."""
        return module_state(
            posted_module(self.status, module),
            self.course.last_handed_in(module),
            self.course.started(module),
            self.zone,
        )


def _hide(widget: widgets.Widget, hidden: bool) -> None:
    widget.layout.display = "none" if hidden else None


def module_card(home: Home, module: str) -> widgets.Widget:
    """One module: title, due date, state in words, its links, Hand in and Read feedback."""
    course = home.course
    folder = course.home / module
    title = home.titles.get(module) or module_title(folder)
    state = home.state(module)

    def described(state: ModuleState) -> Markup:
        return render(
            "home_module.html",
            title=title,
            due=due_words(state, home.zone),
            state=state.words,
            kind=state.state.replace(" ", "-"),
            links=module_links(folder),
        )

    looks = home.looks
    about = looks.html(described(state))
    hand_in = looks.button("Hand in", icon="paper-plane")
    hand_in.tooltip = f"Hand in {title}"
    read = looks.button("Read feedback", icon="envelope-open", alone=True)
    read.tooltip = f"Read your feedback on {title}"
    _hide(read, not state.feedback_ready)
    said = looks.html()

    # Handing in asks first: what will be handed in, and whether it can be done again.
    sends = [words for name, words in NOTEBOOK_WORDS.items() if (folder / name).is_file()]
    ask = looks.html()
    yes = looks.button("Yes, hand it in", style="primary")
    not_now = looks.button("Not now")
    asking = widgets.VBox([ask, row(yes, not_now)], layout=widgets.Layout(margin="0.5em 0"))
    asking.add_class("p2p-ask")
    _hide(asking, True)

    shown = looks.html()
    close = looks.button("Close feedback")
    reading = widgets.VBox([shown, close], layout=widgets.Layout(align_items="flex-start"))
    reading.add_class("p2p-feedback")
    _hide(reading, True)

    def on_hand_in(_=None) -> None:
        now = home.state(module)
        ask.value = render(
            "home_ask.html",
            title=title,
            sends=sends,
            handed_in=day_words(now.handed_in, home.zone) if now.handed_in else "",
            due=day_words(now.due, home.zone) if now.due else "",
            before_due=bool(now.due and datetime.now(UTC) < now.due),
        )
        said.value = ""
        _hide(asking, False)
        not_now.focus()  # the safe choice: two presses of Enter never hand in by accident

    def on_yes(_=None) -> None:
        yes.disabled = True
        try:
            course.run(SUBMIT, module)
        except Exception:  # a trainee sees plain words, never a traceback
            said.value = render("home_said.html", problem=True, at="", again="")
        else:
            now = home.state(module)
            at = day_words(now.handed_in or datetime.now(UTC), home.zone)
            again = day_words(now.due, home.zone) if now.due and not now.late else ""
            said.value = render("home_said.html", problem=False, at=at, again=again)
            about.value = described(now)
        yes.disabled = False
        _hide(asking, True)
        hand_in.focus()

    def on_not_now(_=None) -> None:
        _hide(asking, True)
        said.value = render("home_said.html", problem=False, at="", again="", kept=True)
        hand_in.focus()

    def on_read(_=None) -> None:
        read.disabled = True
        try:
            pages = course.fetch_feedback(module)
        except Exception:  # noqa: BLE001 - plain words, never a traceback
            pages = []
        read.disabled = False
        shown.value = render("home_feedback.html", title=title, pages=pages)
        _hide(reading, False)
        close.focus()

    def on_close(_=None) -> None:
        _hide(reading, True)
        read.focus()

    hand_in.on_click(on_hand_in)
    yes.on_click(on_yes)
    not_now.on_click(on_not_now)
    read.on_click(on_read)
    close.on_click(on_close)
    workbook = workbook_section(folder, module, title)
    card = widgets.VBox(
        [about, row(hand_in, read), asking, said, reading, *([workbook] if workbook else [])],
        layout=widgets.Layout(align_items="stretch", overflow="hidden"),
    )
    card.add_class("p2p-module")
    return card


def modules_section(home: Home) -> widgets.Widget:
    """Your modules: each to open, hand in and read feedback on."""
    header = widgets.HTML(render("home_modules.html", modules=home.modules, news=bool(home.status)))
    return widgets.VBox([header, *[module_card(home, m) for m in home.modules]])


def progress_section(home: Home) -> widgets.Widget:
    """My progress: modules finished, what they have shown, and the group sessions."""
    states = {m: home.state(m) for m in home.modules}
    posted = {m: posted_module(home.status, m) for m in home.modules}
    outcomes = [
        (home.titles.get(m, m), [o for o in posted[m].get("outcomes", []) if isinstance(o, dict)])
        for m in home.modules
    ]
    sessions = [
        (home.titles.get(m, m), posted[m].get("session") or {})
        for m in home.modules
        if isinstance(posted[m].get("session"), dict)
    ]
    return widgets.HTML(
        render(
            "home_progress.html",
            news=bool(home.status),
            finished=sum(s.feedback_ready for s in states.values()),
            released=len(home.modules),
            outcomes=[(title, found) for title, found in outcomes if found],
            shown=sum(o.get("state") == "shown" for _, found in outcomes for o in found),
            total=sum(len(found) for _, found in outcomes),
            sessions=sessions,
            attended=sum(bool(s.get("attended") or s.get("caught_up")) for _, s in sessions),
            recorded=sum(s.get("status") not in (None, "not recorded") for _, s in sessions),
        )
    )


#: The page's sections, top to bottom. Add a section by adding its function here.
def stories_section(home: Home) -> widgets.Widget:
    """My stories: each story, who can see it, to change or withdraw (home_stories.py)."""
    # Loaded when the section is drawn: it needs nbgrader, which the rest of the page avoids.
    from peer2peer.dashboard.home_stories import stories_for_home

    return stories_for_home(home.course, home.modules, module_title)


SECTIONS: list[Callable[[Home], widgets.Widget]] = [
    modules_section,
    progress_section,
    stories_section,
]


def read_home() -> Home:
    """Fetch new modules, then read what the page shows (raises when the course is unreachable)."""
    course = Course.from_settings()
    course.fetch_new()
    modules = [m for m in course.released() if (course.home / m).is_dir()]
    status = course.status()
    titles = {m: module_title(course.home / m) for m in modules}
    for module in modules:
        posted = posted_module(status, module).get("title")
        if isinstance(posted, str) and posted and titles[module] == module:
            titles[module] = posted
    return Home(course, modules, status, titles)


def home_page() -> widgets.Widget:
    """The trainee's home page: a heading, then each section."""
    wait_for_visit()  # run ahead of need: modules, status and feedback are read at the visit
    try:
        home = read_home()
    except Exception:  # noqa: BLE001 - a trainee sees plain words, never a traceback
        return widgets.HTML(render("home_unreachable.html"))
    page = widgets.VBox([widgets.HTML(render("home_heading.html"))])
    page.add_class("p2p-home")
    for section in SECTIONS:
        try:
            part = section(home)
        except Exception:  # noqa: BLE001 - one section failing leaves the others
            part = widgets.HTML(render("home_unreachable.html", part=True))
        page.children = [*page.children, part]
    return page
