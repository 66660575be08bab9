"""Letterboxes on a hub: made by root for each trainee, never through a link a trainee planted."""

from __future__ import annotations

import os
import stat

import pytest
from hub_support import PREFIX

from peer2peer.hub.accounts import ensure_account, remove_all
from peer2peer.hub.sharing import open_letterboxes
from peer2peer.shared.mailbox import REQUESTS, letterbox

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="making accounts needs root")

COURSE = "hub-test"


@pytest.fixture
def trainee(tmp_path):
    """A trainee's account for the test, removed after it."""
    ledger = tmp_path / "accounts.json"
    yield ensure_account(f"{PREFIX}box1", COURSE, ledger)
    remove_all(ledger)  # even when the test failed


def test_a_letterbox_is_the_trainers_with_the_trainees_group(tmp_path, trainee):
    exchange = tmp_path / "exchange"
    (exchange / COURSE).mkdir(parents=True)
    open_letterboxes(exchange, COURSE, 0, [trainee.pw_name])
    requests = letterbox(exchange, COURSE, trainee.pw_name) / REQUESTS
    found = os.lstat(requests)
    assert stat.S_ISDIR(found.st_mode) and stat.S_IMODE(found.st_mode) == 0o2770
    assert (found.st_uid, found.st_gid) == (0, trainee.pw_gid)


def test_a_link_planted_for_requests_is_replaced_and_its_target_left_alone(tmp_path, trainee):
    exchange = tmp_path / "exchange"
    (exchange / COURSE).mkdir(parents=True)
    open_letterboxes(exchange, COURSE, 0, [trainee.pw_name])
    requests = letterbox(exchange, COURSE, trainee.pw_name) / REQUESTS
    elsewhere = tmp_path / "system-folder"  # stands for /etc or /usr
    elsewhere.mkdir(mode=0o755)
    requests.rmdir()
    requests.symlink_to(elsewhere)  # what the trainee, who may write in their box, could do

    open_letterboxes(exchange, COURSE, 0, [trainee.pw_name])  # the next `hub start`

    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    assert not requests.is_symlink() and requests.is_dir()
    assert stat.S_IMODE(os.lstat(requests).st_mode) == 0o2770
