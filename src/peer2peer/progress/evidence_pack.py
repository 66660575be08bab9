"""An evidence pack for one trainee (PDF): outcomes and how each was shown, marked
reflections, observed practice, attendance, adjustments, and the marking record.

For a verifier or the trainer. A story kept for "only me" is never in it (it is never
handed in); a shared story is in it only when the trainee's consent covers the reader:
stories shared with "my trainer" or "my group" go in a pack for the trainer, never in one
for a verifier.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from peer2peer.cohort.adjustments import load_adjustments
from peer2peer.cohort.certificates import long_date
from peer2peer.cohort.marking_record import MARKS, decisions, read_record
from peer2peer.cohort.observed import checklist_results
from peer2peer.cohort.pdf import Document
from peer2peer.cohort.records import EVIDENCE_FOLDER
from peer2peer.cohort.roster import trainee_label
from peer2peer.cohort.settings import CohortError
from peer2peer.progress.attendance import attendance_table
from peer2peer.progress.completion import cohort_completion
from peer2peer.progress.journey import marked_reflections, shared_stories
from peer2peer.progress.outcomes import EVIDENCED, NOT_ASSESSED, item_status
from peer2peer.progress.snapshot import CohortData

TRAINER, VERIFIER = "trainer", "verifier"
READERS = {
    TRAINER: "the trainee's trainer",
    VERIFIER: "an internal or external verifier",
}
#: The only readers each story audience covers (see curriculum.stories.AUDIENCES).
STORIES_FOR = {TRAINER: True, VERIFIER: False}


def how_evidenced(data: CohortData, trainee: str) -> dict[tuple[str, str], list[str]]:
    """(module, outcome) -> what showed it: "knowledge check", "reflection", "observed"."""
    scores = {(s.module, s.cell): s for s in data.scores if s.trainee == trainee}
    found: dict[tuple[str, str], list[str]] = {}
    for module, items in data.item_map.modules.items():
        for cell, item in items.items.items():
            score = scores.get((module, cell))
            if score is None:
                continue
            levels = data.levels.get((trainee, module, item.notebook, cell), {})
            if item_status(item, score, levels, data.rubrics.get(module)) == EVIDENCED:
                what = "knowledge check" if item.kind == "check" else "reflection"
                for outcome in item.outcomes:
                    found.setdefault((module, outcome), []).append(what)
    for result in checklist_results(data.cohort, data.settings):
        if result.trainee == trainee:
            for outcome in result.met:
                found.setdefault((result.module, outcome), []).append("observed in practice")
    return found


def write_evidence_pack(cohort: Path, trainee: str, reader: str = TRAINER) -> Path:
    """Write the pack to evidence/<trainee>/ in the cohort and return its path."""
    if reader not in READERS:
        raise CohortError(f"{reader!r} is not a reader. Use one of: {', '.join(READERS)}")
    data = CohortData.read(cohort)
    if trainee not in data.trainees:
        raise CohortError(f"there is no trainee {trainee!r} in this cohort")
    label = trainee_label(trainee, data.trainees[trainee])
    document = Document(f"Evidence pack: {label}", data.settings.name)
    document.heading(f"Evidence pack: {label}", 18)
    document.paragraph(
        f"{data.settings.name}. Written on {long_date(date.today())} for {READERS[reader]}. "
        "It holds personal information: keep it as your area's data policy says."
    )
    completion = next(c for c in cohort_completion(data) if c.trainee == trainee)
    document.paragraph(f"Completion: {completion.status}", 12, bold=True)
    for reason in completion.reasons:
        document.paragraph(f"- {reason}")
    _outcomes(document, data, trainee)
    _reflections(document, data, trainee)
    _observed(document, data, trainee)
    _attendance(document, data, trainee)
    _adjustments(document, data, trainee)
    _marking_record(document, data, trainee)
    _stories(document, data, trainee, reader)
    path = cohort / EVIDENCE_FOLDER / trainee / f"evidence-{date.today():%Y-%m-%d}-{reader}.pdf"
    return document.save(path)


def _outcomes(document: Document, data: CohortData, trainee: str) -> None:
    document.heading("Learning outcomes and how each was shown", 14)
    how = how_evidenced(data, trainee)
    rows = [
        [
            e.module,
            f"{e.outcome}: {e.text}",
            e.status,
            _counted(how.get((e.module, e.outcome), [])),
        ]
        for e in data.evidence
        if e.trainee == trainee and (e.status != NOT_ASSESSED or (e.module, e.outcome) in how)
    ]
    if rows:
        document.table(["Module", "Outcome", "Evidence", "Shown by"], rows, (2, 6, 2.5, 3.5))
    else:
        document.paragraph("No learning outcomes to show yet.")


def _counted(sources: list[str]) -> str:
    """["knowledge check", "knowledge check", "reflection"] -> "2 knowledge checks, reflection"."""
    return ", ".join(
        f"{n} {source}s" if n > 1 else source for source, n in Counter(sources).items()
    )


def _reflections(document: Document, data: CohortData, trainee: str) -> None:
    document.heading("Marked reflections", 14)
    reflections = marked_reflections(
        data.cohort, data.settings, trainee, data.item_map, data.levels, data.rubrics
    )
    if not reflections:
        document.paragraph("No reflections handed in yet.")
    for item in reflections:
        document.paragraph(data.module_label(item.module), 11.5, bold=True)
        document.paragraph(item.prompt)
        document.quote(item.answer)
        levels = "; ".join(f"{c}: {v}" for c, v in item.levels.items())
        document.paragraph(f"Marked: {levels}" if levels else "Not marked yet.")
        if item.comment:
            document.paragraph(f"Trainer's comment: {item.comment}")


def _observed(document: Document, data: CohortData, trainee: str) -> None:
    document.heading("Observed practice", 14)
    checklists = data.settings.observed_practice
    if not checklists:
        document.paragraph("This course has no observed-practice checklists.")
        return
    theirs = {
        r.module: r for r in checklist_results(data.cohort, data.settings) if r.trainee == trainee
    }
    outcomes = {m: items.outcomes for m, items in data.item_map.modules.items()}
    rows = []
    for module, items in checklists.items():
        result = theirs.get(module)
        for item in items:
            got = result.items.get(item) if result else None
            words = outcomes.get(module, {}).get(item, "")
            rows.append(
                [module, f"{item}: {words}" if words else item,
                 got.result if got else "not recorded", got.note if got else "",
                 f"{got.by}, {got.at[:10]}" if got else ""]
            )  # fmt: skip
    document.table(["Module", "Item", "Result", "Note", "Recorded by"], rows)


def _attendance(document: Document, data: CohortData, trainee: str) -> None:
    document.heading("Attendance", 14)
    rows = [
        [r.module, r.words, r.note]
        for r in attendance_table(data.cohort, data.settings, {trainee: data.trainees[trainee]})
    ]
    document.table(["Session", "Register", "Note"], rows)


def _adjustments(document: Document, data: CohortData, trainee: str) -> None:
    document.heading("Adjustments", 14)
    given = load_adjustments(data.cohort).get(trainee, [])
    if not given:
        document.paragraph("None.")
        return
    document.table(
        ["Module", "Adjustment", "Note", "Given by"],
        [[a.module, a.words(), a.note, f"{a.by}, {a.at[:10]}"] for a in given],
    )


def _marking_record(document: Document, data: CohortData, trainee: str) -> None:
    document.heading("Marking record", 14)
    entries = read_record(data.cohort)
    decided = decisions(entries)
    rows = []
    for entry in entries:
        if entry.trainee != trainee or entry.kind not in MARKS:
            continue
        chosen = _chosen_words(data, entry.module, entry.chosen)
        decision = decided.get(entry.n)
        second = (
            f"{decision.decision} by {decision.by}"
            + (f": {decision.note}" if decision.note else "")
            if decision
            else ("waiting for a verifier" if entry.sampled else "")
        )
        rows.append([str(entry.n), entry.at[:16].replace("T", " "), entry.by,
                     f"{entry.module} {entry.item}", chosen, second])  # fmt: skip
    if rows:
        document.table(
            ["No.", "When (UTC)", "Who", "What", "Chosen", "Second look"], rows, (1, 3, 2, 4, 6, 4)
        )
    else:
        document.paragraph("Nothing marked yet.")


def _chosen_words(data: CohortData, module: str, chosen: dict[str, str]) -> str:
    """Rubric levels as the marking page names them ("Depth of reflection: Meets")."""
    rubric = data.rubrics.get(module)
    names = {c.id: c.name for c in rubric.criteria} if rubric else {}
    labels = {level.id: level.label for level in rubric.levels} if rubric else {}
    return "; ".join(f"{names.get(k, k)}: {labels.get(v, v)}" for k, v in chosen.items())


def _stories(document: Document, data: CohortData, trainee: str, reader: str) -> None:
    document.heading("Recovery stories", 14)
    if not STORIES_FOR[reader]:
        document.paragraph(
            "Not included. A trainee shares their story with their trainer or their group "
            "only, and that does not cover this reader."
        )
        return
    stories = [s for s in shared_stories(data.cohort, data.settings, trainee) if not s.withdrawn_at]
    if not stories:
        document.paragraph("No story was shared with the trainer.")
    for story in stories:
        document.paragraph(f"{data.module_label(story.module)}. Who may see it: {story.audience}")
        for title, words in story.sections:
            document.paragraph(title, bold=True)
            document.quote(words)
