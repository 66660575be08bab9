"""The marking record: who marked what, when, and what they chose, kept beside the gradebook.

nbgrader's gradebook keeps a mark but not who gave it or when, nor what it was before.
This record does: marking-record.jsonl in the cohort, one line per event, only ever added
to (erasing a trainee blanks their lines). It holds every rubric mark and every
observed-practice result, each change to one, and each internal verifier's decision.

A sampling plan in cohort.yml picks the marks a verifier looks at: every mark of a new
assessor at first, then a set share. The choice is made when the mark is written and kept
with it, so that later changes to the plan never rewrite what was asked of a verifier.
A verifier agrees, or sends a mark back with a note, and never verifies their own marking.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from peer2peer.cohort.course import writing
from peer2peer.cohort.people import current_person, now_text
from peer2peer.cohort.settings import CohortError, CohortSettings
from peer2peer.shared.files import atomic_write_text

RECORD_FILE = "marking-record.jsonl"
RUBRIC, OBSERVED, VERIFICATION = "rubric", "observed", "verification"
ERASED = "erased"  # a line whose trainee was erased: only its number is left
MARKS = (RUBRIC, OBSERVED)
AGREED, SENT_BACK = "agreed", "sent back"
DECISIONS = {"agree": AGREED, "send-back": SENT_BACK, AGREED: AGREED, SENT_BACK: SENT_BACK}


@dataclass(frozen=True)
class RecordEntry:
    """One line of the record: a mark (rubric or observed practice) or a verifier's decision."""

    n: int
    kind: str
    at: str
    by: str
    trainee: str = ""
    module: str = ""
    item: str = ""  # notebook/cell for a rubric mark, the checklist item for observed practice
    chosen: dict[str, str] = field(default_factory=dict)
    score: float | None = None
    note: str = ""
    sampled: bool = False
    why: str = ""  # why the sampling plan picked it
    mark: int | None = None  # for a decision: the number of the mark it is about
    decision: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What the mark is of: a later mark with the same key replaces it."""
        return (self.kind, self.trainee, self.module, self.item)


def item_key(item) -> str:
    """How the record names a reflection (a marking.ToMark): "notebook/cell"."""
    return f"{item.notebook}/{item.cell}"


def read_record(cohort: Path) -> list[RecordEntry]:
    """Every line of the record, oldest first."""
    path = cohort / RECORD_FILE
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entries.append(RecordEntry(**json.loads(line)))
        except (ValueError, TypeError) as error:
            raise CohortError(
                f"{path}, line {number}, cannot be read ({error}). Restore the file from a "
                "backup; it is the only record of who marked what"
            ) from error
    return entries


def _next_number(entries: list[RecordEntry]) -> int:
    """Numbers only grow, even after an erasure took lines out."""
    return max((e.n for e in entries), default=0) + 1


def _append(cohort: Path, entry: RecordEntry) -> None:
    """Add one line and make sure it is on disk. The caller holds the cohort's write lock."""
    path = cohort / RECORD_FILE
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(handle, "a", encoding="utf-8") as stream:
        stream.write(json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n")
        stream.flush()
        os.fsync(stream.fileno())


def record_mark(
    cohort: Path,
    settings: CohortSettings,
    kind: str,
    trainee: str,
    module: str,
    item: str,
    chosen: dict[str, str],
    score: float | None = None,
    note: str = "",
    by: str | None = None,
) -> RecordEntry:
    """Add a mark to the record, picked for a second look or not. The caller holds the lock."""
    entries = read_record(cohort)
    marker = current_person(by)
    entry = RecordEntry(
        n=_next_number(entries),
        kind=kind,
        at=now_text(),
        by=marker,
        trainee=trainee,
        module=module,
        item=item,
        chosen=dict(chosen),
        score=score,
        note=note,
    )
    sampled, why = _sample(settings, entries, entry)
    entry = RecordEntry(**{**asdict(entry), "sampled": sampled, "why": why})
    _append(cohort, entry)
    return entry


def _sample(
    settings: CohortSettings, entries: list[RecordEntry], entry: RecordEntry
) -> tuple[bool, str]:
    """Does the sampling plan pick this mark for a verifier, and why."""
    if not settings.verifiers:
        return False, ""
    before = current_marks(entries).get(entry.key)  # the mark this one replaces, by anyone
    if before is not None and decisions(entries).get(before.n, _NONE).decision == SENT_BACK:
        return True, "a changed mark that a verifier sent back"
    earlier = [e for e in entries if e.kind in MARKS and e.by == entry.by]
    plan = settings.sampling
    if len(earlier) < plan.first_marks:
        return True, f"one of a new assessor's first {plan.first_marks} marks"
    later = len(earlier) - plan.first_marks
    if (later + 1) * plan.share_percent // 100 > later * plan.share_percent // 100:
        return True, f"the {plan.share_percent}% sample"
    return False, ""


def decisions(entries: list[RecordEntry]) -> dict[int, RecordEntry]:
    """The latest verifier's decision on each mark, by the mark's number."""
    return {e.mark: e for e in entries if e.kind == VERIFICATION and e.mark is not None}


_NONE = RecordEntry(0, "", "", "")


def current_marks(entries: list[RecordEntry]) -> dict[tuple[str, str, str, str], RecordEntry]:
    """The mark that stands for each item: the latest one given."""
    return {e.key: e for e in entries if e.kind in MARKS}


def waiting_for_verifier(entries: list[RecordEntry]) -> list[RecordEntry]:
    """Marks the plan picked that no verifier has looked at yet, oldest first."""
    decided = decisions(entries)
    return [e for e in current_marks(entries).values() if e.sampled and e.n not in decided]


def sent_back(entries: list[RecordEntry]) -> list[tuple[RecordEntry, RecordEntry]]:
    """Marks a verifier sent back that the assessor has not changed yet: (mark, decision)."""
    decided = decisions(entries)
    return [
        (mark, decided[mark.n])
        for mark in current_marks(entries).values()
        if mark.n in decided and decided[mark.n].decision == SENT_BACK
    ]


def verify_mark(
    cohort: Path,
    settings: CohortSettings,
    number: int,
    decision: str,
    note: str = "",
    by: str | None = None,
) -> RecordEntry:
    """A verifier agrees with a mark or sends it back with a note; never on their own mark."""
    verifier = current_person(by)
    if decision not in DECISIONS:
        raise CohortError(f"{decision!r} is not a decision. Use agree or send-back")
    decision = DECISIONS[decision]
    if verifier not in settings.verifiers:
        named = ", ".join(settings.verifiers) or "nobody yet"
        raise CohortError(
            f"{verifier} is not an internal verifier of this cohort (named in cohort.yml "
            f"under verifiers: {named}). Add them there, or ask a verifier"
        )
    if decision == SENT_BACK and not note.strip():
        raise CohortError("say why you send it back: add a note for the assessor")
    with writing(cohort):
        entries = read_record(cohort)
        mark = next((e for e in entries if e.n == number and e.kind in MARKS), None)
        if mark is None:
            raise CohortError(f"there is no mark number {number} in the marking record")
        if mark.by == verifier:
            raise CohortError(
                f"mark {number} is your own. A verifier never verifies their own marking: "
                "ask another verifier to look at it"
            )
        newer = current_marks(entries)[mark.key]
        if newer.n != number:
            raise CohortError(
                f"mark {number} was changed since; verify the newer mark, number {newer.n}"
            )
        entry = RecordEntry(
            n=_next_number(entries),
            kind=VERIFICATION,
            at=now_text(),
            by=verifier,
            trainee=mark.trainee,
            module=mark.module,
            item=mark.item,
            note=note.strip(),
            mark=number,
            decision=decision,
        )
        _append(cohort, entry)
    return entry


def forget_record(cohort: Path, trainee: str) -> int:
    """Blank every line about a trainee; returns how many. The caller holds the write lock.

    Erasure is the one time the record changes: each such line keeps only its number and
    the word "erased", so that numbers are never given twice and the gap is explained.
    Running it again is harmless.
    """
    entries = read_record(cohort)
    kept = [RecordEntry(e.n, ERASED, "", "") if e.trainee == trainee else e for e in entries]
    erased = sum(e.trainee == trainee for e in entries)
    if erased:
        text = "".join(
            json.dumps(asdict(e), ensure_ascii=False, sort_keys=True) + "\n" for e in kept
        )
        atomic_write_text(cohort / RECORD_FILE, text)
    return erased
