"""What a trainee's home says about each module, in plain words: its due date and state.

Two things are joined: the status the trainer's side posted to the trainee's letterbox
(`progress.home_status` builds it; its state names are the contract, copied here because a
trainee's server loads nothing of the trainer's side) and what only the trainee's own
folder knows: whether they have started, and when they last handed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# The states the trainer's side posts (progress.home_status.STATES).
NOT_HANDED_IN = "not handed in"
BEING_MARKED = "being marked"
FEEDBACK_READY = "feedback ready"
NOT_GRADED = "could not be graded"
POSTED_STATES = [NOT_HANDED_IN, BEING_MARKED, FEEDBACK_READY, NOT_GRADED]
# States only the trainee's own folder knows.
NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
HANDED_IN = "handed in"
#: The status.json format this home reads.
FORMAT = 1
DEFAULT_ZONE = "Europe/London"
#: Two records of one hand-in may differ by a rounding; a new hand-in is later than this.
SAME_HAND_IN = timedelta(seconds=1)

WHAT_TO_DO = (
    "Your trainer could not open what you handed in. Please open the module, check that "
    "your answers are there, and hand it in again. If this happens again, talk to your trainer."
)


@dataclass
class ModuleState:
    """One module as the home shows it."""

    state: str
    words: str
    due: datetime | None
    late: bool = False
    handed_in: datetime | None = None
    extension_days: int = 0

    @property
    def feedback_ready(self) -> bool:
        """Whether there is feedback to read."""
        return self.state == FEEDBACK_READY


def zone_of(status: dict[str, Any] | None) -> ZoneInfo:
    """The course's time zone, as the status names it (London when it names none we know)."""
    try:
        return ZoneInfo(str((status or {}).get("timezone") or DEFAULT_ZONE))
    except (ValueError, KeyError):
        return ZoneInfo(DEFAULT_ZONE)


def usable(status: dict[str, Any] | None) -> dict[str, Any] | None:
    """The posted status if this home can read it, else None (the page says no news yet)."""
    if not status or status.get("format") != FORMAT or not isinstance(status.get("modules"), list):
        return None
    return status


def posted_module(status: dict[str, Any] | None, module: str) -> dict[str, Any]:
    """What the trainer's side posted about one module ({} when nothing)."""
    for entry in (status or {}).get("modules", []):
        if isinstance(entry, dict) and entry.get("id") == module:
            return entry
    return {}


def when(text: Any) -> datetime | None:
    """An ISO time from a status, or None."""
    try:
        found = datetime.fromisoformat(str(text))
    except (TypeError, ValueError):
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def day_words(moment: datetime, zone: ZoneInfo) -> str:
    """ "Monday 8 March at 5 pm", in the course's time zone."""
    local = moment.astimezone(zone)
    hour = local.hour % 12 or 12
    clock = f"{hour} {'am' if local.hour < 12 else 'pm'}"
    if local.minute:
        clock = f"{hour}:{local.minute:02d} {'am' if local.hour < 12 else 'pm'}"
    return f"{local:%A} {local.day} {local:%B} at {clock}"


def module_state(
    posted: dict[str, Any],
    handed_in: datetime | None,
    started: bool,
    zone: ZoneInfo,
    now: datetime | None = None,
) -> ModuleState:
    """Join what the trainer posted with the trainee's own folder into a state and its words."""
    now = now or datetime.now(UTC)
    due = when(posted.get("due"))
    days = posted.get("extension_days") if isinstance(posted.get("extension_days"), int) else 0
    state = posted.get("state") if posted.get("state") in POSTED_STATES else NOT_HANDED_IN
    posted_hand_in = when(posted.get("handed_in"))
    # A hand-in newer than the trainer's news: the trainer has not seen it yet.
    if handed_in and (posted_hand_in is None or handed_in > posted_hand_in + SAME_HAND_IN):
        late = bool(due and handed_in > due)
        words = f"Handed in on {day_words(handed_in, zone)}."
        if late:
            words += " That was after the due date, and that is all right."
        return ModuleState(HANDED_IN, words, due, late, handed_in, days)
    latest = posted_hand_in or handed_in
    if state == FEEDBACK_READY:
        words = "Your feedback is ready. Press Read feedback to see it."
        return ModuleState(state, words, due, bool(posted.get("late")), latest, days)
    if state == BEING_MARKED:
        words = f"Handed in on {day_words(latest, zone)}. " if latest else ""
        words += "Your trainer is looking at it now."
        return ModuleState(state, words, due, bool(posted.get("late")), latest, days)
    if state == NOT_GRADED:
        return ModuleState(state, WHAT_TO_DO, due, False, latest, days)
    late = bool(due and now > due)
    if started:
        words = "You have started. Your answers are saved."
        state = IN_PROGRESS
    else:
        words = "Not started yet."
        state = NOT_STARTED
    if late:
        words += " The due date has passed, but you can still hand it in."
    return ModuleState(state, words, due, late, None, days)


def due_words(state: ModuleState, zone: ZoneInfo) -> str:
    """ "Due Monday 8 March at 5 pm (with your 4 extra days)." or "" with no date."""
    if state.due is None:
        return ""
    extra = state.extension_days
    more = f" (this counts your {extra} extra day{'s' if extra != 1 else ''})" if extra else ""
    return f"Due {day_words(state.due, zone)}{more}."
