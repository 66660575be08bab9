"""A page run ahead of its visitor: wait for the visit before reading the address or the data.

Voila can keep a kernel one run ahead of the next visitor of a page ("preheated"): the
slow part of opening a page (starting Python and loading the libraries) is done before
anyone asks. A page that reads its address (which trainee, which module), or data that may
change while it waits (marks saved meanwhile), calls `wait_for_visit` first: in a kernel
run ahead it waits there until a visitor takes it, and then reads fresh; anywhere else it
returns at once.

Voila says a page's kernel is in its pool as soon as the kernel has started, long before
the page has run up to its visitor. So a page run ahead also says when it is ready
(`say_ready`: a file named after its kernel in the server's READY_VARIABLE folder), and
the server prints its link once every page it runs ahead has said so.

What does not depend on the visitor is done before the visit: `before_visit` runs a page's
reading once ahead, so that the files parsed (`shared.files.read_parsed`) and the templates
compiled are ready, and at the visit only what changed since is read again.

When the server stops before anyone comes, it interrupts the waiting kernel (or the
connection ends): the kernel then ends at once, quietly, instead of running on and answering
on sockets the shutdown has already closed (a traceback in the server's log).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

#: The folder in which pages run ahead say they are ready (set by the server, if at all).
READY_VARIABLE = "PEER2PEER_READY_FOLDER"
#: The key in the address a page run ahead asks for its visit at (set by a hub server).
QUERY_KEY_VARIABLE = "PEER2PEER_QUERY_KEY"


def run_ahead() -> bool:
    """Whether this kernel is one Voila runs ahead of its visitor."""
    return os.environ.get("VOILA_PREHEAT", "False") != "False"


def say_ready() -> None:
    """In a kernel run ahead, tell the server the page is ready for its visitor."""
    folder = os.environ.get(READY_VARIABLE)
    if run_ahead() and folder and Path(folder).is_dir():
        (Path(folder) / os.environ.get("VOILA_KERNEL_ID", str(os.getpid()))).touch()


def before_visit(work: Callable[[], object]) -> None:
    """In a kernel run ahead, do `work` now, while nobody waits; what fails is done at the visit."""
    if run_ahead():
        with suppress(Exception):
            work()


def wait_for_visit() -> None:
    """In a kernel Voila runs ahead of need, say it is ready, then wait until a visitor comes."""
    if not run_ahead():
        return
    say_ready()
    try:
        visit = ask_for_visit(_query_address())
    except KeyboardInterrupt:  # a server shutting its kernels down interrupts them first
        visit = None
    if visit is None:
        os._exit(0)  # the server stopped with nobody come: end now, with nothing to answer
    os.environ.update(visit)


def ask_for_visit(address: str) -> dict[str, str] | None:
    """The visit's details (its address, as CGI-style variables) once a visitor takes this
    kernel, from the server at `address`; None if the server went away first."""
    try:
        with connect(address, open_timeout=5, close_timeout=1) as server:
            said = server.recv()
    except (OSError, TimeoutError, WebSocketException):
        return None
    details = json.loads(said)
    return {str(name): str(value) for name, value in details.items()}


def _query_address() -> str:
    """Where this kernel asks for its visit: a hub server's keyed route, or Voila's own."""
    port = os.environ.get("VOILA_APP_PORT", "8866")
    server = os.environ.get("VOILA_SERVER_URL", "/")
    key = os.environ.get(QUERY_KEY_VARIABLE)
    route = f"voila/query/{key}" if key else "voila/query"
    return f"ws://127.0.0.1:{port}{server}{route}/{os.environ.get('VOILA_KERNEL_ID', '')}"
