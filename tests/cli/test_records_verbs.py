"""The course-record verbs, as a trainer and a verifier type them (all data invented)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from running_a_course import cohort_with_roster

from peer2peer.cli import main
from peer2peer.cohort.settings import load_settings, save_settings


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cohort whose rules ask only for the register (so the verbs run without grading)."""
    cohort = cohort_with_roster(tmp_path_factory.mktemp("verbs"))
    settings = load_settings(cohort)
    settings.completion.every_assessment_handed_in = False
    settings.completion.reflections_meet = False
    settings.completion.sessions_may_miss = 0
    settings.observed_practice = {"01-alpha": ["alpha-1"]}
    settings.verifiers = ["vera"]
    save_settings(cohort, settings)
    return cohort


def test_the_register_from_the_command_line(cohort: Path, capsys) -> None:
    c = str(cohort)
    assert main(["attendance", c, "01-alpha", "t01", "present", "--by", "alex"]) == 0
    assert main(["attendance", c, "02-beta", "t01", "late", "--note", "Bus."]) == 0
    assert main(["attendance", c, "01-alpha", "t02", "absent", "--note", "Unwell."]) == 0
    assert main(["attendance", c, "02-beta", "t02", "present"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "t01, 01-alpha: present.",
        "t01, 02-beta: late.",
    ]
    with pytest.raises(SystemExit) as wrong:  # not a register mark: argparse says so
        main(["attendance", c, "01-alpha", "t02", "here"])
    assert wrong.value.code == 2
    assert main(["attendance", c, "09-x", "t02", "present"]) == 1
    assert "no module '09-x'" in capsys.readouterr().err


def test_taking_the_register_tells_that_trainees_home(cohort: Path) -> None:
    from peer2peer.cohort.exchange import release
    from peer2peer.shared.mailbox import letterbox, read_status

    settings = load_settings(cohort)
    release(cohort, settings, ["01-alpha"])
    assert main(["attendance", str(cohort), "01-alpha", "t03", "excused", "--note", "Ill."]) == 0
    status = read_status(letterbox(Path(settings.exchange), settings.course_id, "t03"))
    assert status["modules"][0]["session"]["status"] == "excused"
    assert "Ill." not in str(status)
    assert (
        read_status(letterbox(Path(settings.exchange), settings.course_id, "t02"))["trainee"]
        == "t02"
    )


def test_completion_in_words_and_as_csv(cohort: Path, capsys) -> None:
    c = str(cohort)
    assert main(["observed", c, "01-alpha", "t01", "all", "met", "--by", "sam"]) == 0
    capsys.readouterr()
    assert main(["completion", c]) == 0
    out = capsys.readouterr().out
    assert "Ada Example (t01): complete" in out
    assert "Ben Example (t02): not yet" in out and "  - missed 1 session; the limit is 0" in out
    assert "  - no observed practice recorded yet for 01-alpha" in out
    assert "1 of 3 complete." in out
    assert main(["completion", c, "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["id"], r["status"]) for r in rows] == [
        ("t01", "complete"), ("t02", "not yet"), ("t03", "not yet"),
    ]  # fmt: skip


def test_a_certificate_is_refused_then_issued_verified_and_revoked(cohort: Path, capsys) -> None:
    c = str(cohort)
    assert main(["certificate", c, "t02"]) == 1
    err = capsys.readouterr().err
    assert "t02 has not completed the course yet" in err and "missed 1 session" in err
    assert main(["certificate", c, "t01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Wrote ") and out[0].endswith(".pdf") and Path(out[0][6:]).is_file()
    code = out[1].removeprefix("Verification code: ")
    assert out[1].startswith("Verification code: P2P-")
    assert main(["verify", c, code]) == 0
    assert "Valid: a certificate of participation for Ada Example" in capsys.readouterr().out
    assert main(["certificate", c, "t01", "--revoke", "--reason", "Made by mistake."]) == 0
    assert main(["verify", c, code]) == 1
    assert "Not valid: this certificate was withdrawn" in capsys.readouterr().out


def test_a_verifier_looks_at_marks_waiting_but_not_at_their_own(cohort: Path, capsys) -> None:
    c = str(cohort)
    assert main(["observed", c, "01-alpha", "t02", "alpha-1", "not-yet", "--by", "vera"]) == 0
    capsys.readouterr()
    assert main(["verify-marks", c]) == 0
    out = capsys.readouterr().out
    assert "#1 t01 01-alpha alpha-1 by sam: result: met" in out
    assert "2 mark(s) waiting for a verifier." in out
    assert main(["verify-marks", c, "2", "agree", "--by", "vera"]) == 1
    assert "your own" in capsys.readouterr().err
    assert main(["verify-marks", c, "1", "send-back", "--by", "vera", "--note", "Seen?"]) == 0
    assert main(["verify-marks", c]) == 0
    assert "Sent back: #1 t01 01-alpha by sam: Seen?" in capsys.readouterr().out


def test_adjustments_are_given_and_listed(cohort: Path, capsys) -> None:
    c = str(cohort)
    assert main(["adjust", c, "t03", "--module", "all", "--extend", "3", "--by", "sam"]) == 0
    assert main(["adjust", c, "t03", "--extend", "3"]) == 1  # which module?
    capsys.readouterr()
    assert main(["adjust", c, "t03"]) == 0
    out = capsys.readouterr().out
    assert "01-alpha: 3 more days (more time), by sam" in out
    assert "2 adjustment(s) for t03." in out


def test_an_evidence_pack_from_the_command_line(cohort: Path, capsys) -> None:
    assert main(["evidence", str(cohort), "t01", "--for", "verifier"]) == 0
    path = Path(capsys.readouterr().out.splitlines()[0].removeprefix("Wrote "))
    assert path.name.endswith("-verifier.pdf") and path.is_file()
