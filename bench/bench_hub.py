"""Twenty trainees log in and open a lesson at once, through a real hub on 127.0.0.1 (as root).

Measured per trainee: seconds from logging in until the lesson view's page is rendered by
Voila in their own server (the HTML with the lesson's outputs; widgets then draw in the
browser), and the memory (RSS) of everything their account runs; and the hub's memory
(hub, proxy, culler). Then the same with JupyterLab as the landing page, in the same run:
from logging in until JupyterLab has opened the lesson's session (its kernel started).
Goal: 95th percentile under 10 s; an idle trainee server under 150 MB.

Run: sudo .venv/bin/python bench/bench_hub.py  (needs `make hub-proxy hub-env`).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from support import copy_project  # noqa: E402

from peer2peer.cohort.create import init_cohort  # noqa: E402
from peer2peer.cohort.exchange import release  # noqa: E402
from peer2peer.cohort.roster import Trainee, add_trainees  # noqa: E402
from peer2peer.hub.accounts import account, ledger_of, processes_of, remove_all  # noqa: E402
from peer2peer.hub.config import write_deployment  # noqa: E402
from peer2peer.hub.passwords import new_password, set_password  # noqa: E402
from peer2peer.hub.running import free_port, start_hub, stop_hub, wait_until_ready  # noqa: E402
from peer2peer.hub.setup import init_deployment  # noqa: E402

TRAINEES = [f"p2pb-{n:02d}" for n in range(1, 21)]
MODULE = "01-alpha"
TIMEOUT = 600  # each trainee's whole visit is bounded


def rss_mb(pids: list[int]) -> float:
    """The resident memory of these processes, in MB."""
    total = 0
    for pid in pids:
        try:
            line = next(
                ln for ln in Path(f"/proc/{pid}/status").read_text().splitlines()
                if ln.startswith("VmRSS:")
            )  # fmt: skip
            total += int(line.split()[1])
        except (OSError, StopIteration):
            pass
    return total / 1024


def visit(base: str, name: str, password: str, lab: bool) -> float:
    """Log in and open the lesson; return the seconds it took."""
    started = time.monotonic()
    session = requests.Session()
    session.get(f"{base}/hub/login", timeout=TIMEOUT)
    session.post(
        f"{base}/hub/login",
        data={"username": name, "password": password, "_xsrf": session.cookies["_xsrf"]},
        timeout=TIMEOUT,
    )
    while time.monotonic() - started < TIMEOUT:
        ready = session.get(f"{base}/user/{name}/api", timeout=TIMEOUT)
        if ready.ok and ready.headers.get("content-type", "").startswith("application/json"):
            break
        time.sleep(0.5)
    landing = session.get(f"{base}/user/{name}/", timeout=TIMEOUT)  # home (or JupyterLab)
    landing.raise_for_status()
    if lab:
        headers = {"X-XSRFToken": session.cookies.get("_xsrf", path=f"/user/{name}/") or ""}
        opened = session.post(
            f"{base}/user/{name}/api/sessions",
            json={"path": f"{MODULE}/lesson.ipynb", "type": "notebook", "name": "",
                  "kernel": {"name": "python3"}},
            headers=headers, timeout=TIMEOUT,
        )  # fmt: skip
    else:
        opened = session.get(
            f"{base}/user/{name}/voila/render/{MODULE}/lesson.ipynb", timeout=TIMEOUT
        )
    opened.raise_for_status()
    return time.monotonic() - started


def run(deployment, passwords: dict[str, str], lab: bool) -> None:
    """One round: all trainees at once, then the figures."""
    deployment.trainee_jupyterlab = lab
    write_deployment(deployment, account(deployment.trainer).pw_uid)
    hub = start_hub(deployment)
    try:
        wait_until_ready(hub)
        with ThreadPoolExecutor(len(TRAINEES)) as pool:
            times = sorted(
                pool.map(lambda n: visit(deployment.address(), n, passwords[n], lab), TRAINEES)
            )
        time.sleep(5)
        memory = [rss_mb(processes_of(account(n).pw_uid)) for n in TRAINEES]
        hub_pids = [hub.process.pid] + [
            int(p.parent.name)
            for p in Path("/proc").glob("[0-9]*/status")
            if p.parent.joinpath("cmdline").exists()
            and any(
                word in p.parent.joinpath("cmdline").read_text(errors="replace")
                for word in ("configurable-http-proxy", "jupyterhub_idle_culler")
            )
        ]
        landing = "JupyterLab (kernel started)" if lab else "home, then lesson view (Voila)"
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        print(f"{landing}: {len(times)} trainees at once")
        print(f"  seconds to lesson: median {statistics.median(times):.1f}, p95 {p95:.1f}")
        print(
            f"  memory per trainee (server + kernels): median {statistics.median(memory):.0f} MB,"
            f" max {max(memory):.0f} MB"
        )
        print(f"  hub + proxy + culler: {rss_mb(hub_pids):.0f} MB")
    finally:
        stop_hub(hub)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="p2pb-hub-", dir="/tmp"))
    folder.chmod(0o755)
    deployment = None
    try:
        project = copy_project(folder / "project")
        settings = init_cohort(folder / "cohort", "Hub bench 2027", project, date(2027, 3, 1))
        add_trainees(settings, [Trainee(t, "Bench", "Trainee", None) for t in TRAINEES])
        release(folder / "cohort", settings, settings.modules)
        deployment, _ = init_deployment(
            folder / "cohort", folder / "hub", trainer="p2pb-trainer", port=free_port()
        )
        passwords = {name: new_password() for name in TRAINEES}
        for name, password in passwords.items():
            set_password(deployment, name, password)
        run(deployment, passwords, lab=False)
        run(deployment, passwords, lab=True)
    finally:
        if deployment is not None:
            remove_all(ledger_of(deployment))
        else:
            remove_all(folder / "hub" / "state" / "accounts.json")
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
