"""`forget` erases a trainee from every course record: register, checklists, adjustments,
marking record, certificates and evidence packs."""

from __future__ import annotations

from pathlib import Path

from running_a_course import cohort_with_roster

from peer2peer.cohort.adjustments import grant_extension, load_adjustments
from peer2peer.cohort.attendance import load_register, record_attendance
from peer2peer.cohort.certificates import verify_certificate, write_certificate
from peer2peer.cohort.erase import forget
from peer2peer.cohort.marking_record import RECORD_FILE, read_record
from peer2peer.cohort.observed import checklist_results, record_observed
from peer2peer.cohort.records import EVIDENCE_FOLDER
from peer2peer.cohort.settings import load_settings, save_settings


def test_forget_erases_every_course_record_of_the_trainee(tmp_path: Path) -> None:
    cohort = cohort_with_roster(tmp_path)
    settings = load_settings(cohort)
    settings.observed_practice = {"01-alpha": ["alpha-1"]}
    save_settings(cohort, settings)
    for trainee in ("t01", "t02"):
        record_attendance(cohort, settings, "01-alpha", trainee, "present", "On time.")
        record_observed(cohort, settings, "01-alpha", trainee, "alpha-1", "met", "Listened well.")
        grant_extension(cohort, settings, trainee, "01-alpha", 3)
    code = write_certificate(cohort, settings, "t01").code
    pack = cohort / EVIDENCE_FOLDER / "t01" / "evidence-2027-06-01-trainer.pdf"
    pack.parent.mkdir(parents=True)
    pack.write_bytes(b"%PDF-")

    erased = forget(cohort, settings, "t01")

    assert erased.records is not None
    assert (erased.records.register_entries, erased.records.observed_results) == (1, 1)
    assert (erased.records.adjustments, erased.records.certificates_withdrawn) == (1, 1)
    assert (erased.records.marking_record_lines, erased.records.evidence_packs) == (1, 1)
    assert "t01" not in load_register(cohort)["01-alpha"]
    assert [r.trainee for r in checklist_results(cohort, settings)] == ["t02"]
    assert list(load_adjustments(cohort)) == ["t02"]
    assert {e.trainee for e in read_record(cohort)} == {"", "t02"}
    assert not verify_certificate(cohort, code).valid
    assert not pack.parent.exists()
    for name in ("attendance.json", "observed.json", "adjustments.json", RECORD_FILE,
                 "certificates.json"):  # fmt: skip
        text = (cohort / name).read_text()
        assert "t01" not in text and "Ada" not in text, name
