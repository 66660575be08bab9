"""Adjustments for a trainee who needs them: more time on a module, or another way to hand in.

More time is nbgrader's own extension (SubmittedAssignment.extension), so grading's late
penalty and every page's "late" honour it. Another way to hand in (spoken, recorded, on
paper) becomes a placeholder hand-in whose reflections the trainer marks on the marking
page, like any other. Every adjustment is kept, with its label, in adjustments.json in the
cohort (this module is its one reader and writer), never in the repository.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from nbgrader.api import MissingEntry

from peer2peer.cohort.course import gradebook, writing
from peer2peer.cohort.exchange import collect, fetch_as_trainee, submit_as_trainee
from peer2peer.cohort.names import known_trainee
from peer2peer.cohort.people import current_person, now_text
from peer2peer.cohort.settings import CohortError, CohortSettings, load_settings
from peer2peer.notebooks.item_map import load_item_map
from peer2peer.shared.answers import response_path, write_answers
from peer2peer.shared.files import atomic_write_json

ADJUSTMENTS_FILE = "adjustments.json"
EXTENSION, ALTERNATIVE = "more time", "another way to hand in"
MAX_DAYS = 365
#: What the marking page shows in place of a written answer, for each way of handing in.
ALTERNATIVES = {
    "spoken": "Handed in another way: spoken. Mark it from what the trainee told you.",
    "recorded": "Handed in another way: a recording. Mark it from the trainee's recording.",
    "paper": "Handed in another way: on paper. Mark it from the trainee's paper answer.",
}


@dataclass(frozen=True)
class Adjustment:
    """One adjustment for one trainee and module."""

    module: str
    kind: str  # EXTENSION or ALTERNATIVE
    label: str
    days: int = 0  # for more time
    how: str = ""  # for another way: spoken, recorded or paper
    note: str = ""
    by: str = ""
    at: str = ""

    def words(self) -> str:
        """The adjustment in a few plain words: "3 more days (more time)"."""
        what = f"{self.days} more days" if self.kind == EXTENSION else f"hands in {self.how}"
        return f"{what} ({self.label})" if self.label else what


def load_adjustments(cohort: Path) -> dict[str, list[Adjustment]]:
    """Every adjustment: trainee -> adjustments, oldest first."""
    path = cohort / ADJUSTMENTS_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["trainees"]
        return {t: [Adjustment(**fields) for fields in row] for t, row in data.items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CohortError(f"{path} cannot be read ({error}). Restore it from a backup") from error


def _save(cohort: Path, adjustments: dict[str, list[Adjustment]]) -> None:
    trainees = {t: [vars(a) for a in row] for t, row in sorted(adjustments.items()) if row}
    atomic_write_json(cohort / ADJUSTMENTS_FILE, {"format": 1, "trainees": trainees})


def _add(cohort: Path, trainee: str, adjustment: Adjustment) -> None:
    adjustments = load_adjustments(cohort)
    adjustments.setdefault(trainee, []).append(adjustment)
    _save(cohort, adjustments)


def _check(settings: CohortSettings, trainee: str, module: str, label: str) -> None:
    known_trainee(settings, trainee)
    if module not in settings.modules:
        raise CohortError(
            f"there is no module {module!r} in this cohort. Its modules: "
            + ", ".join(settings.modules)
        )
    if label and label not in settings.adjustment_labels:
        labels = ", ".join(settings.adjustment_labels)
        raise CohortError(
            f"{label!r} is not one of this cohort's labels ({labels}). "
            "Use one of them, or add it to cohort.yml under adjustment_labels:"
        )


def grant_extension(
    cohort: Path,
    settings: CohortSettings,
    trainee: str,
    module: str,
    days: int,
    label: str = "more time",
    note: str = "",
    by: str | None = None,
) -> Adjustment:
    """Give a trainee `days` more days on a module, as an nbgrader extension.

    A new extension replaces an earlier one on the same module: extensions do not add up.
    """
    if not 0 < days <= MAX_DAYS:
        raise CohortError(f"give a number of days from 1 to {MAX_DAYS}")
    _check(settings, trainee, module, label)
    adjustment = Adjustment(
        module, EXTENSION, label, days, "", note.strip(), current_person(by), now_text()
    )
    with writing(cohort):
        _add(cohort, trainee, adjustment)
        _grant_in_gradebook(settings, trainee, module, days)
    return adjustment


def _grant_in_gradebook(settings: CohortSettings, trainee: str, module: str, days: int) -> bool:
    """Set nbgrader's extension on a hand-in, if there is one yet; grading sets it otherwise."""
    with gradebook(settings) as book:
        try:
            book.grant_extension(module, trainee, days=days)
        except MissingEntry:
            book.db.rollback()
            return False
    return True


def extension_days(cohort: Path, trainee: str, module: str) -> int:
    """The days of more time a trainee has on a module (the latest extension given), or 0."""
    given = [
        a.days
        for a in load_adjustments(cohort).get(trainee, [])
        if a.kind == EXTENSION and a.module == module
    ]
    return given[-1] if given else 0


def apply_recorded_extension(cohort: Path, module: str, trainee: str) -> None:
    """Give a hand-in being graded the extension recorded for it.

    Grading calls this under the cohort's write lock, once nbgrader has made the hand-in's row.
    """
    days = extension_days(cohort, trainee, module)
    if days:
        _grant_in_gradebook(load_settings(cohort), trainee, module, days)


def due_with_extension(cohort: Path, settings: CohortSettings, trainee: str, module: str):
    """When a module is due for this trainee, counting their extension."""
    return settings.due_date(module) + timedelta(days=extension_days(cohort, trainee, module))


def grant_alternative(
    cohort: Path,
    settings: CohortSettings,
    trainee: str,
    module: str,
    how: str,
    label: str = "",
    note: str = "",
    by: str | None = None,
) -> Adjustment:
    """Let a trainee hand in a module another way: a placeholder hand-in for the trainer to mark.

    The placeholder goes through nbgrader's exchange as the trainee's own hand-in would, with
    the marking page's words in place of each written reflection. Grade the module next.
    """
    if how not in ALTERNATIVES:
        raise CohortError(f"{how!r} is not a way to hand in. Use one of: {', '.join(ALTERNATIVES)}")
    label = label or f"{how} hand-in"
    _check(settings, trainee, module, label)
    if (cohort / "submitted" / trainee / module).exists():
        raise CohortError(
            f"{trainee} has already handed in {module}, so there is nothing to replace. "
            "Mark what they handed in"
        )
    outbound = Path(settings.exchange) / settings.course_id / "outbound" / module
    if not outbound.is_dir():
        raise CohortError(f"{module} is not released yet. Release it first: peer2peer release")
    adjustment = Adjustment(
        module, ALTERNATIVE, label, 0, how, note.strip(), current_person(by), now_text()
    )
    _placeholder_hand_in(cohort, settings, trainee, module, ALTERNATIVES[how])
    with writing(cohort):
        _add(cohort, trainee, adjustment)
    return adjustment


def _placeholder_hand_in(
    cohort: Path, settings: CohortSettings, trainee: str, module: str, words: str
) -> None:
    items = load_item_map(cohort).modules.get(module)
    with tempfile.TemporaryDirectory(prefix="p2p-placeholder-") as home:
        folder = fetch_as_trainee(cohort, trainee, Path(home), module)
        answers: dict[str, dict[str, str]] = {}
        for item in items.items.values() if items else []:
            if item.kind == "reflection":
                answers.setdefault(item.notebook, {})[item.exercise] = words
        for notebook, given in answers.items():
            write_answers(response_path(folder, notebook), given)
        submit_as_trainee(cohort, trainee, Path(home), module)
    collect(cohort, settings, [module])


def forget_adjustments(cohort: Path, trainee: str) -> int:
    """Remove a trainee's adjustments; returns how many went. The caller holds the write lock."""
    adjustments = load_adjustments(cohort)
    removed = len(adjustments.pop(trainee, []))
    if removed:
        _save(cohort, adjustments)
    return removed
