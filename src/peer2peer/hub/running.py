"""Starting and stopping a deployment's hub (as root), by its process id."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from peer2peer.hub.deployment import Deployment, HubError


@dataclass
class RunningHub:
    """A hub this process started."""

    process: subprocess.Popen
    deployment: Deployment
    log: Path
    api: str  # the hub's REST API, on loopback (not through the proxy)

    def address(self) -> str:
        """Where people reach it."""
        return self.deployment.address()


def free_port(ip: str = "127.0.0.1") -> int:
    """A free TCP port on `ip`."""
    with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET) as probe:
        probe.bind((ip, 0))
        return probe.getsockname()[1]


def port_is_free(ip: str, port: int) -> bool:
    """Whether nothing listens on ip:port yet."""
    with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET) as probe:
        # Closed connections linger in TIME_WAIT; servers bind over them, and so do we.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((ip, port))
        except OSError:
            return False
        return True


def start_hub(deployment: Deployment, log: Path | None = None) -> RunningHub:
    """Start JupyterHub (and, through it, the proxy and the idle culler)."""
    if os.geteuid() != 0:
        raise HubError("the hub starts each person's server as their own account: run as root")
    if not port_is_free(deployment.ip, deployment.port):
        raise HubError(
            f"port {deployment.port} on {deployment.ip} is in use. Stop what uses it, or "
            "give another with --port"
        )
    log = log or deployment.state / "jupyterhub.log"
    api_port = free_port()
    environment = {
        **os.environ,
        "PEER2PEER_HUB_IP": deployment.ip,
        "PEER2PEER_HUB_PORT": str(deployment.port),
        "PEER2PEER_HUB_API_PORT": str(api_port),
        "PEER2PEER_PROXY_API_PORT": str(free_port()),
    }
    for variable in ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_CONFIG_PATH", "JUPYTER_PATH"):
        environment.pop(variable, None)
    with log.open("ab") as output:
        log.chmod(0o600)
        process = subprocess.Popen(
            [str(deployment.environment / "bin" / "jupyterhub"), "-f", str(deployment.config_file)],
            cwd=deployment.state,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return RunningHub(process, deployment, log, f"http://127.0.0.1:{api_port}/hub/api")


def wait_until_ready(hub: RunningHub, seconds: float = 120) -> None:
    """Wait until the hub answers through its proxy, or fail with what it logged."""
    url = f"{hub.address()}/hub/health"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise HubError(f"the hub stopped while starting. Its log:\n{_tail(hub.log)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise HubError(f"the hub did not answer within {seconds:.0f} s. Its log:\n{_tail(hub.log)}")


def stop_hub(hub: RunningHub, seconds: float = 60) -> int:
    """Stop the hub; it stops every person's server, the proxy and the culler first."""
    if hub.process.poll() is None:
        hub.process.terminate()
        try:
            hub.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            hub.process.kill()
            hub.process.wait()
    _stop_proxy_left(hub.deployment)
    return hub.process.returncode


def _stop_proxy_left(deployment: Deployment) -> None:
    """If the hub died without stopping its proxy, stop the proxy by the pid it recorded."""
    pid_file = deployment.state / "proxy.pid"
    if not pid_file.is_file():
        return
    try:
        pid = int(pid_file.read_text().strip())
        if "configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_text():
            os.kill(pid, 15)
    except (ValueError, OSError):
        pass
    pid_file.unlink(missing_ok=True)


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
