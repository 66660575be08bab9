"""'My stories' on a trainee's home: each story, who can see it, to change or withdraw.

It reads only the trainee's own folder (and nbgrader's cache of their hand-ins). Changing
who can see a story takes a confirmation that names who will read it; withdrawing a story
that was handed in asks the trainer's side to delete their copies too
(`exercises.withdrawal`), with no new hand-in. The lesson page does the same at the moment
a story is withdrawn there; a withdrawal it could not pass on (the exchange out of reach)
is passed on when this opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from peer2peer.curriculum.stories import AUDIENCES
from peer2peer.exercises import story_builder, withdrawal
from peer2peer.exercises.assets import esm, stylesheet
from peer2peer.exercises.session import Session
from peer2peer.exercises.withdrawal import Withdrawal, audience_of
from peer2peer.shared.answers import SUFFIX, AnswersUnreadable, notebook_name_of, now, read_answers

STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)

#: Who can see a story, in the words the trainee reads on their home.
SEEN_BY = {
    "only-me": "Only you.",
    "trainer": "You and your trainer.",
    "cohort": "You, your trainer and your group.",
}


@dataclass(frozen=True)
class MyStory:
    """One story in one module: where it is kept and who can see it now."""

    module: str
    title: str
    notebook: str
    exercise: str
    audience: str  # a key of AUDIENCES, or "withdrawn"

    @property
    def key(self) -> str:
        """How the page names this story back to the kernel."""
        return f"{self.module}/{self.notebook}/{self.exercise}"


@dataclass
class Place:
    """Where the trainee's things are: their modules, nbgrader's cache, the exchange."""

    home: Path
    exchange: Path
    course_id: str
    trainee: str
    #: nbgrader's copy of each hand-in, kept for this trainee, in this course.
    cache: Path


def my_stories(home: Path, modules: list[tuple[str, str]]) -> list[MyStory]:
    """Every story in the trainee's module folders; `modules` is (id, title) in course order."""
    found = []
    for module, title in modules:
        for path in sorted((home / module).glob(f"*{SUFFIX}")):
            with suppress(OSError, AnswersUnreadable):
                for exercise, record in read_answers(path).items():
                    audience = audience_of(record)
                    if audience is not None:
                        notebook = notebook_name_of(path)
                        found.append(MyStory(module, title, notebook, exercise, audience))
    return found


def _withdrawal(place: Place, story: MyStory) -> Withdrawal:
    return Withdrawal(place.trainee, story.module, story.notebook, story.exercise, now())


def shared_in_a_hand_in(place: Place, story: MyStory) -> bool:
    """Whether a copy the trainee handed in still holds this story as shared."""
    return withdrawal.shared_in_a_hand_in(place.cache, _withdrawal(place, story))


def tell_trainer(place: Place, story: MyStory) -> None:
    """Ask the trainer's side to withdraw their copies of a story handed in."""
    withdrawal.ask_to_withdraw(
        place.exchange, place.course_id, place.home, place.cache, _withdrawal(place, story)
    )


def catch_up(place: Place, stories: list[MyStory]) -> None:
    """Stories withdrawn or made private in a lesson after hand-in: tell the trainer now."""
    for story in stories:
        if story.audience in ("withdrawn", "only-me") and shared_in_a_hand_in(place, story):
            tell_trainer(place, story)


def withdraw(place: Place, story: MyStory) -> None:
    """Delete a story here and, if it was handed in, ask the trainer's side to delete theirs."""
    story_builder.withdraw_in(
        place.home / story.module, story.module, story.notebook, story.exercise
    )
    if shared_in_a_hand_in(place, story):
        tell_trainer(place, story)


def share_with(place: Place, story: MyStory, audience: str) -> None:
    """Change who can see a story (the trainee has confirmed it), as the lesson page would."""
    session = Session(story.notebook, place.home / story.module, story.module)
    words = story_builder.load(session, story.exercise)
    story_builder.keep(session, story.exercise, {**words, "audience": audience})
    if audience == "only-me" and shared_in_a_hand_in(place, story):
        tell_trainer(place, story)


class StoriesWidget(anywidget.AnyWidget):
    """The 'My stories' list in the browser; the kernel does what the trainee confirmed."""

    _esm = esm(STATIC / "home_stories.js")
    _css = stylesheet(STATIC / "home_stories.css")

    stories = traitlets.List().tag(sync=True)
    audiences = traitlets.Dict().tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)


def _as_page(stories: list[MyStory]) -> list[dict[str, str]]:
    return [
        {
            "key": s.key,
            "title": s.title,
            "audience": s.audience,
            "seen_by": SEEN_BY.get(s.audience, ""),
        }
        for s in stories
        if s.audience != "withdrawn"
    ]


def stories_section(place: Place, modules: list[tuple[str, str]]) -> StoriesWidget:
    """The 'My stories' section of the home page."""
    stories = my_stories(place.home, modules)
    try:
        catch_up(place, stories)
    except Exception:  # the list still shows; the next visit tries again
        log.warning("A withdrawal could not be passed on to the trainer just now.")
    widget = StoriesWidget(stories=_as_page(stories), audiences=AUDIENCES)

    def on_message(_: Any, content: dict[str, Any], __: Any) -> None:
        current = {s.key: s for s in my_stories(place.home, modules)}
        story = current.get(str(content.get("key")))
        if story is None or story.audience == "withdrawn":
            return
        try:
            if content.get("event") == "withdraw":
                withdraw(place, story)
                said = f"You withdrew your story from {story.title}. It has been deleted."
            elif content.get("event") == "share" and content.get("audience") in AUDIENCES:
                share_with(place, story, content["audience"])
                said = f"Saved. Your story from {story.title} can now be seen by: "
                said += SEEN_BY[content["audience"]].lower()
            else:
                return
        except Exception:  # a trainee sees plain words, never a traceback
            log.warning("A change to a story could not be made.")
            widget.message = (
                "That did not work, so nothing was changed. Please try again, or tell your trainer."
            )
            widget.send({"event": "said"})
            return
        widget.stories = _as_page(my_stories(place.home, modules))
        widget.message = said
        widget.send({"event": "said"})

    widget.on_msg(on_message)
    return widget


def stories_for_home(course: Any, modules: list[str], title: Callable[[Path], str]) -> Any:
    """The section for the home page of `course` (a home_page.Course), or a plain note."""
    try:
        place = Place(
            course.home, course.exchange, course.course_id, course.student, course.cache_folder()
        )
        return stories_section(place, [(m, title(course.home / m)) for m in modules])
    except Exception:  # the rest of the home still shows
        log.warning("The stories section could not be shown.")
        return widgets.HTML(
            "<h2>My stories</h2><p>Your stories cannot be shown just now. "
            "They are safe. Please try again later, or tell your trainer.</p>"
        )
