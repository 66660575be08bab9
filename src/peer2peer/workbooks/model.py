"""A module's workbook as data: its text and its questions, made by the build's own steps.

The lesson and assessment go through the same steps as their notebooks up to the point
where exercises become code (area values filled in, local examples, glossary boxes, the
content note and the crisis lines at the top). Each exercise then becomes a `Question`
that holds what a trainee reads and nothing else: no answer key, no feedback, no code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nbformat import NotebookNode

from peer2peer.curriculum.project import Project
from peer2peer.curriculum.schema import (
    EXERCISE_KINDS,
    Choice,
    Match,
    Order,
    Private,
    Reflection,
    Scale,
    Story,
    is_graded,
)
from peer2peer.curriculum.stories import SECTIONS
from peer2peer.notebooks.steps import PENDING, STEPS, Context, shuffled_steps, write_exercise_cells
from peer2peer.workbooks import words
from peer2peer.workbooks.markdown import Block, blocks

#: The build's steps that make a page's words, before exercises become code cells.
TEXT_STEPS = STEPS[: STEPS.index(write_exercise_cells)]


@dataclass
class Question:
    """One exercise, as a question to answer on paper or in Word.

    `choices` are the options of a choice, the steps of an order (in the shuffled order
    the lesson shows them) or the statements of a match, each with its key. `answer` is
    what is filled in (None for a blank workbook), as the answers file holds it.
    """

    number: int
    exercise_id: str
    kind: str
    prompt: list[Block]
    how: str
    choices: list[tuple[str, str]] = field(default_factory=list)
    categories: list[tuple[str, str]] = field(default_factory=list)
    scale: tuple[int, int] = (1, 10)
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # (key, title, hint)
    lines: int = 6  # how many lines of writing space each box gives
    counts: bool = False  # marked as part of the assessment
    notebook: str = ""
    answer: Any = None

    @property
    def label(self) -> str:
        """'Question 3'."""
        return f"{words.QUESTION} {self.number}"


@dataclass
class Part:
    """A lesson or assessment: its title and what it says, in order."""

    kind: str  # "lesson" or "assessment"
    title: str
    notebook: str
    items: list[Block | Question] = field(default_factory=list)


@dataclass
class Workbook:
    """A module's workbook: support first, then each part, then the words it explains."""

    module_id: str
    title: str
    course: str
    organisation: str
    support: list[Block]
    parts: list[Part]
    glossary: list[tuple[str, str]]  # (term, meaning) of every word the course explains
    filled_for: str = ""  # whose answers are filled in ("" for a blank workbook)
    filled_note: str = ""

    @property
    def number(self) -> str:
        """The module's two-digit number."""
        return self.module_id[:2]

    def questions(self) -> list[Question]:
        """Every question, in order."""
        return [item for part in self.parts for item in part.items if isinstance(item, Question)]


class UnknownModule(ValueError):
    """A module id the curriculum does not list; the message says which ids it does."""


def make_workbook(project: Project, module_id: str) -> Workbook:
    """The blank workbook of one module, from the curriculum with this area's values."""
    assert project.curriculum is not None
    known = [module.id for module in project.curriculum.modules]
    if module_id not in known:
        raise UnknownModule(
            f"there is no module {module_id!r} in this curriculum. Give one of: {', '.join(known)}"
        )
    module = project.module(module_id)
    explained: set[str] = set()
    support: list[Block] = []
    seen_support: set[str] = set()
    parts = []
    number = 0
    for document in project.documents[module_id]:
        context = Context(
            document,
            project.area_values,
            project.own_words(module_id),
            project.glossary,
            glossary_where=words.GLOSSARY_WHERE,
        )
        context.explained = explained
        nb: Any = None
        for step in TEXT_STEPS:
            nb = step(nb, context)
        cells = list(nb.cells)
        # The first cell is the support block (or the content note with it): shown once,
        # at the very top; the same block again at the top of the assessment is left out.
        first = cells.pop(0).source
        if not support:
            support = blocks(first)
            seen_support.add(first)
        elif first not in seen_support:
            cells.insert(0, NotebookNode(cell_type="markdown", source=first, metadata={}))
        title = document.front.title if document.front else module.title
        part = Part(document.kind, title, document.notebook_name)
        for cell in cells:
            data = cell.metadata.get(PENDING)
            if data is None:
                part.items.extend(blocks(cell.source) if cell.cell_type == "markdown" else [])
                continue
            number += 1
            spec = EXERCISE_KINDS[data["kind"]](**data)
            part.items.append(question(spec, number, document.notebook_name))
        parts.append(part)
    glossary = [
        (term.term, term.meaning)
        for term in sorted(project.glossary.terms, key=lambda t: t.term.casefold())
    ]
    return Workbook(
        module_id,
        module.title,
        project.curriculum.title,
        str(project.area_values.get("organisation", "")),
        support,
        parts,
        glossary,
    )


def question(spec: Any, number: int, notebook: str) -> Question:
    """The question an exercise asks, with how to answer it; never its answer or feedback."""
    asked = Question(
        number, spec.id, spec.kind, blocks(spec.prompt), "", notebook=notebook,
        counts=is_graded(spec),
    )  # fmt: skip
    if isinstance(spec, Reflection):
        asked.how = words.reflection_how(spec.min_words)
        asked.lines = max(6, min(16, (spec.min_words or 0) // 8))
    elif isinstance(spec, Scale):
        asked.scale = (spec.min, spec.max)
        asked.how = words.scale_how(spec.min, spec.low, spec.max, spec.high)
    elif isinstance(spec, Choice):
        asked.choices = list(spec.options.items())
        asked.how = words.CHOOSE_SEVERAL if spec.multiple else words.CHOOSE_ONE
    elif isinstance(spec, Order):
        items, _ = shuffled_steps(spec)
        asked.choices = list(items.items())
        asked.how = words.ORDER
    elif isinstance(spec, Match):
        asked.choices = list(spec.statements.items())
        asked.categories = list(spec.categories.items())
        asked.how = words.MATCH
    elif isinstance(spec, Story | Private):
        parts = spec.sections
        if parts:
            asked.sections = [(k, s.title, s.hint) for k, s in parts.items()]
        elif isinstance(spec, Story):
            asked.sections = [(k, s["title"], s["hint"]) for k, s in SECTIONS.items()]
        else:
            asked.sections = [("words", words.YOUR_WORDS, words.AS_MUCH_AS_YOU_LIKE)]
        asked.how = words.STORY if isinstance(spec, Story) else words.PRIVATE
        asked.lines = 8
    return asked
