"""Load a curriculum project from disk: the programme, the area, and every lesson and assessment."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peer2peer.curriculum import myst
from peer2peer.curriculum.area_modules import Listing, ModuleList, apply_area_modules
from peer2peer.curriculum.local_examples import LocalExample, read_local_examples
from peer2peer.curriculum.paths import (
    AREA_FILE,
    CURRICULUM_FILE,
    FACILITATOR_FILE,
    GLOSSARY_FILE,
    RUBRIC_FILE,
)
from peer2peer.curriculum.problems import Problem, display_path
from peer2peer.curriculum.schema import (
    EXERCISE_KINDS,
    Area,
    Curriculum,
    ExerciseSpec,
    FrontMatter,
    Glossary,
    ModuleEntry,
    Rubric,
)
from peer2peer.curriculum.validation import validate
from peer2peer.curriculum.yamlfile import (
    LazyLines,
    YamlError,
    load_yaml_file,
    parse_fast,
    parse_yaml,
)


@dataclass
class Exercise:
    """An exercise fence and, when it is valid, what it asks for."""

    block: myst.ExerciseBlock
    spec: ExerciseSpec | None


@dataclass
class Document:
    """A lesson, assessment or facilitator notes file of one module."""

    path: Path
    shown_as: str
    module_id: str
    text: str
    front: FrontMatter | None
    exercises: list[Exercise] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """'lesson', 'facilitator' or 'assessment', from the file's name and folder."""
        if self.path.name == FACILITATOR_FILE:
            return "facilitator"
        return "lesson" if self.path.name == "lesson.md" else "assessment"

    @property
    def notebook_name(self) -> str:
        """The name of the notebook built from this file, without `.ipynb`."""
        return self.path.stem


@dataclass
class Project:
    """Everything under one curriculum root, with the problems met while loading it."""

    root: Path
    curriculum: Curriculum | None = None
    curriculum_yaml: Any = None  # the same, line-aware, for messages
    area: Area | None = None
    area_values: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, list[Document]] = field(default_factory=dict)
    facilitator_notes: dict[str, Document] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    area_yaml: Any = None  # area.yml, line-aware, for messages
    listings: list[Listing] = field(default_factory=list)  # where each module is listed
    dropped: list[ModuleEntry] = field(default_factory=list)  # curriculum modules the area drops
    local_examples: list[LocalExample] = field(default_factory=list)
    glossary: Glossary = field(default_factory=Glossary)  # empty when there is no glossary.yml
    glossary_text: str = ""  # glossary.yml as written, for messages that name a line

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project root."""
        return display_path(path, self.root)

    def module(self, module_id: str) -> ModuleEntry:
        """The curriculum entry of one module."""
        assert self.curriculum is not None
        return next(m for m in self.curriculum.modules if m.id == module_id)

    def listing(self, module_id: str) -> Listing:
        """Where a module is listed: curriculum.yml, or area.yml for the area's own modules."""
        assert self.curriculum is not None
        return next(
            listing
            for module, listing in zip(self.curriculum.modules, self.listings, strict=True)
            if module.id == module_id
        )

    def own_words(self, module_id: str) -> dict[str, str]:
        """The area's own words for a module's local examples, by example id."""
        return {e.example_id: e.text for e in self.local_examples if e.module_id == module_id}


class NotAProject(Exception):
    """No curriculum/curriculum.yml was found."""


def find_root(start: Path) -> Path:
    """Return the nearest folder at or above `start` that holds curriculum/curriculum.yml."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / CURRICULUM_FILE).is_file():
            return folder
    raise NotAProject(
        f"no {CURRICULUM_FILE} in {start} or any folder above it. "
        "Run this inside a copy of the curriculum, or pass --root"
    )


def load_project(root: Path) -> Project:
    """Load and validate every file of the project; problems are collected, not raised."""
    project = Project(root=root.resolve())
    curriculum, project.curriculum_yaml = _load_model(project, CURRICULUM_FILE, Curriculum)
    project.area, project.area_yaml = _load_model(project, AREA_FILE, Area)
    if project.area is not None:
        project.area_values = project.area.placeholder_values()
    if (project.root / GLOSSARY_FILE).is_file():
        glossary, _ = _load_model(project, GLOSSARY_FILE, Glossary)
        if glossary is not None:
            project.glossary = glossary
            project.glossary_text = (project.root / GLOSSARY_FILE).read_text(encoding="utf-8")
    project.local_examples, problems = read_local_examples(project.root)
    project.problems.extend(problems)
    if curriculum is not None:
        project.curriculum = _with_area_modules(project, curriculum)
        for module in project.curriculum.modules:
            rubric_file = project.root / module.assessment / RUBRIC_FILE
            if rubric_file.is_file():
                rubric, _ = _load_model(project, rubric_file.relative_to(project.root), Rubric)
                if rubric is not None:
                    project.rubrics[module.id] = rubric
            documents = [
                _load_document(project, path, module.id) for path in module_files(project, module)
            ]
            project.documents[module.id] = [doc for doc in documents if doc is not None]
            notes = facilitator_file(project, module)
            if notes.is_file() and (doc := _load_document(project, notes, module.id)):
                project.facilitator_notes[module.id] = doc
    return project


def _with_area_modules(project: Project, curriculum: Curriculum) -> Curriculum:
    """The curriculum with the modules area.yml drops left out and the ones it adds put in."""
    listings = [
        Listing(CURRICULUM_FILE.as_posix(), project.curriculum_yaml, ("modules", index))
        for index in range(len(curriculum.modules))
    ]
    modules = ModuleList(list(curriculum.modules), listings)
    if project.area is not None:
        area_file = AREA_FILE.as_posix()
        modules = apply_area_modules(modules, project.area.modules, area_file, project.area_yaml)
        project.problems.extend(modules.problems)
    project.listings, project.dropped = modules.listings, modules.dropped
    return curriculum.model_copy(update={"modules": modules.modules})


def module_files(project: Project, module: ModuleEntry) -> list[Path]:
    """The lesson and assessment files of a module that exist on disk, lesson first."""
    files = []
    lesson = project.root / module.lesson
    if lesson.is_file():
        files.append(lesson)
    assessment = project.root / module.assessment
    if assessment.is_dir():
        files.extend(sorted(assessment.glob("*.md")))
    return files


def facilitator_file(project: Project, module: ModuleEntry) -> Path:
    """Where a module's facilitator notes live: beside its lesson."""
    return (project.root / module.lesson).parent / FACILITATOR_FILE


def _load_model(project: Project, relative: Path, model: type) -> tuple[Any, Any]:
    """Load one YAML file into its model; return (model or None, line-aware data)."""
    path = project.root / relative
    shown = relative.as_posix()
    if not path.is_file():
        project.problems.append(Problem(shown, 1, "the file is missing", f"create {shown}"))
        return None, None
    fast = _load_fast(path, model, shown)
    if fast is not None:
        return fast
    # Something is wrong: read it again with lines, so that each problem names its line.
    data, problems = load_yaml_file(path, shown)
    project.problems.extend(problems)
    if problems:
        return None, None
    value, problems = validate(model, data, shown)
    project.problems.extend(problems)
    return value, data


def _load_fast(path: Path, model: type, shown: str) -> tuple[Any, LazyLines] | None:
    """The model from a plain, fast parse when the file is right; None when in any doubt."""
    try:
        text = path.read_text(encoding="utf-8")
        value, problems = validate(model, parse_fast(text), shown)
    except Exception:  # noqa: BLE001 - any doubt: the careful, line-aware path decides
        return None
    return None if problems else (value, LazyLines(text))


def _load_document(project: Project, path: Path, module_id: str) -> Document | None:
    shown = project.shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        project.problems.append(Problem(shown, 1, "the file is not UTF-8 text", "save it as UTF-8"))
        return None
    document = Document(path, shown, module_id, text, None)
    front = myst.split_front_matter(text)
    if front is None:
        fix = "start the file with a `---` line, the front matter, and another `---` line"
        project.problems.append(Problem(shown, 1, "the file has no front matter", fix))
        return document
    document.front = _read_model(project, FrontMatter, shown, front.yaml, front.first_line)
    try:
        blocks = myst.find_exercises(front.body, front.body_first_line)
    except myst.UnclosedFence as error:
        fix = "close it with a line of three backticks"
        project.problems.append(
            Problem(shown, error.line, "an exercise fence is never closed", fix)
        )
        return document
    for block in blocks:
        document.exercises.append(Exercise(block, _exercise_spec(project, shown, block)))
    return document


_UNREADABLE = object()


def _parse(project: Project, shown: str, text: str, first_line: int) -> Any:
    """Parse YAML found inside a file; on a syntax error record it and return _UNREADABLE."""
    try:
        return parse_yaml(text)
    except YamlError as error:
        project.problems.append(Problem(shown, first_line - 1 + error.line, error.what, error.fix))
        return _UNREADABLE


def _exercise_spec(project: Project, shown: str, block: myst.ExerciseBlock) -> ExerciseSpec | None:
    model = EXERCISE_KINDS.get(block.kind)
    if model is None:
        known = ", ".join(EXERCISE_KINDS)
        close = difflib.get_close_matches(block.kind, list(EXERCISE_KINDS), n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        what = f"unknown exercise kind `{block.kind}`" if block.kind else "the exercise has no kind"
        project.problems.append(Problem(shown, block.line, what, f"{hint}The kinds are: {known}"))
        return None
    return _read_model(project, model, shown, block.body, block.body_line, block.kind)


def _read_model(
    project: Project, model: type, shown: str, text: str, first_line: int, exercise: str = ""
) -> Any:
    """Validate YAML found inside a file; record each problem at its line.

    The fast parser serves whenever the data is valid. Otherwise the text is read again
    with line numbers, so that every problem points at its line.
    """
    try:
        value, problems = validate(model, parse_fast(text), shown, first_line)
        if not problems:
            return value
    except Exception:  # noqa: BLE001 - any doubt is explained by the precise reading below
        pass
    data = _parse(project, shown, text, first_line)
    if data is _UNREADABLE:
        return None
    what = "front matter"
    if exercise:
        what = f"exercise `{data.get('id', exercise)}`" if isinstance(data, dict) else "exercise"
    value, problems = validate(model, data, shown, first_line, what)
    project.problems.extend(problems)
    return value
