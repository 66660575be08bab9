"""What the hub's tests share: the account prefix, the trainees, an invented deployment."""

from __future__ import annotations

from pathlib import Path

from peer2peer.hub.deployment import Deployment

#: Every account a hub test makes starts with this, and is removed after the test.
PREFIX = "p2pt-"
TRAINEES = [f"{PREFIX}t1", f"{PREFIX}t2", f"{PREFIX}t3"]


def a_deployment(folder: Path, **changes) -> Deployment:
    """A deployment of invented paths, for rendering tests."""
    values = dict(
        folder=folder,
        cohort=Path("/srv/cohorts/hub-test"),
        course_id="hub-test-2027",
        cohort_name="Hub test 2027",
        trainer=f"{PREFIX}trainer",
        trainees=TRAINEES,
        exchange=Path("/srv/peer2peer/hub-test-2027/exchange"),
        db_url="sqlite:////srv/cohorts/hub-test/gradebook.db",
        environment=Path("/opt/peer2peer/env"),
        proxy="/usr/local/bin/configurable-http-proxy",
    )
    return Deployment(**{**values, **changes})
