"""`python -m peer2peer.hub.image`: the Kubernetes servers' image gets our page template and kernel.

The Dockerfile `peer2peer hub values` writes runs this once the package is installed. It
writes into the image's own Jupyter data folder (`sys.prefix/share/jupyter`), as `hub init`
does into the one server's, so pages ask no other host and every page's kernel is
`peer2peer.hub.kernel`, without the slow extras, where ipykernel's own spec was.
"""

from __future__ import annotations

import sys
from pathlib import Path

from peer2peer.hub.config import write_jupyter_data


def main(argv: list[str] | None = None) -> None:
    """Write into the folder named, or into this Python's own Jupyter data folder."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(sys.prefix, "share", "jupyter")
    for path in write_jupyter_data(folder, Path(sys.executable)):
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
