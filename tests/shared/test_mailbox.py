"""The letterbox between trainer and trainee: status one way, requests back, nothing odd read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from peer2peer.shared.mailbox import (
    MOST_BYTES,
    MOST_LETTERS,
    NotATraineeId,
    letterbox,
    opened_requests,
    pending_requests,
    post_request,
    post_status,
    read_status,
    request_done,
)


def test_status_goes_to_the_trainee_and_requests_come_back(tmp_path: Path) -> None:
    box = letterbox(tmp_path, "course", "t01")
    assert read_status(box) is None and pending_requests(box) == []
    post_status(box, {"modules": [{"id": "01-recovery", "state": "handed in"}]})
    assert read_status(box) == {"modules": [{"id": "01-recovery", "state": "handed in"}]}
    assert box.stat().st_mode & 0o777 == 0o700  # one machine: one account's alone

    first = post_request(box, "withdraw-story", {"story": "01-recovery/my-story"})
    post_request(box, "withdraw-story", {"story": "02-story/another"})
    waiting = pending_requests(box)
    assert [r.details["story"] for r in waiting] == ["01-recovery/my-story", "02-story/another"]
    assert waiting[0].kind == "withdraw-story" and waiting[0].path == first
    request_done(waiting[0])
    assert [r.details["story"] for r in pending_requests(box)] == ["02-story/another"]


@pytest.mark.parametrize("trainee", ["", "..", "../t02", "*", "t01/x"])
def test_an_id_that_is_not_an_id_opens_no_letterbox(tmp_path: Path, trainee: str) -> None:
    with pytest.raises(NotATraineeId):
        letterbox(tmp_path, "course", trainee)


def test_links_big_and_broken_letters_are_not_read(tmp_path: Path) -> None:
    box = letterbox(tmp_path, "course", "t01")
    post_request(box, "withdraw-story", {"story": "kept"})
    requests = box / "requests"
    secret = tmp_path / "secret.json"
    secret.write_text('{"kind": "x", "details": {"story": "someone else"}}')
    os.symlink(secret, requests / "0-link.json")
    (requests / "1-broken.json").write_text("{")
    (requests / "2-big.json").write_text('{"details": {}, "pad": "' + "x" * MOST_BYTES + '"}')
    (requests / "3-no-details.json").write_text('{"kind": "x"}')
    assert [r.details["story"] for r in pending_requests(box)] == ["kept"]
    (box / "status.json").unlink(missing_ok=True)
    os.symlink(secret, box / "status.json")
    assert read_status(box) is None


def test_the_letterbox_checks_ids_as_the_roster_does_without_loading_it():
    from peer2peer.cohort.roster import TRAINEE_ID
    from peer2peer.shared import mailbox

    assert mailbox.TRAINEE_ID.pattern == TRAINEE_ID.pattern


def test_requests_swapped_for_a_link_lead_nowhere(tmp_path: Path) -> None:
    box = letterbox(tmp_path, "course", "t01")
    post_request(box, "withdraw-story", {"story": "mine"})
    [waiting] = pending_requests(box)
    # The attack: after listing, requests/ becomes a link to a folder holding a file of the
    # same name (another trainee's feedback, say).
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / waiting.path.name).write_text("not the trainee's")
    (box / "requests").rename(tmp_path / "moved")
    (box / "requests").symlink_to(elsewhere)
    request_done(waiting)
    assert (elsewhere / waiting.path.name).read_text() == "not the trainee's"
    assert pending_requests(box) == []
    with opened_requests(box) as letters:
        assert letters is None  # nothing is listed or removed through the link


def test_a_pipe_or_a_folder_is_an_odd_letter_and_never_waited_on(tmp_path: Path) -> None:
    box = letterbox(tmp_path, "course", "t01")
    post_request(box, "withdraw-story", {"story": "kept"})
    requests = box / "requests"
    os.mkfifo(requests / "0-pipe.json")  # reading it as a plain file would wait for ever
    (requests / "1-folder.json").mkdir()
    (requests / "1-folder.json" / "inside").write_text("left alone")
    with opened_requests(box) as letters:
        assert letters is not None
        assert [r.details["story"] for r in letters.requests] == ["kept"]
        assert letters.odd == ["0-pipe.json", "1-folder.json"]
        assert [letters.remove(name) for name in letters.odd] == [True, False]
    assert (requests / "1-folder.json" / "inside").read_text() == "left alone"


def test_at_most_so_many_letters_are_read_a_visit(tmp_path: Path) -> None:
    box = letterbox(tmp_path, "course", "t01")
    for number in range(MOST_LETTERS + 5):
        post_request(box, "withdraw-story", {"story": str(number)})
    assert len(pending_requests(box)) == MOST_LETTERS
