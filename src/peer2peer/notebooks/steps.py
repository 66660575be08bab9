"""The build's notebook transforms: each does one thing, in the order STEPS lists them."""

from __future__ import annotations

import pprint
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nbformat import NotebookNode

from peer2peer.curriculum import myst
from peer2peer.curriculum.glossary import TermFinder
from peer2peer.curriculum.local_examples import swap_examples
from peer2peer.curriculum.placeholders import fill
from peer2peer.curriculum.project import Document
from peer2peer.curriculum.schema import (
    EXERCISE_KINDS,
    Choice,
    ExerciseSpec,
    Glossary,
    GlossaryTerm,
    Match,
    Order,
    Private,
    Reflection,
    Scale,
    Story,
    is_graded,
)
from peer2peer.notebooks.myst_reader import read_myst_notebook

NBGRADER_SCHEMA_VERSION = 3
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
#: Where a build step parks an exercise until `write_exercise_cells` turns it into cells.
PENDING = "peer2peer_exercise"


@dataclass
class Context:
    """What the steps need besides the notebook: the file it came from and the area's values."""

    document: Document
    area: dict[str, Any]
    own_words: dict[str, str] = field(default_factory=dict)  # the area's local examples, by id
    glossary: Glossary = field(default_factory=Glossary)
    #: Terms already explained in this module (the lesson's, when building its assessment).
    explained: set[str] = field(default_factory=set)
    #: Where the words boxes send a trainee for every term (a workbook has them at its end).
    glossary_where: str = ""


Step = Callable[[NotebookNode, Context], NotebookNode]


def new_markdown_cell(source: str, metadata: dict[str, Any] | None = None) -> NotebookNode:
    """A Markdown cell; its id is set from its nbgrader id at the end of the build."""
    return NotebookNode(cell_type="markdown", source=source, metadata=NotebookNode(metadata or {}))


def new_code_cell(source: str) -> NotebookNode:
    """A code cell with no outputs yet."""
    return NotebookNode(
        cell_type="code", source=source, metadata=NotebookNode(), outputs=[], execution_count=None
    )


def read_myst(_: NotebookNode | None, context: Context) -> NotebookNode:
    """Read the MyST text into a notebook; the front matter moves to `metadata.peer2peer`.

    The module's title is also the notebook's own `title`: the page's title in a browser.
    The text is MyST by design, so jupytext's MyST reader is called directly: the format is
    not guessed from the text, and no `jupytext` or `jupyter` metadata can come from the
    front matter (its schema allows neither), which is all `jupytext.reads` adds to it.
    """
    nb = read_myst_notebook(context.document.text)
    front = {key: nb.metadata.pop(key) for key in list(nb.metadata) if key not in ("kernelspec",)}
    nb.metadata = NotebookNode(
        kernelspec=KERNELSPEC,
        language_info={"name": "python"},
        peer2peer={"module": context.document.module_id, **front},
    )
    if front.get("title"):
        nb.metadata.title = str(front["title"])
    return nb


def swap_local_examples(nb: NotebookNode, context: Context) -> NotebookNode:
    """Put the area's own words, or the lesson's default, in place of each local-example fence."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = swap_examples(cell.source, context.own_words)
    return nb


def split_exercises(nb: NotebookNode, context: Context) -> NotebookNode:
    """Cut every exercise fence out of its Markdown cell into a pending cell of its own."""
    specs = iter([exercise.spec for exercise in context.document.exercises])
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            cells.append(cell)
            continue
        for part in myst.split_markdown(cell.source):
            if isinstance(part, str):
                cells.append(new_markdown_cell(part))
            else:
                spec = next(specs)
                cells.append(new_markdown_cell("", metadata={PENDING: spec.model_dump()}))
    nb.cells = cells
    return nb


#: How to reach the course team, said from area.yml.
COURSE_TEAM = "**The course team** at {{ area.organisation }}: {{ area.contact }}."

#: The short block on every page without a content note: help now, and the course team.
SUPPORT = "**If you need support now**, you can contact:\n\n{{ area.crisis_lines }}\n" + COURSE_TEAM

#: The fuller note at the top of a page that touches hard topics.
CONTENT_NOTE = (
    "**Content note.** {note}\n\n"
    "You can stop, take a break, or skip this module at any time. "
    "You do not need to give a reason, and it will not count against you. "
    "Tell your trainer if you would like to do something else instead.\n\n"
    "If you need to talk to someone now:\n\n"
    "{{ area.crisis_lines }}\n" + COURSE_TEAM
)


def fill_placeholders(nb: NotebookNode, context: Context) -> NotebookNode:
    """Replace {{ area.x }} with this area's values, in text and in exercise wording."""
    for cell in nb.cells:
        cell.source = fill(cell.source, context.area)
        if PENDING in cell.metadata:
            data = cell.metadata[PENDING]
            # Only the prompt is shown as Markdown: elsewhere, numbers stay plain words.
            cell.metadata[PENDING] = {
                key: _fill_all(value, context.area, links=key == "prompt")
                for key, value in data.items()
            }
    return nb


def explain_words(nb: NotebookNode, context: Context) -> NotebookNode:
    """After the part of the page where a glossary term first appears, say what it means.

    "First" counts across the module: a term the lesson explained is not explained again in
    its assessment (the glossary page beside the module has them all).
    """
    cells = []
    pointed = False
    finder = TermFinder(context.glossary)
    for cell in nb.cells:
        cells.append(cell)
        new = [t for t in finder.used(_visible_words(cell)) if t.term not in context.explained]
        if new:
            box = words_box(new, not pointed, context.glossary_where or GLOSSARY_WHERE)
            cells.append(new_markdown_cell(box))
            context.explained.update(term.term for term in new)
            pointed = True
    nb.cells = cells
    return nb


#: The glossary page's file name: beside each module's pages, and at the top of the course.
GLOSSARY_PAGE = "glossary.md"
GLOSSARY_WHERE = f"the page **{GLOSSARY_PAGE}** in this module's folder"


def words_box(
    terms: list[GlossaryTerm], point_to_glossary: bool = False, where: str = GLOSSARY_WHERE
) -> str:
    """A short box of terms and their plain meanings, for just after they are first used."""
    lines = ["> **Words in this part**", ">"]
    lines += [f"> - **{term.term}**: {term.meaning}" for term in terms]
    if point_to_glossary:
        lines += [
            ">",
            f"> You can find these words, and all the others, in the course glossary: {where}.",
        ]
    return "\n".join(lines)


_SHOWN_FIELDS = ("prompt", "options", "steps", "statements", "categories", "low", "high")


def _visible_words(cell: NotebookNode) -> str:
    """The words a trainee sees in a cell: its text, or an exercise's wording (no answers)."""
    data = cell.metadata.get(PENDING)
    if data is None:
        return cell.source if cell.cell_type == "markdown" else ""
    said = []
    for key in _SHOWN_FIELDS:
        value = data.get(key)
        if isinstance(value, dict):
            said.extend(str(v) for v in value.values())
        elif isinstance(value, list):
            said.extend(str(v) for v in value)
        elif value:
            said.append(str(value))
    for section in (data.get("sections") or {}).values():
        said.extend([section.get("title", ""), section.get("hint", "")])
    return "\n\n".join(said)


def add_content_note(nb: NotebookNode, context: Context) -> NotebookNode:
    """Put the content note, crisis lines, course team and a no-cost way out at the top."""
    note = nb.metadata.peer2peer.get("content_note")
    if note:
        text = fill(CONTENT_NOTE.replace("{note}", note), context.area)
        nb.cells.insert(0, new_markdown_cell(text))
    return nb


def add_support(nb: NotebookNode, context: Context) -> NotebookNode:
    """Put the crisis lines and the course team at the top of a page with no content note."""
    if not nb.metadata.peer2peer.get("content_note"):
        nb.cells.insert(0, new_markdown_cell(fill(SUPPORT, context.area)))
    return nb


def _fill_all(value: Any, area: dict[str, Any], links: bool) -> Any:
    if isinstance(value, str):
        return fill(value, area, links)
    if isinstance(value, dict):
        return {key: _fill_all(item, area, links) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill_all(item, area, links) for item in value]
    return value


def write_exercise_cells(nb: NotebookNode, context: Context) -> NotebookNode:
    """Turn each pending exercise into its prompt, its answer cell and (if graded) its test."""
    cells = []
    for cell in nb.cells:
        data = cell.metadata.get(PENDING)
        if data is None:
            cells.append(cell)
            continue
        spec = EXERCISE_KINDS[data["kind"]](**data)
        cells.extend(exercise_cells(spec))
    nb.cells = cells
    return nb


def exercise_cells(spec: ExerciseSpec) -> list[NotebookNode]:
    """The cells of one exercise, with nbgrader metadata for how it is graded.

    An autograded item (choice, order or match with points) keeps its answer key and its
    feedback in a hidden test, so nothing in the released notebook gives the answer away.
    """
    prompt = new_markdown_cell(spec.prompt)
    label = myst.plain_text(spec.prompt)
    graded = is_graded(spec)
    if isinstance(spec, Reflection):
        if graded:
            _mark(prompt, scored_cell_id(spec), task=True, points=spec.points)
        call = _call("reflection", spec.id, prompt=label, min_words=spec.min_words)
        return [prompt, _answer_cell(spec.id, call)]
    if isinstance(spec, Scale):
        call = _call(
            "scale", spec.id, low=spec.low, high=spec.high, min=spec.min, max=spec.max, prompt=label
        )
        return [prompt, _answer_cell(spec.id, call)]
    if isinstance(spec, Story | Private):
        sections = {k: v.model_dump() for k, v in spec.sections.items()} if spec.sections else None
        if isinstance(spec, Private):  # its boxes are named by their parts
            call = _call("private_writing", spec.id, sections=sections)
        else:
            call = _call("story", spec.id, sections=sections, prompt=label)
        return [prompt, _answer_cell(spec.id, call)]
    display, model_value, test = _autograded_parts(spec, label, graded)
    if not graded:
        return [prompt, _answer_cell(spec.id, display)]
    model = f"### BEGIN SOLUTION\nex.model_answer({spec.id!r}, {model_value!r})\n### END SOLUTION"
    answer = new_code_cell(f"{model}\n{display}")
    _mark(answer, f"{spec.id}-answer", solution=True)
    test_cell = new_code_cell(f"### BEGIN HIDDEN TESTS\n{test}\n### END HIDDEN TESTS")
    _mark(test_cell, scored_cell_id(spec), grade=True, locked=True, points=spec.points)
    return [prompt, answer, test_cell]


def scored_cell_id(spec: ExerciseSpec) -> str:
    """nbgrader's id of the cell that holds a graded exercise's score."""
    return f"{spec.id}-prompt" if isinstance(spec, Reflection) else f"{spec.id}-test"


def _autograded_parts(
    spec: Choice | Order | Match, label: str, graded: bool
) -> tuple[str, Any, str]:
    """For a kind that can be autograded: the call that shows it, its model answer, its test."""
    if isinstance(spec, Choice):
        right = spec.answer_keys()
        display = _call(
            "choice",
            spec.id,
            options=spec.options,
            multiple=spec.multiple,
            feedback=None if graded else (spec.feedback or None),
            prompt=label,
        )
        test = _call(
            "grade_choice", spec.id, right=right, points=spec.points, feedback=spec.feedback
        )
        return display, right if spec.multiple else right[0], test
    if isinstance(spec, Order):
        items, right = shuffled_steps(spec)
        solution = right if not graded and spec.reveal else None
        display = _call(
            "order",
            spec.id,
            items=items,
            solution=solution,
            feedback=None if graded else spec.feedback,
            prompt=label,
        )
        test = _call(
            "grade_order",
            spec.id,
            right=right,
            points=spec.points,
            items=items,
            by="pairs" if spec.by == "pairs" else None,
            any_order=[[right[n - 1] for n in group] for group in spec.any_order] or None,
            feedback=spec.feedback,
        )
        return display, right, test
    display = _call(
        "match",
        spec.id,
        statements=spec.statements,
        categories=spec.categories,
        solution=None if graded else spec.answer,
        feedback=None if graded else (spec.feedback or None),
        prompt=label,
    )
    test = _call(
        "grade_match",
        spec.id,
        right=spec.answer,
        points=spec.points,
        statements=spec.statements,
        categories=spec.categories,
        feedback=spec.feedback or None,
    )
    return display, spec.answer, test


def shuffled_steps(spec: Order) -> tuple[dict[str, str], list[str]]:
    """The steps in a fixed shuffled order, keyed after shuffling; and the keys in right order."""
    steps = list(spec.steps)
    shuffled = steps[:]
    random.Random(spec.id).shuffle(shuffled)
    if shuffled == steps:  # never show the answer as the starting order
        shuffled = shuffled[1:] + shuffled[:1]
    items = {f"step-{number}": step for number, step in enumerate(shuffled, start=1)}
    key_of = {step: key for key, step in items.items()}
    return items, [key_of[step] for step in steps]


def _answer_cell(exercise_id: str, call: str) -> NotebookNode:
    cell = new_code_cell(call)
    _mark(cell, f"{exercise_id}-answer", locked=True)
    return cell


def _call(function: str, exercise_id: str, **arguments: Any) -> str:
    """Python that calls `ex.<function>` with literal arguments (None ones left out)."""
    parts = [repr(exercise_id)]
    for name, value in arguments.items():
        if value is not None:
            parts.append(f"{name}={pprint.pformat(value, width=88, sort_dicts=False)}")
    one_line = f"ex.{function}({', '.join(parts)})"
    if len(one_line) <= 88 and "\n" not in one_line:
        return one_line
    return f"ex.{function}(\n" + "".join(f"    {part},\n" for part in parts) + ")"


START_HINT = (
    '<div class="p2p-start-hint">'
    "<strong>To begin:</strong> choose <strong>Run</strong> then <strong>Run All Cells</strong> "
    "in the menu at the top. The boxes for your answers will appear. "
    "Everything you write is saved as you type."
    "</div>"
)


def add_setup_cell(nb: NotebookNode, context: Context) -> NotebookNode:
    """Start with how to begin, then the hidden cell that opens the trainee's saved answers.

    Running the setup cell hides the "how to begin" note, so it shows only until it is needed.
    """
    if any(c.cell_type == "code" for c in nb.cells):
        setup = new_code_cell(
            "from peer2peer import exercises as ex\n\n"
            f"ex.start({context.document.notebook_name!r}, module={context.document.module_id!r})"
        )
        _mark(setup, "setup", locked=True)
        nb.cells[0:0] = [new_markdown_cell(START_HINT), setup]
    return nb


def lock_content(nb: NotebookNode, _: Context) -> NotebookNode:
    """Make every cell not yet marked read-only, with a stable nbgrader id."""
    count = 0
    for cell in nb.cells:
        if "nbgrader" not in cell.metadata:
            count += 1
            _mark(cell, f"text-{count}", locked=True)
    return nb


def name_cells(nb: NotebookNode, _: Context) -> NotebookNode:
    """Give each cell its nbgrader id as its cell id, so builds are the same every time."""
    for cell in nb.cells:
        cell["id"] = cell.metadata["nbgrader"]["grade_id"]
    return nb


def hide_code(nb: NotebookNode, _: Context) -> NotebookNode:
    """Hide the source of every code cell: trainees see the exercise, never the code."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            # JupyterLab shows the first line of a hidden cell; a blank one shows nothing.
            cell.source = "\n" + cell.source.lstrip("\n")
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["editable"] = False
            cell.metadata["deletable"] = False
    return nb


def _mark(
    cell: NotebookNode,
    grade_id: str,
    *,
    grade: bool = False,
    solution: bool = False,
    locked: bool = False,
    task: bool = False,
    points: float | None = None,
) -> None:
    """Write nbgrader's cell metadata (schema version 3)."""
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked or task,
        "schema_version": NBGRADER_SCHEMA_VERSION,
        "solution": solution,
        "task": task,
        "cell_type": cell.cell_type,
    }
    if grade or task:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta


#: The pipeline, top to bottom. Each step takes the notebook and returns it changed.
STEPS: list[Step] = [
    read_myst,
    swap_local_examples,
    split_exercises,
    fill_placeholders,
    explain_words,
    add_content_note,
    add_support,
    write_exercise_cells,
    add_setup_cell,
    lock_content,
    hide_code,
    name_cells,
]


def build_notebook(context: Context) -> NotebookNode:
    """Run every step on one document and return its source notebook for nbgrader."""
    nb: Any = None
    for step in STEPS:
        nb = step(nb, context)
    return nb
