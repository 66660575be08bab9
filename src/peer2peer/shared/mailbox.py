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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from peer2peer.shared.files import atomic_write_json

PERSONAL = "personal"
STATUS = "status.json"
REQUESTS = "requests"
#: Letters in a letterbox are small; anything bigger is not ours and is not read.
MOST_BYTES = 256 * 1024
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


def pending_requests(box: Path) -> list[Request]:
    """The trainer's side: requests waiting, oldest first; links and odd files are skipped."""
    folder = box / REQUESTS
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        letter = _read_letter(path)
        if not isinstance(letter, dict) or not isinstance(letter.get("details"), dict):
            continue
        found.append(
            Request(str(letter.get("kind")), letter["details"], str(letter.get("posted")), path)
        )
    return found


def request_done(request: Request) -> None:
    """The trainer's side: the request was carried out; take it out of the letterbox."""
    request.path.unlink(missing_ok=True)


def _ensure(folder: Path) -> None:
    """Make a letterbox folder on one machine (mode 0700); on a hub the hub made it."""
    if not folder.is_dir():
        old = os.umask(0o077)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        finally:
            os.umask(old)


def _read_letter(path: Path) -> Any:
    """A letter's JSON, or None when it is missing, a link, too big or not JSON."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MOST_BYTES:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
