"""A page run ahead of its visitor: wait for the visit before reading the address or the data.

Voila can keep a kernel one run ahead of the next visitor of a page ("preheated"): the
slow part of opening a page (starting Python and loading the libraries) is done before
anyone asks. A page that reads its address (which trainee, which module), or data that may
change while it waits (marks saved meanwhile), calls `wait_for_visit` first: in a kernel
run ahead it waits there until a visitor takes it, and then reads fresh; anywhere else it
returns at once.
"""

from __future__ import annotations

import os


def wait_for_visit() -> None:
    """In a kernel Voila runs ahead of need, wait until a visitor opens the page."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    from voila.utils import wait_for_request  # only where Voila runs the page

    wait_for_request()
