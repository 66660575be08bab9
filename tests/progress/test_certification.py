"""A certificate for a trainee who has completed, and a refusal with reasons for anyone else."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from peer2peer.cohort.certificates import load_certificates, verify_certificate
from peer2peer.cohort.settings import CohortError
from peer2peer.progress.certification import NotComplete, certify


def test_a_trainee_not_yet_complete_is_refused_with_every_reason(course: Path) -> None:
    with pytest.raises(NotComplete) as refused:
        certify(course, "t02")
    assert refused.value.reasons[0] == "has not handed in 1 module: 02-beta"
    assert "not completed the course yet" in str(refused.value)
    assert all(r.get("trainee") != "t02" for r in load_certificates(course).values())
    assert not (course / "certificates" / "t02").exists()


def test_a_complete_trainee_gets_a_certificate_whose_code_checks_out(course: Path) -> None:
    certificate = certify(course, "t01")
    text = " ".join(p.extract_text() for p in PdfReader(certificate.path).pages)
    assert "Ada Example" in text and certificate.code in text and "not accredited" in text
    assert verify_certificate(course, certificate.code).valid


def test_an_unknown_trainee_is_named(course: Path) -> None:
    with pytest.raises(CohortError, match="no trainee 'nobody'"):
        certify(course, "nobody")
