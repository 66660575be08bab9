"""`peer2peer check` rules about an area's own files: FIXME notes and local examples."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from peer2peer.curriculum.fixmes import area_owned_files, find_fixmes
from peer2peer.curriculum.local_examples import EXAMPLES_FOLDER, find_examples
from peer2peer.curriculum.myst import UnclosedFence
from peer2peer.curriculum.problems import Problem
from peer2peer.curriculum.project import Project
from peer2peer.curriculum.schema import ID_PATTERN


def fixme_notes_are_gone(project: Project) -> Iterator[Problem]:
    """No line of area.yml, or of a file under local/, still carries a FIXME note."""
    for path in area_owned_files(project.root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # loading has said so already
        for fixme in find_fixmes(text, markdown=path.suffix == ".md"):
            what = f"`{fixme.key}` is not filled in yet" if fixme.key else "a FIXME note is here"
            hint = fixme.hint.rstrip(".") or "say what your area needs here"
            yield Problem(
                project.shown(path),
                fixme.line,
                what,
                f"{hint}: fill this in, then delete the `{fixme.marker}` note",
            )


def local_examples_are_sound(project: Project) -> Iterator[Problem]:
    """Each local-example fence is closed, has its own id in its file and holds no exercise.

    The lesson and the facilitator notes may share an id: the area's words then go in both.
    """
    for module in project.curriculum.modules:
        for doc in _module_files(project, module.id):
            seen: set[str] = set()
            try:
                blocks = find_examples(doc.text)
            except UnclosedFence as error:
                fix = "close it with a line of three backticks"
                yield Problem(
                    doc.shown_as, error.line, "a local-example fence is never closed", fix
                )
                continue
            for block in blocks:
                if not ID_PATTERN.match(block.id):
                    yield Problem(
                        doc.shown_as,
                        block.line,
                        f"the local example id `{block.id}` is not a valid id",
                        "write one after {local-example}, in lower-case letters, digits "
                        "and hyphens, like peer-roles-here",
                    )
                elif block.id in seen:
                    yield Problem(
                        doc.shown_as,
                        block.line,
                        f"the local example id `{block.id}` is used twice in this file",
                        "give each local example its own id",
                    )
                seen.add(block.id)
                if "{exercise}" in block.text:
                    yield Problem(
                        doc.shown_as,
                        block.line,
                        "a local example cannot hold an exercise",
                        "move the exercise out of the local-example block",
                    )


def local_examples_have_a_place(project: Project) -> Iterator[Problem]:
    """Each file under local/examples names a module of the course and one of its examples."""
    known = {module.id: _example_ids(project, module.id) for module in project.curriculum.modules}
    with_examples = [module_id for module_id, ids in known.items() if ids]
    for example in project.local_examples:
        ids = known.get(example.module_id)
        if ids is None:
            yield Problem(
                example.shown_as,
                1,
                f"this local example is for module `{example.module_id}`, "
                "which is not in the course",
                f"move it to the folder of a module with local examples, under "
                f"{EXAMPLES_FOLDER.as_posix()}/: {', '.join(with_examples) or 'none yet'}",
            )
        elif example.example_id not in ids:
            where = (
                f"name the file after one of them: {', '.join(f'{i}.md' for i in sorted(ids))}"
                if ids
                else f"modules with local examples: {', '.join(with_examples) or 'none yet'}"
            )
            yield Problem(
                example.shown_as,
                1,
                f"module `{example.module_id}` has no local example `{example.example_id}`",
                f"{where} (each is a ```{{local-example}} ID``` block in the module's files)",
            )
        if "{exercise}" in example.text:
            yield Problem(
                example.shown_as,
                1,
                "a local example cannot hold an exercise",
                "keep exercises in the lesson; a local example is text only",
            )


def _module_files(project: Project, module_id: str) -> list:
    """A module's lesson, assessments and facilitator notes, as loaded."""
    notes = project.facilitator_notes.get(module_id)
    return [*project.documents.get(module_id, []), *([notes] if notes else [])]


def _example_ids(project: Project, module_id: str) -> set[str]:
    ids = set()
    for doc in _module_files(project, module_id):
        with contextlib.suppress(UnclosedFence):  # local_examples_are_sound says so
            ids.update(block.id for block in find_examples(doc.text))
    return ids


#: The area's rules, run by `peer2peer check` after the curriculum's own.
AREA_RULES: list[Callable[[Project], Iterator[Problem]]] = [
    fixme_notes_are_gone,
    local_examples_are_sound,
    local_examples_have_a_place,
]
