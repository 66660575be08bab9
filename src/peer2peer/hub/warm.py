"""A session started ahead: every trainee's server running before they log in, kept for the session.

`peer2peer hub start COHORT --warm` asks the hub (through its REST API, as the service
`session-warmer`) to start each trainee's server, a few at a time so the machine is not
swamped, and then reports each warmed server as active every few minutes for the length of
the session, so the idle culler leaves it. After the session the culler stops servers nobody
used as usual. The service's token is made once, kept in a file of mode 0600 that root alone
reads (state/warmer_token), and sent in a request header: never on a command line.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from peer2peer.hub.deployment import Deployment, HubError
from peer2peer.hub.running import RunningHub

#: Servers started at once: each start takes about a second and a half of CPU.
AT_ONCE = 3
#: A session's length unless told otherwise.
SESSION_MINUTES = 180
#: How long one server may take to start.
START_SECONDS = 300


def warmer_token(deployment: Deployment) -> str:
    """The warmer's API token, from its file in the hub's state (root only)."""
    return (deployment.state / "warmer_token").read_text().strip()


@dataclass
class Warmer:
    """Starts trainees' servers through the hub's API and keeps them for a session."""

    api: str  # the hub's API, e.g. http://127.0.0.1:8081/hub/api
    token: str
    names: list[str]
    stopped: threading.Event = field(default_factory=threading.Event)

    def _call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{self.api}{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
        try:
            with opener.open(request, timeout=60) as answer:
                text = answer.read()
                return answer.status, json.loads(text) if text else {}
        except urllib.error.HTTPError as error:
            return error.code, {}

    def is_ready(self, name: str) -> bool:
        """Whether the trainee's server is running and answering."""
        status, user = self._call("GET", f"/users/{name}")
        return status == 200 and bool(user.get("servers", {}).get("", {}).get("ready"))

    def start_one(self, name: str) -> float:
        """Start one trainee's server (if not running); seconds until it is ready."""
        started = time.monotonic()
        status, _ = self._call("POST", f"/users/{name}/server")
        if status not in (201, 202, 400):  # 400: it is running already
            raise HubError(f"the hub would not start {name}'s server (HTTP {status})")
        while not self.is_ready(name):
            if time.monotonic() - started > START_SECONDS or self.stopped.is_set():
                raise HubError(f"{name}'s server did not start within {START_SECONDS} s")
            time.sleep(0.5)
        return time.monotonic() - started

    def start_all(self, at_once: int = AT_ONCE) -> dict[str, float | str]:
        """Start every trainee's server, `at_once` at a time; seconds each took, or what failed."""

        def one(name: str) -> float | str:
            try:
                return self.start_one(name)
            except HubError as error:
                return str(error)

        with ThreadPoolExecutor(max(1, at_once)) as pool:
            return dict(zip(self.names, pool.map(one, self.names), strict=True))

    def report_active(self) -> None:
        """Tell the hub every warmed server is in use now (the culler then leaves it)."""
        now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        for name in self.names:
            self._call(
                "POST",
                f"/users/{name}/activity",
                {"last_activity": now, "servers": {"": {"last_activity": now}}},
            )

    def keep(self, minutes: float, every: float) -> None:
        """Report the servers active every `every` seconds until the session ends (or stop)."""
        end = time.monotonic() + minutes * 60
        while time.monotonic() < end and not self.stopped.is_set():
            self.report_active()
            self.stopped.wait(min(every, max(0.0, end - time.monotonic())))

    def keep_in_background(self, minutes: float, every: float) -> threading.Thread:
        """`keep`, in a thread of its own; `stopped.set()` ends it."""
        thread = threading.Thread(target=self.keep, args=(minutes, every), daemon=True)
        thread.start()
        return thread


def report_every(deployment: Deployment) -> float:
    """How often to report warmed servers active: well inside the culler's timeout."""
    return max(10.0, min(300.0, deployment.idle_minutes * 60 / 4))


def start_session(
    hub: RunningHub, minutes: float = SESSION_MINUTES, at_once: int = AT_ONCE
) -> tuple[Warmer, dict[str, float | str]]:
    """Start every trainee's server through `hub`, then keep them for `minutes` (in a thread)."""
    deployment = hub.deployment
    warmer = Warmer(hub.api, warmer_token(deployment), list(deployment.trainees))
    results = warmer.start_all(at_once)
    warmer.keep_in_background(minutes, report_every(deployment))
    return warmer, results
