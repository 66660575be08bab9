"""Certificates: a PDF that says what it is (and is not), a code anyone can check, withdrawal."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from running_a_course import cohort_with_roster

from peer2peer.cohort.certificates import (
    forget_certificates,
    load_certificates,
    new_code,
    normal_code,
    revoke_certificates,
    verify_certificate,
    write_certificate,
)
from peer2peer.cohort.settings import CohortError, load_settings


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cohort_with_roster(tmp_path_factory.mktemp("certificates"))


def text_of(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_certificate_says_who_what_where_when_and_that_it_is_not_accredited(cohort) -> None:
    certificate = write_certificate(cohort, load_settings(cohort), "t01", on=date(2027, 5, 3))
    words = " ".join(text_of(certificate.path).split())
    assert len(PdfReader(certificate.path).pages) == 1
    for expected in [
        "Certificate of participation",
        "Ada Example",
        "Test programme",  # the course, from curriculum.yml
        "Test Recovery College, Testshire",  # the organisation and area, from area.yml
        "Alpha 2",  # each module with its hours
        "Beta 1.5",
        "In all 3.5",
        "3 May 2027",
        "not accredited",
        f"Verification code: {certificate.code}",
    ]:
        assert expected in words
    assert stat.S_IMODE(os.stat(certificate.path).st_mode) == 0o600


def test_a_code_is_checked_however_it_is_typed(cohort: Path) -> None:
    certificate = write_certificate(cohort, load_settings(cohort), "t02")
    typed = certificate.code.lower().replace("-", " ")
    found = verify_certificate(cohort, typed)
    assert found.valid and "Ben Example" in found.words and "Test Recovery College" in found.words
    assert normal_code(typed) == certificate.code
    wrong = verify_certificate(cohort, new_code())
    assert not wrong.valid and "no certificate with this code" in wrong.words


def test_writing_again_keeps_the_code(cohort: Path) -> None:
    settings = load_settings(cohort)
    first = write_certificate(cohort, settings, "t01")
    assert write_certificate(cohort, settings, "t01").code == first.code


def test_a_withdrawn_certificate_is_not_valid(cohort: Path) -> None:
    settings = load_settings(cohort)
    code = write_certificate(cohort, settings, "t02").code
    with pytest.raises(CohortError, match="say why"):
        revoke_certificates(cohort, "t02", " ")
    assert revoke_certificates(cohort, "t02", "Issued by mistake.") == [code]
    found = verify_certificate(cohort, code)
    assert not found.valid and "withdrawn on" in found.words
    with pytest.raises(CohortError, match="no certificate that stands"):
        revoke_certificates(cohort, "t02", "Again.")
    assert write_certificate(cohort, settings, "t02").code != code  # a new one, a new code


def test_erasing_a_trainee_withdraws_their_certificate_and_keeps_no_name(cohort: Path) -> None:
    certificate = write_certificate(cohort, load_settings(cohort), "t03")
    assert forget_certificates(cohort, "t03") == 1
    found = verify_certificate(cohort, certificate.code)
    assert not found.valid and "Cal" not in found.words
    record = load_certificates(cohort)[certificate.code]
    assert record["name"] == "" and record["trainee"] == "" and record["reason"] == "erased"
    assert not certificate.path.parent.exists()
    assert "Cal" not in (cohort / "certificates.json").read_text()
