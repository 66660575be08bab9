"""Unix accounts: made for trainees (home 0700, no login shell), removed only when ours."""

from __future__ import annotations

import os
import pwd
import stat

import pytest
from hub_support import PREFIX

from peer2peer.hub.accounts import (
    ensure_account,
    made_accounts,
    name_problem,
    reachable_by,
    remove_account,
    remove_all,
)
from peer2peer.hub.deployment import HubError

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="making accounts needs root")


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "accounts.json"
    yield path
    remove_all(path)  # even when the test failed


def test_names_an_account_cannot_have_are_explained():
    assert name_problem("dundee-07") is None
    for bad in ("Dundee-07", "07-dundee", "a.b", "x" * 33, "has space"):
        assert "cannot be an account name" in name_problem(bad)


def test_a_trainee_gets_a_private_home_and_no_login_shell(ledger):
    entry = ensure_account(f"{PREFIX}acc1", "hub-test", ledger)
    assert stat.S_IMODE(os.stat(entry.pw_dir).st_mode) == 0o700
    assert entry.pw_shell == "/usr/sbin/nologin"
    assert entry.pw_uid >= 1000
    assert made_accounts(ledger) == [f"{PREFIX}acc1"]
    assert ensure_account(f"{PREFIX}acc1", "hub-test", ledger).pw_uid == entry.pw_uid  # again: same
    assert remove_account(f"{PREFIX}acc1", ledger)
    with pytest.raises(KeyError):
        pwd.getpwnam(f"{PREFIX}acc1")
    assert not os.path.exists(entry.pw_dir)


def test_a_system_account_is_never_used_or_removed(ledger):
    with pytest.raises(HubError, match="system account"):
        ensure_account("daemon", "hub-test", ledger)
    assert not remove_account("daemon", ledger)
    assert pwd.getpwnam("daemon")


def test_an_account_peer2peer_did_not_make_is_refused(ledger):
    os.system(f"useradd --create-home {PREFIX}someone")
    try:
        with pytest.raises(HubError, match="not made by peer2peer"):
            ensure_account(f"{PREFIX}someone", "hub-test", ledger)
        assert not remove_account(f"{PREFIX}someone", ledger)
    finally:
        os.system(f"userdel --remove {PREFIX}someone 2>/dev/null")


def test_a_closed_folder_on_the_way_is_named(tmp_path):
    closed = tmp_path / "closed"
    (closed / "inner").mkdir(parents=True)
    closed.chmod(0o700)
    assert reachable_by(closed / "inner", 2**31 - 2) is not None
    closed.chmod(0o755)
    tmp_path.chmod(0o755)
    blocked = reachable_by(closed / "inner", 2**31 - 2)
    assert blocked is None or blocked in (closed / "inner").parents
