"""A module's state on a trainee's home: the trainer's news joined with their own folder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from peer2peer.dashboard.home_state import (
    BEING_MARKED,
    FEEDBACK_READY,
    HANDED_IN,
    IN_PROGRESS,
    NOT_GRADED,
    NOT_STARTED,
    WHAT_TO_DO,
    day_words,
    due_words,
    module_state,
    usable,
)

LONDON = ZoneInfo("Europe/London")
DUE = datetime(2027, 3, 8, 17, 0, tzinfo=LONDON)
BEFORE, AFTER = DUE - timedelta(days=2), DUE + timedelta(days=1)


def posted(**fields) -> dict:
    return {"id": "01-alpha", "due": DUE.isoformat(), "state": "not handed in", **fields}


def test_nothing_answered_is_not_started_and_answers_saved_is_in_progress():
    assert module_state(posted(), None, False, LONDON, BEFORE).state == NOT_STARTED
    state = module_state(posted(), None, True, LONDON, BEFORE)
    assert state.state == IN_PROGRESS and "Your answers are saved." in state.words


def test_past_the_due_date_without_a_hand_in_is_late_and_still_welcome():
    state = module_state(posted(), None, True, LONDON, AFTER)
    assert state.late and "you can still hand it in" in state.words


def test_a_hand_in_the_trainer_has_not_seen_yet_says_when():
    state = module_state(posted(), BEFORE.astimezone(UTC), True, LONDON, BEFORE)
    assert state.state == HANDED_IN
    assert state.words == "Handed in on Saturday 6 March at 5 pm."
    late = module_state(posted(), AFTER, True, LONDON, AFTER)
    assert late.late and "after the due date" in late.words


def test_the_trainers_news_wins_for_the_hand_in_it_has_seen():
    seen = BEFORE.isoformat()
    marking = module_state(posted(state=BEING_MARKED, handed_in=seen), BEFORE, True, LONDON)
    assert marking.state == BEING_MARKED and "Your trainer is looking at it now." in marking.words
    ready = module_state(posted(state=FEEDBACK_READY, handed_in=seen), BEFORE, True, LONDON)
    assert ready.feedback_ready
    again = module_state(
        posted(state=FEEDBACK_READY, handed_in=seen), BEFORE + timedelta(hours=1), True, LONDON
    )
    assert again.state == HANDED_IN  # handed in again since: the trainer has not seen it


def test_could_not_be_graded_says_what_to_do():
    state = module_state(
        posted(state=NOT_GRADED, handed_in=BEFORE.isoformat()), BEFORE, True, LONDON
    )
    assert state.state == NOT_GRADED and state.words == WHAT_TO_DO
    assert "hand it in again" in WHAT_TO_DO and "talk to your trainer" in WHAT_TO_DO


def test_the_due_date_names_their_extension():
    state = module_state(posted(extension_days=4), None, False, LONDON, BEFORE)
    assert due_words(state, LONDON) == (
        "Due Monday 8 March at 5 pm (this counts your 4 extra days)."
    )
    assert day_words(datetime(2027, 3, 8, 9, 5, tzinfo=LONDON), LONDON) == (
        "Monday 8 March at 9:05 am"
    )


def test_a_status_of_another_format_is_no_news():
    assert usable({"format": 99, "modules": []}) is None
    assert usable(None) is None
    assert usable({"format": 1, "modules": []}) == {"format": 1, "modules": []}
