"""Unix accounts for a hub on one server: one per trainee, so the system keeps their files apart.

Every account made here carries a mark in its comment field and is listed in the
deployment's ledger (`state/accounts.json`); only such accounts are ever removed.
Trainees get no login shell: they reach the machine through the hub alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

from peer2peer.hub.deployment import Deployment, HubError

#: Names a Unix account and JupyterHub both accept unchanged (nbgrader takes the trainee
#: id from the account's name, so the roster id must be usable as it is).
UNIX_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
MARK = "peer2peer hub account"
LEDGER = "accounts.json"
#: Accounts below this uid belong to the system; none is ever used as a person's.
FIRST_PERSON_UID = 1000


def name_problem(name: str) -> str | None:
    """Why `name` cannot be an account's name, or None when it can."""
    if UNIX_NAME.match(name):
        return None
    return (
        f"{name!r} cannot be an account name on this machine: use lower-case letters, "
        "digits, - and _ only, starting with a letter, at most 32 characters. Change the id "
        "on the roster (peer2peer cohort add-trainees) and run this again"
    )


def account(name: str) -> pwd.struct_passwd | None:
    """The Unix account called `name`, if there is one."""
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def made_here(entry: pwd.struct_passwd) -> bool:
    """Whether an account carries peer2peer's mark."""
    return entry.pw_gecos.startswith(MARK)


def ensure_account(
    name: str, course_id: str, ledger: Path, person_may_exist: bool = False
) -> pwd.struct_passwd:
    """Make the account `name` (home of mode 0700, no login shell) unless peer2peer made it.

    An account of the same name that peer2peer did not make is refused (it could be a
    system account, or someone else's), except the trainer's own when `person_may_exist`.
    """
    problem = name_problem(name)
    if problem:
        raise HubError(problem)
    entry = account(name)
    if entry is not None:
        if entry.pw_uid < FIRST_PERSON_UID:
            raise HubError(f"{name!r} is a system account on this machine. Choose another id")
        if made_here(entry) or person_may_exist:
            return entry
        raise HubError(
            f"there is already an account called {name!r} on this machine, not made by "
            "peer2peer. Give the trainee another id on the roster"
        )
    _record(ledger, name)  # before it exists: a crash part-way still lets us remove it
    shell = "/bin/bash" if person_may_exist else "/usr/sbin/nologin"
    subprocess.run(
        ["useradd", "--create-home", "--user-group", "--shell", shell,
         "--comment", f"{MARK} ({course_id})", name],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    entry = pwd.getpwnam(name)
    Path(entry.pw_dir).chmod(0o700)
    return entry


def remove_account(name: str, ledger: Path) -> bool:
    """Remove an account peer2peer made (its processes, home and group); False if not ours."""
    entry = account(name)
    if entry is None:
        _forget(ledger, name)
        return False
    if name not in made_accounts(ledger) or not made_here(entry):
        return False
    stop_processes_of(entry.pw_uid)
    subprocess.run(["userdel", "--remove", name], check=True, capture_output=True, text=True)
    _forget(ledger, name)
    return True


def processes_of(uid: int) -> list[int]:
    """The ids of processes running as `uid`."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        line = next((ln for ln in text.splitlines() if ln.startswith("Uid:")), "")
        if line.split()[1:2] == [str(uid)]:
            found.append(int(status.parent.name))
    return found


def stop_processes_of(uid: int, seconds: float = 10) -> None:
    """Stop every process of an account peer2peer made, by PID: politely, then for good."""
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        for pid in processes_of(uid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal_number)
        deadline = time.monotonic() + seconds
        while processes_of(uid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not processes_of(uid):
            return


def made_accounts(ledger: Path) -> list[str]:
    """The accounts this deployment made, as its ledger lists them."""
    if not ledger.is_file():
        return []
    return list(json.loads(ledger.read_text())["made"])


def remove_all(ledger: Path) -> list[str]:
    """Remove every account the ledger lists; return those removed."""
    return [name for name in made_accounts(ledger) if remove_account(name, ledger)]


def copy_into_home(source: Path, entry: pwd.struct_passwd) -> None:
    """Copy a folder's contents into a person's home, as theirs."""
    home = Path(entry.pw_dir)
    shutil.copytree(source, home, dirs_exist_ok=True)
    for path in [home, *home.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
    home.chmod(0o700)  # copytree gave it the source folder's mode


def reachable_by(path: Path, uid: int) -> Path | None:
    """The first folder on the way to `path` that the account `uid` cannot pass, or None."""
    for folder in [*reversed(path.resolve().parents), path.resolve()]:
        if not folder.exists():
            return None
        info = folder.stat()
        passable = info.st_mode & 0o001 or (info.st_uid == uid and info.st_mode & 0o100)
        if not passable:
            return folder
    return None


def _record(ledger: Path, name: str) -> None:
    names = made_accounts(ledger)
    if name not in names:
        _save(ledger, [*names, name])


def _forget(ledger: Path, name: str) -> None:
    names = made_accounts(ledger)
    if name in names:
        _save(ledger, [n for n in names if n != name])


def _save(ledger: Path, names: list[str]) -> None:
    ledger.parent.mkdir(parents=True, exist_ok=True)
    ledger.write_text(json.dumps({"made": names}, indent=1) + "\n")
    ledger.chmod(0o600)


def ledger_of(deployment: Deployment) -> Path:
    """The ledger of the accounts a deployment made."""
    return deployment.state / LEDGER
