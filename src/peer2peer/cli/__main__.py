"""`python -m peer2peer.cli`: the same as the `peer2peer` command."""

import sys

from peer2peer.cli import main

sys.exit(main())
