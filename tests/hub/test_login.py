"""Hub logins: a trainee's chosen password is checked (in a thread), a wrong one refused."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from peer2peer.hub.login import ThreadedFirstUseAuthenticator


def log_in(authenticator, username: str, password: str):
    handler = SimpleNamespace(custom_login_error="")
    data = {"username": username, "password": password}
    return asyncio.run(authenticator.authenticate(handler, data))


def test_a_first_login_chooses_the_password_and_later_ones_must_match(tmp_path):
    authenticator = ThreadedFirstUseAuthenticator(
        dbm_path=str(tmp_path / "passwords.dbm"), min_password_length=8
    )
    assert log_in(authenticator, "p2pt-t1", "short") is None  # too short to choose
    assert log_in(authenticator, "p2pt-t1", "a long enough one") == "p2pt-t1"
    assert log_in(authenticator, "p2pt-t1", "a long enough one") == "p2pt-t1"
    assert log_in(authenticator, "p2pt-t1", "another long one") is None
    assert log_in(authenticator, "P2PT-T1", "a long enough one") == "p2pt-t1"  # as normalised
