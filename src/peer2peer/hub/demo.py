"""`peer2peer hub demo`: the demo cohort served through a real hub on 127.0.0.1.

One trainer and the demo's twenty invented trainees become hub users (and Unix accounts),
each with a password written to a CSV file only root can read. When the demo stops it
stops every server and removes every account and file it made.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peer2peer.cohort.demo import run_demo
from peer2peer.cohort.settings import CohortError
from peer2peer.hub.accounts import LEDGER, account, copy_into_home, ledger_of, remove_all
from peer2peer.hub.deployment import TRAINEE, TRAINER, Deployment
from peer2peer.hub.passwords import new_password, set_password
from peer2peer.hub.running import RunningHub, start_hub, stop_hub, wait_until_ready
from peer2peer.hub.setup import init_deployment

MARKER = ".peer2peer-hub-demo"
DEMO_TRAINER = "demo-trainer"


@dataclass
class HubDemo:
    """A hub demo that is running."""

    folder: Path
    deployment: Deployment
    hub: RunningHub
    logins: Path


def start_hub_demo(
    curriculum: Path, folder: Path, port: int, say: Callable[[str], None] = print
) -> HubDemo:
    """Make the demo cohort, its accounts and logins, and start its hub; undo all on failure."""
    folder = folder.resolve()
    if folder.exists():
        if not (folder / MARKER).exists():
            raise CohortError(f"{folder} exists and is not a hub demo folder. Choose another")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    folder.chmod(0o755)  # every account passes through it to the exchange
    (folder / MARKER).write_text("A throw-away demo made by `peer2peer hub demo`.\n")
    ledger = folder / "hub" / "state" / LEDGER  # known before any account is made
    try:
        say("Building the curriculum and making the demo cohort (about a minute)...")
        demo = run_demo(curriculum, folder / "demo")
        say("Making the demo's accounts...")
        deployment, _ = init_deployment(
            demo.cohort, folder / "hub", trainer=DEMO_TRAINER, ip="127.0.0.1", port=port
        )
        for trainee in deployment.trainees:
            simulated = demo.homes / trainee
            entry = account(trainee)
            if simulated.is_dir() and entry is not None:
                copy_into_home(simulated, entry)  # their part-done work, as theirs
        logins = write_logins(deployment, folder / "logins.csv")
        say("Starting the hub...")
        hub = start_hub(deployment)
        wait_until_ready(hub)
        return HubDemo(folder, deployment, hub, logins)
    except BaseException:
        remove_all(ledger)
        shutil.rmtree(folder, ignore_errors=True)
        raise


def write_logins(deployment: Deployment, path: Path) -> Path:
    """Give every demo user a password and write the logins (role,username,password), 0600."""
    rows = [(TRAINER, deployment.trainer)] + [(TRAINEE, t) for t in deployment.trainees]
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["role", "username", "password"])
        for role, username in rows:
            password = new_password()
            set_password(deployment, username, password)
            writer.writerow([role, username, password])
    return path


def stop_hub_demo(demo: HubDemo) -> list[str]:
    """Stop the hub and every server, remove the demo's accounts and folder; return the accounts."""
    try:
        stop_hub(demo.hub)
    finally:
        removed = remove_all(ledger_of(demo.deployment))
        shutil.rmtree(demo.folder, ignore_errors=True)
    return removed
