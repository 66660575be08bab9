"""Hub passwords (FirstUseAuthenticator's bcrypt hashes; never Unix passwords).

Trainees choose their own the first time they log in. The trainer's is set here, at the
terminal, before the hub starts, so that nobody can choose it before them; the demo sets
every password here too, to hand them out.

The password file is a `dbm` database, whose format depends on the Python that opens it,
so it is written by the hub's own Python; the password reaches it on standard input,
never on a command line.
"""

from __future__ import annotations

import json
import secrets
import subprocess

from peer2peer.hub.deployment import Deployment, HubError

MINIMUM_LENGTH = 8  # as jupyterhub_config.py asks of everyone's first password
PASSWORD_FILE = "passwords.dbm"

#: Run by the hub's Python: set (or, without a password, look up) one user's password.
_SCRIPT = """
import dbm, json, sys
import bcrypt
asked = json.load(sys.stdin)
with dbm.open(asked["file"], "c", 0o600) as db:
    if asked.get("password") is None:
        sys.exit(0 if asked["username"].encode() in db else 3)
    db[asked["username"]] = bcrypt.hashpw(asked["password"].encode(), bcrypt.gensalt())
"""


def _run(deployment: Deployment, asked: dict) -> int:
    deployment.state.mkdir(parents=True, exist_ok=True)
    asked = {"file": str(deployment.state / PASSWORD_FILE), **asked}
    done = subprocess.run(
        [str(deployment.python()), "-c", _SCRIPT],
        input=json.dumps(asked),
        text=True,
        capture_output=True,
    )
    if done.returncode not in (0, 3):
        raise HubError(f"the hub's password file could not be changed: {done.stderr.strip()}")
    return done.returncode


def set_password(deployment: Deployment, username: str, password: str) -> None:
    """Give `username` this hub password (replacing the one they had)."""
    if len(password) < MINIMUM_LENGTH:
        raise HubError(f"a password needs at least {MINIMUM_LENGTH} characters")
    _run(deployment, {"username": username, "password": password})


def has_password(deployment: Deployment, username: str) -> bool:
    """Whether `username` has chosen (or been given) a hub password."""
    return _run(deployment, {"username": username}) == 0


def new_password() -> str:
    """A password for a demo login: easy to type, hard to guess."""
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))
