"""A private letterbox between the trainer's side and one trainee, inside the exchange.

`<exchange>/<course id>/personal/<trainee>/` carries what nbgrader's exchange has no room
for. The trainer's side posts `status.json` there (what the trainee's home shows: due
dates, states in words, progress, attendance); the trainee's side posts requests under
`requests/` (such as withdrawing a story), which the trainer's side carries out and then
removes. On a hub the folder belongs to the trainer with the trainee's own group, mode
2770, so those two can open it and nobody else can; `personal/` itself can be passed
through but not listed, so no trainee learns another's id. On one machine, where trainer
and trainee are the same account, the folder is made on first use with mode 0700.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from peer2peer.shared.files import atomic_write_json, open_folder, read_plain

PERSONAL = "personal"
STATUS = "status.json"
REQUESTS = "requests"
#: Letters in a letterbox are small; anything bigger is not ours and is not read.
MOST_BYTES = 256 * 1024
#: Letters read from one letterbox in one visit; any more wait for the next visit.
MOST_LETTERS = 50
#: Files the other side reads: the folder's mode keeps everyone else out.
READABLE = 0o644
#: The shape of a trainee id (cohort.roster.TRAINEE_ID, which a test keeps equal). Checked
#: here without importing the roster, which loads nbgrader: a trainee's home reads its
#: letterbox at every visit, and would otherwise wait seconds for nbgrader to load.
TRAINEE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class NotATraineeId(ValueError):
    """A letterbox asked for by something that is not a trainee id; nothing is opened."""


def letterbox(exchange: Path, course_id: str, trainee: str) -> Path:
    """The trainee's letterbox folder (not made here); the id is checked first."""
    if not isinstance(trainee, str) or not TRAINEE_ID.fullmatch(trainee):
        raise NotATraineeId(
            f"{trainee!r} is not a trainee id (ids are letters, digits, dots, hyphens and "
            "underscores, such as dundee-07)"
        )
    return exchange / course_id / PERSONAL / trainee


def post_status(box: Path, status: dict[str, Any]) -> None:
    """The trainer's side: replace what the trainee's home shows, in one step."""
    _ensure(box)
    atomic_write_json(box / STATUS, status, mode=READABLE)


def read_status(box: Path) -> dict[str, Any] | None:
    """The trainee's side: the last status posted, or None when there is none (yet)."""
    data = _read_letter(box / STATUS)
    return data if isinstance(data, dict) else None


@dataclass
class Request:
    """One request a trainee posted: what they ask (`kind`), its details, and its file."""

    kind: str
    details: dict[str, Any]
    posted: str
    path: Path


def post_request(box: Path, kind: str, details: dict[str, Any]) -> Path:
    """The trainee's side: ask the trainer's side to do something (such as withdraw a story)."""
    _ensure(box / REQUESTS)
    posted = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = box / REQUESTS / f"{posted}-{kind}-{secrets.token_hex(4)}.json"
    atomic_write_json(path, {"kind": kind, "posted": posted, "details": details}, READABLE)
    return path


class Letters:
    """The trainer's side: one letterbox's requests folder, opened once and never followed.

    Everything is done through the open folder, so a folder or letter swapped for a link
    after it was opened leads nowhere else: letters are read and removed only there.
    """

    def __init__(self, folder: Path, handle: int) -> None:
        self.folder, self._handle = folder, handle
        #: Letters that could be read, oldest first (at most MOST_LETTERS a visit).
        self.requests: list[Request] = []
        #: Names that are not letters: links, folders, pipes, too big, not JSON.
        self.odd: list[str] = []
        names = sorted(entry.name for entry in os.scandir(handle))[:MOST_LETTERS]
        for name in names:
            letter = _read_letter(name, handle) if name.endswith(".json") else None
            if not isinstance(letter, dict) or not isinstance(letter.get("details"), dict):
                self.odd.append(name)
                continue
            kind, posted = str(letter.get("kind")), str(letter.get("posted"))
            self.requests.append(Request(kind, letter["details"], posted, folder / name))

    def remove(self, name: str) -> bool:
        """Take one entry out of the folder (a link itself; never a folder); whether it went."""
        try:
            os.unlink(name, dir_fd=self._handle)
        except OSError:
            return False  # a folder, or gone already: left alone
        return True


@contextmanager
def opened_requests(box: Path) -> Iterator[Letters | None]:
    """The trainer's side: the letterbox's requests, or None when there is no such folder."""
    handle = _open_folder(box)
    try:
        yield None if handle is None else Letters(box / REQUESTS, handle)
    finally:
        if handle is not None:
            os.close(handle)


def pending_requests(box: Path) -> list[Request]:
    """The trainer's side: requests waiting, oldest first; links and odd files are skipped."""
    with opened_requests(box) as letters:
        return [] if letters is None else letters.requests


def request_done(request: Request) -> None:
    """The trainer's side: the request was carried out; take it out of the letterbox."""
    with opened_requests(request.path.parent.parent) as letters:
        if letters is not None:
            letters.remove(request.path.name)


def _open_folder(box: Path) -> int | None:
    """The requests folder, opened without following a link at the box or the folder."""
    try:
        top = open_folder(box)
    except OSError:
        return None
    try:
        return open_folder(REQUESTS, top)
    except OSError:
        return None
    finally:
        os.close(top)


def _ensure(folder: Path) -> None:
    """Make a letterbox folder on one machine (mode 0700); on a hub the hub made it."""
    if not folder.is_dir():
        old = os.umask(0o077)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        finally:
            os.umask(old)


def _read_letter(path: Path | str, folder: int | None = None) -> Any:
    """A letter's JSON; None when it is missing, a link, not a plain file, too big or not JSON."""
    try:
        return json.loads(read_plain(path, MOST_BYTES, folder).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
