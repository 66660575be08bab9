"""Our Voila template: its name, its source, and writing it where a server reads it.

The template is Voila's own "lab" template without third-party fonts (`voila_template/`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: Our Voila template (Voila's own "lab" template, without third-party fonts), shipped here.
TEMPLATE_SOURCE = Path(__file__).resolve().parent / "voila_template"
TEMPLATE = "peer2peer"


def write_template(target: Path) -> Path:
    """Write our template into `target`, a folder Voila looks in for templates.

    Its `static` folder, served as it is, starts empty: a page server puts its
    answer-when-ready file there (`serve.prepare_private`).
    """
    shutil.copytree(TEMPLATE_SOURCE, target)
    (target / "static").mkdir()
    return target
