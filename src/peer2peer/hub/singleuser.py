"""What the hub runs for each person: write their role's pages, then start their server.

Run as `python -m peer2peer.hub.singleuser [arguments of jupyterhub-singleuser]`, as the
person's own account. Trainees get their home page;
the trainer gets the cohort, journey and marking pages. The server runs in this same
process (no second Python loading the same libraries again), without jsonschema's slow
IRI checker (peer2peer.hub.kernel).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from peer2peer.hub.deployment import PAGES_FOLDER, TRAINER
from peer2peer.hub.kernel import leave_out_slow_extras

TRAINEE_PAGES = ("home",)


def write_role_pages(root: Path, role: str) -> Path:
    """Write the pages of a role into `root`/peer2peer-pages (written anew at each start)."""
    import jupytext
    import nbformat

    from peer2peer.dashboard.serve import PAGE_SOURCES, write_pages

    folder = root / PAGES_FOLDER
    if role == TRAINER:
        return write_pages(folder)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    for name in TRAINEE_PAGES:
        source = (PAGE_SOURCES / f"{name}.md").read_text(encoding="utf-8")
        nbformat.write(jupytext.reads(source, fmt="md:myst"), folder / f"{name}.ipynb")
    return folder


def main() -> None:
    """Write the pages, then run jupyterhub-singleuser with the same arguments, in this process."""
    leave_out_slow_extras()  # before anything loads jsonschema
    role = os.environ.get("PEER2PEER_ROLE", "trainee")
    # The hub passes the folder the server serves (its notebook_dir, e.g. "~").
    write_role_pages(Path(os.environ.get("JUPYTERHUB_ROOT_DIR") or ".").expanduser(), role)
    from jupyterhub.singleuser import main as singleuser

    sys.argv[0] = "jupyterhub-singleuser"
    sys.exit(singleuser())


if __name__ == "__main__":
    main()
