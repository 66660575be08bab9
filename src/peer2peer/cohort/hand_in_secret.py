"""A hand-in's secret, and the feedback pages in the exchange that it names.

nbgrader gives each hand-in a secret (a file in the submission's folder) and names the
feedback page it releases for it by a hash of that secret and the notebook. So the secrets
must be read before a hand-in is deleted, to find its pages. A copy waiting in the
exchange's `inbound/` is the trainee's to change, so the secret is read through one handle
that follows no link and never waits on a pipe.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from nbgrader.utils import notebook_hash

from peer2peer.cohort.ids import present
from peer2peer.shared.files import open_folder, read_plain

#: The file nbgrader writes beside each hand-in's notebooks.
SECRET = "submission_secret.txt"
#: More than a secret ever holds (nbgrader writes 32 hex digits).
SECRET_BYTES = 4096


def secret_of(folder: Path) -> str:
    """The secret of the hand-in in `folder`, or "" if there is none that is plain and readable."""
    try:
        handle = open_folder(folder)
    except OSError:
        return ""
    try:
        return read_plain(SECRET, SECRET_BYTES, handle).decode("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    finally:
        os.close(handle)


def feedback_pages(released: Path, secrets: Iterable[str], notebooks: Iterable[str]) -> list[str]:
    """The names of the pages in `released` that belong to any of these secrets and notebooks."""
    notebooks = sorted(set(notebooks))
    pages = []
    for secret in sorted(set(secrets) - {""}):
        for notebook in notebooks:
            checksum = notebook_hash(secret=secret, notebook_id=notebook)
            for name in (f"{checksum}.html", f"{checksum}-tmp.html"):
                if present(released / name):
                    pages.append(name)
    return pages
