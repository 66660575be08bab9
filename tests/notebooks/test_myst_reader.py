"""Lessons read with their front matter by libyaml make the notebook jupytext makes alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from jupytext.myst import MystMetadataParsingError, myst_to_notebook
from nbformat import NotebookNode
from support import REPO

from peer2peer.curriculum import myst
from peer2peer.notebooks.myst_reader import _split_as_jupytext_would, read_myst_notebook

LESSONS = sorted([*REPO.glob("modules/*/*.md"), *REPO.glob("assessments/*/*.md")])
FRONT = "---\nmodule: 01-alpha\nkind: lesson\ntitle: Alpha\nsources: []\n---\n"
BODY = "# Alpha\n\nSome words.\n\n+++\n\nMore words.\n"


def _without_ids(nb: NotebookNode) -> NotebookNode:
    for cell in nb.cells:
        cell.pop("id", None)  # random until the build names each cell
    return nb


def _read(reader: Callable[[str], NotebookNode], text: str) -> NotebookNode | type:
    """The notebook without cell ids, or the kind of error the reader raised."""
    try:
        return _without_ids(reader(text))
    except Exception as error:  # noqa: BLE001 - what matters is that both fail alike
        return type(error)


def _same_as_jupytext(text: str) -> None:
    assert _read(read_myst_notebook, text) == _read(myst_to_notebook, text)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_lesson_reads_as_jupytext_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    front = myst.split_front_matter(text)
    assert front is not None and _split_as_jupytext_would(text, front)  # the quick way
    _same_as_jupytext(text)


@pytest.mark.parametrize(
    "text",
    [
        FRONT + BODY,
        FRONT.replace("title:", "...\ntitle:") + BODY,  # three dots end jupytext's front matter
        FRONT.replace("\n---\n", "\n----\n") + BODY,  # so do four dashes
        FRONT.replace("title:", "  ---\ntitle:") + BODY,
        FRONT + "---\nx: 1\n---\n" + BODY,  # a body that starts like front matter
        FRONT + "- a list first\n" + BODY,
        (FRONT + BODY).replace("\n", "\r\n"),
        FRONT.replace("title: Alpha", "title: Alpha\u2028beta") + BODY,
        FRONT + BODY + "```{code-cell} python\nx = 1\n```\n",
        "---\n---\n" + BODY,
        BODY,
    ],
)
def test_a_text_in_any_doubt_still_reads_as_jupytext_reads_it(text: str) -> None:
    _same_as_jupytext(text)


def test_front_matter_that_is_not_yaml_is_reported_as_jupytext_reports_it() -> None:
    with pytest.raises(MystMetadataParsingError):
        read_myst_notebook(FRONT.replace("title: Alpha", "title: [Alpha") + BODY)
