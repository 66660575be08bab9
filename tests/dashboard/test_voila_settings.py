"""Inside Voila's process: the token from the private config file, and logs without secrets."""

from __future__ import annotations

import logging

import pytest
from traitlets.config import Config

from peer2peer.dashboard.voila_settings import LOGGERS, NoSecrets, apply


def test_the_token_and_quiet_request_logging_are_set() -> None:
    config = Config()
    apply(config, "s3cret")
    assert config.Voila.token == "s3cret"
    settings = config.Voila.tornado_settings
    assert settings["log_function"].__module__ == "jupyter_server.log"  # blanks tokens
    assert settings["ws_ping_timeout"] == 30_000


def test_a_failed_request_is_logged_without_its_token(caplog: pytest.LogCaptureFixture) -> None:
    apply(Config(), "s3cret")
    apply(Config(), "s3cret")  # once is enough: the filter is not added twice
    general = logging.getLogger("tornado.general")
    assert sum(isinstance(f, NoSecrets) for f in general.filters) == 1
    with caplog.at_level(logging.WARNING, logger="tornado.general"):
        general.warning("%d %s: %s", 403, "GET /voila/files/x.txt?token=s3cret&a=1", "Not allowed")
    assert caplog.messages == ["403 GET /voila/files/x.txt?token=[secret]&a=1: Not allowed"]
    assert {"tornado.access", "Voila"} <= set(LOGGERS)


def test_lines_without_secrets_are_left_as_they_are() -> None:
    record = logging.LogRecord(
        "Voila", logging.INFO, __file__, 1, "Kernel started: %s", ("k",), None
    )
    assert NoSecrets().filter(record) and record.getMessage() == "Kernel started: k"


def test_voilas_own_link_is_left_out_for_ours() -> None:
    record = logging.LogRecord(
        "Voila", logging.INFO, __file__, 1, "Voilà is running at:\n%s", ("http://x/",), None
    )
    assert not NoSecrets().filter(record)
