"""`python -m peer2peer.cli`: the same as the `peer2peer` command."""

import sys

from . import main

sys.exit(main())
