"""The state behind the marking app: which reflection is shown, drafts, and saving marks.

Kept apart from the widgets so that it can be tested without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from peer2peer.cohort.course import gradebook
from peer2peer.cohort.ids import known_module
from peer2peer.cohort.marking import (
    ToMark,
    load_rubric,
    mark_comment,
    save_mark,
    to_mark,
    trainer_words,
)
from peer2peer.cohort.roster import full_name, trainee_label
from peer2peer.cohort.settings import CohortError, CohortSettings, load_settings
from peer2peer.cohort.withdrawals import apply_withdrawals
from peer2peer.curriculum.myst import plain_text
from peer2peer.curriculum.schema import Rubric
from peer2peer.notebooks.cohort_kit import rubric_path


@dataclass
class Draft:
    """Levels chosen and words typed for one reflection, not yet saved."""

    levels: dict[str, str]
    words: str


@dataclass
class MarkingSession:
    """One trainer marking one module's reflections, one trainee after another."""

    cohort: Path
    settings: CohortSettings
    module: str
    rubric: Rubric
    items: list[ToMark]
    names: dict[str, str]
    position: int = 0
    drafts: dict[tuple[str, str, str], Draft] = field(default_factory=dict)

    @classmethod
    def open(cls, cohort: Path, module: str | None = None) -> MarkingSession:
        """Open a cohort's marking queue for `module` (default: the first with work waiting)."""
        settings = load_settings(cohort)
        apply_withdrawals(cohort, settings)
        candidates = (
            [known_module(settings, module)] if module else markable_modules(cohort, settings)
        )
        if not candidates:
            raise CohortError("no module of this cohort has a reflection to mark yet")
        queues = {}  # read each module's queue once, stopping at the first with work waiting
        for candidate in candidates:
            queues[candidate] = to_mark(cohort, settings, candidate)
            if any(not item.marked for item in queues[candidate]):
                break
        chosen = candidate if any(not i.marked for i in queues[candidate]) else candidates[0]
        with gradebook(settings) as book:
            names = {s.id: full_name(s.first_name, s.last_name) for s in book.students}
        return cls(
            cohort,
            settings,
            chosen,
            load_rubric(cohort, chosen),
            queues[chosen],
            names,
        )

    @property
    def current(self) -> ToMark | None:
        """The reflection on screen, or None when nothing has been handed in."""
        return self.items[self.position] if self.items else None

    def counts(self) -> tuple[int, int]:
        """(marked, total) for the whole queue."""
        return sum(item.marked for item in self.items), len(self.items)

    def label(self, index: int) -> str:
        """How the queue lists one reflection: who, which question, and whether it is marked."""
        item = self.items[index]
        # A changed hand-in comes back with its earlier levels as a starting point.
        status = "marked" if item.marked else ("to mark again" if item.levels else "to mark")
        questions = {i.cell for i in self.items}
        question = f", {_short(item.prompt)}" if len(questions) > 1 else ""
        return (
            f"{trainee_label(item.trainee, self.names.get(item.trainee, ''))}{question}: {status}"
        )

    def draft(self) -> Draft:
        """What the form shows for the current reflection: a draft, or what was saved."""
        item = self.current
        assert item is not None
        key = (item.trainee, item.notebook, item.cell)
        if key in self.drafts:
            return self.drafts[key]
        return Draft(dict(item.levels), trainer_words(item.comment))

    def keep_draft(self, levels: dict[str, str], words: str) -> None:
        """Remember unsaved choices, so moving to another trainee never loses them."""
        item = self.current
        if item is not None:
            self.drafts[(item.trainee, item.notebook, item.cell)] = Draft(dict(levels), words)

    def go_to(self, index: int) -> None:
        """Show another reflection of the queue."""
        if self.items:
            self.position = max(0, min(index, len(self.items) - 1))

    def next_to_mark(self) -> int | None:
        """The next unmarked reflection after the current one (wrapping round), if any."""
        count = len(self.items)
        for step in range(1, count + 1):
            index = (self.position + step) % count
            if not self.items[index].marked:
                return index
        return None

    def save(self, levels: dict[str, str], words: str) -> float:
        """Write the mark to the gradebook; returns the score. Raises CohortError if incomplete."""
        item = self.current
        assert item is not None
        score = save_mark(self.cohort, self.settings, item, levels, words)
        comment = mark_comment(self.rubric, levels, words)
        self.items[self.position] = replace(item, levels=dict(levels), comment=comment, marked=True)
        self.drafts.pop((item.trainee, item.notebook, item.cell), None)
        return score


def markable_modules(cohort: Path, settings: CohortSettings) -> list[str]:
    """Modules of the cohort that have a rubric, in course order."""
    return [m for m in settings.modules if rubric_path(cohort, m).is_file()]


def _short(prompt: str, length: int = 40) -> str:
    text = plain_text(prompt)
    return text if len(text) <= length else text[: length - 1] + "\u2026"
