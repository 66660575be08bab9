"""A read-only cohort, a damaged ledger, a time nbgrader cannot read: plain words, no traceback."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from handing_in import MODULE, collected_cohort

import peer2peer.cohort.health as health
from peer2peer.cli import main
from peer2peer.cohort.grading import LEDGER
from peer2peer.cohort.settings import CohortError, load_settings


def said_plainly(capsys: pytest.CaptureFixture, *words: str) -> str:
    """What the verb printed on stderr, after checking it has `words` and no traceback."""
    err = capsys.readouterr().err
    assert "Traceback" not in err and all(word in err for word in words), err
    return err


def test_a_bad_timestamp_is_named_before_nbgrader_meets_it(
    cohort_path: Path, capsys: pytest.CaptureFixture
) -> None:
    collected_cohort(cohort_path)
    stamp = cohort_path / "submitted" / "t01" / MODULE / "timestamp.txt"
    stamp.write_text("the fifth of March, about teatime")
    for verb in ("collect", "grade", "feedback"):
        assert main([verb, str(cohort_path), MODULE]) == 1
        said_plainly(capsys, f"{stamp}: the time in this file cannot be read", "UTC")
    stamp.write_text("2027-03-05 17:30:00.000000 UTC")
    assert main(["collect", str(cohort_path), MODULE]) == 0


def test_a_submission_in_the_exchange_with_a_bad_time_is_named(cohort_path: Path) -> None:
    collected_cohort(cohort_path)
    settings = load_settings(cohort_path)
    inbound = Path(settings.exchange) / settings.course_id / "inbound"
    [copy] = inbound.glob("t02+*")
    copy.rename(inbound / f"t02+{MODULE}+soon+x")
    (next(inbound.glob("t01+*")) / "timestamp.txt").write_text("yesterday")
    with pytest.raises(CohortError) as refused:
        health.check_timestamps(cohort_path, settings, [MODULE])
    said = str(refused.value)
    assert f"t02+{MODULE}+soon+x: this submission's name holds no time" in said
    assert "timestamp.txt: the time in this file cannot be read" in said


def test_a_damaged_ledger_is_said_plainly(cohort_path: Path, capsys: pytest.CaptureFixture) -> None:
    collected_cohort(cohort_path)
    (cohort_path / LEDGER).write_text("[1, 2")
    for verb in (["grade", str(cohort_path), MODULE], ["export", str(cohort_path)]):
        assert main(verb) == 1
        said_plainly(capsys, "grading.json", "is damaged", "Rename it")


def test_a_read_only_cohort_is_said_plainly(
    cohort_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod does not stop root (CI runs as root): refuse writes where the operating system would.
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(kwargs.get("dir")))

    monkeypatch.setattr(health.tempfile, "TemporaryFile", read_only)
    for verb in (
        ["release", str(cohort_path), MODULE],
        ["export", str(cohort_path)],
        ["forget", str(cohort_path), "t01", "--yes"],
        ["cohort", "add-trainees", str(cohort_path), "roster.csv"],
    ):
        assert main(verb) == 1, verb
        said_plainly(capsys, f"{cohort_path} cannot be written to", "nothing was changed")
    assert not (cohort_path / "exports").exists()


def test_a_write_refused_part_way_is_said_plainly(
    cohort_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import peer2peer.progress.export as export

    target = cohort_path / "exports" / "progress.csv"

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(export, "export_csv", refused)
    assert main(["export", str(cohort_path)]) == 1
    said_plainly(capsys, f"{target} cannot be written to", "Run the command as the account")
