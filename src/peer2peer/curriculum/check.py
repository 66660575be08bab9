"""Rules that look across files: what `peer2peer check` adds to loading each file on its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from peer2peer.curriculum.area_rules import AREA_RULES
from peer2peer.curriculum.glossary import (
    explained_short_forms,
    is_explained,
    read_by_trainees,
    short_forms,
    yaml_words,
)
from peer2peer.curriculum.language import find_unkind_words
from peer2peer.curriculum.paths import (
    AREA_FILE,
    CURRICULUM_FILE,
    GLOSSARY_FILE,
    LOCAL_FOLDER,
    RUBRIC_FILE,
)
from peer2peer.curriculum.placeholders import (
    UndefinedPlaceholder,
    find_placeholders,
    find_slips,
    lookup,
)
from peer2peer.curriculum.problems import Problem
from peer2peer.curriculum.project import Document, Project, load_project
from peer2peer.curriculum.schema import Reflection, is_graded

CURRICULUM = CURRICULUM_FILE.as_posix()
GLOSSARY = GLOSSARY_FILE.as_posix()
AREA = AREA_FILE.as_posix()


def check_project(root: Path) -> list[Problem]:
    """Load the project at `root` and return every problem found, sorted by file and line."""
    return find_problems(load_project(root))


def find_problems(project: Project) -> list[Problem]:
    """Every problem of a loaded project: those met while loading, then the cross-file rules."""
    problems = list(project.problems)
    if project.curriculum is not None:
        for rule in RULES:
            problems.extend(rule(project))
    return sorted(set(problems))


def listed_files_exist(project: Project) -> Iterator[Problem]:
    """Each module's lesson file and assessment folder are on disk."""
    for index, module in enumerate(project.curriculum.modules):
        if not (project.root / module.lesson).is_file():
            yield Problem(
                *project.listings[index].at("lesson"),
                f"module `{module.id}` lists the lesson {module.lesson}, which does not exist",
                "create that file, or correct the path",
            )
        folder = project.root / module.assessment
        if not folder.is_dir() or not any(folder.glob("*.md")):
            yield Problem(
                *project.listings[index].at("assessment"),
                f"module `{module.id}` lists the assessment folder {module.assessment}, "
                "which has no .md file",
                "create the folder with an assessment .md file in it, or correct the path",
            )


def folders_on_disk_are_listed(project: Project) -> Iterator[Problem]:
    """Every module folder (upstream's, or the area's under local/) belongs to a listed module.

    The folders of modules the area drops stay on disk, so that upstream changes still merge.
    """
    listed = set()
    for module in [*project.curriculum.modules, *project.dropped]:
        listed.add((project.root / module.lesson).parent.resolve())
        listed.add((project.root / module.assessment).resolve())
    for top in ("modules", "assessments", f"{LOCAL_FOLDER}/modules", f"{LOCAL_FOLDER}/assessments"):
        local = top.startswith(f"{LOCAL_FOLDER}/")
        for folder in sorted((project.root / top).glob("*/")):
            if folder.is_dir() and folder.resolve() not in listed:
                where = f"under `modules: add:` in {AREA}" if local else f"in {CURRICULUM}"
                yield Problem(
                    project.shown(folder),
                    1,
                    f"the folder is not part of any module listed {where}",
                    f"list its module {where}, or remove the folder",
                )


def ids_are_unique(project: Project) -> Iterator[Problem]:
    """No two modules, and no two learning outcomes, share an id."""
    seen_modules: set[str] = set()
    seen_outcomes: dict[str, str] = {}
    for index, module in enumerate(project.curriculum.modules):
        if module.id in seen_modules:
            yield Problem(
                *project.listings[index].at("id"),
                f"the module id `{module.id}` is used twice",
                "give each module its own id",
            )
        seen_modules.add(module.id)
        for number, outcome in enumerate(module.outcomes):
            if outcome.id in seen_outcomes:
                yield Problem(
                    *project.listings[index].at("outcomes", number, "id"),
                    f"the outcome id `{outcome.id}` is used twice "
                    f"(also in module `{seen_outcomes[outcome.id]}`)",
                    "give each learning outcome its own id",
                )
            seen_outcomes.setdefault(outcome.id, module.id)


def values_and_competencies_are_known(project: Project) -> Iterator[Problem]:
    """Modules name only values and competencies defined at the top of the curriculum."""
    curriculum = project.curriculum
    for index, module in enumerate(curriculum.modules):
        for key, known in (
            ("values", curriculum.values),
            ("competencies", curriculum.competencies),
        ):
            for number, ref in enumerate(getattr(module, key)):
                if ref not in known:
                    yield Problem(
                        *project.listings[index].at(key, number),
                        f"module `{module.id}` names `{ref}` under `{key}`, which is not defined",
                        f"use one of the ids under `{key}:` at the top of {CURRICULUM}: "
                        f"{', '.join(known)}",
                    )


def _documents(project: Project) -> Iterator[Document]:
    for documents in project.documents.values():
        yield from documents


def _every_file(project: Project) -> Iterator[Document]:
    """Lessons, assessments and facilitator notes."""
    yield from _documents(project)
    yield from project.facilitator_notes.values()


def _every_text(project: Project) -> Iterator[tuple[str, str]]:
    """(file, text) of everything people read: every file above, and the area's local examples."""
    for doc in _every_file(project):
        yield doc.shown_as, doc.text
    for example in project.local_examples:
        yield example.shown_as, example.text


def front_matter_matches_listing(project: Project) -> Iterator[Problem]:
    """A file says it belongs to the module, and is the kind, that the curriculum lists it as."""
    for doc in _every_file(project):
        if doc.front is None:
            continue
        if doc.front.module != doc.module_id:
            yield Problem(
                doc.shown_as,
                _front_line(doc, "module"),
                f"the front matter says module `{doc.front.module}`, "
                f"but {project.listing(doc.module_id).file} lists this file under "
                f"`{doc.module_id}`",
                f"write `module: {doc.module_id}`",
            )
        if doc.front.kind != doc.kind:
            yield Problem(
                doc.shown_as,
                _front_line(doc, "kind"),
                f"the front matter says `kind: {doc.front.kind}`, but this file is the module's "
                f"{doc.kind}",
                f"write `kind: {doc.kind}`",
            )


def _front_line(doc: Document, key: str) -> int:
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def exercise_ids_are_unique(project: Project) -> Iterator[Problem]:
    """No two exercises of one module share an id (answers are saved under it)."""
    for documents in project.documents.values():
        seen: set[str] = set()
        for doc in documents:
            for exercise in doc.exercises:
                if exercise.spec is None:
                    continue
                if exercise.spec.id in seen:
                    yield Problem(
                        doc.shown_as,
                        exercise.block.body_line,
                        f"the exercise id `{exercise.spec.id}` is used twice in this module",
                        "give each exercise its own id",
                    )
                seen.add(exercise.spec.id)


def grading_fits_the_file(project: Project) -> Iterator[Problem]:
    """Only assessments grade; every graded item names the outcomes it gives evidence for."""
    for doc in _documents(project):
        module = project.module(doc.module_id)
        own = {outcome.id for outcome in module.outcomes}
        for exercise in doc.exercises:
            spec = exercise.spec
            if spec is None or not is_graded(spec):
                continue
            line = exercise.block.body_line
            if doc.kind == "lesson":
                yield Problem(
                    doc.shown_as,
                    line,
                    f"exercise `{spec.id}` has points, but lessons are not graded",
                    "remove `points` (and `outcomes`), or move the exercise to the assessment",
                )
                continue
            if not spec.outcomes:
                yield Problem(
                    doc.shown_as,
                    line,
                    f"graded exercise `{spec.id}` names no learning outcome",
                    f"add `outcomes: [{sorted(own)[0]}]`: the outcome ids it gives evidence for",
                )
            for ref in spec.outcomes:
                if ref not in own:
                    yield Problem(
                        doc.shown_as,
                        line,
                        f"exercise `{spec.id}` names the outcome `{ref}`, "
                        f"which module `{module.id}` does not have",
                        f"use one of: {', '.join(sorted(own))}",
                    )


def outcomes_are_assessed(project: Project) -> Iterator[Problem]:
    """Every learning outcome is covered by at least one graded assessment item."""
    for index, module in enumerate(project.curriculum.modules):
        covered = {
            ref
            for doc in project.documents.get(module.id, [])
            if doc.kind == "assessment"
            for exercise in doc.exercises
            if exercise.spec is not None and is_graded(exercise.spec)
            for ref in exercise.spec.outcomes
        }
        for number, outcome in enumerate(module.outcomes):
            if outcome.id not in covered:
                yield Problem(
                    *project.listings[index].at("outcomes", number, "id"),
                    f"no graded item in the assessment of `{module.id}` "
                    f"covers outcome `{outcome.id}`",
                    f"add `{outcome.id}` to the `outcomes` of a graded exercise "
                    f"in {module.assessment}",
                )


def placeholders_are_defined(project: Project) -> Iterator[Problem]:
    """Every {{ area.x }} placeholder names a key that area.yml defines."""
    if project.area is None:
        return
    for shown, text in _every_text(project):
        for placeholder in find_placeholders(text):
            try:
                lookup(project.area_values, placeholder.key)
            except UndefinedPlaceholder:
                yield Problem(
                    shown,
                    placeholder.line,
                    f"the placeholder {{{{ area.{placeholder.key} }}}} is not defined "
                    f"in {AREA_FILE.as_posix()}",
                    f"add `{placeholder.key}` to {AREA_FILE.as_posix()}, or correct the name "
                    f"(keys there: {', '.join(project.area_values)})",
                )


def placeholders_are_well_formed(project: Project) -> Iterator[Problem]:
    """Braces meant as a placeholder are one: {{ area.x }}, in small letters, closed."""
    for shown, text in _every_text(project):
        for slip in find_slips(text):
            yield Problem(shown, slip.line, slip.what, slip.fix)


def exercises_hold_no_code_fence(project: Project) -> Iterator[Problem]:
    """No ``` line inside an exercise: it cuts the exercise short, or shows trainees code."""
    for doc in _every_file(project):
        for exercise in doc.exercises:
            block = exercise.block
            for line in block.code_fences():
                early = line == block.closing_line
                yield Problem(
                    doc.shown_as,
                    line,
                    "a code fence (```) inside the exercise "
                    + (
                        "ends the exercise here, so the rest of its words are cut off"
                        if early
                        else "would show trainees a code block"
                    ),
                    "remove the ``` lines: write an example as plain words, or as a quote "
                    "(lines starting with >)",
                )


def graded_reflections_have_a_rubric(project: Project) -> Iterator[Problem]:
    """A module whose assessment has a graded reflection has a rubric.yml to mark it by."""
    for module in project.curriculum.modules:
        graded = [
            (doc, exercise)
            for doc in project.documents.get(module.id, [])
            for exercise in doc.exercises
            if isinstance(exercise.spec, Reflection) and is_graded(exercise.spec)
        ]
        rubric = project.root / module.assessment / RUBRIC_FILE
        if graded and not rubric.is_file():
            doc, exercise = graded[0]
            yield Problem(
                doc.shown_as,
                exercise.block.line,
                f"the graded reflection `{exercise.spec.id}` has no rubric to be marked by",
                f"add {module.assessment}/{RUBRIC_FILE} (see docs/authoring.md)",
            )


def facilitator_notes_have_no_exercises(project: Project) -> Iterator[Problem]:
    """Facilitator notes are for trainers to read; exercises belong in the lesson."""
    for doc in project.facilitator_notes.values():
        for exercise in doc.exercises:
            yield Problem(
                doc.shown_as,
                exercise.block.line,
                "facilitator notes cannot hold exercises",
                "move the exercise to the lesson, or describe the activity in words",
            )


def language_is_kind(project: Project) -> Iterator[Problem]:
    """No stigmatising words in anything trainees or trainers read."""
    for shown, text in _every_text(project):
        for found in find_unkind_words(text):
            yield Problem(
                shown,
                found.line,
                f'"{found.phrase}" can stigmatise the people this course is for',
                f"{found.kinder}. If the text shows it as a phrase to avoid, put it in quotes",
            )


def _read_by_trainees(project: Project) -> Iterator[tuple[str, str]]:
    """(file, text) of what trainees read, with the rest blanked so that lines still match.

    Lessons and assessments (title, content note and body), the area's own words for local
    examples, the meanings in the glossary, and the values of area.yml. Not facilitator notes.
    """
    for doc in _documents(project):
        yield doc.shown_as, read_by_trainees(doc.text)
    for example in project.local_examples:
        yield example.shown_as, example.text
    if project.glossary_text:
        yield GLOSSARY, yaml_words(project.glossary_text, ("meaning",))
    area = project.root / AREA_FILE
    if project.area is not None and area.is_file():
        yield AREA, yaml_words(area.read_text(encoding="utf-8").split("\nmodules:", 1)[0])


def short_forms_are_explained(project: Project) -> Iterator[Problem]:
    """Every short form a trainee reads (CHIME, SCQF) is in the glossary; once per file."""
    explained = explained_short_forms(project.glossary)
    for shown, text in _read_by_trainees(project):
        named: set[str] = set()
        for form in short_forms(text):
            if form.word in named or is_explained(form.word, explained):
                continue
            named.add(form.word)
            yield Problem(
                shown,
                form.line,
                f'the short form "{form.word}" is not in the glossary, so trainees may not '
                "know what it means",
                f"add it to {GLOSSARY} with its meaning in plain words and a source, or write "
                "it out in full (a word in capitals for emphasis can go in lower case)",
            )


#: The cross-file rules, in the order their problems are most useful to read.
RULES: list[Callable[[Project], Iterator[Problem]]] = [
    listed_files_exist,
    folders_on_disk_are_listed,
    ids_are_unique,
    values_and_competencies_are_known,
    front_matter_matches_listing,
    exercise_ids_are_unique,
    grading_fits_the_file,
    outcomes_are_assessed,
    placeholders_are_defined,
    placeholders_are_well_formed,
    exercises_hold_no_code_fence,
    graded_reflections_have_a_rubric,
    facilitator_notes_have_no_exercises,
    language_is_kind,
    short_forms_are_explained,
    *AREA_RULES,
]
