"""A cohort's parts reachable by the right accounts: the exchange by all, the rest by the trainer.

A cohort made with the default exchange keeps it inside the cohort folder, which only its
owner can open; on a hub every trainee fetches and hands in through it, so it moves to the
deployment folder. The cohort itself becomes the trainer's: their server reads and writes it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from peer2peer.cohort.course import write_cohort_config
from peer2peer.cohort.settings import CohortSettings, save_settings
from peer2peer.hub.accounts import account, reachable_by
from peer2peer.hub.deployment import HubError
from peer2peer.shared.files import open_folder
from peer2peer.shared.mailbox import PERSONAL, REQUESTS, letterbox

#: The exchange's root: anyone may add to it, only an entry's owner may rename or remove
#: it (the sticky bit, as on /tmp): a trainee cannot swap the course's folder for another.
EXCHANGE_MODE = 0o1777
#: A uid no person has: the test that a folder is open to every account.
ANYONE = 2**31 - 2


def share_exchange(cohort: Path, settings: CohortSettings, folder: Path, trainer_uid: int) -> Path:
    """Put the cohort's exchange where every account reaches it; the trainer owns its course."""
    exchange = Path(settings.exchange).resolve()
    if cohort.resolve() in exchange.parents or exchange == cohort.resolve():
        moved = folder / "exchange"
        if moved.exists():
            raise HubError(f"{moved} already exists. Move it away, then run this again")
        moved.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(exchange, moved)
        exchange = moved
        settings.exchange = str(exchange)
        save_settings(cohort, settings)
        write_cohort_config(cohort, settings)
    exchange.mkdir(parents=True, exist_ok=True)
    blocked = reachable_by(exchange, ANYONE)
    if blocked is not None:
        raise HubError(
            f"trainees cannot reach the exchange {exchange}: {blocked} is closed to other "
            f"accounts. Open it (chmod o+x {blocked}) or choose another place for the exchange"
        )
    exchange.chmod(EXCHANGE_MODE)
    course = exchange / settings.course_id
    course.mkdir(exist_ok=True)
    # The course's own folders are the trainer's (release, collect and feedback run as
    # them); what trainees handed in stays theirs.
    os.chown(course, trainer_uid, -1)
    for part in ("outbound", "feedback", "inbound"):
        where = course / part
        if where.is_dir():
            os.chown(where, trainer_uid, -1)
            if part != "inbound":
                for path in where.rglob("*"):
                    os.chown(path, trainer_uid, -1, follow_symlinks=False)
    return exchange


def open_letterboxes(exchange: Path, course_id: str, trainer_uid: int, trainees: list[str]) -> None:
    """A letterbox per trainee (shared.mailbox): the trainer's, with the trainee's group, 2770.

    `personal/` can be passed through by anyone but listed by the trainer alone, so no
    trainee learns who else is on the course.
    """
    personal = exchange / course_id / PERSONAL
    settle_folder(personal, trainer_uid, -1, 0o711)
    for trainee in trainees:
        group = account(trainee).pw_gid
        box = letterbox(exchange, course_id, trainee)
        for folder in (box, box / REQUESTS):
            settle_folder(folder, trainer_uid, group, 0o2770)


def settle_folder(folder: Path, uid: int, gid: int, mode: int) -> None:
    """Make `folder` a real folder with this owner and mode, never following a link.

    A trainee can replace `requests/` in their letterbox (they may write there) with a link
    to, say, /etc: root must then neither change the mode of what it points to nor keep it.
    """
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    folder.mkdir(exist_ok=True)
    handle = open_folder(folder)
    try:
        os.fchown(handle, uid, gid)
        os.fchmod(handle, mode)
    finally:
        os.close(handle)


def give_cohort_to(cohort: Path, trainer_uid: int, trainer: str) -> None:
    """Make the cohort folder the trainer's, as their server works in it."""
    owner = cohort.stat().st_uid
    if owner not in (0, trainer_uid):
        raise HubError(
            f"{cohort} belongs to another account than the trainer {trainer!r}. Run this with "
            "--trainer set to the account the cohort belongs to"
        )
    if owner == 0:
        for path in [cohort, *cohort.rglob("*")]:
            os.chown(path, trainer_uid, -1, follow_symlinks=False)
    blocked = reachable_by(cohort, trainer_uid)
    if blocked is not None:
        raise HubError(
            f"the trainer's account cannot reach {cohort}: {blocked} is closed to it. Move the "
            "cohort to a folder the trainer can reach (for example under their home)"
        )
