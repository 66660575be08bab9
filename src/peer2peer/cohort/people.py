"""Who is at the keyboard: the name recorded beside a mark, a register entry or a decision."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

#: Set by a server that knows who is signed in; JupyterHub sets its own variable.
PERSON_VARIABLES = ("PEER2PEER_USER", "JUPYTERHUB_USER")


def current_person(given: str | None = None) -> str:
    """`given` if any, else the signed-in JupyterHub user, else this computer's login name."""
    if given and given.strip():
        return given.strip()
    for variable in PERSON_VARIABLES:
        if os.environ.get(variable, "").strip():
            return os.environ[variable].strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def now_text() -> str:
    """The time now, in UTC, as records keep it: 2027-03-08T17:00:05+00:00."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@contextmanager
def acting_as(person: str) -> Iterator[None]:
    """Record what happens inside as done by `person` (the demo plays several trainers)."""
    before = os.environ.get(PERSON_VARIABLES[0])
    os.environ[PERSON_VARIABLES[0]] = person
    try:
        yield
    finally:
        if before is None:
            del os.environ[PERSON_VARIABLES[0]]
        else:
            os.environ[PERSON_VARIABLES[0]] = before
