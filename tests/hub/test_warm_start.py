"""A session started ahead, through a real hub on loopback: every trainee's server is running,
with their home and next lesson waiting, before anyone logs in; no secret is on a command line."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hub_support import PREFIX, TRAINEES
from support import copy_project

from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.exchange import release
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.hub.accounts import account, ledger_of, processes_of, remove_all
from peer2peer.hub.config import SECRETS
from peer2peer.hub.running import free_port, start_hub, stop_hub, wait_until_ready
from peer2peer.hub.setup import init_deployment
from peer2peer.hub.warm import start_session

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="the hub makes Unix accounts: run as root"),
]


def command_lines() -> dict[int, str]:
    """Every process's command line on this machine."""
    found = {}
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError, UnicodeDecodeError):
            found[int(path.parent.name)] = path.read_bytes().replace(b"\0", b" ").decode()
    return found


def kernels_of(uid: int) -> list[int]:
    """The kernels (pages' Pythons) an account runs."""
    lines = command_lines()
    return [pid for pid in processes_of(uid) if "peer2peer.hub.kernel" in lines.get(pid, "")]


@pytest.fixture(scope="module")
def session():
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}warm-", dir="/tmp"))
    folder.chmod(0o755)
    deployment = hub = warmer = None
    try:
        cohort = folder / "cohort"
        settings = init_cohort(cohort, "Warm 2027", copy_project(folder / "p"), date(2027, 3, 1))
        add_trainees(settings, [Trainee(t, "Test", "Trainee", None) for t in TRAINEES])
        release(cohort, settings, settings.modules)
        deployment, _ = init_deployment(
            cohort, folder / "hub", trainer=f"{PREFIX}trainer", port=free_port()
        )
        hub = start_hub(deployment)
        wait_until_ready(hub)
        before = datetime.now(UTC)
        warmer, results = start_session(hub, minutes=5, at_once=2)
        yield hub, warmer, results, before
    finally:
        if warmer is not None:
            warmer.stopped.set()
        if hub is not None:
            stop_hub(hub)
        remove_all(ledger_of(deployment) if deployment else folder / "hub/state/accounts.json")
        shutil.rmtree(folder, ignore_errors=True)


def test_every_trainees_server_runs_before_they_log_in(session):
    hub, warmer, results, _ = session
    assert sorted(results) == sorted(TRAINEES)
    assert all(isinstance(seconds, float) for seconds in results.values()), results
    for name in TRAINEES:
        assert warmer.is_ready(name)
        assert processes_of(account(name).pw_uid), f"{name} runs no server"
    # the trainer's server is left for the trainer to start
    assert not processes_of(account(hub.deployment.trainer).pw_uid)


def test_each_server_has_the_home_and_next_lesson_waiting(session):
    hub, *_ = session
    deadline = time.monotonic() + 180
    waiting = {}
    while time.monotonic() < deadline:
        waiting = {name: len(kernels_of(account(name).pw_uid)) for name in TRAINEES}
        if all(count == 2 for count in waiting.values()):
            break
        time.sleep(1)
    assert waiting == dict.fromkeys(TRAINEES, 2)
    log = hub.log.read_text(errors="replace")
    assert "pages run ahead: peer2peer-pages/home.ipynb, 01-alpha/lesson.ipynb" in log


def test_no_secret_is_on_any_command_line(session):
    hub, *_ = session
    secrets = [(hub.deployment.state / name).read_text().strip() for name in SECRETS]
    assert all(len(secret) == 64 for secret in secrets)
    for pid, line in command_lines().items():
        assert not any(secret in line for secret in secrets), f"a secret in process {pid}"


def test_the_warmer_keeps_the_servers_from_the_idle_culler(session):
    hub, warmer, _, before = session
    lines = command_lines().values()
    [culler] = [line for line in lines if "jupyterhub_idle_culler" in line]
    assert f"--timeout={hub.deployment.idle_minutes * 60}" in culler
    reported = datetime.now(UTC)
    warmer.report_active()
    for name in TRAINEES:
        _, user = warmer._call("GET", f"/users/{name}")
        last = datetime.fromisoformat(user["servers"][""]["last_activity"].replace("Z", "+00:00"))
        assert last >= reported.replace(microsecond=0) >= before.replace(microsecond=0)
