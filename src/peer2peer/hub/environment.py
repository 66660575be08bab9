"""What a hub runs: a Python environment every account can run, and the proxy from npm."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from peer2peer.hub.deployment import HubError

#: Where `make hub-env` makes the shared environment.
DEFAULT_ENVIRONMENT = Path("/opt/peer2peer/env")
#: Where `make hub-proxy` installs configurable-http-proxy, inside a checkout.
PROXY_IN_CHECKOUT = Path(".cache/hub/node_modules/.bin/configurable-http-proxy")


def runnable_by_everyone(path: Path) -> bool:
    """Whether every account can reach and run `path` (a Python under /root cannot be)."""
    real = path.resolve()
    if not real.is_file() or not real.stat().st_mode & 0o001:
        return False
    for folder in [*path.parents, *real.parents]:
        if folder.exists() and not folder.stat().st_mode & 0o001:
            return False
    return True


def usable_environment(prefix: Path) -> bool:
    """Whether users' servers can run from `prefix`: its Python runs for all, and has the hub."""
    return (
        runnable_by_everyone(prefix / "bin" / "python")
        and (prefix / "bin" / "jupyterhub-singleuser").is_file()
    )


def find_environment(given: Path | None = None) -> Path:
    """The environment users' servers run from: the one given, or a usable one found."""
    if given is not None:
        if not usable_environment(given):
            raise HubError(
                f"{given} cannot be used by every account (its Python must be readable and "
                "runnable by all, with JupyterHub installed). Make one with `make hub-env`"
            )
        return given.resolve()
    candidates = [os.environ.get("PEER2PEER_HUB_ENV"), DEFAULT_ENVIRONMENT, sys.prefix]
    for candidate in candidates:
        if candidate and usable_environment(Path(candidate)):
            return Path(candidate).resolve()
    raise HubError(
        "no Python environment every account can run was found (this one is not: a Python "
        "under /root cannot be run by other accounts). As root, run `make hub-env` to make "
        f"one at {DEFAULT_ENVIRONMENT}, or give --env"
    )


def find_proxy(given: str | None = None) -> str:
    """configurable-http-proxy: the one given, on PATH, or installed by `make hub-proxy`."""
    checkout = Path(__file__).resolve().parents[3]  # an editable install's checkout
    candidates = [
        given,
        os.environ.get("PEER2PEER_PROXY"),
        shutil.which("configurable-http-proxy"),
        str(Path.cwd() / PROXY_IN_CHECKOUT),
        str(checkout / PROXY_IN_CHECKOUT),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(Path(candidate).absolute())
    if given:
        raise HubError(f"{given} is not a program. Give the path of configurable-http-proxy")
    raise HubError(
        "configurable-http-proxy was not found. Install it with `make hub-proxy` "
        "(npm, into .cache/hub), or give --proxy PATH"
    )
