"""`peer2peer hub start COHORT --warm`, as a trainer runs it: every trainee's server is ready
before the hub says to press Ctrl+C, and stopping it stops them all."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from hub_support import PREFIX, TRAINEES
from support import copy_project

from peer2peer.cohort.create import init_cohort
from peer2peer.cohort.exchange import release
from peer2peer.cohort.roster import Trainee, add_trainees
from peer2peer.hub.accounts import account, ledger_of, processes_of, remove_all
from peer2peer.hub.passwords import new_password, set_password
from peer2peer.hub.running import free_port
from peer2peer.hub.setup import init_deployment

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="the hub makes Unix accounts: run as root"),
]


def test_hub_start_warm_readies_every_trainee_then_stops_them(tmp_path):
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}verb-", dir="/tmp"))
    folder.chmod(0o755)
    deployment = None
    try:
        cohort = folder / "cohort"
        settings = init_cohort(cohort, "Verb 2027", copy_project(folder / "p"), date(2027, 3, 1))
        add_trainees(settings, [Trainee(t, "Test", "Trainee", None) for t in TRAINEES])
        release(cohort, settings, settings.modules)
        deployment, _ = init_deployment(
            cohort, folder / "hub", trainer=f"{PREFIX}trainer", port=free_port()
        )
        set_password(deployment, deployment.trainer, new_password())
        command = [str(Path(sys.executable).parent / "peer2peer"), "hub", "start", str(cohort)]
        command += ["--folder", str(deployment.folder), "--warm", "--session-minutes", "30"]
        environment = {**os.environ, "COLUMNS": "200"}
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment
        ) as verb:
            said = []
            for line in verb.stdout:
                said.append(line)
                if "Press Ctrl+C" in line:
                    break
            text = "".join(said)
            assert f"{len(TRAINEES)} of {len(TRAINEES)} servers are ready" in text, text
            assert "kept running for 30 minutes" in text
            assert all(processes_of(account(t).pw_uid) for t in TRAINEES)
            verb.send_signal(signal.SIGTERM)
            assert verb.wait(timeout=120) == 0
        deadline = time.monotonic() + 30  # a kernel may outlive its server by a moment
        while any(processes_of(account(t).pw_uid) for t in TRAINEES):
            assert time.monotonic() < deadline, "a trainee's process was left running"
            time.sleep(0.5)
    finally:
        remove_all(ledger_of(deployment) if deployment else folder / "hub/state/accounts.json")
        shutil.rmtree(folder, ignore_errors=True)
