"""A certificate for a trainee who has completed, and for nobody else.

The one place the completion rules gate a write: `certify` reads the cohort, and only when
the trainee is complete asks `peer2peer.cohort.certificates` to write the certificate.
"""

from __future__ import annotations

from pathlib import Path

from peer2peer.cohort.certificates import Certificate, write_certificate
from peer2peer.cohort.settings import CohortError
from peer2peer.progress.completion import cohort_completion
from peer2peer.progress.snapshot import CohortData


class NotComplete(CohortError):
    """The trainee has not completed: no certificate. `reasons` says why, in plain words."""

    def __init__(self, trainee: str, reasons: list[str]):
        super().__init__(f"{trainee} has not completed the course yet: " + "; ".join(reasons))
        self.reasons = reasons


def certify(cohort: Path, trainee: str) -> Certificate:
    """Write the certificate of a trainee who has completed; raise NotComplete otherwise."""
    data = CohortData.read(cohort)
    found = {row.trainee: row for row in cohort_completion(data)}
    if trainee not in found:
        raise CohortError(
            f"there is no trainee {trainee!r} in this cohort. Check the id with "
            "`peer2peer completion`"
        )
    if found[trainee].reasons:
        raise NotComplete(trainee, found[trainee].reasons)
    return write_certificate(cohort, data.settings, trainee)
