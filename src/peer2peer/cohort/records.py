"""The course records this package keeps beside nbgrader's, and erasing one trainee from them.

Register, observed practice, adjustments, marking record, certificates and evidence packs:
`forget` calls `erase_records` once, while it holds the cohort's write lock.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from peer2peer.cohort.adjustments import forget_adjustments
from peer2peer.cohort.attendance import forget_attendance
from peer2peer.cohort.certificates import forget_certificates
from peer2peer.cohort.marking_record import forget_record
from peer2peer.cohort.observed import forget_observed

#: Where evidence packs are written: evidence/<trainee>/evidence-<date>.pdf in the cohort.
EVIDENCE_FOLDER = "evidence"


@dataclass(frozen=True)
class RecordsErased:
    """How many of each record went."""

    register_entries: int
    observed_results: int
    adjustments: int
    marking_record_lines: int
    certificates_withdrawn: int
    evidence_packs: int


def erase_records(cohort: Path, trainee: str) -> RecordsErased:
    """Remove a trainee from every course record; running it again is harmless.

    The caller holds the cohort's write lock (`forget` does). A certificate's code stays in
    the register with nothing of the trainee beside it, so that it reads as withdrawn.
    """
    packs = cohort / EVIDENCE_FOLDER / trainee
    evidence = len(list(packs.glob("*.pdf"))) if packs.is_dir() else 0
    shutil.rmtree(packs, ignore_errors=True)
    return RecordsErased(
        forget_attendance(cohort, trainee),
        forget_observed(cohort, trainee),
        forget_adjustments(cohort, trainee),
        forget_record(cohort, trainee),
        forget_certificates(cohort, trainee),
        evidence,
    )
