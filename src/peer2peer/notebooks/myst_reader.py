"""Read a lesson's MyST text into a notebook with jupytext, its front matter read by libyaml.

jupytext reads the front matter with PyYAML's pure-Python loader: a fifth of the time a
build spent reading lessons. When jupytext would find exactly the front matter that
`myst.split_front_matter` finds, the body goes to jupytext alone and the front matter to
libyaml's loader (the same YAML rules, in C). In any doubt, jupytext reads the whole text.
"""

from __future__ import annotations

import nbformat
import yaml
from jupytext.myst import myst_to_notebook

from peer2peer.curriculum import myst

OPENING = "---\n"


def read_myst_notebook(text: str) -> nbformat.NotebookNode:
    """The notebook jupytext's MyST reader makes of `text`, front matter as its metadata."""
    front = myst.split_front_matter(text)
    if front is None or not _split_as_jupytext_would(text, front):
        return myst_to_notebook(text)
    try:
        metadata = yaml.load(front.yaml, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return myst_to_notebook(text)  # which says what is wrong, as jupytext does
    nb = myst_to_notebook(front.body)
    nb.metadata = nbformat.from_dict(metadata)
    return nb


def _split_as_jupytext_would(text: str, front: myst.FrontMatter) -> bool:
    """True when jupytext's front matter is this one, and its body reads the same alone.

    jupytext (markdown-it's front matter rule) ends front matter at the first line of three
    or more dashes, or of three dots, so no such line may stand inside it; the body must not
    start with a dash (alone, it would be read as front matter itself); its lines must end
    the way markdown-it ends lines; and code cells, whose language jupytext notes in the
    metadata, and carriage returns send the text the long way.
    """
    yaml_lines = front.yaml.splitlines()
    return (
        text.startswith(OPENING)
        and text[len(OPENING) + len(front.yaml) :].startswith(OPENING)
        and bool(yaml_lines)
        and front.yaml.count("\n") == len(yaml_lines)  # no other line break inside
        and not any(line.lstrip().startswith(("---", "...")) for line in yaml_lines)
        and not front.body.startswith("-")
        and "\r" not in text
        and "{code-cell}" not in text
    )
