"""Build the whole curriculum into an nbgrader course, rebuilding only modules that changed."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4.rwbase import split_lines

from peer2peer.curriculum import myst, placeholders
from peer2peer.curriculum.check import find_problems
from peer2peer.curriculum.local_examples import swap_examples
from peer2peer.curriculum.problems import ProblemsFound
from peer2peer.curriculum.project import Project, load_project
from peer2peer.notebooks import nbgrader_course
from peer2peer.notebooks.cohort_kit import write_kit
from peer2peer.notebooks.steps import GLOSSARY_PAGE, Context, build_notebook
from peer2peer.shared.answers import SUFFIX

STATE_FILE = ".peer2peer-build.json"
FACILITATOR_FOLDER = "facilitator"  # beside source/ and release/; never released to trainees
_PACKAGE = Path(__file__).resolve().parents[1]


@dataclass
class BuildReport:
    """What a build did: modules built, modules reused unchanged, and seconds per module."""

    course: Path
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def build_course(root: Path, course: Path, force: bool = False) -> BuildReport:
    """Check the project at `root`, then write source/ and release/ of the course at `course`.

    Raises ProblemsFound, and writes nothing, when `peer2peer check` would fail.
    """
    project = load_project(root)
    problems = find_problems(project)
    if problems:
        raise ProblemsFound(problems)
    course = course.resolve()
    nbgrader_course.write_config(course)
    state_path = course / STATE_FILE
    state = json.loads(state_path.read_text()) if state_path.exists() and not force else {}
    report = BuildReport(course)
    for module in project.curriculum.modules:
        key = fingerprint(project, module.id)
        released = course / "release" / module.id
        if state.get(module.id) == key and released.is_dir():
            report.unchanged.append(module.id)
            continue
        started = time.perf_counter()
        state.pop(module.id, None)
        with answers_kept(course, [course / "source" / module.id, released]):
            _write_sources(project, course, module.id)
            nbgrader_course.generate_assignment(course, module.id)
        state[module.id] = key
        state_path.write_text(json.dumps(state, indent=1, sort_keys=True))
        report.built.append(module.id)
        report.seconds[module.id] = time.perf_counter() - started
    listed = {module.id for module in project.curriculum.modules}
    for stale in sorted(set(state) - listed):
        folders = [course / part / stale for part in ("source", "release")]
        with answers_kept(course, folders):
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)
        state.pop(stale)
        report.removed.append(stale)
    state_path.write_text(json.dumps(state, indent=1, sort_keys=True))
    write_facilitator_notes(project, course)
    (course / GLOSSARY_PAGE).write_text(glossary_page(project), encoding="utf-8")
    write_kit(project, course)
    return report


@contextlib.contextmanager
def answers_kept(course: Path, folders: list[Path]) -> Iterator[None]:
    """Keep the answers files in `folders` safe while the folders are replaced or removed.

    Someone may have tried a lesson on the built notebooks (as the README shows), and their
    answers are saved beside them. They are moved aside (inside the course, under their own
    path) and put back afterwards, even if the build fails. Kept aside, they are also not
    copied into the release by nbgrader, so no one's answers reach a trainee's copy.
    """
    found = [
        path
        for folder in folders
        for path in (sorted(folder.rglob("*")) if folder.is_dir() else [])
        if _is_answers(path)
    ]
    if not found:  # as in most builds: nothing to keep
        yield
        return
    aside = Path(tempfile.mkdtemp(prefix=".answers-kept-", dir=course))
    moved = []
    for path in found:
        kept = aside / path.relative_to(course)
        kept.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, kept)
        moved.append((path, kept))
    try:
        yield
    finally:
        for path, kept in moved:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(kept, path)
        shutil.rmtree(aside)


def _is_answers(path: Path) -> bool:
    """An answers file, or a damaged one the trainee's page kept aside (answers.ResponseStore)."""
    is_file = path.is_file() or path.is_symlink()
    return is_file and (path.name.endswith(SUFFIX) or ".responses.damaged-" in path.name)


def glossary_page(project: Project) -> str:
    """The glossary as a page of its own: every term and its plain meaning, A to Z."""
    lines = [
        "# Words used in this course",
        "",
        "Short forms and special words you meet in the lessons, in plain words. "
        "Each one says where its meaning comes from.",
    ]
    letter = ""
    for entry in sorted(project.glossary.terms, key=lambda e: e.term.casefold()):
        first = entry.term[:1].upper() if entry.term[:1].isalpha() else "#"
        if first != letter:
            letter = first
            lines += ["", f"## {'Numbers' if letter == '#' else letter}"]
        lines += ["", f"**{entry.term}**: {entry.meaning}", "", f"*Source: {entry.source}*"]
    return "\n".join(lines) + "\n"


def write_facilitator_notes(project: Project, course: Path) -> None:
    """Write each module's facilitator notes, with the area's values filled in, for trainers."""
    folder = course / FACILITATOR_FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for module_id, notes in project.facilitator_notes.items():
        front = myst.split_front_matter(notes.text)
        assert front is not None and notes.front is not None  # the check passed
        sources = "".join(
            f"- {source.cite}" + (f" <{source.url}>" if source.url else "") + "\n"
            for source in notes.front.sources
        )
        body = swap_examples(front.body, project.own_words(module_id))
        text = placeholders.fill(body, project.area_values).strip() + "\n"
        if sources:
            text += f"\n## Sources\n\n{sources}"
        (folder / f"{module_id}.md").write_text(text, encoding="utf-8")


def _write_sources(project: Project, course: Path, module_id: str) -> None:
    """Write one module's source notebooks, replacing whatever was there."""
    folder = course / "source" / module_id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    explained: set[str] = set()  # a term explained in the lesson is not explained again
    for document in project.documents[module_id]:
        context = Context(
            document, project.area_values, project.own_words(module_id), project.glossary
        )
        context.explained = explained
        write_notebook(build_notebook(context), folder / f"{document.notebook_name}.ipynb")
    if project.glossary.terms:  # released beside the module's pages, for trainees to open
        (folder / GLOSSARY_PAGE).write_text(glossary_page(project), encoding="utf-8")


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write a notebook the build has just made, byte for byte as `nbformat.write` would.

    Without nbformat's two extra costs, which a full build paid on every notebook: a deep
    copy (the build throws its notebook away after writing it, so its sources are split into
    lines in place), and a validation that only logs (nbgrader validates each notebook as it
    reads it moments later, and fails the build if it is not valid).
    """
    text = json.dumps(
        split_lines(nb), indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False
    )
    path.write_text(text + "\n", encoding="utf-8")


def fingerprint(project: Project, module_id: str) -> str:
    """A hash of everything a module's notebooks are made from: text, area, listing, builder."""
    digest = hashlib.sha256()
    digest.update(project.module(module_id).model_dump_json().encode())
    digest.update(json.dumps(project.area_values, sort_keys=True).encode())
    digest.update(json.dumps(project.own_words(module_id), sort_keys=True).encode())
    digest.update(project.glossary.model_dump_json().encode())
    for document in project.documents[module_id]:
        digest.update(document.path.name.encode())
        digest.update(document.text.encode())
    digest.update(_builder_fingerprint().encode())
    return digest.hexdigest()


@functools.cache
def _builder_fingerprint() -> str:
    """A hash of the package's own code, so a new builder rebuilds everything once."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()
