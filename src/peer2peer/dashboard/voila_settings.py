"""Settings a page server applies inside Voila's own process, from its private config file.

`serve.prepare_private` writes a config file (readable by its owner alone) that calls
`apply`: the token comes from there, never from the command line, and what Voila and
tornado log is kept free of it.
"""

from __future__ import annotations

import logging
import re

from jupyter_server.log import log_request

from peer2peer.dashboard.static_cache import hashed_script_urls

#: A secret in a logged address: `token=...` (also `_xsrf=...`), up to the next `&` or space.
SECRET = re.compile(r"((?:token|_xsrf)=)[^&\s\"']+")
#: The loggers that write request addresses as they came: tornado's, and Voila's own.
LOGGERS = ("tornado.access", "tornado.general", "tornado.application", "Voila")


class NoSecrets(logging.Filter):
    """Blank every token in a line before it is logged (tornado logs failed requests' URLs).

    Voila's own "running at" line is left out: its link has no usable token, and the one
    to open is the link peer2peer prints once the page answers.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message without secrets; drop Voila's "running at" line."""
        text = record.getMessage()
        if text.startswith("Voilà is running at"):
            return False
        if SECRET.search(text):
            record.msg, record.args = SECRET.sub(r"\1[secret]", text), ()
        return True


def apply(c, token: str) -> None:
    """Give Voila's config `c` the server's token and quiet, secret-free logging."""
    c.Voila.token = token
    c.Voila.tornado_settings = {
        # Request lines with any token blanked, and successful requests left out.
        "log_function": log_request,
        # jupyter_server's default (90 s) is longer than the ping interval (30 s), which
        # tornado corrects with a warning on every page view.
        "ws_ping_timeout": 30_000,
        # Extension scripts named after their content are kept by the browser, not asked
        # about again at every visit (our servers run at the root of their address).
        "static_immutable_cache": hashed_script_urls("/"),
    }
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, NoSecrets) for f in logger.filters):
            logger.addFilter(NoSecrets())
