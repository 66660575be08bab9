"""Twenty trainees log in and open a lesson at once, through a real hub on 127.0.0.1 (as root).

Measured per trainee: seconds from logging in until the lesson view's page is rendered by
Voila in their own server (the HTML with the lesson's outputs; widgets then draw in the
browser), and the memory (RSS) of everything their account runs; and the hub's memory
(hub, proxy, culler). Then the same with JupyterLab as the landing page, in the same run:
from logging in until JupyterLab has opened the lesson's session (its kernel started).
Goal: 95th percentile under 10 s; an idle trainee server under 150 MB. One trainee alone
is measured first: the floor that each of the twenty pays, on a machine to themselves.
Then a warm session (`hub start --warm`): every trainee's server started ahead, a few at a
time, with the home and next lesson waiting; the twenty then log in at once. Its memory is
given with the waiting kernels and without.

Run: sudo .venv/bin/python bench/bench_hub.py [--trainees 20]  (needs `make hub-proxy hub-env`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
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
from peer2peer.hub.warm import AT_ONCE, start_session  # noqa: E402

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


def cpu_seconds(pids: list[int]) -> float:
    """The CPU time these processes (and their children gone) have used, in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def hub_processes(hub) -> list[int]:
    """The hub, its proxy and its culler."""
    return [hub.process.pid] + [
        int(p.parent.name)
        for p in Path("/proc").glob("[0-9]*/cmdline")
        if any(word in command_line(p) for word in ("configurable-http-proxy", "jupyterhub_idle"))
    ]


def command_line(path: Path) -> str:
    """A process's command line, from /proc/PID/cmdline ("" once it is gone)."""
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def is_kernel(pid: int) -> bool:
    """Whether a process is a kernel (a page's Python), not the person's server."""
    try:
        line = Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    except OSError:
        return False
    return "ipykernel" in line or "peer2peer.hub.kernel" in line


def wait_for_kernels(trainees: list[str], count: int, seconds: float = 300) -> None:
    """Wait until each trainee's server has `count` kernels waiting (or give up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(sum(map(is_kernel, processes_of(account(n).pw_uid))) >= count for n in trainees):
            return
        time.sleep(1)
    print(f"  (not every server had {count} kernels waiting after {seconds:.0f} s)")


@dataclass
class Visit:
    """One trainee's visit, in seconds from logging in."""

    server: float  # their server answers
    home: float  # their first page (home or JupyterLab) is served
    lesson: float  # the lesson is rendered (Voila) or its kernel started (JupyterLab)


def visit(base: str, name: str, password: str, lab: bool) -> Visit:
    """Log in and open the lesson; return when each step was done."""
    started = time.monotonic()
    session = requests.Session()
    session.get(f"{base}/hub/login", timeout=TIMEOUT)
    landed = session.post(
        f"{base}/hub/login",
        data={"username": name, "password": password, "_xsrf": session.cookies["_xsrf"]},
        timeout=TIMEOUT,
    )
    if landed.ok and landed.url.startswith(f"{base}/user/{name}/"):
        # Their server was running: logging in led straight to their first page, as a
        # browser would be (asking for it again would be a second visit).
        server = home = time.monotonic() - started
    else:
        while time.monotonic() - started < TIMEOUT:
            ready = session.get(f"{base}/user/{name}/api", timeout=TIMEOUT)
            if ready.ok and ready.headers.get("content-type", "").startswith("application/json"):
                break
            time.sleep(0.5)
        server = time.monotonic() - started
        landing = session.get(f"{base}/user/{name}/", timeout=TIMEOUT)  # home (or JupyterLab)
        landing.raise_for_status()
        home = time.monotonic() - started
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
    return Visit(server, home, time.monotonic() - started)


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def run(
    deployment, passwords: dict[str, str], lab: bool, trainees: list[str], warm: bool = False
) -> None:
    """One round: these trainees at once (their servers started ahead if `warm`), the figures."""
    deployment.trainee_jupyterlab = lab
    deployment.pages_ahead = not lab  # JupyterLab users open no home or lesson view
    deployment.trainees = trainees  # a warm session starts the servers of these
    write_deployment(deployment, account(deployment.trainer).pw_uid)
    hub = start_hub(deployment)
    warmer = None
    try:
        wait_until_ready(hub)
        if warm:
            load = os.getloadavg()[0]
            started = time.monotonic()
            warmer, results = start_session(hub, minutes=30)
            ready = time.monotonic() - started
            wait_for_kernels(trainees, 2)
            failed = [n for n, r in results.items() if not isinstance(r, float)]
            print(
                f"Warm session: {len(trainees) - len(failed)} servers started ahead, "
                f"{AT_ONCE} at a time, in {ready:.0f} s; their pages waiting after "
                f"{time.monotonic() - started:.0f} s (load before: {load:.1f})"
            )
            time.sleep(5)
            pids = {n: processes_of(account(n).pw_uid) for n in trainees}
            waiting = [rss_mb(pids[n]) for n in trainees]
            alone = [rss_mb([p for p in pids[n] if not is_kernel(p)]) for n in trainees]
            print(
                f"  memory per idle trainee server: with its 2 pages waiting median "
                f"{statistics.median(waiting):.0f} MB; the server alone median "
                f"{statistics.median(alone):.0f} MB"
            )
        load = os.getloadavg()[0]
        before = cpu_seconds(
            hub_processes(hub) + [p for n in trainees for p in processes_of(account(n).pw_uid)]
        )
        with ThreadPoolExecutor(len(trainees)) as pool:
            visits = list(
                pool.map(lambda n: visit(deployment.address(), n, passwords[n], lab), trainees)
            )
        time.sleep(5)
        pids = {n: processes_of(account(n).pw_uid) for n in trainees}
        memory = [rss_mb(pids[n]) for n in trainees]
        idle = [rss_mb([pid for pid in pids[n] if not is_kernel(pid)]) for n in trainees]
        hub_pids = hub_processes(hub)
        used = cpu_seconds(hub_pids + [p for n in trainees for p in pids[n]]) - before
        landing = "JupyterLab (kernel started)" if lab else "home, then lesson view (Voila)"
        landing += ", servers started ahead" if warm else ""
        print(f"{landing}: {len(trainees)} trainee(s) at once (load before: {load:.1f})")
        for step in ("server", "home", "lesson"):
            times = [getattr(v, step) for v in visits]
            print(
                f"  seconds until {step:6}: median {statistics.median(times):5.1f}, "
                f"p95 {p95(times):5.1f}"
            )
        print(
            f"  memory per trainee (server + kernels): median {statistics.median(memory):.0f} MB,"
            f" max {max(memory):.0f} MB"
        )
        print(
            f"  memory per trainee server once its pages are closed (kernels stopped): "
            f"median {statistics.median(idle):.0f} MB (goal: under 150 MB)"
        )
        print(
            f"  CPU the visits used (hub, proxy, servers, kernels): {used:.0f} s, so at least "
            f"{used / os.cpu_count():.1f} s on {os.cpu_count()} idle cores"
        )
        print(f"  hub + proxy + culler: {rss_mb(hub_pids):.0f} MB", flush=True)
    finally:
        if warmer is not None:
            warmer.stopped.set()
        stop_hub(hub)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=len(TRAINEES), help="how many at once")
    count = min(parser.parse_args().trainees, len(TRAINEES))
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
        # One trainee alone first: the floor each of the many pays, with the machine to itself.
        run(deployment, passwords, lab=False, trainees=TRAINEES[-1:])
        run(deployment, passwords, lab=False, trainees=TRAINEES[:count])
        run(deployment, passwords, lab=False, trainees=TRAINEES[:count], warm=True)
        run(deployment, passwords, lab=True, trainees=TRAINEES[:count])
    finally:
        if deployment is not None:
            remove_all(ledger_of(deployment))
        else:
            remove_all(folder / "hub" / "state" / "accounts.json")
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
