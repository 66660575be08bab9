"""Logging in to the hub: FirstUseAuthenticator, with its password check off the hub's loop.

bcrypt takes a good fraction of a second of CPU by design. FirstUseAuthenticator checks
the password on the hub's one event loop, so twenty trainees logging in at once waited
for each other's checks, one core at a time, and every other request to the hub waited
with them. Here a known password is checked in a thread (bcrypt lets go of Python's lock
while it works): checks run on every core, and the hub answers meanwhile. A first login
(the trainee choosing their password) goes through FirstUseAuthenticator unchanged.
"""

from __future__ import annotations

import asyncio
import dbm

import bcrypt
from firstuseauthenticator import FirstUseAuthenticator


class ThreadedFirstUseAuthenticator(FirstUseAuthenticator):
    """FirstUseAuthenticator whose check of a known password runs in a thread."""

    async def authenticate(self, handler, data):
        """The user's name if their password matches the one they chose; else None."""
        username = self.normalize_username(data["username"])
        if not self.create_users and not self._user_exists(username):
            return None
        with dbm.open(self.dbm_path, "c", 0o600) as db:
            stored = db.get(username.encode("utf8"))
        if stored is None:  # their first login: they choose their password now
            return await super().authenticate(handler, data)
        password = data["password"].encode("utf8")
        matches = await asyncio.to_thread(bcrypt.checkpw, password, stored)
        return username if matches else None
